/** A stored map → graphology's serialized graph (what `graph.export()` produces and `Graph.from()` takes). */
import type { Citation, Claim, Entity, MapInfo } from "./types.js";

export interface MapContents {
  map: MapInfo & { revision: string };
  claims: Claim[];
  citations: Citation[];
  entities: Entity[];
  edges: { type: "SUPPORTS" | "ATTACKS" | "CITES" | "MENTIONS"; source: string; target: string; quote: string | null }[];
}

export const citationKey = (n: number) => `citation-${n}`;

const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function toSerializedGraph(contents: MapContents) {
  const nodes = [
    ...contents.claims.map((c) => ({
      key: c.id,
      attributes: { nodeType: "claim" as const, label: c.text, kind: c.kind, text: c.text, quote: c.quote, start: c.start, end: c.end, citations: c.citations },
    })),
    ...contents.citations.map((c) => ({
      key: citationKey(c.n),
      attributes: { nodeType: "citation" as const, label: `[${c.n}] ${c.title ?? c.authors ?? ""}`.trim(), ...c },
    })),
    ...contents.entities.map((e) => ({
      key: e.id,
      attributes: { nodeType: "entity" as const, label: e.name, entityType: e.type },
    })),
  ];
  const edges = contents.edges.map((e) => ({
    key: `${e.type}:${e.source}->${e.target}`,
    source: e.source,
    target: e.target,
    attributes: { type: e.type, quote: e.quote ?? null },
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
    options: { type: "directed" as const, multi: false as const, allowSelfLoops: true as const },
    // Sorted so the same map always serializes to the same bytes (stable ETags, stable layouts).
    nodes: nodes.sort(byKey),
    edges: edges.sort(byKey),
  };
}
