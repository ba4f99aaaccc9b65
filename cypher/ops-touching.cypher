// The first operation after $since that touched any of $keys (or the whole map: a load).
MATCH (o:Op {mapId: $mapId})
WHERE o.seq > $since AND (o.touched IS NULL OR any(k IN o.touched WHERE k IN $keys))
RETURN o.seq AS seq, o.revision AS revision, o.user AS user
ORDER BY o.seq
LIMIT 1
