-- Likely duplicates among current people (not erased, not merged away): the same e-mail, the same phone,
-- or the same postcode with a similar name (same first initial and same last word of the name). Each
-- reason groups over one partial index in its own order, so finding them is one pass over an index,
-- not a comparison of every pair. The name key expression must match DuplicateKeys.NameKeySql exactly.
CREATE INDEX ix_networks_person_current_email ON networks_person (email_normalized, id)
    WHERE email_normalized IS NOT NULL AND erased_at IS NULL AND merged_into IS NULL;
CREATE INDEX ix_networks_person_current_phone ON networks_person (phone_normalized, id)
    WHERE phone_normalized IS NOT NULL AND erased_at IS NULL AND merged_into IS NULL;
CREATE INDEX ix_networks_person_current_postcode_name ON networks_person (
    postcode_normalized,
    substr(lower(trim(full_name)), 1, 1) || ' ' || substr(lower(trim(full_name)), length(rtrim(lower(trim(full_name)), replace(lower(trim(full_name)), ' ', ''))) + 1),
    id)
    WHERE postcode_normalized IS NOT NULL AND erased_at IS NULL AND merged_into IS NULL;

-- Merging and erasing re-point or clear what refers to a person.
CREATE INDEX ix_networks_person_merged_into ON networks_person (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX ix_networks_institution_main_contact ON networks_institution (main_contact_id) WHERE main_contact_id IS NOT NULL;
