/**
 * The project's own format as JSON: the seed format with the document inline.
 * JSON is YAML, so importing it goes through the seed parser and its located
 * validation unchanged.
 */
import type { MapData } from "../../contract/model.js";

export function toOwnJson(data: MapData) {
  const occurrenceOf = (quote: string, start: number) => {
    let count = 0;
    let nth = 0;
    for (let i = data.map.text.indexOf(quote); i !== -1; i = data.map.text.indexOf(quote, i + 1)) {
      count++;
      if (i === start) nth = count;
    }
    return count > 1 ? nth : undefined;
  };
  const targets = (id: string, type: "SUPPORTS" | "ATTACKS") =>
    data.edges.filter((e) => e.source === id && e.type === type).map((e) => (e.quote ? { to: e.target, quote: e.quote } : e.target));
  const undercutsOf = (id: string) => {
    const cuts = data.edges
      .filter((e) => e.source === id && e.type === "UNDERCUTS")
      .map((e) => ({ target: e.target, inference: e.inference!, ...(e.quote ? { quote: e.quote } : {}) }));
    return cuts.length ? { undercuts: cuts } : {};
  };
  return {
    map: { id: data.map.id, title: data.map.title, author: data.map.author, date: data.map.date, venue: data.map.venue, text: data.map.text },
    entities: data.entities,
    citations: data.citations,
    claims: data.claims.map((c) => {
      const occurrence = occurrenceOf(c.quote, c.start);
      return {
        id: c.id,
        kind: c.kind,
        text: c.text,
        quote: c.quote,
        ...(occurrence ? { occurrence } : {}),
        ...(c.speaker ? { speaker: c.speaker } : {}),
        cites: data.cites.filter((x) => x.claim === c.id).map((x) => x.n),
        mentions: data.mentions.filter((x) => x.claim === c.id).map((x) => x.entity),
        supports: targets(c.id, "SUPPORTS"),
        attacks: targets(c.id, "ATTACKS"),
        ...undercutsOf(c.id),
      };
    }),
  };
}
