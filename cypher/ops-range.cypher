// Operations after $from up to $to, oldest first, with what each changed.
MATCH (o:Op {mapId: $mapId})
WHERE o.seq > $from AND o.seq <= $to
RETURN o.seq AS seq, o.revision AS revision, o.parent AS parent, o.after AS after
ORDER BY o.seq
