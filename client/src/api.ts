/** The HTTP API, typed as the server's OpenAPI document describes it. */
import type { SerializedGraph } from "graphology-types";
import { authHeaders } from "./auth.js";

import type { z } from "zod";
// Wire shapes come from the one contract (type-only: zod itself is not bundled into the client).
import type * as wire from "../../contract/schemas.js";
import type { Citation, Claim, ClaimKind, Entity, Label } from "../../contract/model.js";

import { readErrorBody } from "../../contract/errors.js";

export { CLAIM_KINDS, PROPOSAL_KINDS, PROPOSAL_READINGS } from "../../contract/model.js";
export type { Citation, Claim, ClaimKind, Entity, Label };
/** The editors' report; a map made from a document adds its sentence totals and sentence-level findings. */
export type CoverageReport = z.infer<typeof wire.Coverage>;
export type Finding = CoverageReport["findings"][number];
export type Evaluation = z.infer<typeof wire.Evaluation>;
export type ClaimDetail = z.infer<typeof wire.ClaimDetail>;
export type Subgraph = z.infer<typeof wire.Subgraph>;
export type MapSummary = z.infer<typeof wire.MapSummary>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Tries of a GET answered 503 (Neo4j restarting or past its deadline under load), and the longest pause. */
const TRIES_ON_503 = 4;
const MAX_PAUSE_MS = 5000;

async function get<T>(path: string): Promise<T> {
  let res = await fetch(path, { headers: { Accept: "application/json", ...authHeaders() } });
  // The server says "retry shortly" (503 with Retry-After): a read is safe to repeat, so the page
  // does that itself rather than leaving the map unloaded until the user reloads.
  for (let attempt = 1; res.status === 503 && attempt < TRIES_ON_503; attempt++) {
    const after = Number(res.headers.get("Retry-After"));
    await new Promise((r) => setTimeout(r, Math.min(MAX_PAUSE_MS, Number.isFinite(after) && after > 0 ? after * 1000 : 1000 * attempt)));
    res = await fetch(path, { headers: { Accept: "application/json", ...authHeaders() } });
  }
  if (!res.ok) {
    const error = readErrorBody(await res.json().catch(() => null), { code: "http_error", message: `${res.status} ${res.statusText}` });
    throw new ApiError(res.status, error.code, error.message);
  }
  return (await res.json()) as T;
}

const m = (map: string) => `/api/maps/${encodeURIComponent(map)}`;

export const api = {
  maps: () => get<{ maps: MapSummary[] }>("/api/maps"),
  graph: (map: string) => get<SerializedGraph>(`${m(map)}/graph`),
  mapText: (map: string) => get<{ id: string; title: string; text: string }>(`${m(map)}/text`),
  search: (map: string, q: string) => get<{ claims: Claim[] }>(`${m(map)}/claims?q=${encodeURIComponent(q)}`),
  claim: (map: string, id: string) => get<ClaimDetail>(`${m(map)}/claims/${encodeURIComponent(id)}`),
  support: (map: string, id: string, depth = 10) => get<Subgraph>(`${m(map)}/claims/${encodeURIComponent(id)}/support?depth=${depth}`),
  attack: (map: string, id: string, depth = 10) => get<Subgraph>(`${m(map)}/claims/${encodeURIComponent(id)}/attack?depth=${depth}`),
  evaluation: (map: string, semantics: string, without: string[]) =>
    get<Evaluation>(`${m(map)}/evaluation?semantics=${encodeURIComponent(semantics)}${without.length ? `&without=${without.map(encodeURIComponent).join(",")}` : ""}`),
  coverage: (map: string) => get<CoverageReport>(`${m(map)}/coverage`),
  paths: (map: string, from: string, to: string, max = 50) =>
    get<{ paths: string[][] }>(`${m(map)}/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&max=${max}`),
};
