// A map's operations, newest first.
MATCH (o:Op {mapId: $mapId})
WHERE $before IS NULL OR o.seq < $before
RETURN o.seq AS seq, o.revision AS revision, o.parent AS parent, o.user AS user, o.at AS at, o.op AS op
ORDER BY o.seq DESC
LIMIT $limit
