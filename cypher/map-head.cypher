// The heads of maps, taking each map's write lock first (SET): edits of one map are
// serialised, so sequence numbers are dense and every edit sees the one before.
// One row per map of $mapIds that exists.
UNWIND $mapIds AS mapId
MATCH (m:Map {id: mapId})
SET m.seq = coalesce(m.seq, 0)
RETURN m.id AS id, m.seq AS seq, m.revision AS revision, m.contentHash AS contentHash,
  coalesce(m.visibility, 'public') AS visibility, m.owner AS owner, coalesce(m.members, []) AS members,
  EXISTS { MATCH (:Snapshot {mapId: m.id, seq: m.seq}) } AS snapshotted,
  EXISTS { MATCH (:Op {mapId: m.id, seq: m.seq}) } AS logged,
  EXISTS { MATCH (o:Op {mapId: m.id, seq: m.seq}) WHERE o.after IS NULL } AS whole
