// Remembers that an analyst dismissed a suggestion (its id is derived from the spans, which never
// change: a map's text is fixed). A stored list on the map, outside the revisions: dismissing
// changes no content, so it makes no revision and never conflicts with an edit.
MATCH (m:Map {id: $mapId})
SET m.dismissedSuggestions = CASE
  WHEN $id IN coalesce(m.dismissedSuggestions, []) THEN m.dismissedSuggestions
  ELSE coalesce(m.dismissedSuggestions, []) + $id
END
RETURN m.id AS id
