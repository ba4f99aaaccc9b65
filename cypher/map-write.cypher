// The one write path of whole maps (seed, `argmap load`, import, restore, bench): one statement
// of rows of one or more maps, in one round trip. Rows come as parallel lists of primitives (one
// list per property) with $mapIds indexed by position: no map per row to encode, send and decode.
//
// Nodes created here are collected into lists, and every relationship names its two ends by
// position in them ($supportSource etc. are indexes): no index seek per end. The loader cuts
// statements at map boundaries, so a map's relationships normally find all their ends here. Only
// a map too large for one statement has relationships whose ends an earlier statement of the same
// transaction wrote: the loader passes those nodes once each by key ($claimRefKey …, empty
// otherwise), they are looked up through the key constraints' indexes and appended to the lists.
// The data decides which; there is no second query.
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
// ORDER BY before collect: the positions the loader computed are the positions in the lists.
CALL () {
  UNWIND range(0, size($claimId) - 1) AS i
  CREATE (c:Claim {
    mapId: $mapIds[toInteger($claimMap[i])], id: $claimId[i], kind: $claimKind[i], text: $claimText[i], quote: $claimQuote[i],
    start: toInteger($claimStart[i]), end: toInteger($claimEnd[i]), speaker: $claimSpeaker[i]
  })
  WITH i, c ORDER BY i
  RETURN collect(c) AS claims
}
CALL () {
  UNWIND range(0, size($citationN) - 1) AS i
  CREATE (x:Citation {
    mapId: $mapIds[toInteger($citationMap[i])], n: toInteger($citationN[i]), authors: $citationAuthors[i], title: $citationTitle[i],
    publisher: $citationPublisher[i], date: $citationDate[i], url: $citationUrl[i]
  })
  WITH i, x ORDER BY i
  RETURN collect(x) AS citations
}
CALL () {
  UNWIND range(0, size($entityId) - 1) AS i
  CREATE (e:Entity {mapId: $mapIds[toInteger($entityMap[i])], id: $entityId[i], name: $entityName[i], type: $entityType[i]})
  WITH i, e ORDER BY i
  RETURN collect(e) AS entities
}
// Nodes of earlier statements, each once; [node] keeps a missing one's place, so a relationship
// to it fails instead of joining the wrong node.
CALL () {
  UNWIND range(0, size($claimRefKey) - 1) AS i
  OPTIONAL MATCH (c:Claim {mapId: $mapIds[toInteger($claimRefMap[i])], id: $claimRefKey[i]})
  WITH i, c ORDER BY i
  RETURN collect([c]) AS claimRefs
}
CALL () {
  UNWIND range(0, size($citationRefKey) - 1) AS i
  OPTIONAL MATCH (x:Citation {mapId: $mapIds[toInteger($citationRefMap[i])], n: toInteger($citationRefKey[i])})
  WITH i, x ORDER BY i
  RETURN collect([x]) AS citationRefs
}
CALL () {
  UNWIND range(0, size($entityRefKey) - 1) AS i
  OPTIONAL MATCH (e:Entity {mapId: $mapIds[toInteger($entityRefMap[i])], id: $entityRefKey[i]})
  WITH i, e ORDER BY i
  RETURN collect([e]) AS entityRefs
}
WITH claims + [r IN claimRefs | r[0]] AS claims, citations + [r IN citationRefs | r[0]] AS citations,
  entities + [r IN entityRefs | r[0]] AS entities
// One block per relationship type (the type cannot be a parameter).
CALL (claims) {
  UNWIND range(0, size($supportSource) - 1) AS i
  WITH i, claims[toInteger($supportSource[i])] AS a, claims[toInteger($supportTarget[i])] AS b
  CREATE (a)-[:SUPPORTS {quote: $supportQuote[i]}]->(b)
}
CALL (claims) {
  UNWIND range(0, size($attackSource) - 1) AS i
  WITH i, claims[toInteger($attackSource[i])] AS a, claims[toInteger($attackTarget[i])] AS b
  CREATE (a)-[:ATTACKS {quote: $attackQuote[i]}]->(b)
}
CALL (claims) {
  UNWIND range(0, size($undercutSource) - 1) AS i
  WITH i, claims[toInteger($undercutSource[i])] AS a, claims[toInteger($undercutTarget[i])] AS b
  CREATE (a)-[:UNDERCUTS {inference: $undercutInference[i], quote: $undercutQuote[i]}]->(b)
}
CALL (claims, citations) {
  UNWIND range(0, size($citeClaim) - 1) AS i
  WITH claims[toInteger($citeClaim[i])] AS c, citations[toInteger($citeCitation[i])] AS x
  CREATE (c)-[:CITES]->(x)
}
CALL (claims, entities) {
  UNWIND range(0, size($mentionClaim) - 1) AS i
  WITH claims[toInteger($mentionClaim[i])] AS c, entities[toInteger($mentionEntity[i])] AS e
  CREATE (c)-[:MENTIONS]->(e)
}
