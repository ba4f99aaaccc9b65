/**
 * The editing half of the HTTP API (SPEC "Documents, editing, history,
 * people"), with the signed-in user's token. Every edit carries the revision
 * the client holds as `If-Match`, so the server can refuse an edit made on a
 * state that has changed under it (409, with the current state).
 */
import type { SerializedGraph } from "graphology-types";
import { authHeaders } from "../auth.js";
import { readErrorBody } from "../../../contract/errors.js";
import type { z } from "zod";
import type * as wire from "../../../contract/schemas.js";

export { session } from "../auth.js";

// The workbench's wire shapes (SPEC "Documents, editing, history, people").
export type Role = wire.Role;
/** `GET /api/me`: both null for an anonymous visitor. */
export type Me = z.infer<typeof wire.WhoAmI>;

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

// Wire shapes come from the one contract (type-only: zod itself is not bundled into the client).
export type ClaimInput = z.input<typeof wire.ClaimCreateBody>;
export type ClaimPatch = Partial<ClaimInput>;
export type RelationType = wire.RelationType;
export type RelationInput = z.input<typeof wire.RelationCreateBody>;
export type EditedClaim = wire.EditedClaim;
export type Relation = wire.Relation;
/** What one operation changed: each touched claim or relation after it (null: removed), and the document's details when they changed. */
export type Changes = wire.Changes;
export type Op = wire.Op;
export type Revision = z.infer<typeof wire.HistoryEntry>;
/** One event of the map's stream; `changes` is null for whole-map operations (a load, some restores). */
export type OpEvent = wire.OpEvent;
/** The 409 of an edit: the current state of what it touched. */
export type Conflict = z.infer<typeof wire.ConflictBody>["current"];
export type Diff = wire.Diff;
export type Access = z.infer<typeof wire.Access>;

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
