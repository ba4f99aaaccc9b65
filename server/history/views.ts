/**
 * Read answers computed from a map's content in memory, for `?revision=`: the
 * same shapes the Cypher-backed routes give for the current revision.
 */
import type { MapContents } from "../../contract/graph.js";
import type { Claim } from "../../contract/model.js";

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
