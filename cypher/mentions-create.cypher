UNWIND $rows AS row
MATCH (claim:Claim {mapId: $mapId, id: row.claim})
MATCH (entity:Entity {mapId: $mapId, id: row.entity})
CREATE (claim)-[:MENTIONS]->(entity)
