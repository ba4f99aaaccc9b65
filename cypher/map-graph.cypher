// The whole map in one round trip: metadata, nodes of each kind, and every relationship.
MATCH (m:Map {id: $mapId})
CALL (m) {
  MATCH (c:Claim {mapId: m.id})
  RETURN collect(c {.id, .kind, .text, .quote, .start, .end, citations: [(c)-[:CITES]->(x:Citation) | x.n]}) AS claims
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
  MATCH (a:Claim {mapId: m.id})-[r:SUPPORTS|ATTACKS|CITES|MENTIONS]->(b)
  RETURN collect({type: type(r), source: a.id, target: coalesce(b.id, 'citation-' + toString(b.n)), quote: r.quote}) AS edges
}
RETURN m {.id, .title, .author, .date, .venue, .revision} AS map, claims, citations, entities, edges
