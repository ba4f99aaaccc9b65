// After a whole-map write (load, replace, restore across a reload): the map keeps its
// access settings and gains the operation in its history.
MATCH (m:Map {id: $mapId})
SET m.seq = $seq, m.revision = $revision, m.contentHash = $contentHash,
  m.visibility = $visibility, m.owner = $owner, m.members = $members
CREATE (:Op {
  mapId: $mapId, seq: $seq, revision: $revision, parent: $parent, user: $user, at: $at,
  op: $op, before: null, after: null, touched: null
})
