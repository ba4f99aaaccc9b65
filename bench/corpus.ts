/**
 * A deterministic synthetic corpus shaped like real argument maps: a tree of
 * supports under a thesis, attacks across it (some answered by rebuttals, a few
 * forming cycles), footnotes on a share of the claims, and entities mentioned.
 * The same (seed, index) always gives the same map.
 */
import { must } from "../contract/errors.js";
import { canonicalRevision } from "../server/import/seed.js";
import { CLAIM_KINDS, type ArgumentEdge, type MapData } from "../contract/model.js";
import { seededRandom } from "../client/src/graph/layout.js";

export interface CorpusShape {
  claimsPerMap: number;
  citationsPerMap: number;
  entitiesPerMap: number;
  /** Share of claims that attack another claim. */
  attackRate: number;
  mentionsPerClaim: number;
}

export const DEFAULT_SHAPE: CorpusShape = { claimsPerMap: 100, citationsPerMap: 15, entitiesPerMap: 30, attackRate: 0.2, mentionsPerClaim: 1.2 };

const WORDS = "treaty missile alliance security sanctions pipeline defence border summit deterrence compliance partner risk intelligence negotiation expansion guarantee interceptor supply energy".split(" ");

export function syntheticMap(index: number, shape: CorpusShape = DEFAULT_SHAPE, seed = 7): MapData {
  const random = seededRandom(seed * 1_000_003 + index);
  const pick = <T>(xs: readonly T[]) => must(xs[Math.floor(random() * xs.length)], "a pick from an empty list");
  const mapId = `synthetic-${String(index).padStart(5, "0")}`;
  const n = shape.claimsPerMap;

  // The document is the claims' sentences in order, so each quote is an exact span.
  const sentences: string[] = [];
  const claims: MapData["claims"] = [];
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const sentence = `Claim ${i} of map ${index} says ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} matters.`;
    const kind = i === 0 ? "thesis" : i < 3 ? "remedy" : pick(CLAIM_KINDS.filter((k) => k !== "thesis"));
    claims.push({ id: `c${i}`, kind, text: `Paraphrase of claim ${i}: ${pick(WORDS)} ${pick(WORDS)}`, quote: sentence, start: offset, end: offset + sentence.length });
    sentences.push(sentence);
    offset += sentence.length + 1;
  }

  const edges: ArgumentEdge[] = [];
  // Supports: a random tree rooted at the thesis, plus a few extra supports (a DAG, like real maps).
  for (let i = 1; i < n; i++) edges.push({ type: "SUPPORTS", source: `c${i}`, target: `c${Math.floor(random() * i)}`, quote: null });
  for (let k = 0; k < n * 0.05; k++) {
    const a = 1 + Math.floor(random() * (n - 1));
    const b = Math.floor(random() * a);
    if (!edges.some((e) => e.source === `c${a}` && e.target === `c${b}`)) edges.push({ type: "SUPPORTS", source: `c${a}`, target: `c${b}`, quote: null });
  }
  // Attacks: anywhere, including back-attacks that close cycles.
  const attackKey = new Set<string>();
  const supportKey = new Set(edges.map((e) => `${e.source}>${e.target}`));
  for (let i = 0; i < n * shape.attackRate; i++) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    // A claim never both supports and attacks the same claim (the loader refuses that).
    if (a === b || attackKey.has(`${a}>${b}`) || supportKey.has(`c${a}>c${b}`)) continue;
    attackKey.add(`${a}>${b}`);
    edges.push({ type: "ATTACKS", source: `c${a}`, target: `c${b}`, quote: null });
  }

  const citations = Array.from({ length: shape.citationsPerMap }, (_, j) => ({
    n: j + 1,
    authors: `Author ${j}`,
    title: `Source ${j} on ${pick(WORDS)}`,
    publisher: `Publisher ${j % 5}`,
    date: random() < 0.9 ? `${1 + (j % 28)} March 2019` : null,
    url: `https://example.org/${mapId}/${j}`,
  }));
  const cites: MapData["cites"] = [];
  // No footnotes, no citing claims (the loader refuses a citation the map does not have).
  for (let i = 0; i < n && shape.citationsPerMap > 0; i++) if (random() < 0.25) cites.push({ claim: `c${i}`, n: 1 + Math.floor(random() * shape.citationsPerMap) });

  const entities = Array.from({ length: shape.entitiesPerMap }, (_, j) => ({ id: `e${j}`, name: `Entity ${j % 200}`, type: pick(["actor", "weapon-system", "treaty", "place", "event"] as const) }));
  const mentions: MapData["mentions"] = [];
  const mentionKey = new Set<string>();
  for (let i = 0; i < n; i++) {
    const count = Math.floor(shape.mentionsPerClaim + random());
    for (let k = 0; k < count; k++) {
      const e = Math.floor(random() * shape.entitiesPerMap);
      if (mentionKey.has(`${i}:${e}`)) continue;
      mentionKey.add(`${i}:${e}`);
      mentions.push({ claim: `c${i}`, entity: `e${e}` });
    }
  }

  const data = {
    map: { id: mapId, title: `Synthetic map ${index}`, author: "Bench Author", date: "2024", venue: "bench", text: sentences.join(" ") },
    claims,
    citations,
    entities,
    edges,
    cites,
    mentions,
  };
  return { ...data, revision: canonicalRevision(data) };
}

export const relationshipCount = (m: MapData) => m.edges.length + m.cites.length + m.mentions.length;
