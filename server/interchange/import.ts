/**
 * Every import format → a validated map and its loss report. Shared by POST /api/maps and
 * `argmap load`, so both read a file the same way and report its problems at the user's own
 * lines, columns or node ids.
 */
import path from "node:path";
import type { MapData } from "../../contract/model.js";
import { BadRequestError } from "../errors.js";
import { canonicalRevision, parseSeed } from "../import/seed.js";
import { aifToMap, looksLikeAif } from "./aif.js";
import { argdownToMap } from "./argdown.js";
import { kialoToMap, looksLikeKialo } from "./kialo.js";
import type { LossReport } from "./origins.js";

export const IMPORT_FORMATS = ["seed", "json", "aif", "argdown", "kialo"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportRequest {
  body: string;
  /** Shown in messages: "request body" or the file's path. */
  where: string;
  /** Content-Type (HTTP) or null to go by the file name (CLI). */
  contentType: string | null;
  fileName?: string;
  /** Map id and title to use instead of (or where the file has none) the file's own. */
  id?: string;
  title?: string;
  readSource?: (relativePath: string) => string;
}

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];
const ARGDOWN_TYPES = ["text/x-argdown", "text/argdown", "text/markdown"];
/** What POST /api/maps reads, for its messages and the OpenAPI document. */
export const IMPORT_TYPES = "application/yaml (seed), application/json (argmap JSON, AIFdb JSON or OVA's xAIF), text/x-argdown, text/x-kialo (Kialo's discussion export; also recognised as text/plain)";

/** The format of a body: by Content-Type, else by file name, else by content. */
export function detectFormat(request: Pick<ImportRequest, "body" | "contentType" | "fileName">): ImportFormat | null {
  const type = request.contentType;
  const name = (request.fileName ?? "").toLowerCase();
  const json = () => {
    try {
      return looksLikeAif(JSON.parse(request.body)) ? "aif" : "json";
    } catch {
      return "json"; // reported as invalid JSON by the reader
    }
  };
  if (type === "application/json") return json();
  if (type && YAML_TYPES.includes(type)) return "seed";
  if (type && ARGDOWN_TYPES.includes(type)) return "argdown";
  if (type === "text/x-kialo") return "kialo";
  if (type === "text/plain" || !type) {
    if (/\.(ya?ml)$/.test(name)) return "seed";
    if (/\.json$/.test(name)) return json();
    if (/\.(argdown|ad|md)$/.test(name)) return "argdown";
    // Plain text: Kialo's export if it reads like one, else Argdown, the text format we read.
    if (looksLikeKialo(request.body)) return "kialo";
    if (/\.txt$/.test(name) || type === "text/plain") return "argdown";
    return null;
  }
  return null;
}

/** The map's id when the file does not carry one: from the file name (`x.argdown` → `x`). */
const idFromFileName = (fileName?: string) =>
  fileName ? path.basename(fileName).replace(/(\.argmap|\.aif|\.xaif|\.kialo)?\.(ya?ml|json|argdown|ad|md|txt)$/i, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || undefined : undefined;

export function importMap(request: ImportRequest): { data: MapData; warnings: LossReport; format: ImportFormat } {
  if (!request.body.trim()) throw new BadRequestError(`${request.where} is empty; send a map as ${IMPORT_TYPES}`);
  const format = detectFormat(request);
  if (!format) {
    throw new BadRequestError(
      `Content-Type "${request.contentType || "(none)"}" is not a map format; use ${IMPORT_TYPES}`,
    );
  }
  const fromName = idFromFileName(request.fileName);
  const override = (data: MapData): MapData => ({ ...data, map: { ...data.map, id: request.id ?? data.map.id, title: request.title ?? data.map.title } });
  switch (format) {
    case "seed":
    case "json": {
      if (format === "json") {
        try {
          JSON.parse(request.body);
        } catch (err) {
          throw new BadRequestError(`${request.where}: not valid JSON (${(err as Error).message})`);
        }
      }
      // The project's JSON is YAML too, so its lines stay meaningful.
      const data = parseSeed({ text: request.body, file: request.where, readSource: request.readSource });
      return { data: request.id || request.title ? recomputed(override(data)) : data, warnings: [], format };
    }
    case "aif": {
      const { data, warnings } = aifToMap(JSON.parse(request.body), { id: request.id, title: request.title, fileId: fromName }, request.where);
      return { data, warnings, format };
    }
    case "kialo": {
      const { data, warnings } = kialoToMap(request.body, { id: request.id, title: request.title, fileId: fromName }, request.where);
      return { data, warnings, format };
    }
    case "argdown": {
      const { data, warnings } = argdownToMap(request.body, { id: request.id, title: request.title, fileId: fromName }, request.where);
      return { data, warnings, format };
    }
  }
}

function recomputed(data: MapData): MapData {
  const { revision: _old, ...rest } = data;
  return { ...rest, revision: canonicalRevision(rest) };
}
