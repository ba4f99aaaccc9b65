/**
 * A stored map → graphology's serialized graph (what `graph.export()` produces and `Graph.from()` takes),
 * and the attribute types of that graph, one definition for the server that writes it and the client
 * that reads it. Attributes are data only: positions and every visual property live in the client's
 * view, never here.
 */
import type Graph from "graphology";
import type { z } from "zod";
import { citationKey, claimKey, edgeKey, entityKey } from "./keys.js";
import type { Citation, Claim, Entity, MapInfo } from "./model.js";
import type { SerializedGraph } from "./schemas.js";

/** The wire shape (contract/schemas.ts SerializedGraph) is the one definition; these name its parts. */
export type SerializedMapGraph = z.infer<typeof SerializedGraph>;
export type NodeAttrs = SerializedMapGraph["nodes"][number]["attributes"];
export type EdgeAttrs = SerializedMapGraph["edges"][number]["attributes"];
export type GraphAttrs = SerializedMapGraph["attributes"];
export type MapGraph = Graph<NodeAttrs, EdgeAttrs, GraphAttrs>;

export interface MapContents {
  map: MapInfo & { revision: string };
  claims: Claim[];
  citations: Citation[];
  entities: Entity[];
  /**
   * Relationships by the ids the map uses: `target` is a claim id, an entity id (MENTIONS) or a
   * footnote number as text (CITES); `inference` is set on UNDERCUTS only.
   */
  edges: { type: "SUPPORTS" | "ATTACKS" | "UNDERCUTS" | "CITES" | "MENTIONS"; source: string; target: string; inference?: string | null; quote: string | null }[];
}

/** The graph key of a relationship's target. */
const targetKey = (e: MapContents["edges"][number]) =>
  e.type === "CITES" ? citationKey(Number(e.target)) : e.type === "MENTIONS" ? entityKey(e.target) : claimKey(e.target);

const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function toSerializedGraph(contents: MapContents): SerializedMapGraph {
  const nodes = [
    ...contents.claims.map((c) => ({
      key: claimKey(c.id),
      attributes: { nodeType: "claim" as const, label: c.text, kind: c.kind, text: c.text, quote: c.quote, start: c.start, end: c.end, citations: c.citations, speaker: c.speaker ?? null },
    })),
    ...contents.citations.map((c) => ({
      key: citationKey(c.n),
      attributes: { nodeType: "citation" as const, label: `[${c.n}] ${c.title ?? c.authors ?? ""}`.trim(), ...c },
    })),
    ...contents.entities.map((e) => ({
      key: entityKey(e.id),
      attributes: { nodeType: "entity" as const, id: e.id, label: e.name, entityType: e.type },
    })),
  ];
  const edges = contents.edges.map((e) => ({
    key: edgeKey(e.type, claimKey(e.source), targetKey(e), e.inference),
    source: claimKey(e.source),
    target: targetKey(e),
    attributes: { type: e.type, quote: e.quote ?? null, ...(e.type === "UNDERCUTS" ? { inference: e.inference ?? null } : {}) },
  }));
  return {
    attributes: {
      id: contents.map.id,
      title: contents.map.title,
      author: contents.map.author,
      date: contents.map.date,
      venue: contents.map.venue,
      revision: contents.map.revision,
    },
    options: { type: "directed" as const, multi: true as const, allowSelfLoops: true as const },
    // Sorted so the same map always serializes to the same bytes (stable ETags, stable layouts).
    nodes: nodes.sort(byKey),
    edges: edges.sort(byKey),
  };
}

/**
 * A claim node's attributes read back as the claim they were written from (toSerializedGraph), or
 * null for a citation or entity node or a node missing a claim's fields.
 */
export function claimOfNode(key: string, a: NodeAttrs): Claim | null {
  if (a.nodeType !== "claim" || a.kind === undefined || a.text === undefined || a.quote === undefined || a.start === undefined || a.end === undefined) return null;
  return { id: key, kind: a.kind, text: a.text, quote: a.quote, start: a.start, end: a.end, citations: a.citations ?? [], speaker: a.speaker ?? null };
}
