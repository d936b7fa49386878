CREATE TABLE networks_network (
    id                 TEXT NOT NULL PRIMARY KEY,
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('place', 'condition', 'community')),
    description        TEXT NULL,
    postcode_districts TEXT NULL,
    created_at         TEXT NOT NULL,
    created_by         TEXT NULL,
    archived_at        TEXT NULL
);
CREATE UNIQUE INDEX ux_networks_network_name ON networks_network (lower(name));

CREATE TABLE networks_person (
    id                  TEXT NOT NULL PRIMARY KEY,
    full_name           TEXT NOT NULL,
    preferred_name      TEXT NULL,
    email               TEXT NULL,
    email_normalized    TEXT NULL,
    phone               TEXT NULL,
    phone_normalized    TEXT NULL,
    postcode            TEXT NULL,
    postcode_normalized TEXT NULL,
    preferred_language  TEXT NULL,
    contact_channel     TEXT NULL CHECK (contact_channel IN ('email', 'phone', 'text', 'post', 'in-person')),
    access_needs        TEXT NULL,
    new_to_involvement  INTEGER NOT NULL DEFAULT 0,
    how_we_met          TEXT NULL,
    ethnicity           TEXT NULL,
    faith               TEXT NULL,
    health_conditions   TEXT NULL,
    external_id         TEXT NULL,
    search_text         TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    created_by          TEXT NULL,
    updated_at          TEXT NOT NULL,
    erased_at           TEXT NULL,
    merged_into         TEXT NULL REFERENCES networks_person (id)
);
CREATE INDEX ix_networks_person_email ON networks_person (email_normalized);
CREATE INDEX ix_networks_person_phone ON networks_person (phone_normalized);
CREATE INDEX ix_networks_person_postcode ON networks_person (postcode_normalized);
CREATE INDEX ix_networks_person_external ON networks_person (external_id);
CREATE INDEX ix_networks_person_created_by ON networks_person (created_by);
CREATE INDEX ix_networks_person_name ON networks_person (lower(full_name), id);

CREATE TABLE networks_person_role (
    person_id TEXT NOT NULL REFERENCES networks_person (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('patient', 'carer', 'resident', 'clinician', 'staff', 'other')),
    PRIMARY KEY (person_id, role)
);
CREATE INDEX ix_networks_person_role_role ON networks_person_role (role, person_id);

CREATE TABLE networks_person_network (
    person_id  TEXT NOT NULL REFERENCES networks_person (id) ON DELETE CASCADE,
    network_id TEXT NOT NULL REFERENCES networks_network (id),
    PRIMARY KEY (person_id, network_id)
);
CREATE INDEX ix_networks_person_network_network ON networks_person_network (network_id, person_id);

CREATE TABLE networks_institution (
    id              TEXT NOT NULL PRIMARY KEY,
    name            TEXT NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('faith', 'residents', 'gp', 'school', 'charity', 'support-group', 'hospital-department', 'local-authority', 'other')),
    membership      TEXT NOT NULL CHECK (membership IN ('member', 'partner', 'prospect')),
    address         TEXT NULL,
    postcode        TEXT NULL,
    main_contact_id TEXT NULL REFERENCES networks_person (id),
    notes           TEXT NULL,
    external_id     TEXT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NULL,
    archived_at     TEXT NULL
);
CREATE INDEX ix_networks_institution_name ON networks_institution (lower(name), id);
CREATE INDEX ix_networks_institution_external ON networks_institution (external_id);

CREATE TABLE networks_institution_network (
    institution_id TEXT NOT NULL REFERENCES networks_institution (id) ON DELETE CASCADE,
    network_id     TEXT NOT NULL REFERENCES networks_network (id),
    PRIMARY KEY (institution_id, network_id)
);
CREATE INDEX ix_networks_institution_network_network ON networks_institution_network (network_id, institution_id);

CREATE TABLE networks_affiliation (
    person_id      TEXT NOT NULL REFERENCES networks_person (id) ON DELETE CASCADE,
    institution_id TEXT NOT NULL REFERENCES networks_institution (id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('leader', 'member')),
    PRIMARY KEY (person_id, institution_id)
);
CREATE INDEX ix_networks_affiliation_institution ON networks_affiliation (institution_id, person_id);

CREATE TABLE networks_consent (
    id             TEXT NOT NULL PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES networks_person (id) ON DELETE CASCADE,
    purpose        TEXT NOT NULL CHECK (purpose IN ('contact', 'reminders', 'story', 'photographs', 'special-category')),
    state          TEXT NOT NULL CHECK (state IN ('given', 'withdrawn')),
    wording        TEXT NOT NULL,
    occurred_on    TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('paper', 'verbal', 'online')),
    recorded_by    TEXT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX ix_networks_consent_person ON networks_consent (person_id, purpose, occurred_on, recorded_at);

CREATE TABLE networks_person_note (
    id         TEXT NOT NULL PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES networks_person (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NULL
);
CREATE INDEX ix_networks_person_note_person ON networks_person_note (person_id, created_at);
