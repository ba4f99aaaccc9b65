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
import type { LossReport } from "./origins.js";

export const IMPORT_FORMATS = ["seed", "json", "aif", "argdown"] as const;
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
  if (type === "text/plain" || !type) {
    if (/\.(ya?ml)$/.test(name)) return "seed";
    if (/\.json$/.test(name)) return json();
    if (/\.(argdown|ad|md)$/.test(name)) return "argdown";
    if (type === null && !name) return null;
    // Text without a telling name: Argdown is the text format we read.
    return type === "text/plain" ? "argdown" : null;
  }
  return null;
}

/** The map's id when the file does not carry one: from the file name (`x.argdown` → `x`). */
const idFromFileName = (fileName?: string) =>
  fileName ? path.basename(fileName).replace(/(\.argmap)?\.(ya?ml|json|argdown|ad|md|txt|aif\.json|xaif\.json)$/i, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || undefined : undefined;

export function importMap(request: ImportRequest): { data: MapData; warnings: LossReport; format: ImportFormat } {
  if (!request.body.trim()) throw new BadRequestError(`${request.where} is empty; send a map as application/yaml, application/json or text/x-argdown`);
  const format = detectFormat(request);
  if (!format) {
    throw new BadRequestError(
      `Content-Type "${request.contentType || "(none)"}" is not a map format; use application/yaml (seed), application/json (AIF, xAIF or argmap JSON) or text/x-argdown`,
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
