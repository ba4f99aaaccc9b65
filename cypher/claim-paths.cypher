// Argument chains from one claim to another along SUPPORTS: typed, directed, at most 10 steps;
// shortest first, then by the ids along the way so the order is stable. SHORTEST 100 (the largest
// max; Neo4j 5.26 takes no parameter there) finds the 100 shortest chains by a breadth-first search
// that stops once it has them, so a dense map costs what the answer costs, not what every chain
// between the two claims would (millions). Also says which of the two claims exist, so one round
// trip answers both "no such claim" and the paths.
OPTIONAL MATCH (from:Claim {mapId: $mapId, id: $from})
OPTIONAL MATCH (to:Claim {mapId: $mapId, id: $to})
CALL (from, to) {
  OPTIONAL MATCH p = SHORTEST 100 (from)-[:SUPPORTS]->{1,10}(to)
  WITH [n IN nodes(p) | n.id] AS chain
  WHERE chain IS NOT NULL
  WITH chain ORDER BY size(chain), chain LIMIT $max
  RETURN collect(chain) AS chains
}
RETURN from IS NOT NULL AS fromExists, to IS NOT NULL AS toExists, chains
