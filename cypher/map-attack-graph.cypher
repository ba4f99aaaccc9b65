// The claims of a map and the attacks among them: the input of its evaluation.
MATCH (m:Map {id: $mapId})
RETURN
  COLLECT { MATCH (c:Claim {mapId: $mapId}) RETURN c.id } AS claims,
  COLLECT { MATCH (a:Claim {mapId: $mapId})-[:ATTACKS]->(b:Claim) RETURN {source: a.id, target: b.id} } AS attacks
