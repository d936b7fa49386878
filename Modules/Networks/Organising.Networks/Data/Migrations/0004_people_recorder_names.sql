-- Who recorded a consent or wrote a note, as their name was then (like the audit log's user_name):
-- the module may not read Platform's user table, and the record must stay readable if the account goes.
ALTER TABLE networks_consent ADD COLUMN recorded_by_name TEXT NULL;
ALTER TABLE networks_person_note ADD COLUMN created_by_name TEXT NULL;
