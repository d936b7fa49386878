-- People and networks belong to Networks: their ids are kept here as plain text, without foreign keys across modules.

CREATE TABLE teams_team (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    purpose     TEXT NULL,
    network_id  TEXT NULL,
    status      TEXT NOT NULL CHECK (status IN ('forming', 'active', 'paused', 'closed')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_teams_team_name ON teams_team (lower(name));
CREATE INDEX ix_teams_team_network ON teams_team (network_id);

-- leads = 1: this member leads the team; a user who is that person (and holds the Leader role) manages it.
CREATE TABLE teams_member (
    team_id    TEXT NOT NULL REFERENCES teams_team (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('clinical-lead', 'community-champion', 'organiser', 'volunteer')),
    leads      INTEGER NOT NULL DEFAULT 0,
    joined_at  TEXT NOT NULL,
    PRIMARY KEY (team_id, person_id)
);
CREATE INDEX ix_teams_member_person ON teams_member (person_id, team_id);

-- The recruitment pipeline: one row per person a team is recruiting, at their current stage.
CREATE TABLE teams_recruit (
    id          TEXT NOT NULL PRIMARY KEY,
    team_id     TEXT NOT NULL REFERENCES teams_team (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL,
    stage       TEXT NOT NULL CHECK (stage IN ('prospect', 'contacted', 'one-to-one', 'trained', 'active', 'leader')),
    stage_since TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NULL,
    UNIQUE (team_id, person_id)
);
CREATE INDEX ix_teams_recruit_stage ON teams_recruit (team_id, stage, stage_since);
CREATE INDEX ix_teams_recruit_person ON teams_recruit (person_id);

CREATE TABLE teams_recruit_stage (
    id          TEXT NOT NULL PRIMARY KEY,
    recruit_id  TEXT NOT NULL REFERENCES teams_recruit (id) ON DELETE CASCADE,
    stage       TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    recorded_by TEXT NULL,
    note        TEXT NULL
);
CREATE INDEX ix_teams_recruit_stage_recruit ON teams_recruit_stage (recruit_id, entered_at);

-- One-to-ones (relational meetings). held_by is the person who held it; recorded_by the user who typed it in.
CREATE TABLE teams_one_to_one (
    id             TEXT NOT NULL PRIMARY KEY,
    team_id        TEXT NULL REFERENCES teams_team (id) ON DELETE SET NULL,
    held_by        TEXT NOT NULL,
    met_person_id  TEXT NOT NULL,
    met_at         TEXT NOT NULL,
    place          TEXT NULL,
    story          TEXT NULL,
    self_interest  TEXT NULL,
    talents        TEXT NULL,
    leads          TEXT NULL,
    next_ask       TEXT NULL,
    follow_up_on   TEXT NULL,
    recorded_by    TEXT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    anonymised_at  TEXT NULL
);
CREATE INDEX ix_teams_one_to_one_team ON teams_one_to_one (team_id, met_at);
CREATE INDEX ix_teams_one_to_one_held_by ON teams_one_to_one (held_by, met_at);
CREATE INDEX ix_teams_one_to_one_met ON teams_one_to_one (met_person_id);

-- The training curriculum: editable data, seeded below.
CREATE TABLE teams_curriculum_module (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NULL,
    position    INTEGER NOT NULL,
    is_core     INTEGER NOT NULL DEFAULT 1,
    archived_at TEXT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_teams_curriculum_module_name ON teams_curriculum_module (lower(name));

CREATE TABLE teams_session (
    id          TEXT NOT NULL PRIMARY KEY,
    module_id   TEXT NOT NULL REFERENCES teams_curriculum_module (id),
    team_id     TEXT NULL REFERENCES teams_team (id) ON DELETE SET NULL,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    place       TEXT NULL,
    online_link TEXT NULL,
    trainer     TEXT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    status      TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX ix_teams_session_starts ON teams_session (starts_at);
CREATE INDEX ix_teams_session_team ON teams_session (team_id, starts_at);

-- Enrolment: 'enrolled' holds a place, 'waiting' is on the waiting list (in enrolled_at order), 'withdrawn' left.
-- attended: NULL until marked, then 1 or 0.
CREATE TABLE teams_enrolment (
    session_id  TEXT NOT NULL REFERENCES teams_session (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('enrolled', 'waiting', 'withdrawn')),
    enrolled_at TEXT NOT NULL,
    attended    INTEGER NULL,
    marked_at   TEXT NULL,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX ix_teams_enrolment_person ON teams_enrolment (person_id, session_id);

-- A person completed a curriculum module (by attending a session of it, or recorded by hand).
CREATE TABLE teams_completion (
    person_id    TEXT NOT NULL,
    module_id    TEXT NOT NULL REFERENCES teams_curriculum_module (id),
    completed_at TEXT NOT NULL,
    session_id   TEXT NULL REFERENCES teams_session (id) ON DELETE SET NULL,
    recorded_by  TEXT NULL,
    PRIMARY KEY (person_id, module_id)
);

-- What later modules (Listening, Assembly…) report that a person did, through Teams' Contracts
-- (LeadershipActivityRecorded): kept here so ladders are computed from this module's own tables.
CREATE TABLE teams_activity (
    source_key  TEXT NOT NULL PRIMARY KEY,
    person_id   TEXT NOT NULL,
    activity    TEXT NOT NULL,
    occurred_at TEXT NOT NULL
);
CREATE INDEX ix_teams_activity_person ON teams_activity (person_id, activity);

-- Leadership ladders: rungs as data. A rung is reached when the rule holds for what is recorded:
--   training   : completed every core curriculum module (threshold unused)
--   one-to-ones: held at least `threshold` one-to-ones
--   activity   : at least `threshold` recorded activities of kind `activity`
CREATE TABLE teams_ladder_rung (
    id          TEXT NOT NULL PRIMARY KEY,
    track       TEXT NOT NULL CHECK (track IN ('clinician', 'community')),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    rule        TEXT NOT NULL CHECK (rule IN ('training', 'one-to-ones', 'activity')),
    activity    TEXT NULL,
    threshold   INTEGER NOT NULL DEFAULT 1,
    UNIQUE (track, position)
);

INSERT INTO teams_curriculum_module (id, name, description, position, is_core, created_at) VALUES
('0190a000-0000-7000-8000-000000000001', 'One-to-ones', 'The relational meeting: finding self-interest, talents and leads in thirty minutes.', 1, 1, '2026-01-01T00:00:00.0000000Z'),
('0190a000-0000-7000-8000-000000000002', 'Power analysis', 'Who can say yes: mapping stakeholders by influence and stance.', 2, 1, '2026-01-01T00:00:00.0000000Z'),
('0190a000-0000-7000-8000-000000000003', 'Listening campaigns', 'House meetings, stalls and conversations that find the issues people feel.', 3, 1, '2026-01-01T00:00:00.0000000Z'),
('0190a000-0000-7000-8000-000000000004', 'Public narrative and testimony', 'Telling the story of self, us and now, and giving testimony in public.', 4, 0, '2026-01-01T00:00:00.0000000Z'),
('0190a000-0000-7000-8000-000000000005', 'Research actions', 'Meeting health professionals and decision-makers to research an issue.', 5, 0, '2026-01-01T00:00:00.0000000Z'),
('0190a000-0000-7000-8000-000000000006', 'Negotiation', 'Specific asks to named decision-makers, and holding them to account.', 6, 0, '2026-01-01T00:00:00.0000000Z'),
('0190a000-0000-7000-8000-000000000007', 'Evaluation', 'Evaluating every action: power, relationships, learning; carry on or move on.', 7, 0, '2026-01-01T00:00:00.0000000Z');

INSERT INTO teams_ladder_rung (id, track, position, name, rule, activity, threshold) VALUES
('0190a000-0000-7000-8001-000000000001', 'community', 1, 'Attended core training', 'training', NULL, 1),
('0190a000-0000-7000-8001-000000000002', 'community', 2, 'Held 5 one-to-ones', 'one-to-ones', NULL, 5),
('0190a000-0000-7000-8001-000000000003', 'community', 3, 'Hosted a house meeting', 'activity', 'hosted-house-meeting', 1),
('0190a000-0000-7000-8001-000000000004', 'community', 4, 'Gave testimony', 'activity', 'gave-testimony', 1),
('0190a000-0000-7000-8001-000000000005', 'community', 5, 'Chaired a meeting', 'activity', 'chaired-meeting', 1),
('0190a000-0000-7000-8002-000000000001', 'clinician', 1, 'Attended core training', 'training', NULL, 1),
('0190a000-0000-7000-8002-000000000002', 'clinician', 2, 'Held 5 one-to-ones', 'one-to-ones', NULL, 5),
('0190a000-0000-7000-8002-000000000003', 'clinician', 3, 'Joined a research action', 'activity', 'joined-research-action', 1),
('0190a000-0000-7000-8002-000000000004', 'clinician', 4, 'Gave testimony', 'activity', 'gave-testimony', 1),
('0190a000-0000-7000-8002-000000000005', 'clinician', 5, 'Chaired a meeting', 'activity', 'chaired-meeting', 1);
