UNWIND $rows AS row
MATCH (source:Claim {mapId: $mapId, id: row.source})
MATCH (target:Claim {mapId: $mapId, id: row.target})
CREATE (source)-[:ATTACKS {quote: row.quote}]->(target)
