MATCH (c:Claim {mapId: $mapId, id: $claimId})
RETURN
  c {.id, .kind, .text, .quote, .start, .end, .speaker, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim,
  [(s:Claim)-[:SUPPORTS]->(c) | s {.id, .kind, .text, .quote, .start, .end, .speaker, citations: [(s)-[:CITES]->(x:Citation) | x.n]}] AS supportedBy,
  [(c)-[:SUPPORTS]->(t:Claim) | t {.id, .kind, .text, .quote, .start, .end, .speaker, citations: [(t)-[:CITES]->(x:Citation) | x.n]}] AS supports,
  [(a:Claim)-[:ATTACKS]->(c) | a {.id, .kind, .text, .quote, .start, .end, .speaker, citations: [(a)-[:CITES]->(x:Citation) | x.n]}] AS attackedBy,
  [(c)-[:ATTACKS]->(t:Claim) | t {.id, .kind, .text, .quote, .start, .end, .speaker, citations: [(t)-[:CITES]->(x:Citation) | x.n]}] AS attacks,
  [(c)-[:CITES]->(x:Citation) | x {.n, .authors, .title, .publisher, .date, .url}] AS citations,
  [(c)-[:MENTIONS]->(e:Entity) | e {.id, .name, .type}] AS entities,
  head(COLLECT { MATCH (e:Entity {mapId: $mapId, id: c.speaker}) RETURN e {.id, .name, .type} }) AS speaker
