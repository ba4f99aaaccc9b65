// The claim and everything that supports it within $depth steps (one shortest path per
// supporter, bounded at 10), with the SUPPORTS relationships among those claims.
// No row when the claim does not exist.
MATCH (root:Claim {mapId: $mapId, id: $claimId})
CALL (root) {
  OPTIONAL MATCH p = ANY SHORTEST (s:Claim)-[:SUPPORTS]->{1,10}(root)
  WHERE length(p) <= $depth
  RETURN collect(DISTINCT s) AS supporters
}
WITH root, [root] + supporters AS claims
UNWIND claims AS c
OPTIONAL MATCH (c)-[r:SUPPORTS]->(t:Claim)
WHERE t IN claims
WITH root, c, collect(t.id) AS targets
RETURN c {.*, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim, targets
