// A new map from a document: the Map with its exact text, sentence and marker offsets kept as
// parallel integer lists on the node (one property read gives them all), and one Citation per
// note with its parse flags. No claims yet. The caller checked, in this transaction, that the id is free.
CREATE (m:Map {
  id: $map.id, title: $map.title, author: $map.author, date: $map.date, venue: $map.venue,
  text: $map.text, revision: $revision, loadedAt: datetime(), origin: 'document', format: $format,
  notesStart: $notesStart,
  sentenceStarts: [x IN $sentenceStarts | toInteger(x)], sentenceEnds: [x IN $sentenceEnds | toInteger(x)],
  markerNs: [x IN $markerNs | toInteger(x)], markerStarts: [x IN $markerStarts | toInteger(x)],
  markerEnds: [x IN $markerEnds | toInteger(x)], markerForms: $markerForms
})
WITH m
CALL (m) {
  UNWIND $citations AS row
  CREATE (:Citation {
    mapId: m.id, n: toInteger(row.n), authors: row.authors, title: row.title, publisher: row.publisher,
    date: row.date, url: row.url, raw: row.raw, start: toInteger(row.start), end: toInteger(row.end),
    parsedFields: row.parsedFields, rawFields: row.rawFields, repeats: row.repeats, source: toInteger(row.source),
    unparsed: row.unparsed
  })
  RETURN count(*) AS citations
}
RETURN m.id AS id, citations
