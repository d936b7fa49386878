-- Listening: campaigns, events, what was heard (issues raised, stories, quotes), themes, and the issue-cutting
-- workbench that makes the people's agenda. People, networks and teams belong to other modules: their ids are kept
-- here as plain text, without foreign keys across modules.

-- Dates (starts_on, ends_on) are local dates 'yyyy-MM-dd'; instants are UTC text.
CREATE TABLE listening_campaign (
    id                   TEXT NOT NULL PRIMARY KEY,
    name                 TEXT NOT NULL,
    purpose              TEXT NULL,
    team_id              TEXT NOT NULL,
    starts_on            TEXT NOT NULL,
    ends_on              TEXT NOT NULL,
    target_conversations INTEGER NOT NULL DEFAULT 0,
    status               TEXT NOT NULL CHECK (status IN ('planned', 'active', 'closed')),
    created_at           TEXT NOT NULL,
    created_by           TEXT NULL,
    updated_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_listening_campaign_name ON listening_campaign (lower(name));
CREATE INDEX ix_listening_campaign_team ON listening_campaign (team_id);

CREATE TABLE listening_campaign_network (
    campaign_id TEXT NOT NULL REFERENCES listening_campaign (id) ON DELETE CASCADE,
    network_id  TEXT NOT NULL,
    PRIMARY KEY (campaign_id, network_id)
);
CREATE INDEX ix_listening_campaign_network_network ON listening_campaign_network (network_id);

-- One conversation or gathering. network_id is one of the campaign's networks (what "issues by network" counts).
-- host_person_id: who hosted a house meeting (counts on the leadership ladders). recorded_by: the user who typed it.
CREATE TABLE listening_event (
    id             TEXT NOT NULL PRIMARY KEY,
    campaign_id    TEXT NOT NULL REFERENCES listening_campaign (id) ON DELETE CASCADE,
    network_id     TEXT NOT NULL,
    type           TEXT NOT NULL CHECK (type IN ('one-to-one', 'house-meeting', 'department-session', 'street-stall', 'other')),
    held_at        TEXT NOT NULL,
    place          TEXT NULL,
    headcount      INTEGER NOT NULL CHECK (headcount >= 0),
    language       TEXT NULL,
    host_person_id TEXT NULL,
    notes          TEXT NULL,
    recorded_by    TEXT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX ix_listening_event_campaign ON listening_event (campaign_id, held_at);
CREATE INDEX ix_listening_event_recorded_by ON listening_event (recorded_by);
CREATE INDEX ix_listening_event_host ON listening_event (host_person_id);

-- role: 'facilitator' (a team member who ran it) or 'participant' (a named person who took part).
CREATE TABLE listening_event_person (
    event_id   TEXT NOT NULL REFERENCES listening_event (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('facilitator', 'participant')),
    PRIMARY KEY (event_id, person_id, role)
);
CREATE INDEX ix_listening_event_person_person ON listening_event_person (person_id);

-- The managed list. Merging a theme moves its tags to the other and deletes it.
CREATE TABLE listening_theme (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_listening_theme_name ON listening_theme (lower(name));

-- An issue raised at an event, in the words heard (and the language it was spoken in, the event's).
-- campaign_id is the event's, kept here so a campaign's tallies read one index.
CREATE TABLE listening_raised (
    id          TEXT NOT NULL PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES listening_event (id) ON DELETE CASCADE,
    campaign_id TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_listening_raised_event ON listening_raised (event_id, position);
CREATE INDEX ix_listening_raised_campaign ON listening_raised (campaign_id);

CREATE TABLE listening_raised_theme (
    raised_id   TEXT NOT NULL REFERENCES listening_raised (id) ON DELETE CASCADE,
    theme_id    TEXT NOT NULL REFERENCES listening_theme (id) ON DELETE CASCADE,
    campaign_id TEXT NOT NULL,
    PRIMARY KEY (raised_id, theme_id)
);
CREATE INDEX ix_listening_raised_theme_campaign ON listening_raised_theme (campaign_id, theme_id);
CREATE INDEX ix_listening_raised_theme_theme ON listening_raised_theme (theme_id);

-- Stories, testimonies and quotes. consent: 'public' (may be printed and published), 'alliance' (seen inside the
-- alliance, never printed or public), 'none' (kept for the record, seen only by those who may see the event).
-- teller_person_id: the person who told it, when named; teller_label: how they may be described ("a mother of two").
-- raised_id: the issue raised the story stands behind, when it was recorded against one.
CREATE TABLE listening_story (
    id               TEXT NOT NULL PRIMARY KEY,
    event_id         TEXT NOT NULL REFERENCES listening_event (id) ON DELETE CASCADE,
    campaign_id      TEXT NOT NULL,
    raised_id        TEXT NULL REFERENCES listening_raised (id) ON DELETE SET NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('story', 'testimony', 'quote')),
    position         INTEGER NOT NULL DEFAULT 0,
    text             TEXT NOT NULL,
    teller_person_id TEXT NULL,
    teller_label     TEXT NULL,
    consent          TEXT NOT NULL CHECK (consent IN ('public', 'alliance', 'none')),
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_listening_story_event ON listening_story (event_id, position);
CREATE INDEX ix_listening_story_campaign ON listening_story (campaign_id, consent);
CREATE INDEX ix_listening_story_teller ON listening_story (teller_person_id);
CREATE INDEX ix_listening_story_raised ON listening_story (raised_id);

-- The issue-cutting workbench: a candidate issue cut from problems heard in one campaign.
-- status: 'candidate' (being worked), 'prioritised' (on the people's agenda), 'set-aside'.
CREATE TABLE listening_candidate (
    id             TEXT NOT NULL PRIMARY KEY,
    campaign_id    TEXT NOT NULL REFERENCES listening_campaign (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    problem        TEXT NULL,
    status         TEXT NOT NULL CHECK (status IN ('candidate', 'prioritised', 'set-aside')),
    prioritised_at TEXT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX ix_listening_candidate_campaign ON listening_candidate (campaign_id, status);
CREATE INDEX ix_listening_candidate_status ON listening_candidate (status, prioritised_at);

CREATE TABLE listening_candidate_raised (
    candidate_id TEXT NOT NULL REFERENCES listening_candidate (id) ON DELETE CASCADE,
    raised_id    TEXT NOT NULL REFERENCES listening_raised (id) ON DELETE CASCADE,
    PRIMARY KEY (candidate_id, raised_id)
);
CREATE INDEX ix_listening_candidate_raised_raised ON listening_candidate_raised (raised_id);

-- Scores against the winnable-issue criteria, 1 (not at all) to 5 (fully).
CREATE TABLE listening_candidate_score (
    candidate_id TEXT NOT NULL REFERENCES listening_candidate (id) ON DELETE CASCADE,
    criterion    TEXT NOT NULL CHECK (criterion IN ('specific', 'winnable', 'widely-felt', 'deeply-felt', 'clear-target', 'timeframe', 'builds-leadership')),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    note         TEXT NULL,
    scored_at    TEXT NOT NULL,
    scored_by    TEXT NULL,
    PRIMARY KEY (candidate_id, criterion)
);

-- A prioritisation vote: the points a member institution or a team gave a candidate issue.
CREATE TABLE listening_vote (
    candidate_id TEXT NOT NULL REFERENCES listening_candidate (id) ON DELETE CASCADE,
    voter_kind   TEXT NOT NULL CHECK (voter_kind IN ('institution', 'team')),
    voter_id     TEXT NOT NULL,
    voter_name   TEXT NOT NULL,
    points       INTEGER NOT NULL CHECK (points BETWEEN 0 AND 10),
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NULL,
    PRIMARY KEY (candidate_id, voter_kind, voter_id)
);

-- Module settings: 'public-agenda' = '1' publishes the people's agenda to anyone, signed in or not.
CREATE TABLE listening_setting (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO listening_theme (id, name, description, created_at) VALUES
('0190b000-0000-7000-8000-000000000001', 'Access and waiting', 'Getting appointments, waiting lists, opening hours, getting there.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000002', 'Communication and interpreting', 'Being listened to, letters, language and interpreters.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000003', 'Mental health', 'Mental health and wellbeing, support and crisis care.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000004', 'Long-term conditions', 'Living with diabetes, heart, lung and other long-term conditions.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000005', 'Maternity', 'Pregnancy, birth and the first year.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000006', 'Housing', 'Damp, overcrowding, repairs, homelessness.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000007', 'Work and money', 'Jobs, benefits, debt and the cost of living.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000008', 'Isolation', 'Loneliness and being cut off.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000009', 'Food', 'Affording and getting healthy food.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000010', 'Safety', 'Feeling safe at home, on the street and in services.', '2026-01-01T00:00:00.0000000Z'),
('0190b000-0000-7000-8000-000000000011', 'Discrimination', 'Racism and unfair treatment in services and beyond.', '2026-01-01T00:00:00.0000000Z');
