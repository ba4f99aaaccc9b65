// Full-text search over claim text and quote ($query is a Lucene query built from escaped words).
// claim_text is eventually consistent: first apply the updates of every transaction committed
// so far (read-your-writes), within this read's deadline.
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
CALL db.index.fulltext.queryNodes('claim_text', $query) YIELD node AS c, score
WHERE c.mapId = $mapId AND ($kind IS NULL OR c.kind = $kind)
RETURN c {.*, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim, score
ORDER BY score DESC, c.start
LIMIT 200
