/**
 * Read answers computed from a map's content in memory, for `?revision=`: the
 * same shapes the Cypher-backed routes give for the current revision.
 */
import { must } from "../../contract/errors.js";
import type { MapContents } from "../../contract/graph.js";
import type { Claim } from "../../contract/model.js";
import { subgraph, type SubgraphResult } from "../db/queries.js";

const byStart = (a: Claim, b: Claim) => a.start - b.start || (a.id < b.id ? -1 : 1);

/** Claims, optionally by kind and by words (every word must start a word of the text or quote, as the full-text search does). */
export function claimsOf(contents: MapContents, q: string | undefined, kind: string | undefined): Claim[] {
  const words = (q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return contents.claims
    .filter((c) => kind === undefined || c.kind === kind)
    .filter((c) => {
      if (!words.length) return true;
      const tokens = `${c.text} ${c.quote}`.toLowerCase().split(/[^\p{L}\p{N}’']+/u);
      return words.every((w) => tokens.some((t) => t.startsWith(w)));
    })
    .sort(byStart);
}

export function claimDetailOf(contents: MapContents, id: string) {
  const claim = contents.claims.find((c) => c.id === id);
  if (!claim) return null;
  const byId = new Map(contents.claims.map((c) => [c.id, c]));
  const related = (type: string, end: "source" | "target") =>
    contents.edges
      .filter((e) => e.type === type && e[end === "source" ? "target" : "source"] === id)
      .map((e) => byId.get(e[end])!)
      .filter(Boolean)
      .sort(byStart);
  const mentioned = new Set(contents.edges.filter((e) => e.type === "MENTIONS" && e.source === id).map((e) => e.target));
  return {
    claim,
    supportedBy: related("SUPPORTS", "source"),
    supports: related("SUPPORTS", "target"),
    attackedBy: related("ATTACKS", "source"),
    attacks: related("ATTACKS", "target"),
    citations: contents.citations.filter((c) => claim.citations.includes(c.n)).sort((a, b) => a.n - b.n),
    entities: contents.entities.filter((e) => mentioned.has(e.id)).sort((a, b) => a.name.localeCompare(b.name)),
    speaker: contents.entities.find((e) => e.id === claim.speaker) ?? null,
  };
}

export const citationsOf = (contents: MapContents) =>
  [...contents.citations]
    .sort((a, b) => a.n - b.n)
    .map((c) => ({ ...c, claims: contents.claims.filter((x) => x.citations.includes(c.n)).map((x) => x.id).sort() }));

export const entitiesOf = (contents: MapContents) =>
  [...contents.entities].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e) => ({
    ...e,
    claims: contents.edges.filter((x) => x.type === "MENTIONS" && x.target === e.id).map((x) => x.source).sort(),
  }));

/** The input of a map's evaluation (the map-attack-graph query's answer). */
export const attackGraphOf = (contents: MapContents) => ({
  claims: contents.claims.map((c) => c.id),
  attacks: contents.edges.filter((e) => e.type === "ATTACKS").map((e) => ({ source: e.source, target: e.target })),
  undercuts: contents.edges.filter((e) => e.type === "UNDERCUTS").map((e) => ({ source: e.source, inference: e.inference ?? "", target: e.target })),
});

/** The longest chain the Cypher views follow (their patterns are bounded at 10). */
const MAX_STEPS = 10;

type Edge = MapContents["edges"][number];

/** Edges of one type by their target: walking them backwards finds what leads to a claim. */
function intoIndex(contents: MapContents, type: Edge["type"]): Map<string, Edge[]> {
  const index = new Map<string, Edge[]>();
  for (const e of contents.edges) {
    if (e.type !== type) continue;
    const list = index.get(e.target) ?? [];
    list.push(e);
    index.set(e.target, list);
  }
  // Ties between shortest paths go to the lower id, so an answer never depends on storage order.
  for (const list of index.values()) list.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return index;
}

/**
 * One shortest chain from each claim that reaches `root` along `into` within `depth` steps
 * (Cypher's ANY SHORTEST): the first edge of each chain, by its start. A cycle back to root
 * counts, as in the query's {1,10} pattern.
 */
function shortestInto(into: Map<string, Edge[]>, root: string, depth: number): Map<string, Edge> {
  const first = new Map<string, Edge>();
  let frontier = [root];
  for (let step = 1; step <= Math.min(depth, MAX_STEPS) && frontier.length; step++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const e of into.get(node) ?? []) {
        if (first.has(e.source)) continue;
        first.set(e.source, e);
        next.push(e.source);
      }
    }
    frontier = next;
  }
  return first;
}

/** The chain of edges from `start` to the root of `first`. */
function chainFrom(first: Map<string, Edge>, start: string, root: string): Edge[] {
  const chain: Edge[] = [];
  let at = start;
  do {
    const e = first.get(at)!;
    chain.push(e);
    at = e.target;
  } while (at !== root && chain.length <= MAX_STEPS);
  return chain;
}

const claimIndex = (contents: MapContents) => new Map(contents.claims.map((c) => [c.id, c]));
const asViewEdge = (e: Edge): SubgraphResult["edges"][number] => {
  const out: SubgraphResult["edges"][number] = { source: e.source, target: e.target, type: e.type as "SUPPORTS" | "ATTACKS" | "UNDERCUTS" };
  if (e.inference) out.inference = e.inference;
  return out;
};

/** GET …/claims/:id/support at a revision: what supports the claim within depth, and the supports among those claims. */
export function supportTreeOf(contents: MapContents, id: string, depth: number): SubgraphResult | null {
  const claims = claimIndex(contents);
  const root = claims.get(id);
  if (!root) return null;
  const members = new Set([id, ...shortestInto(intoIndex(contents, "SUPPORTS"), id, depth).keys()]);
  const edges = contents.edges.filter((e) => e.type === "SUPPORTS" && members.has(e.source) && members.has(e.target)).map(asViewEdge);
  return subgraph(root, [...members].map((m) => claims.get(m)!), edges);
}

/**
 * GET …/claims/:id/attack at a revision, as claim-attack.cypher computes it: attack chains
 * ending at the claim or at one of its supporters, the support chain from an attacked
 * supporter back to the claim, and the undercuts of inferences on the support chains.
 */
export function attackViewOf(contents: MapContents, id: string, depth: number): SubgraphResult | null {
  const claims = claimIndex(contents);
  const root = claims.get(id);
  if (!root) return null;
  const supportFirst = shortestInto(intoIndex(contents, "SUPPORTS"), id, depth);
  const supportChains = new Map([...supportFirst.keys()].map((s) => [s, chainFrom(supportFirst, s, id)]));
  const attacksInto = intoIndex(contents, "ATTACKS");
  const rels = new Set<Edge>();
  const attacked = new Set<string>();
  for (const target of [id, ...supportChains.keys()]) {
    const first = shortestInto(attacksInto, target, depth);
    if (first.size) attacked.add(target);
    for (const start of first.keys()) for (const e of chainFrom(first, start, target)) rels.add(e);
  }
  const undercuts = contents.edges.filter((e) => e.type === "UNDERCUTS");
  for (const chain of supportChains.values()) {
    for (const support of chain) {
      const cuts = undercuts.filter((u) => u.target === support.target && u.inference === support.source);
      if (!cuts.length) continue;
      rels.add(support);
      for (const u of cuts) rels.add(u);
    }
  }
  for (const [start, chain] of supportChains) if (attacked.has(start)) for (const e of chain) rels.add(e);
  const nodes = new Set([id]);
  for (const e of rels) nodes.add(e.source).add(e.target);
  return subgraph(root, [...nodes].map((n) => claims.get(n)!), [...rels].map(asViewEdge));
}

/** Chains (partial or complete) kept at once by pathsOf: beyond this the search goes on with what it has (bounded memory on dense maps). */
const PATHS_BUDGET = 50_000;

/**
 * GET …/paths at a revision: chains from one claim to another along SUPPORTS (each support used
 * once, at most 10 steps), shortest first, then by the ids along the way; or the id that names no claim.
 */
export function pathsOf(contents: MapContents, from: string, to: string, max: number): { paths: string[][] } | { missing: string } {
  const claims = claimIndex(contents);
  if (!claims.has(from)) return { missing: from };
  if (!claims.has(to)) return { missing: to };
  const supports = contents.edges.filter((e) => e.type === "SUPPORTS");
  const out = new Map<string, Edge[]>();
  for (const e of supports) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  // Only claims that still reach `to` in the steps left are worth extending.
  const stepsTo = new Map<string, number>([[to, 0]]);
  const into = intoIndex(contents, "SUPPORTS");
  let frontier = [to];
  for (let step = 1; step <= MAX_STEPS && frontier.length; step++) {
    const next: string[] = [];
    for (const node of frontier) for (const e of into.get(node) ?? []) if (!stepsTo.has(e.source)) {
      stepsTo.set(e.source, step);
      next.push(e.source);
    }
    frontier = next;
  }
  const found: string[][] = [];
  let partial: { nodes: string[]; used: Set<Edge> }[] = [{ nodes: [from], used: new Set() }];
  for (let step = 1; step <= MAX_STEPS && partial.length && found.length < max; step++) {
    const next: typeof partial = [];
    const complete: string[][] = [];
    for (const p of partial) {
      for (const e of out.get(must(p.nodes.at(-1), "the end of a partial path")) ?? []) {
        if (p.used.has(e) || (stepsTo.get(e.target) ?? Infinity) > MAX_STEPS - step) continue;
        const nodes = [...p.nodes, e.target];
        if (e.target === to && complete.length < PATHS_BUDGET) complete.push(nodes);
        if (next.length < PATHS_BUDGET) next.push({ nodes, used: new Set(p.used).add(e) });
      }
    }
    complete.sort(compareChains);
    found.push(...complete.slice(0, max - found.length));
    partial = next;
  }
  return { paths: found };
}

function compareChains(a: string[], b: string[]): number {
  for (const [i, x] of a.entries()) {
    const y = b[i];
    if (x !== y) return y !== undefined && x < y ? -1 : 1;
  }
  return 0;
}
