// Entities of every map whose name contains $q (case-insensitive), with the claims that mention them.
MATCH (e:Entity)
WHERE toLower(e.name) CONTAINS toLower($q)
RETURN e.name AS name, e.type AS type, e.mapId AS map, e.id AS id, [(c:Claim)-[:MENTIONS]->(e) | c.id] AS claims
ORDER BY toLower(e.name), e.mapId
LIMIT 500
