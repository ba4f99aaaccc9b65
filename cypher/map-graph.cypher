// The whole map in one round trip: metadata, nodes of each kind, and every relationship; with
// $withText also the document's text (a history state needs it, the graph routes do not).
// Claims and relationships, the many, come as columns (a list per property, in one order): the
// JavaScript driver decodes lists of plain values about three times faster than a map per row,
// the larger part of reading a 5,000-claim map (README "The last full figures"). server/db/rows.ts
// zips them back into objects. List comprehensions keep nulls in place, where collect() would
// drop them and shift every later value. A claim's footnotes are its CITES relationships.
MATCH (m:Map {id: $mapId})
CALL (m) {
  MATCH (c:Claim {mapId: m.id}) WHERE c.id IS NOT NULL // seeks the (mapId, id) key index
  WITH collect(c) AS cs
  RETURN {
    id: [c IN cs | c.id], kind: [c IN cs | c.kind], text: [c IN cs | c.text], quote: [c IN cs | c.quote],
    start: [c IN cs | c.start], end: [c IN cs | c.end], speaker: [c IN cs | c.speaker]
  } AS claims
}
CALL (m) {
  MATCH (x:Citation {mapId: m.id}) WHERE x.n IS NOT NULL
  RETURN collect(x {.n, .authors, .title, .publisher, .date, .url}) AS citations
}
CALL (m) {
  MATCH (e:Entity {mapId: m.id}) WHERE e.id IS NOT NULL
  RETURN collect(e {.id, .name, .type}) AS entities
}
CALL (m) {
  // Targets are the ids the map uses (a citation's is its footnote number as text); node keys are made in code.
  MATCH (a:Claim {mapId: m.id})-[r:SUPPORTS|ATTACKS|UNDERCUTS|CITES|MENTIONS]->(b) WHERE a.id IS NOT NULL
  WITH collect([a.id, coalesce(b.id, toString(b.n)), r]) AS rs
  RETURN {
    type: [x IN rs | type(x[2])], source: [x IN rs | x[0]], target: [x IN rs | x[1]],
    inference: [x IN rs | x[2].inference], quote: [x IN rs | x[2].quote]
  } AS edges
}
RETURN m {.id, .title, .author, .date, .venue, .revision} AS map, claims, citations, entities, edges,
  CASE WHEN $withText THEN m.text END AS text
