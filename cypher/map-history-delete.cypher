// A deleted map's history goes with it (a new map of the same id starts afresh). Each kind is
// found through its (mapId, seq) key index.
CALL () {
  MATCH (o:Op {mapId: $mapId}) WHERE o.seq IS NOT NULL
  DETACH DELETE o
}
CALL () {
  MATCH (s:Snapshot {mapId: $mapId}) WHERE s.seq IS NOT NULL
  DETACH DELETE s
}
