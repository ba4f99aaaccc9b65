// The one contract between server, client, CLI and tests.
export * from "./model.js";
export * from "./keys.js";
export * as schemas from "./schemas.js"; // zod objects named like the model's types
export * from "./graph.js";
export * from "./coverage.js";
export * from "./graphml.js";
export * from "./errors.js";
export * from "./figures.js";
