MATCH (x:Citation {mapId: $mapId})
RETURN x {.n, .authors, .title, .publisher, .date, .url} AS citation,
  [(c:Claim)-[:CITES]->(x) | c.id] AS claims
ORDER BY x.n
