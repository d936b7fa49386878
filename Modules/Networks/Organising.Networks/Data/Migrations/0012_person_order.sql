-- Searches are ordered by name. Sorting the 5,000 matches of a common name read each match's wide person row
-- (about 10 ms on 100,000 people). This narrow copy of each current person's sort key, keyed by the rowid the
-- search index also uses, sorts them in about 4 ms. Triggers keep it in step with networks_person.
CREATE TABLE networks_person_order (
    person_rowid INTEGER PRIMARY KEY,
    sort_name    TEXT NOT NULL,
    id           TEXT NOT NULL
);

INSERT INTO networks_person_order (person_rowid, sort_name, id)
    SELECT rowid, lower(full_name), id FROM networks_person WHERE erased_at IS NULL AND merged_into IS NULL;

CREATE TRIGGER networks_person_order_insert AFTER INSERT ON networks_person
    WHEN new.erased_at IS NULL AND new.merged_into IS NULL
BEGIN
    INSERT INTO networks_person_order (person_rowid, sort_name, id) VALUES (new.rowid, lower(new.full_name), new.id);
END;

CREATE TRIGGER networks_person_order_update AFTER UPDATE OF full_name, erased_at, merged_into ON networks_person
BEGIN
    DELETE FROM networks_person_order WHERE person_rowid = old.rowid;
    INSERT INTO networks_person_order (person_rowid, sort_name, id)
        SELECT new.rowid, lower(new.full_name), new.id WHERE new.erased_at IS NULL AND new.merged_into IS NULL;
END;

CREATE TRIGGER networks_person_order_delete AFTER DELETE ON networks_person
BEGIN
    DELETE FROM networks_person_order WHERE person_rowid = old.rowid;
END;
