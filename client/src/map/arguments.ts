/** Questions about the argument a loaded graph answers without a request: who supports, who attacks. */
import type { Label } from "../api.js";
import type { MapGraph } from "./types.js";

export interface ClaimRef {
  id: string;
  text: string;
  kind: string;
}

export const claimRef = (graph: MapGraph, id: string): ClaimRef => {
  const a = graph.getNodeAttributes(id);
  return { id, text: String(a.text ?? a.label ?? id), kind: String(a.kind ?? "") };
};

const sourcesOf = (graph: MapGraph, id: string, type: "SUPPORTS" | "ATTACKS"): ClaimRef[] =>
  graph.hasNode(id)
    ? graph
        .inEdges(id)
        .filter((e) => graph.getEdgeAttribute(e, "type") === type)
        .map((e) => claimRef(graph, graph.source(e)))
        .sort((a, b) => (graph.getNodeAttribute(a.id, "start") ?? 0) - (graph.getNodeAttribute(b.id, "start") ?? 0))
    : [];

export const supportersOf = (graph: MapGraph, id: string) => sourcesOf(graph, id, "SUPPORTS");
export const attackersOf = (graph: MapGraph, id: string) => sourcesOf(graph, id, "ATTACKS");

/** A counterargument and what answers it (the claims that attack it), with labels when evaluated. */
export interface Counter {
  claim: ClaimRef;
  answeredBy: ClaimRef[];
  label: Label | "withdrawn" | null;
}

export function counterarguments(graph: MapGraph, id: string, labels: ReadonlyMap<string, string> | null): Counter[] {
  return attackersOf(graph, id).map((claim) => ({
    claim,
    answeredBy: attackersOf(graph, claim.id),
    label: (labels?.get(claim.id) as Counter["label"]) ?? null,
  }));
}

/** Pro/con tree of a claim (Kialo's columns), `depth` levels deep; a claim met again is not expanded. */
export interface ProCon {
  claim: ClaimRef;
  pros: ProCon[];
  cons: ProCon[];
}

export function proCon(graph: MapGraph, id: string, depth = 3, seen = new Set<string>()): ProCon {
  seen.add(id);
  const expand = (c: ClaimRef) => (depth > 1 && !seen.has(c.id) ? proCon(graph, c.id, depth - 1, seen) : { claim: c, pros: [], cons: [] });
  return { claim: claimRef(graph, id), pros: supportersOf(graph, id).map(expand), cons: attackersOf(graph, id).map(expand) };
}
