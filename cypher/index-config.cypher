// The settings of the index $name (no row when there is none): schema.cypher's IF NOT EXISTS
// would keep an existing index with settings this version no longer uses.
SHOW INDEXES YIELD name, options
WHERE name = $name
RETURN options.indexConfig AS config
