// What intake found in a map's document: sentence and marker offsets, and each note's parse details.
MATCH (m:Map {id: $mapId})
RETURN m.id AS id, m.title AS title, m.author AS author, m.date AS date, m.venue AS venue, m.text AS text,
  m.origin AS origin, m.notesStart AS notesStart,
  m.sentenceStarts AS sentenceStarts, m.sentenceEnds AS sentenceEnds,
  coalesce(m.dismissedSuggestions, []) AS dismissedSuggestions,
  m.markerNs AS markerNs, m.markerStarts AS markerStarts, m.markerEnds AS markerEnds, m.markerForms AS markerForms,
  COLLECT {
    MATCH (x:Citation {mapId: $mapId}) WHERE x.n IS NOT NULL
    RETURN x {.n, .authors, .title, .publisher, .date, .url, .raw, .start, .end, .parsedFields, .rawFields, .repeats, .source, .unparsed}
    ORDER BY x.n
  } AS citations
