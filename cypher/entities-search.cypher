// Entities of every map the user may read whose name contains $q (case-insensitive), with the claims that mention them.
MATCH (e:Entity)
WHERE toLower(e.name) CONTAINS toLower($q)
MATCH (m:Map {id: e.mapId})
WHERE coalesce(m.visibility, 'public') = 'public' OR $admin OR m.owner = $user OR $user IN coalesce(m.members, [])
RETURN e.name AS name, e.type AS type, e.mapId AS map, e.id AS id, [(c:Claim)-[:MENTIONS]->(e) | c.id] AS claims
ORDER BY toLower(e.name), e.mapId
LIMIT 500
