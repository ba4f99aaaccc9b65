UNWIND $rows AS row
MATCH (claim:Claim {mapId: $mapId, id: row.claim})
MATCH (citation:Citation {mapId: $mapId, n: toInteger(row.n)})
CREATE (claim)-[:CITES]->(citation)
