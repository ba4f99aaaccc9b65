MATCH (m:Map {id: $mapId})
RETURN m.revision AS revision
