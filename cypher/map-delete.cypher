// Removes the maps of $mapIds: their nodes, their relationships, and the Map nodes. Nothing of other maps.
// Each kind is found through its key index (mapId plus the second key, which every node has).
UNWIND $mapIds AS mapId
CALL (mapId) {
  MATCH (c:Claim {mapId: mapId}) WHERE c.id IS NOT NULL
  DETACH DELETE c
}
CALL (mapId) {
  MATCH (x:Citation {mapId: mapId}) WHERE x.n IS NOT NULL
  DETACH DELETE x
}
CALL (mapId) {
  MATCH (e:Entity {mapId: mapId}) WHERE e.id IS NOT NULL
  DETACH DELETE e
}
CALL (mapId) {
  MATCH (m:Map {id: mapId})
  DELETE m
}
