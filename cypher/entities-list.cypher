MATCH (e:Entity {mapId: $mapId})
WHERE e.id IS NOT NULL // seeks the (mapId, id) key index
RETURN e {.id, .name, .type} AS entity, [(c:Claim)-[:MENTIONS]->(e) | c.id] AS claims
ORDER BY e.name
