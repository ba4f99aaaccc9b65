// Entities of every map the user may read whose name contains $q (case-insensitive), with the claims that mention them.
// From the maps the user may read to their entities by the (mapId, id) key index, one map at a
// time (the subquery): a substring match cannot use an index, so only those maps' entities are read.
MATCH (m:Map)
WHERE coalesce(m.visibility, 'public') = 'public' OR $admin OR m.owner = $user OR $user IN coalesce(m.members, [])
CALL (m) {
  MATCH (e:Entity {mapId: m.id})
  WHERE e.id IS NOT NULL AND toLower(e.name) CONTAINS toLower($q)
  RETURN e
}
RETURN e.name AS name, e.type AS type, e.mapId AS map, e.id AS id, [(c:Claim)-[:MENTIONS]->(e) | c.id] AS claims
ORDER BY toLower(e.name), e.mapId, e.id
LIMIT 500
