UNWIND $rows AS row
CREATE (:Claim {
  mapId: $mapId, id: row.id, kind: row.kind, text: row.text, quote: row.quote,
  start: toInteger(row.start), end: toInteger(row.end), speaker: row.speaker
})
