// Writes a whole map in one statement (one round trip). Nodes are created first and kept in
// lists, so each relationship joins two list entries by position ($supports etc. hold indexes
// into $claims, $citations, $entities) instead of looking both ends up in an index again.
CREATE (:Map {
  id: $map.id, title: $map.title, author: $map.author, date: $map.date, venue: $map.venue,
  text: $map.text, revision: $revision, loadedAt: datetime()
})
WITH *
UNWIND $claims AS row
CREATE (c:Claim {
  mapId: $mapId, id: row.id, kind: row.kind, text: row.text, quote: row.quote,
  start: toInteger(row.start), end: toInteger(row.end), speaker: row.speaker
})
WITH collect(c) AS claims
CALL () {
  UNWIND $citations AS row
  CREATE (x:Citation {
    mapId: $mapId, n: toInteger(row.n), authors: row.authors, title: row.title,
    publisher: row.publisher, date: row.date, url: row.url
  })
  RETURN collect(x) AS citations
}
CALL () {
  UNWIND $entities AS row
  CREATE (e:Entity {mapId: $mapId, id: row.id, name: row.name, type: row.type})
  RETURN collect(e) AS entities
}
CALL (claims) {
  UNWIND $supports AS row
  WITH claims[toInteger(row.source)] AS source, claims[toInteger(row.target)] AS target, row
  CREATE (source)-[:SUPPORTS {quote: row.quote}]->(target)
}
CALL (claims) {
  UNWIND $attacks AS row
  WITH claims[toInteger(row.source)] AS source, claims[toInteger(row.target)] AS target, row
  CREATE (source)-[:ATTACKS {quote: row.quote}]->(target)
}
CALL (claims) {
  UNWIND $undercuts AS row
  WITH claims[toInteger(row.source)] AS source, claims[toInteger(row.target)] AS target, row
  CREATE (source)-[:UNDERCUTS {inference: row.inference, quote: row.quote}]->(target)
}
CALL (claims, citations) {
  UNWIND $cites AS row
  WITH claims[toInteger(row.claim)] AS claim, citations[toInteger(row.citation)] AS citation
  CREATE (claim)-[:CITES]->(citation)
}
CALL (claims, entities) {
  UNWIND $mentions AS row
  WITH claims[toInteger(row.claim)] AS claim, entities[toInteger(row.entity)] AS entity
  CREATE (claim)-[:MENTIONS]->(entity)
}
RETURN size(claims) AS claims
