// Creates or rewrites claims of one map: properties, then their CITES and MENTIONS anew.
UNWIND $rows AS row
MERGE (c:Claim {mapId: $mapId, id: row.id})
SET c.kind = row.kind, c.text = row.text, c.quote = row.quote,
  c.start = toInteger(row.start), c.end = toInteger(row.end), c.speaker = row.speaker
WITH c, row
CALL (c) {
  MATCH (c)-[r:CITES|MENTIONS]->()
  DELETE r
}
CALL (c, row) {
  UNWIND row.citations AS n
  MATCH (x:Citation {mapId: $mapId, n: toInteger(n)})
  CREATE (c)-[:CITES]->(x)
}
CALL (c, row) {
  UNWIND row.mentions AS e
  MATCH (x:Entity {mapId: $mapId, id: e})
  CREATE (c)-[:MENTIONS]->(x)
}
RETURN count(c) AS claims
