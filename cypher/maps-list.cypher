MATCH (m:Map)
WHERE coalesce(m.visibility, 'public') = 'public' OR $admin OR m.owner = $user OR $user IN coalesce(m.members, [])
RETURN m.id AS id, m.title AS title, m.author AS author, m.date AS date,
  COUNT { MATCH (c:Claim {mapId: m.id}) WHERE c.id IS NOT NULL } AS claims,
  COUNT { MATCH (x:Citation {mapId: m.id}) WHERE x.n IS NOT NULL } AS citations
ORDER BY m.id
