/** The documents half of the HTTP API (SPEC "Documents, editing, history, people"), with the signed-in user's token. */
import type { z } from "zod";
import type * as wire from "../../../contract/schemas.js";
import { readErrorBody } from "../../../contract/errors.js";
import { authHeaders } from "../auth.js";
import { ApiError } from "../api.js";

export type DocumentCreated = z.infer<typeof wire.DocumentCreated>;
export type Suggestion = z.infer<typeof wire.Suggestion>;
export type MapInfo = z.infer<typeof wire.MapInfoResult>;
export type MapPatch = { title?: string; author?: string | null; date?: string | null; venue?: string | null };

async function call<T>(method: string, path: string, body?: { bytes: BodyInit; type: string }): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { Accept: "application/json", ...authHeaders(), ...(body ? { "Content-Type": body.type } : {}) },
    body: body?.bytes,
    cache: "no-cache",
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = readErrorBody(json, { code: "http_error", message: `${res.status} ${res.statusText}` });
    throw new ApiError(res.status, error.code, error.message);
  }
  return json as T;
}

const m = (map: string) => `/api/maps/${encodeURIComponent(map)}`;

export const intakeApi = {
  /** A new map from a document; `type` says how to read it (the server also recognises a PDF by its bytes). */
  newMap: (bytes: BodyInit, type: string, title?: string) =>
    call<DocumentCreated>("POST", `/api/documents${title ? `?title=${encodeURIComponent(title)}` : ""}`, { bytes, type }),
  patchMap: (map: string, patch: MapPatch) => call<MapInfo>("PATCH", m(map), { bytes: JSON.stringify(patch), type: "application/json" }),
  sentences: (map: string) => call<{ sentences: { start: number; end: number; markers: number[] }[] }>("GET", `${m(map)}/sentences`),
  suggestions: (map: string) => call<{ suggestions: Suggestion[] }>("GET", `${m(map)}/suggestions`),
  dismiss: (map: string, id: string) => call<{ id: string; status: string }>("POST", `${m(map)}/suggestions/${encodeURIComponent(id)}/dismiss`),
};
