// The operation that made $revision (the latest, when a reload brought identical content back).
MATCH (o:Op {mapId: $mapId, revision: $revision})
RETURN o.seq AS seq, o.revision AS revision, o.parent AS parent, o.user AS user, o.op AS op, o.before AS before, o.after AS after, o.touched AS touched
ORDER BY o.seq DESC
LIMIT 1
