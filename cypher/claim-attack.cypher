// The counterarguments of a claim: chains of ATTACKS (attackers, their rebuttals, …) that end at
// the claim or at one of its supporters within $depth, with the support path that links an
// attacked supporter back to the claim. All patterns typed, directed and bounded at 10.
MATCH (root:Claim {mapId: $mapId, id: $claimId})
CALL (root) {
  OPTIONAL MATCH p = ANY SHORTEST (s:Claim)-[:SUPPORTS]->{1,10}(root)
  WHERE length(p) <= $depth
  RETURN collect(p) AS supportPaths
}
WITH root, supportPaths, [root] + [p IN supportPaths | nodes(p)[0]] AS targets
UNWIND targets AS target
CALL (target) {
  OPTIONAL MATCH a = ANY SHORTEST (x:Claim)-[:ATTACKS]->{1,10}(target)
  WHERE length(a) <= $depth
  RETURN collect(a) AS attackPaths
}
WITH root, supportPaths, target, attackPaths
WHERE size(attackPaths) > 0
WITH root, supportPaths, collect(target.id) AS attacked, collect(attackPaths) AS attackPathLists
WITH root, attacked,
  [p IN supportPaths WHERE nodes(p)[0].id IN attacked] AS linkPaths,
  reduce(all = [], ps IN attackPathLists | all + ps) AS attackPaths
WITH root, linkPaths + attackPaths AS paths
UNWIND paths AS p
UNWIND relationships(p) AS r
WITH root, collect(DISTINCT r) AS rels
WITH root, rels, reduce(ns = [root], r IN rels | ns + [startNode(r), endNode(r)]) AS allNodes
UNWIND allNodes AS c
WITH DISTINCT rels, c
RETURN
  c {.id, .kind, .text, .quote, .start, .end, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim,
  [r IN rels WHERE startNode(r) = c | {source: c.id, target: endNode(r).id, type: type(r)}] AS edges
