-- Not needed on PostgreSQL: the narrow order table lets SQLite sort the matches of its FTS5 index without reading
-- the wide person rows. PostgreSQL searches through pg_trgm (0006) and sorts the matches itself.
SELECT 1;
