// The one write path of whole maps (seed, `argmap load`, import, restore, bench): one batch of
// rows of one or more maps, in one round trip. The loader cuts a transaction's rows into batches
// in this order: maps, claims, citations, entities, then the relationships, so every node a
// relationship joins was created by this statement or an earlier one of the same transaction.
// Rows come as parallel lists of primitives (one list per property) with $mapIds indexed by
// position: no map per row to encode, send and decode. Relationships find both ends through the
// key constraints' unique indexes (claim_key, citation_key, entity_key), never a label scan.
CALL () {
  UNWIND $maps AS m
  CREATE (:Map {
    id: m.id, title: m.title, author: m.author, date: m.date, venue: m.venue, text: m.text,
    revision: m.revision, loadedAt: datetime(), seq: toInteger(m.seq), contentHash: m.contentHash,
    visibility: m.visibility, owner: m.owner, members: m.members
  })
  CREATE (:Op {
    mapId: m.id, seq: toInteger(m.seq), revision: m.revision, parent: m.parent, user: m.user, at: m.at,
    op: m.op, before: null, after: null, touched: null
  })
}
CALL () {
  UNWIND range(0, size($claimId) - 1) AS i
  CREATE (:Claim {
    mapId: $mapIds[toInteger($claimMap[i])], id: $claimId[i], kind: $claimKind[i], text: $claimText[i], quote: $claimQuote[i],
    start: toInteger($claimStart[i]), end: toInteger($claimEnd[i]), speaker: $claimSpeaker[i]
  })
}
CALL () {
  UNWIND range(0, size($citationN) - 1) AS i
  CREATE (:Citation {
    mapId: $mapIds[toInteger($citationMap[i])], n: toInteger($citationN[i]), authors: $citationAuthors[i], title: $citationTitle[i],
    publisher: $citationPublisher[i], date: $citationDate[i], url: $citationUrl[i]
  })
}
CALL () {
  UNWIND range(0, size($entityId) - 1) AS i
  CREATE (:Entity {mapId: $mapIds[toInteger($entityMap[i])], id: $entityId[i], name: $entityName[i], type: $entityType[i]})
}
// Supports, attacks and undercuts are one list: the relationship type cannot be a parameter, hence one CREATE per type.
CALL () {
  UNWIND range(0, size($edgeSource) - 1) AS i
  WITH i, $mapIds[toInteger($edgeMap[i])] AS mapId, $edgeType[i] AS type
  MATCH (a:Claim {mapId: mapId, id: $edgeSource[i]})
  MATCH (b:Claim {mapId: mapId, id: $edgeTarget[i]})
  FOREACH (_ IN CASE WHEN type = 'SUPPORTS' THEN [1] ELSE [] END | CREATE (a)-[:SUPPORTS {quote: $edgeQuote[i]}]->(b))
  FOREACH (_ IN CASE WHEN type = 'ATTACKS' THEN [1] ELSE [] END | CREATE (a)-[:ATTACKS {quote: $edgeQuote[i]}]->(b))
  FOREACH (_ IN CASE WHEN type = 'UNDERCUTS' THEN [1] ELSE [] END | CREATE (a)-[:UNDERCUTS {inference: $edgeInference[i], quote: $edgeQuote[i]}]->(b))
}
CALL () {
  UNWIND range(0, size($citeClaim) - 1) AS i
  WITH i, $mapIds[toInteger($citeMap[i])] AS mapId
  MATCH (c:Claim {mapId: mapId, id: $citeClaim[i]})
  MATCH (x:Citation {mapId: mapId, n: toInteger($citeN[i])})
  CREATE (c)-[:CITES]->(x)
}
CALL () {
  UNWIND range(0, size($mentionClaim) - 1) AS i
  WITH i, $mapIds[toInteger($mentionMap[i])] AS mapId
  MATCH (c:Claim {mapId: mapId, id: $mentionClaim[i]})
  MATCH (e:Entity {mapId: mapId, id: $mentionEntity[i]})
  CREATE (c)-[:MENTIONS]->(e)
}
