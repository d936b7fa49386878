-- Likely duplicates among current people (not erased, not merged away): the same e-mail, the same phone,
-- or the same postcode with a similar name (same first initial and same last word of the name). Each
-- reason groups over one partial index in its own order, so finding them is one pass over an index,
-- not a comparison of every pair. The name key expression must match FindDuplicates.NameKey exactly.
-- erased_at and merged_into are always NULL in these indexes; they are listed (and full_name for the
-- name key) so that SQLite answers from the index alone instead of reading 100,000 table rows
-- (measured on 100,000 people with 1,000 planted pairs: about 100 ms for the page instead of 360 ms).
CREATE INDEX ix_networks_person_current_email ON networks_person (email_normalized, id, erased_at, merged_into)
    WHERE email_normalized IS NOT NULL AND erased_at IS NULL AND merged_into IS NULL;
CREATE INDEX ix_networks_person_current_phone ON networks_person (phone_normalized, id, erased_at, merged_into)
    WHERE phone_normalized IS NOT NULL AND erased_at IS NULL AND merged_into IS NULL;
CREATE INDEX ix_networks_person_current_postcode_name ON networks_person (
    postcode_normalized,
    (substr(lower(trim(full_name)), 1, 1) || ' ' || substr(lower(trim(full_name)), length(rtrim(lower(trim(full_name)), replace(lower(trim(full_name)), ' ', ''))) + 1)),
    id, full_name, erased_at, merged_into)
    WHERE postcode_normalized IS NOT NULL AND erased_at IS NULL AND merged_into IS NULL;

-- Merging and erasing re-point or clear what refers to a person.
CREATE INDEX ix_networks_person_merged_into ON networks_person (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX ix_networks_institution_main_contact ON networks_institution (main_contact_id) WHERE main_contact_id IS NOT NULL;
-- The name key is in parentheses because PostgreSQL requires them around an expression; SQLite drops them when
-- parsing, so installs that ran this script before they were added have the same index.
