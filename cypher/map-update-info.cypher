// Edits a map's title, author, date and venue; a null in $set leaves that field alone,
// except in $clear, which lists the fields to empty. The revision changes so caches see the edit.
MATCH (m:Map {id: $mapId})
SET m.title = coalesce($set.title, m.title),
    m.author = CASE WHEN 'author' IN $clear THEN null ELSE coalesce($set.author, m.author) END,
    m.date = CASE WHEN 'date' IN $clear THEN null ELSE coalesce($set.date, m.date) END,
    m.venue = CASE WHEN 'venue' IN $clear THEN null ELSE coalesce($set.venue, m.venue) END,
    m.revision = $revision
RETURN m.id AS id, m.title AS title, m.author AS author, m.date AS date, m.venue AS venue, m.revision AS revision
