MATCH (m:Map {id: $mapId})
RETURN m.id AS id
