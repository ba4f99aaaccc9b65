// Removes claims of one map with whatever relationships they still have.
UNWIND $ids AS id
MATCH (c:Claim {mapId: $mapId, id: id})
DETACH DELETE c
