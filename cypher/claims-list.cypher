MATCH (c:Claim {mapId: $mapId})
WHERE $kind IS NULL OR c.kind = $kind
RETURN c {.*, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim
ORDER BY c.start, c.id
