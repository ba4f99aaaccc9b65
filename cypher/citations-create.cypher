UNWIND $rows AS row
CREATE (:Citation {
  mapId: $mapId, n: toInteger(row.n), authors: row.authors, title: row.title,
  publisher: row.publisher, date: row.date, url: row.url
})
