// The whole content of a map at one sequence number (JSON), so that any revision is
// rebuilt from the nearest snapshot plus a bounded number of operations.
MERGE (s:Snapshot {mapId: $mapId, seq: $seq})
SET s.revision = $revision, s.content = $content
