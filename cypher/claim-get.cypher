MATCH (c:Claim {mapId: $mapId, id: $claimId})
RETURN c {.id, .kind, .text, .quote, .start, .end, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim
