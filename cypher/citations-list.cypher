MATCH (x:Citation {mapId: $mapId})
WHERE x.n IS NOT NULL // seeks the (mapId, n) key index: schema.cypher has no index on mapId alone
RETURN x {.n, .authors, .title, .publisher, .date, .url} AS citation,
  [(c:Claim)-[:CITES]->(x) | c.id] AS claims
ORDER BY x.n
