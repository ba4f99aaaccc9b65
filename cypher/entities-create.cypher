UNWIND $rows AS row
CREATE (:Entity {mapId: $mapId, id: row.id, name: row.name, type: row.type})
