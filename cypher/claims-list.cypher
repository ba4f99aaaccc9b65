MATCH (c:Claim {mapId: $mapId})
WHERE c.id IS NOT NULL AND ($kind IS NULL OR c.kind = $kind) // c.id: seeks the (mapId, id) key index
RETURN c {.*, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim
ORDER BY c.start, c.id
