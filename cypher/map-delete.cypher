// Removes the maps of $mapIds: their nodes, their relationships, and the Map nodes. Nothing of other maps.
UNWIND $mapIds AS mapId
CALL (mapId) {
  MATCH (n:Claim|Citation|Entity {mapId: mapId})
  DETACH DELETE n
}
CALL (mapId) {
  MATCH (m:Map {id: mapId})
  DELETE m
}
