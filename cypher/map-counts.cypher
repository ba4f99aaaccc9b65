// What a map holds, for load reports and tests. A map's nodes are found by their key indexes
// (mapId plus id or n, "IS NOT NULL" for the second key): there is no index on mapId alone. The
// hints keep the planner from starting at every map's relationships of a type that is still rare.
MATCH (m:Map {id: $mapId})
RETURN
  COUNT { MATCH (c:Claim {mapId: $mapId}) WHERE c.id IS NOT NULL } AS claims,
  COUNT { MATCH (c:Citation {mapId: $mapId}) WHERE c.n IS NOT NULL } AS citations,
  COUNT { MATCH (e:Entity {mapId: $mapId}) WHERE e.id IS NOT NULL } AS entities,
  COUNT { MATCH (c:Claim {mapId: $mapId})-[r:SUPPORTS]->() WHERE c.id IS NOT NULL } AS supports,
  COUNT { MATCH (c:Claim {mapId: $mapId})-[r:ATTACKS]->() WHERE c.id IS NOT NULL } AS attacks,
  COUNT { MATCH (c:Claim {mapId: $mapId})-[r:UNDERCUTS]->() USING INDEX c:Claim(mapId, id) WHERE c.id IS NOT NULL } AS undercuts,
  COUNT { MATCH (c:Claim {mapId: $mapId})-[r:CITES]->() USING INDEX c:Claim(mapId, id) WHERE c.id IS NOT NULL } AS cites,
  COUNT { MATCH (c:Claim {mapId: $mapId})-[r:MENTIONS]->() WHERE c.id IS NOT NULL } AS mentions
