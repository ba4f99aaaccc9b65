export { aifToMap, looksLikeAif, toAif } from "./aif.js";
export { argdownToMap, toArgdown } from "./argdown.js";
export { importMap, detectFormat, IMPORT_FORMATS, type ImportFormat } from "./import.js";
export { toOwnJson } from "./own-json.js";
export { renderExport, type ExportFormat } from "./export.js";
