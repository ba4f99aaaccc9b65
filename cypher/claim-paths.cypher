// Argument chains from one claim to another along SUPPORTS: typed, directed, at most 10 steps;
// shortest first, then by the ids along the way so the order is stable. Also says which of the
// two claims exist, so one round trip answers both "no such claim" and the paths.
OPTIONAL MATCH (from:Claim {mapId: $mapId, id: $from})
OPTIONAL MATCH (to:Claim {mapId: $mapId, id: $to})
CALL (from, to) {
  OPTIONAL MATCH p = (from)-[:SUPPORTS*1..10]->(to)
  WITH [n IN nodes(p) | n.id] AS chain
  WHERE chain IS NOT NULL
  WITH chain ORDER BY size(chain), chain LIMIT $max
  RETURN collect(chain) AS chains
}
RETURN from IS NOT NULL AS fromExists, to IS NOT NULL AS toExists, chains
