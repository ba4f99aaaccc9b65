MATCH (m:Map {id: $mapId})
RETURN m.id AS id, m.title AS title, m.text AS text
