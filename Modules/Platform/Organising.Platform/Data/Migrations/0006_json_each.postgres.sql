-- Lists go to the database as one JSON array parameter, read with "x IN (SELECT value FROM json_each(@list))"
-- (see SqlText.JsonList): SQLite's json_each does that. PostgreSQL's own json_each takes json objects, so this
-- json_each(text) gives it the same meaning for arrays, and one SQL text serves both engines.
CREATE FUNCTION json_each(list text) RETURNS TABLE (value text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 100
    AS $$ SELECT jsonb_array_elements_text(list::jsonb) $$;
