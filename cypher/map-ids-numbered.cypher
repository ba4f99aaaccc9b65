// The ids a derived map id would collide with: the id itself and its numbered variants (base-2, base-3 …).
MATCH (m:Map)
WHERE m.id = $base OR m.id STARTS WITH $base + '-'
RETURN m.id AS id
