// The counterarguments of a claim: chains of ATTACKS (attackers, their rebuttals, …) that end at
// the claim or at one of its supporters within $depth, with the support path that links an
// attacked supporter back to the claim, and the undercuts of the inferences on those paths. All patterns typed, directed and bounded at 10.
// One row per claim in the view (the claim itself always); no row when the claim does not exist.
MATCH (root:Claim {mapId: $mapId, id: $claimId})
CALL (root) {
  OPTIONAL MATCH p = ANY SHORTEST (s:Claim)-[:SUPPORTS]->{1,10}(root)
  WHERE length(p) <= $depth
  RETURN collect(p) AS supportPaths
}
CALL (root, supportPaths) {
  UNWIND [root] + [p IN supportPaths | nodes(p)[0]] AS target
  OPTIONAL MATCH a = ANY SHORTEST (x:Claim)-[:ATTACKS]->{1,10}(target)
  WHERE length(a) <= $depth
  RETURN collect(a) AS attackPaths
}
// Undercuts of the inferences on those support paths, with the support each one attacks.
CALL (supportPaths) {
  UNWIND reduce(rels = [], p IN supportPaths | rels + relationships(p)) AS support
  // From the supported claim (bound), not from every UNDERCUTS relationship of every map.
  WITH support, endNode(support) AS t
  MATCH (u:Claim)-[cut:UNDERCUTS]->(t)
  WHERE cut.inference = startNode(support).id
  RETURN collect(DISTINCT cut) + collect(DISTINCT support) AS cutRels
}
WITH root, attackPaths, cutRels,
  [p IN supportPaths WHERE any(a IN attackPaths WHERE last(nodes(a)) = nodes(p)[0])] AS linkPaths
WITH root, reduce(rels = cutRels, p IN linkPaths + attackPaths | rels + relationships(p)) AS allRels
UNWIND ([root] + reduce(ns = [], r IN allRels | ns + [startNode(r), endNode(r)])) AS c
WITH DISTINCT c, allRels
RETURN
  c {.*, citations: [(c)-[:CITES]->(x:Citation) | x.n]} AS claim,
  [r IN allRels WHERE startNode(r) = c | {source: c.id, target: endNode(r).id, type: type(r), inference: r.inference}] AS edges
