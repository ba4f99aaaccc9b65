/**
 * The editing half of the HTTP API (SPEC "Documents, editing, history,
 * people"), with the signed-in user's token. Every edit carries the revision
 * the client holds as `If-Match`, so the server can refuse an edit made on a
 * state that has changed under it (409, with the current state).
 */
import type { SerializedGraph } from "graphology-types";
import type { ClaimKind } from "../api.js";
import { authHeaders } from "../auth.js";
import { readErrorBody } from "../../../contract/errors.js";

export { session } from "../auth.js";

// The workbench's wire shapes (SPEC "Documents, editing, history, people").
export type Role = "reader" | "analyst" | "admin";
/** `GET /api/me`: both null for an anonymous visitor. */
export interface Me {
  name: string | null;
  role: Role | null;
}

/** A refused request: the server's status, code and message, and for 409 the state it holds now. */
export class EditError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> | null,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, options: { body?: unknown; ifMatch?: string | null } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...authHeaders() };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.ifMatch) headers["If-Match"] = `"${options.ifMatch}"`;
  const res = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    // Revalidate with the ETag: after an edit the same URL answers differently.
    cache: "no-cache",
  });
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const error = readErrorBody(body, { code: "http_error", message: `${res.status} ${res.statusText}` });
    throw new EditError(res.status, error.code, error.message, typeof body === "object" ? (body as Record<string, unknown> | null) : null);
  }
  return body as T;
}

const m = (map: string) => `/api/maps/${encodeURIComponent(map)}`;
const enc = encodeURIComponent;

export interface ClaimInput {
  id?: string;
  kind: ClaimKind;
  text: string;
  start: number;
  end: number;
  speaker?: string | null;
  cites?: number[];
  mentions?: string[];
}
export type ClaimPatch = Partial<ClaimInput>;
export type RelationType = "SUPPORTS" | "ATTACKS" | "UNDERCUTS";
export interface RelationInput {
  type: RelationType;
  source: string;
  target: string;
  inference?: string;
  quote?: string;
}

export interface EditedClaim {
  id: string;
  kind: ClaimKind;
  text: string;
  quote: string;
  start: number;
  end: number;
  citations: number[];
  speaker: string | null;
  mentions: string[];
}
export interface Relation {
  key: string;
  type: RelationType;
  source: string;
  target: string;
  inference: string | null;
  quote: string | null;
}
/** What one operation changed: each touched claim or relation after it (null: removed). */
export interface Changes {
  claims: Record<string, EditedClaim | null>;
  relations: Record<string, Relation | null>;
}
export interface Op {
  type: string;
  claim?: string;
  into?: string;
  key?: string;
  revision?: string;
  status?: string;
}
export interface Revision {
  seq: number;
  revision: string;
  parent: string | null;
  user: string;
  at: string;
  op: Op;
}
/** One event of the map's stream; `changes` is null for whole-map operations (a load, some restores). */
export interface OpEvent extends Revision {
  changes: Changes | null;
}
/** The 409 of an edit: the current state of what it touched. */
export interface Conflict {
  revision: string;
  claims: Record<string, EditedClaim | null>;
  relations: Record<string, Relation | null>;
}
type Label = "in" | "out" | "undec";
type Totals = { claims: number; cited: number; uncited: number; ratio: number };
export interface Diff {
  from: string;
  to: string;
  claims: { added: EditedClaim[]; removed: EditedClaim[]; changed: { id: string; before: EditedClaim; after: EditedClaim; fields: string[] }[] };
  relations: { added: Relation[]; removed: Relation[]; changed: { key: string; before: Relation; after: Relation }[] };
  coverage: { from: Totals; to: Totals };
  evaluation: { semantics: string; changed: { claim: string; from: Label | null; to: Label | null }[] };
}
export interface Access {
  map: string;
  visibility: "public" | "private";
  owner: string | null;
  members: string[];
}

export const editApi = {
  me: () => call<Me>("GET", "/api/me"),
  graph: (map: string) => call<SerializedGraph>("GET", `${m(map)}/graph`),
  createClaim: (map: string, claim: ClaimInput, ifMatch: string | null) =>
    call<{ claim: EditedClaim; revision: string }>("POST", `${m(map)}/claims`, { body: claim, ifMatch }),
  patchClaim: (map: string, id: string, patch: ClaimPatch, ifMatch: string | null) =>
    call<{ claim: EditedClaim; revision: string }>("PATCH", `${m(map)}/claims/${enc(id)}`, { body: patch, ifMatch }),
  deleteClaim: (map: string, id: string, ifMatch: string | null) => call<{ revision: string }>("DELETE", `${m(map)}/claims/${enc(id)}`, { ifMatch }),
  mergeClaim: (map: string, id: string, into: string, ifMatch: string | null) =>
    call<{ claim: EditedClaim; revision: string }>("POST", `${m(map)}/claims/${enc(id)}/merge`, { body: { into }, ifMatch }),
  createRelation: (map: string, relation: RelationInput, ifMatch: string | null) =>
    call<{ key: string; revision: string }>("POST", `${m(map)}/relations`, { body: relation, ifMatch }),
  deleteRelation: (map: string, key: string, ifMatch: string | null) => call<{ revision: string }>("DELETE", `${m(map)}/relations/${enc(key)}`, { ifMatch }),
  /** Undoes the operation that made `revision` (redo: undo the undo); a new revision either way. */
  undo: (map: string, revision: string) => call<{ revision: string }>("POST", `${m(map)}/undo`, { body: { revision } }),
  history: (map: string) => call<{ revisions: Revision[] }>("GET", `${m(map)}/history`),
  diff: (map: string, from: string, to: string) => call<Diff>("GET", `${m(map)}/diff?from=${enc(from)}&to=${enc(to)}`),
  restore: (map: string, revision: string) => call<{ revision: string }>("POST", `${m(map)}/restore`, { body: { revision } }),
  access: (map: string) => call<Access>("GET", `${m(map)}/access`),
  share: (map: string, access: { visibility: "public" | "private"; members: string[] }) => call<Access>("PUT", `${m(map)}/access`, { body: access }),
};
