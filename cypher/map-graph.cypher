// The whole map in one round trip: metadata, nodes of each kind, and every relationship; with
// $withText also the document's text (a history state needs it, the graph routes do not).
MATCH (m:Map {id: $mapId})
CALL (m) {
  MATCH (c:Claim {mapId: m.id})
  RETURN collect(c {.*, citations: [(c)-[:CITES]->(x:Citation) | x.n]}) AS claims
}
CALL (m) {
  MATCH (x:Citation {mapId: m.id})
  RETURN collect(x {.n, .authors, .title, .publisher, .date, .url}) AS citations
}
CALL (m) {
  MATCH (e:Entity {mapId: m.id})
  RETURN collect(e {.id, .name, .type}) AS entities
}
CALL (m) {
  // Targets are the ids the map uses (a citation's is its footnote number as text); node keys are made in code.
  MATCH (a:Claim {mapId: m.id})-[r:SUPPORTS|ATTACKS|UNDERCUTS|CITES|MENTIONS]->(b)
  RETURN collect({type: type(r), source: a.id, target: coalesce(b.id, toString(b.n)), inference: r.inference, quote: r.quote}) AS edges
}
RETURN m {.id, .title, .author, .date, .venue, .revision} AS map, claims, citations, entities, edges,
  CASE WHEN $withText THEN m.text END AS text
