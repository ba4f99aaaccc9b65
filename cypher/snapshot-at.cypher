// The latest snapshot at or before $seq.
MATCH (s:Snapshot {mapId: $mapId})
WHERE s.seq <= $seq
RETURN s.seq AS seq, s.revision AS revision, s.content AS content
ORDER BY s.seq DESC
LIMIT 1
