UNWIND $rows AS row
MATCH (source:Claim {mapId: $mapId, id: row.source})
MATCH (target:Claim {mapId: $mapId, id: row.target})
CREATE (source)-[:SUPPORTS {quote: row.quote}]->(target)
