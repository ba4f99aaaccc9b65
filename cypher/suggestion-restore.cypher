// Takes a dismissal back: the suggestion is open again.
MATCH (m:Map {id: $mapId})
SET m.dismissedSuggestions = [x IN coalesce(m.dismissedSuggestions, []) WHERE x <> $id]
RETURN m.id AS id
