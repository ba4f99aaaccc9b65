// The claims of a map, the attacks among them and the undercuts of its inferences: the input of its evaluation.
MATCH (m:Map {id: $mapId})
RETURN
  COLLECT { MATCH (c:Claim {mapId: $mapId}) WHERE c.id IS NOT NULL RETURN c.id } AS claims,
  COLLECT { MATCH (c:Claim {mapId: $mapId}) WHERE c.id IS NOT NULL AND c.kind IN $proposalKinds RETURN c.id } AS proposals,
  COLLECT { MATCH (a:Claim {mapId: $mapId})-[:ATTACKS]->(b:Claim) WHERE a.id IS NOT NULL RETURN {source: a.id, target: b.id} } AS attacks,
  // The hint keeps the planner from starting at every map's undercuts while they are rare.
  COLLECT { MATCH (u:Claim {mapId: $mapId})-[r:UNDERCUTS]->(t:Claim) USING INDEX u:Claim(mapId, id) WHERE u.id IS NOT NULL RETURN {source: u.id, inference: r.inference, target: t.id} } AS undercuts
