// Operations of one map committed in one transaction (group commit), each its own (:Op) with its
// own seq and revision, and the map's new head: the last of them. Sequence numbers arrive as integers.
MATCH (m:Map {id: $mapId})
SET m.seq = $seq, m.revision = $revision, m.contentHash = null
WITH m
UNWIND $ops AS o
CREATE (:Op {
  mapId: $mapId, seq: o.seq, revision: o.revision, parent: o.parent, user: o.user, at: o.at,
  op: o.op, before: o.before, after: o.after, touched: o.touched
})
