/** A stored map's contents → MapData, the shape every exporter takes. */
import type { MapContents } from "../../contract/graph.js";
import type { MapData } from "../../contract/model.js";

export function toMapData(contents: MapContents, text: string): MapData {
  const claims = [...contents.claims].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  return {
    map: { id: contents.map.id, title: contents.map.title, author: contents.map.author, date: contents.map.date, venue: contents.map.venue, text },
    claims: claims.map(({ citations: _citations, ...c }) => c),
    citations: [...contents.citations].sort((a, b) => a.n - b.n),
    entities: [...contents.entities].sort((a, b) => (a.id < b.id ? -1 : 1)),
    edges: contents.edges
      .filter((e) => e.type === "SUPPORTS" || e.type === "ATTACKS" || e.type === "UNDERCUTS")
      .map((e) => ({
        type: e.type as "SUPPORTS" | "ATTACKS" | "UNDERCUTS",
        source: e.source,
        target: e.target,
        quote: e.quote ?? null,
        ...(e.type === "UNDERCUTS" ? { inference: e.inference! } : {}),
      }))
      .sort((a, b) => (`${a.source}>${a.target}>${a.inference ?? ""}` < `${b.source}>${b.target}>${b.inference ?? ""}` ? -1 : 1)),
    cites: contents.edges.filter((e) => e.type === "CITES").map((e) => ({ claim: e.source, n: Number(e.target) })),
    mentions: contents.edges.filter((e) => e.type === "MENTIONS").map((e) => ({ claim: e.source, entity: e.target })),
    revision: contents.map.revision,
  };
}
