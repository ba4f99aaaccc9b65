// An undercut attacks the inference row.inference ⇒ target (a SUPPORTS edge the loader has checked), not the target itself.
UNWIND $rows AS row
MATCH (source:Claim {mapId: $mapId, id: row.source})
MATCH (target:Claim {mapId: $mapId, id: row.target})
CREATE (source)-[:UNDERCUTS {inference: row.inference, quote: row.quote}]->(target)
