// Drops the full-text index over claims, so that schema.cypher creates it again with its current settings.
DROP INDEX claim_text IF EXISTS
