// Operations after $after, oldest first: what an events stream has not delivered yet.
MATCH (o:Op {mapId: $mapId})
WHERE o.seq > $after
RETURN o.seq AS seq, o.revision AS revision, o.parent AS parent, o.user AS user, o.at AS at, o.op AS op, o.after AS after
ORDER BY o.seq
LIMIT $limit
