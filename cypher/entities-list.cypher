MATCH (e:Entity {mapId: $mapId})
RETURN e {.id, .name, .type} AS entity, [(c:Claim)-[:MENTIONS]->(e) | c.id] AS claims
ORDER BY e.name
