// The map's head without locking it (reads).
MATCH (m:Map {id: $mapId})
RETURN coalesce(m.seq, 0) AS seq, m.revision AS revision,
  EXISTS { MATCH (:Snapshot {mapId: m.id, seq: coalesce(m.seq, 0)}) } AS snapshotted,
  EXISTS { MATCH (o:Op {mapId: m.id, seq: coalesce(m.seq, 0)}) WHERE o.after IS NOT NULL } AS replayable
