// Removes one map: its nodes, their relationships, and the Map node. Nothing of other maps.
CALL () {
  MATCH (n:Claim|Citation|Entity {mapId: $mapId})
  DETACH DELETE n
}
CALL () {
  MATCH (m:Map {id: $mapId})
  DELETE m
}
