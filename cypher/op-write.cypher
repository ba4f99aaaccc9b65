// One operation of a map's history, written in the transaction that makes the change,
// and the map's new head.
MATCH (m:Map {id: $mapId})
SET m.seq = $seq, m.revision = $revision, m.contentHash = $contentHash
CREATE (:Op {
  mapId: $mapId, seq: $seq, revision: $revision, parent: $parent, user: $user, at: $at,
  op: $op, before: $before, after: $after, touched: $touched
})
