export { aifToSeed, looksLikeAif, toAif } from "./aif.js";
export { argdownToSeed, toArgdown } from "./argdown.js";
export { toOwnJson } from "./own-json.js";
export { renderExport, type ExportFormat } from "./export.js";
