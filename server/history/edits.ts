/**
 * Edits of a map, as pure plans over its current content: each checks the
 * map's rules (contract/rules.ts, the loader's own) and answers the operation
 * with the claims and relations it touches before and after. Nothing here
 * writes; HistoryStore.record does, in the transaction that checked.
 */
import { z } from "zod";
import { relationProblem, relationQuoteProblem, spanProblem } from "../../contract/rules.js";
import {
  claimIdFromText,
  parseRelationKey,
  relationKey,
  type ClaimCreateBody,
  type ClaimPatchBody,
  type Changes,
  type MapInfoFields,
  type EditedClaim,
  type Op,
  type Relation,
  type RelationCreateBody,
} from "../../contract/workbench.js";
import { ArgmapError, BadRequestError, ConflictError, NotFoundError } from "../errors.js";
import { infoFieldsChanged, infoOf, normaliseClaim, type MapState } from "./state.js";

/** An edit that breaks a rule of the map: names the field and what is wrong. */
export class RuleError extends ArgmapError {
  constructor(field: string, message: string) {
    super("rule_violation", 422, `body ${field}: ${message}`);
  }
}

export interface Plan<R = unknown> {
  op: Op;
  before: Changes;
  after: Changes;
  result: (revision: string) => R;
}

const empty = (): Changes => ({ claims: {}, relations: {} });

function claimOf(state: MapState, mapId: string, id: string): EditedClaim {
  const claim = state.claims.get(id);
  if (!claim) throw new NotFoundError(`no claim "${id}" in map "${mapId}"; GET /api/maps/${mapId}/claims lists them`);
  return claim;
}

/** Offsets without the white space a selection may carry at its ends. */
function trimmedSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return [start, end];
}

function anchor(state: MapState, start: number, end: number): { quote: string; start: number; end: number } {
  const problem = spanProblem(state.map.text, start, end);
  if (problem) throw new RuleError(end > state.map.text.length ? "end" : "start", problem);
  const [s, e] = trimmedSpan(state.map.text, start, end);
  return { quote: state.map.text.slice(s, e), start: s, end: e };
}

function checkReferences(state: MapState, body: { speaker?: string | null; cites?: number[]; mentions?: string[] }) {
  const footnotes = new Set(state.citations.map((c) => c.n));
  const entities = new Set(state.entities.map((e) => e.id));
  body.cites?.forEach((n, i) => {
    if (!footnotes.has(n)) throw new RuleError(`cites[${i}]`, `footnote ${n} is not among the map's citations`);
  });
  body.mentions?.forEach((id, i) => {
    if (!entities.has(id)) throw new RuleError(`mentions[${i}]`, `unknown entity "${id}"; GET /api/maps/${state.map.id}/entities lists them`);
  });
  if (body.speaker && !entities.has(body.speaker)) throw new RuleError("speaker", `unknown entity "${body.speaker}"; a speaker is one of the map's entities`);
}

function freeId(state: MapState, wanted: string): string {
  const taken = (id: string) => state.claims.has(id) || state.entities.some((e) => e.id === id);
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

export function planCreateClaim(state: MapState, body: z.infer<typeof ClaimCreateBody>): Plan<{ claim: EditedClaim; revision: string }> {
  let id = body.id;
  if (id !== undefined) {
    if (state.claims.has(id)) throw new ConflictError(`body id: map "${state.map.id}" already has a claim "${id}"; choose another id or leave id out`);
    if (state.entities.some((e) => e.id === id)) throw new RuleError("id", `"${id}" is an entity's id; ids must be unique within a map`);
  } else id = freeId(state, claimIdFromText(body.text));
  checkReferences(state, body);
  const claim = normaliseClaim({
    id,
    kind: body.kind,
    text: body.text,
    ...anchor(state, body.start, body.end),
    citations: body.cites ?? [],
    speaker: body.speaker ?? null,
    mentions: body.mentions ?? [],
  });
  const before = empty();
  const after = empty();
  before.claims[id] = null;
  after.claims[id] = claim;
  return { op: { type: "claim.create", claim: id }, before, after, result: (revision) => ({ claim, revision }) };
}

export function planUpdateClaim(state: MapState, id: string, patch: z.infer<typeof ClaimPatchBody>): Plan<{ claim: EditedClaim; revision: string }> {
  const current = claimOf(state, state.map.id, id);
  checkReferences(state, patch);
  const claim = normaliseClaim({
    ...current,
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.text !== undefined ? { text: patch.text } : {}),
    ...(patch.start !== undefined && patch.end !== undefined ? anchor(state, patch.start, patch.end) : {}),
    ...(patch.speaker !== undefined ? { speaker: patch.speaker } : {}),
    ...(patch.cites !== undefined ? { citations: [...patch.cites] } : {}),
    ...(patch.mentions !== undefined ? { mentions: [...patch.mentions] } : {}),
  });
  const before = empty();
  const after = empty();
  before.claims[id] = current;
  after.claims[id] = claim;
  return { op: { type: "claim.update", claim: id }, before, after, result: (revision) => ({ claim, revision }) };
}

/** The relations that involve a claim: as source, target or undercut inference. */
const relationsOf = (state: MapState, id: string) =>
  [...state.relations.values()].filter((r) => r.source === id || r.target === id || r.inference === id);

export function planDeleteClaim(state: MapState, id: string): Plan<{ revision: string }> {
  const current = claimOf(state, state.map.id, id);
  const before = empty();
  const after = empty();
  before.claims[id] = current;
  after.claims[id] = null;
  for (const r of relationsOf(state, id)) {
      before.relations[r.key] = r;
      after.relations[r.key] = null;
    }
  return { op: { type: "claim.delete", claim: id }, before, after, result: (revision) => ({ revision }) };
}

export function planCreateRelation(state: MapState, body: z.infer<typeof RelationCreateBody>): Plan<{ key: string; relation: Relation; revision: string }> {
  for (const field of ["source", "target", "inference"] as const) {
    const id = body[field];
    if (id !== undefined && !state.claims.has(id)) throw new RuleError(field, `no claim "${id}" in map "${state.map.id}"`);
  }
  if (body.type !== "UNDERCUTS" && body.inference !== undefined) throw new RuleError("inference", "only an UNDERCUTS relation names an inference");
  const relation: Relation = { key: "", type: body.type, source: body.source, target: body.target, inference: body.inference ?? null, quote: body.quote ?? null };
  relation.key = relationKey(relation);
  const problem = relationProblem(state.relations.values(), relation);
  if (problem?.endsWith("is listed twice")) throw new ConflictError(`the relation ${relation.key} exists already`);
  if (problem) throw new RuleError(problem.includes("inference") ? "inference" : "target", problem);
  if (relation.quote !== null) {
    const quoteProblem = relationQuoteProblem(state.map.text, relation.quote);
    if (quoteProblem) throw new RuleError("quote", quoteProblem);
  }
  const before = empty();
  const after = empty();
  before.relations[relation.key] = null;
  after.relations[relation.key] = relation;
  return { op: { type: "relation.create", key: relation.key }, before, after, result: (revision) => ({ key: relation.key, relation, revision }) };
}

export function planDeleteRelation(state: MapState, key: string): Plan<{ revision: string }> {
  if (!parseRelationKey(key)) {
    throw new BadRequestError(`path parameter key: "${key}" is not a relation key (TYPE:source->target, or UNDERCUTS:source->inference->target)`);
  }
  const current = state.relations.get(key);
  if (!current) throw new NotFoundError(`no relation "${key}" in map "${state.map.id}"`);
  const before = empty();
  const after = empty();
  before.relations[key] = current;
  after.relations[key] = null;
  // Undercuts of an inference go with the support they attack.
  if (current.type === "SUPPORTS") {
    for (const r of state.relations.values()) {
      if (r.type === "UNDERCUTS" && r.inference === current.source && r.target === current.target) {
      before.relations[r.key] = r;
      after.relations[r.key] = null;
    }
    }
  }
  return { op: { type: "relation.delete", key }, before, after, result: (revision) => ({ revision }) };
}

/**
 * Merges claim `id` into `into`: its footnotes and entities join into's, its
 * relations are re-pointed to into; a relation that would become a self-loop,
 * a duplicate or a support-and-attack pair is dropped (into's own relation wins).
 */
export function planMergeClaims(state: MapState, id: string, into: string): Plan<{ claim: EditedClaim; revision: string }> {
  const gone = claimOf(state, state.map.id, id);
  const kept = state.claims.get(into);
  if (!kept) throw new RuleError("into", `no claim "${into}" in map "${state.map.id}"`);
  if (id === into) throw new RuleError("into", "a claim cannot be merged into itself");
  const before = empty();
  const after = empty();
  const merged = normaliseClaim({ ...kept, citations: [...kept.citations, ...gone.citations], mentions: [...kept.mentions, ...gone.mentions] });
  before.claims[id] = gone;
  after.claims[id] = null;
  before.claims[into] = kept;
  after.claims[into] = merged;
  const moving = relationsOf(state, id);
  const remaining = [...state.relations.values()].filter((r) => !moving.includes(r));
  for (const r of moving) {
    before.relations[r.key] = r;
    after.relations[r.key] = null;
  }
  // Supports first, so that undercuts of re-pointed inferences find them.
  for (const r of [...moving].sort((a, b) => (a.type === "UNDERCUTS" ? 1 : 0) - (b.type === "UNDERCUTS" ? 1 : 0))) {
    const swap = (x: string | null) => (x === id ? into : x);
    const moved: Relation = { ...r, source: swap(r.source)!, target: swap(r.target)!, inference: swap(r.inference) };
    moved.key = relationKey(moved);
    if (relationProblem(remaining, moved) !== null) continue;
    remaining.push(moved);
    if (before.relations[moved.key] === undefined) before.relations[moved.key] = state.relations.get(moved.key) ?? null;
    after.relations[moved.key] = moved;
  }
  return { op: { type: "claim.merge", claim: id, into }, before, after, result: (revision) => ({ claim: merged, revision }) };
}

/** The document's title, author, date or venue (PATCH /api/maps/:map): null or "" clears all but the title. */
export function planUpdateInfo(state: MapState, patch: { title?: string; author?: string | null; date?: string | null; venue?: string | null }): Plan<MapInfoFields & { id: string; revision: string }> {
  const current = infoOf(state);
  const next = { ...current };
  if (patch.title !== undefined) next.title = patch.title;
  for (const f of ["author", "date", "venue"] as const) if (patch[f] !== undefined) next[f] = patch[f] || null;
  const fields = infoFieldsChanged(current, next);
  const before = empty();
  const after = empty();
  // An edit that changes nothing is still an operation: the user asked for it, and history says so.
  before.info = current;
  after.info = next;
  return { op: { type: "map.update", fields }, before, after, result: (revision) => ({ id: state.map.id, ...next, revision }) };
}

/** Keys an edit is about before it is planned: a stale If-Match on them is a conflict even if the claim has gone. */
export const claimTouch = (id: string) => [`claim:${id}`];


/**
 * Applies `target` (claims and relations by key, null = absent) on top of the
 * current state, keeping the map valid: relations of removed claims go too, and
 * a relation whose claims are gone, or that breaks a rule, refuses the whole change.
 */
export function planReplace(state: MapState, target: Changes, op: Op): Plan<{ revision: string }> {
  const before = empty();
  const after = empty();
  for (const [id, claim] of Object.entries(target.claims)) {
    before.claims[id] = state.claims.get(id) ?? null;
    after.claims[id] = claim;
  }
  const exists = (id: string | null) => id === null || (after.claims[id] !== undefined ? after.claims[id] !== null : state.claims.has(id));
  for (const r of state.relations.values()) {
    if (!exists(r.source) || !exists(r.target) || !exists(r.inference)) {
      before.relations[r.key] = r;
      after.relations[r.key] = null;
    }
  }
  for (const [key, relation] of Object.entries(target.relations)) {
    if (after.relations[key] === null && relation !== null) throw new ConflictError(`cannot apply: relation ${key} needs a claim that no longer exists`);
    before.relations[key] = state.relations.get(key) ?? null;
    after.relations[key] = relation;
  }
  const kept = [...state.relations.values()].filter((r) => after.relations[r.key] === undefined);
  for (const relation of Object.values(after.relations)) {
    if (!relation) continue;
    if (!exists(relation.source) || !exists(relation.target) || !exists(relation.inference)) {
      throw new ConflictError(`cannot apply: relation ${relation.key} needs a claim that no longer exists`);
    }
    const problem = relationProblem(kept, relation);
    if (problem) throw new ConflictError(`cannot apply: relation ${relation.key}: ${problem}`);
    kept.push(relation);
  }
  // What would not change is not part of the operation.
  for (const key of Object.keys(before.relations)) {
    if (JSON.stringify(before.relations[key]) !== JSON.stringify(after.relations[key])) continue;
    delete before.relations[key];
    delete after.relations[key];
  }
  for (const id of Object.keys(before.claims)) {
    if (JSON.stringify(before.claims[id]) !== JSON.stringify(after.claims[id])) continue;
    delete before.claims[id];
    delete after.claims[id];
  }
  if (target.info && infoFieldsChanged(infoOf(state), target.info).length) {
    before.info = infoOf(state);
    after.info = { ...target.info };
  }
  return { op, before, after, result: (revision) => ({ revision }) };
}

/** The inverse of an operation (its before, made current again). */
export const planUndo = (state: MapState, revision: string, _before: Changes, _after: Changes) =>
  planReplace(state, _before, { type: "undo", revision });
