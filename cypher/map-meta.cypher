// What every map-scoped request needs before anything else: the revision and who may see the map.
MATCH (m:Map {id: $mapId})
RETURN m.revision AS revision, coalesce(m.visibility, 'public') AS visibility, m.owner AS owner, coalesce(m.members, []) AS members
