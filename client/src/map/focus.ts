/**
 * The claims a view concentrates on: a support tree or attack view (from the API), or a chain
 * (the map's chain preset: SUPPORTS paths, laid out and numbered in the chain's order).
 */
import { api } from "../api.js";
import { CHAIN_PRESETS } from "../presets.js";
import { attackersOf, claimRef, type ClaimRef } from "./arguments.js";
import { entityNode, type MapGraph } from "./types.js";
import type { Focus } from "./view.js";

export interface ChainFocus extends Focus {
  /** Columns of the chain layout: steps by depth, then the conclusion's challenges, then their answers. */
  columns: string[][];
  ordered: (ClaimRef & { step: number })[];
  conclusion: string;
}

/** The edge of a relation between two claims (the graph is a multigraph: undercuts may lie alongside). */
const edgeBetween = (graph: MapGraph, source: string, target: string, type: string) =>
  graph.hasNode(source) && graph.hasNode(target) ? graph.edges(source, target).find((e) => graph.getEdgeAttribute(e, "type") === type) : undefined;
const start = (graph: MapGraph, id: string) => Number(graph.getNodeAttribute(id, "start") ?? 0);

export async function chainFocus(mapId: string, graph: MapGraph): Promise<ChainFocus | null> {
  const preset = CHAIN_PRESETS[mapId];
  if (!preset || !graph.hasNode(preset.to)) return null;
  const mentioning = (entity: string) => {
    const node = entityNode(graph, entity);
    return new Set(node ? graph.inNeighbors(node).filter((n) => graph.getNodeAttribute(n, "nodeType") === "claim") : []);
  };
  const from = [...mentioning(preset.fromEntity)].filter((f) => f !== preset.to);
  const via = mentioning(preset.viaEntity);
  const results = await Promise.all(from.map((f) => api.paths(mapId, f, preset.to, 50)));
  const spine = chooseSpine(
    results.flatMap((r) => r.paths),
    via,
    (id) => (graph.hasNode(id) ? start(graph, id) : Infinity),
  );
  const nodes = new Set(spine);
  const ordered = spine;
  const columns: string[][] = spine.map((id) => [id]);
  const steps = new Map(ordered.map((n, i) => [n, i + 1]));
  const edges = new Set<string>();
  spine.forEach((id, i) => {
    const previous = spine[i - 1];
    const e = previous !== undefined ? edgeBetween(graph, previous, id, "SUPPORTS") : undefined;
    if (e) edges.add(e);
  });
  // The challenges hang off the conclusion, their answers beyond them.
  const challenges = attackersOf(graph, preset.to).map((c) => c.id).filter((c) => !nodes.has(c));
  const answers = [...new Set(challenges.flatMap((c) => attackersOf(graph, c).map((a) => a.id)))].filter((a) => !nodes.has(a) && !challenges.includes(a));
  const all = new Set([...nodes, ...challenges, ...answers]);
  for (const c of challenges) {
    const e = edgeBetween(graph, c, preset.to, "ATTACKS");
    if (e) edges.add(e);
    for (const a of attackersOf(graph, c)) {
      const e2 = edgeBetween(graph, a.id, c, "ATTACKS");
      if (e2 && all.has(a.id)) edges.add(e2);
    }
  }
  if (challenges.length) columns.push(challenges);
  if (answers.length) columns.push(answers);
  return {
    nodes: all,
    edges,
    roots: [preset.to],
    title: preset.title,
    steps,
    columns,
    ordered: ordered.map((id) => ({ ...claimRef(graph, id), step: steps.get(id)! })),
    conclusion: preset.to,
  };
}

/**
 * The chain's spine among the SUPPORTS paths that pass through a `via` claim: the one that reaches
 * furthest back before its first `via` claim (the causes), then the shortest from there to the
 * conclusion, then the one starting earliest in the text.
 */
export function chooseSpine(paths: string[][], via: ReadonlySet<string>, position: (id: string) => number): string[] {
  let best: string[] = [];
  let bestKey: number[] = [];
  for (const path of paths) {
    const firstVia = path.findIndex((id, i) => i > 0 && i < path.length - 1 && via.has(id));
    const [origin] = path;
    if (firstVia < 0 || origin === undefined) continue;
    const key = [-firstVia, path.length - firstVia, position(origin)];
    const differs = key.findIndex((k, i) => k !== bestKey[i]);
    const [mine, theirs] = [key[differs], bestKey[differs]];
    if (!best.length || (mine !== undefined && theirs !== undefined && mine < theirs)) {
      best = path;
      bestKey = key;
    }
  }
  return best;
}

export async function traceFocus(mapId: string, graph: MapGraph, mode: "support" | "attack", claim: string): Promise<Focus> {
  const sub = mode === "support" ? await api.support(mapId, claim) : await api.attack(mapId, claim);
  const edges = new Set<string>();
  for (const e of sub.edges) {
    const key = edgeBetween(graph, e.source, e.target, e.type);
    if (key) edges.add(key);
  }
  return {
    nodes: new Set(sub.nodes.map((n) => n.id).filter((id) => graph.hasNode(id))),
    edges,
    roots: [sub.root],
    title: mode === "support" ? "What supports this" : "What attacks this",
  };
}

/** The focus's argument edges as source/target pairs, for the layered layout. */
export function focusLinks(graph: MapGraph, focus: Focus): { source: string; target: string }[] {
  return [...focus.edges].filter((e) => graph.hasEdge(e)).map((e) => ({ source: graph.source(e), target: graph.target(e) }));
}
