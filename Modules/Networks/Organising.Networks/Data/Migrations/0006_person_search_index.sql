-- A trigram full-text index over networks_person.search_text, so "any fragment" search stays fast
-- on 100,000 people. It is an external-content index kept in step by triggers: code only ever
-- writes search_text (through PersonSearchText) and never this table.
CREATE VIRTUAL TABLE networks_person_search USING fts5(
    search_text, content='networks_person', content_rowid='rowid', tokenize='trigram');

CREATE TRIGGER networks_person_search_insert AFTER INSERT ON networks_person BEGIN
    INSERT INTO networks_person_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER networks_person_search_delete AFTER DELETE ON networks_person BEGIN
    INSERT INTO networks_person_search (networks_person_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;

CREATE TRIGGER networks_person_search_update AFTER UPDATE OF search_text ON networks_person BEGIN
    INSERT INTO networks_person_search (networks_person_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO networks_person_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

INSERT INTO networks_person_search (networks_person_search) VALUES ('rebuild');
