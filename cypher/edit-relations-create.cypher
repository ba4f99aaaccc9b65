// Creates relations between claims of one map (the type cannot be a parameter, hence one branch per type).
UNWIND $rows AS row
MATCH (a:Claim {mapId: $mapId, id: row.source}), (b:Claim {mapId: $mapId, id: row.target})
FOREACH (_ IN CASE WHEN row.type = 'SUPPORTS' THEN [1] ELSE [] END | CREATE (a)-[:SUPPORTS {quote: row.quote}]->(b))
FOREACH (_ IN CASE WHEN row.type = 'ATTACKS' THEN [1] ELSE [] END | CREATE (a)-[:ATTACKS {quote: row.quote}]->(b))
FOREACH (_ IN CASE WHEN row.type = 'UNDERCUTS' THEN [1] ELSE [] END | CREATE (a)-[:UNDERCUTS {inference: row.inference, quote: row.quote}]->(b))
