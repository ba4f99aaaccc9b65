export * from "./framework.js";
export * from "./formats.js";
export { groundedLabelling } from "./grounded.js";
export { maximalSets, searchLabellings } from "./labellings.js";
export * from "./solve.js";
