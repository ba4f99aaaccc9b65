// The document's metadata as an edit left it (every field given; null clears it).
// The map's revision is set by the operation written in the same transaction.
MATCH (m:Map {id: $mapId})
SET m.title = $info.title, m.author = $info.author, m.date = $info.date, m.venue = $info.venue
