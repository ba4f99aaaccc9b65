// A claim with its neighbours along SUPPORTS and ATTACKS (each with its role: supports, supportedBy,
// attacks, attackedBy), its footnotes, entities and speaker. The claim and its neighbours are one
// list so that a claim is projected in one place (the same projection as every read query's).
MATCH (c:Claim {mapId: $mapId, id: $claimId})
CALL (c) {
  UNWIND [{node: c, role: 'claim'}]
    + [(c)-[r:SUPPORTS|ATTACKS]->(n:Claim) | {node: n, role: toLower(type(r))}]
    + [(n:Claim)-[r:SUPPORTS|ATTACKS]->(c) | {node: n, role: CASE type(r) WHEN 'SUPPORTS' THEN 'supportedBy' ELSE 'attackedBy' END}] AS related
  WITH related.node AS n, related.role AS role
  RETURN collect({role: role, claim: n {.*, citations: [(n)-[:CITES]->(x:Citation) | x.n]}}) AS claims
}
RETURN
  claims,
  [(c)-[:CITES]->(x:Citation) | x {.n, .authors, .title, .publisher, .date, .url}] AS citations,
  [(c)-[:MENTIONS]->(e:Entity) | e {.id, .name, .type}] AS entities,
  head(COLLECT { MATCH (e:Entity {mapId: $mapId, id: c.speaker}) RETURN e {.id, .name, .type} }) AS speaker
