// Who may see a map: public, or private to its owner, its members and admins.
MATCH (m:Map {id: $mapId})
SET m.visibility = $visibility, m.members = $members
RETURN m.id AS map, m.visibility AS visibility, m.owner AS owner, m.members AS members
