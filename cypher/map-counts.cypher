// What a map holds, for load reports and tests.
MATCH (m:Map {id: $mapId})
RETURN
  COUNT { MATCH (c:Claim {mapId: $mapId}) } AS claims,
  COUNT { MATCH (c:Citation {mapId: $mapId}) } AS citations,
  COUNT { MATCH (e:Entity {mapId: $mapId}) } AS entities,
  COUNT { MATCH (:Claim {mapId: $mapId})-[r:SUPPORTS]->() } AS supports,
  COUNT { MATCH (:Claim {mapId: $mapId})-[r:ATTACKS]->() } AS attacks,
  COUNT { MATCH (:Claim {mapId: $mapId})-[r:UNDERCUTS]->() } AS undercuts,
  COUNT { MATCH (:Claim {mapId: $mapId})-[r:CITES]->() } AS cites,
  COUNT { MATCH (:Claim {mapId: $mapId})-[r:MENTIONS]->() } AS mentions
