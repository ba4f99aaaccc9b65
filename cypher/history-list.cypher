// A map's operations, newest first. A range on seq lets the (mapId, seq) key index answer, from
// $before down, instead of a scan of every map's operations.
MATCH (o:Op {mapId: $mapId})
WHERE o.seq < coalesce($before, 9223372036854775807)
RETURN o.seq AS seq, o.revision AS revision, o.parent AS parent, o.user AS user, o.at AS at, o.op AS op
ORDER BY o.seq DESC
LIMIT $limit
