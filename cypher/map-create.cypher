CREATE (m:Map {
  id: $map.id, title: $map.title, author: $map.author, date: $map.date, venue: $map.venue,
  text: $map.text, revision: $revision, loadedAt: datetime()
})
