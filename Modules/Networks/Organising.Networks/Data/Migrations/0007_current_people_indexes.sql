-- Lists, counts and pickers show only current people (not erased, not merged away): partial
-- indexes over just those rows let SQLite count and order them without reading every person.
CREATE INDEX ix_networks_person_current_name ON networks_person (lower(full_name), id)
    WHERE erased_at IS NULL AND merged_into IS NULL;
CREATE INDEX ix_networks_person_current_creator ON networks_person (created_by, lower(full_name), id)
    WHERE erased_at IS NULL AND merged_into IS NULL;
CREATE INDEX ix_networks_person_language ON networks_person (preferred_language);
