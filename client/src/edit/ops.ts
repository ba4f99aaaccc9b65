/**
 * Reading claims and relations back from the graph on screen, in the shapes
 * the editing routes take. Every user action is one request and so one
 * operation on the server; undo and redo are the server's (`POST /undo`),
 * so the client keeps no inverse edits of its own.
 */
import type Graph from "graphology";
import { parseNodeKey } from "../../../contract/keys.js";
import type { ClaimRecord } from "../../../contract/model.js";
import type { ClaimKind } from "../api.js";
import type { ClaimPatch, RelationInput, RelationType } from "./server.js";

export const ARGUMENT_RELATIONS: readonly RelationType[] = ["SUPPORTS", "ATTACKS", "UNDERCUTS"];

/** An entity node's own id (its key is `entity:ID`, contract/keys.ts). */
export function entityIdOf(key: string): string {
  const parsed = parseNodeKey(key);
  return parsed?.type === "entity" ? parsed.id : key;
}

/** The claim's record (contract/model.ts) with what the edit forms change beside it: its footnotes and entities. */
export interface ClaimState extends ClaimRecord {
  speaker: string | null;
  cites: number[];
  mentions: string[];
}

/** A claim as the graph holds it, in the shape the server takes it back. */
export function claimState(graph: Graph, id: string): ClaimState {
  const a = graph.getNodeAttributes(id);
  const mentions = graph
    .outEdges(id)
    .filter((e) => graph.getEdgeAttribute(e, "type") === "MENTIONS")
    .map((e) => entityIdOf(graph.target(e)))
    .sort();
  return {
    id,
    kind: a.kind as ClaimKind,
    text: String(a.text),
    quote: String(a.quote ?? ""),
    start: Number(a.start),
    end: Number(a.end),
    speaker: (a.speaker as string | null | undefined) ?? null,
    cites: [...((a.citations as number[] | undefined) ?? [])].sort((x, y) => x - y),
    mentions,
  };
}

export interface RelationState extends RelationInput {
  key: string;
}

/** The argument relations that touch a claim (as source, target or an undercut's inference). */
export function relationsOf(graph: Graph, id: string): RelationState[] {
  const out: RelationState[] = [];
  graph.forEachEdge((key, attrs, source, target) => {
    const type = attrs.type as RelationType;
    if (!ARGUMENT_RELATIONS.includes(type)) return;
    const inference = type === "UNDERCUTS" ? ((attrs.inference as string | undefined) ?? /^UNDERCUTS:.+?->(.+?)->/.exec(key)?.[1]) : undefined;
    if (source !== id && target !== id && inference !== id) return;
    out.push({ key, type, source, target, ...(inference ? { inference } : {}), ...(attrs.quote ? { quote: String(attrs.quote) } : {}) });
  });
  return out;
}

/** Only the fields that change; null when nothing does. Start and end always travel together. */
export function patchOf(before: ClaimState, after: ClaimPatch): ClaimPatch | null {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (k === "id") continue;
    if (JSON.stringify(before[k as keyof ClaimState] ?? null) !== JSON.stringify(v ?? null)) patch[k] = v;
  }
  if ("start" in patch || "end" in patch) Object.assign(patch, { start: after.start, end: after.end });
  return Object.keys(patch).length ? (patch) : null;
}
