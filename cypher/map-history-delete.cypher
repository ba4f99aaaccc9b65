// A deleted map's history goes with it (a new map of the same id starts afresh).
MATCH (n:Op|Snapshot {mapId: $mapId})
DETACH DELETE n
