// Argument chains from one claim to another along SUPPORTS: typed, directed, at most 10 steps;
// shortest first, then by the ids along the way so the order is stable.
MATCH (from:Claim {mapId: $mapId, id: $from})
MATCH (to:Claim {mapId: $mapId, id: $to})
MATCH p = (from)-[:SUPPORTS*1..10]->(to)
WITH [n IN nodes(p) | n.id] AS chain
RETURN chain
ORDER BY size(chain), chain
LIMIT $max
