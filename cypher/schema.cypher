// Keys of every node kind (SPEC.md "Data model") and the full-text index over claims.
// IF NOT EXISTS makes running this file again harmless (and keeps an existing index's old
// settings: server/db/schema.ts drops an index whose settings changed first).
CREATE CONSTRAINT map_id IF NOT EXISTS FOR (m:Map) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (c:Claim) REQUIRE (c.mapId, c.id) IS UNIQUE;
CREATE CONSTRAINT citation_key IF NOT EXISTS FOR (c:Citation) REQUIRE (c.mapId, c.n) IS UNIQUE;
CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE (e.mapId, e.id) IS UNIQUE;
// No index on mapId alone: a map's nodes are found through the key indexes above, each query
// asking "mapId = … AND <second key> IS NOT NULL" (the composite index answers a prefix only with
// that). An extra index is one more insert per node of every load (README "Ingest figures": about
// 5-10 % of ingest, within the noise of the bulk figure). entity_name answered no query (a name
// search is a substring match). Databases made by earlier versions lose them here. A node
// without its second key is invisible to those queries; nothing writes one (the loader and the
// editor write both keys together, and the key constraints refuse a duplicate).
DROP INDEX claim_map IF EXISTS;
DROP INDEX citation_map IF EXISTS;
DROP INDEX entity_map IF EXISTS;
DROP INDEX entity_name IF EXISTS;
// Eventually consistent: Lucene takes a commit's claims on a background thread after the commit
// instead of inside it (README "Ingest figures"), and claims-search.cypher awaits that refresh
// before it searches, so a search still sees every write acknowledged before it.
CREATE FULLTEXT INDEX claim_text IF NOT EXISTS FOR (c:Claim) ON EACH [c.text, c.quote]
  OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
CREATE CONSTRAINT user_name IF NOT EXISTS FOR (u:User) REQUIRE u.name IS UNIQUE;
CREATE INDEX user_token IF NOT EXISTS FOR (u:User) ON (u.tokenHash);
CREATE CONSTRAINT op_key IF NOT EXISTS FOR (o:Op) REQUIRE (o.mapId, o.seq) IS UNIQUE;
CREATE INDEX op_revision IF NOT EXISTS FOR (o:Op) ON (o.mapId, o.revision);
CREATE CONSTRAINT snapshot_key IF NOT EXISTS FOR (s:Snapshot) REQUIRE (s.mapId, s.seq) IS UNIQUE;
