MATCH (m:Map)
RETURN m.id AS id, m.title AS title, m.author AS author, m.date AS date,
  COUNT { MATCH (:Claim {mapId: m.id}) } AS claims,
  COUNT { MATCH (:Citation {mapId: m.id}) } AS citations
ORDER BY m.id
