MATCH (m:Map)
WHERE coalesce(m.visibility, 'public') = 'public' OR $admin OR m.owner = $user OR $user IN coalesce(m.members, [])
RETURN m.id AS id, m.title AS title, m.author AS author, m.date AS date,
  COUNT { MATCH (:Claim {mapId: m.id}) } AS claims,
  COUNT { MATCH (:Citation {mapId: m.id}) } AS citations
ORDER BY m.id
