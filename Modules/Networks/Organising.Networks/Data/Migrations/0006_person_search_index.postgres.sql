-- PostgreSQL's answer to SQLite's FTS5 trigram index: a pg_trgm GIN index over search_text, which serves
-- "contains" (LIKE '%fragment%') directly. pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ix_networks_person_search_trgm ON networks_person USING gin (search_text gin_trgm_ops);
