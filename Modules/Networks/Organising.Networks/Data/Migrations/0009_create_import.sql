-- An uploaded CSV waiting for its uploader to confirm it: the file as text (so the confirm step reads exactly
-- what was previewed, and nothing round-trips through the browser) and the preview's per-row results.
-- Kept for a day at most: every upload deletes the expired ones.
CREATE TABLE networks_import (
    id           TEXT NOT NULL PRIMARY KEY,
    owner_id     TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('people', 'institutions')),
    file_name    TEXT NULL,
    csv          TEXT NOT NULL,
    preview_json TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX ix_networks_import_created ON networks_import (created_at);
