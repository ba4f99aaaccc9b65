// A map's operations, newest first. "o.seq IS NOT NULL" lets the (mapId, seq) key index answer
// (read backwards for the order) instead of a scan of every map's operations.
MATCH (o:Op {mapId: $mapId})
WHERE o.seq IS NOT NULL AND ($before IS NULL OR o.seq < $before)
RETURN o.seq AS seq, o.revision AS revision, o.parent AS parent, o.user AS user, o.at AS at, o.op AS op
ORDER BY o.seq DESC
LIMIT $limit
