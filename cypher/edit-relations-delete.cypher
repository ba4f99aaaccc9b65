// Removes relations between claims of one map, each named by type, ends and (undercuts) inference.
UNWIND $rows AS row
MATCH (a:Claim {mapId: $mapId, id: row.source})-[r]->(b:Claim {mapId: $mapId, id: row.target})
WHERE type(r) = row.type AND (row.type <> 'UNDERCUTS' OR r.inference = row.inference)
DELETE r
