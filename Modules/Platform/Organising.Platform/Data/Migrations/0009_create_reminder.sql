-- The reminders outbox: the record of every reminder, whatever Hangfire's storage holds.
-- One row per (event, lead time): key is the module's key plus the lead ("...2d"); base_key is the module's key.
CREATE TABLE platform_reminder (
    id            TEXT NOT NULL PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    base_key      TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    event_at      TEXT NOT NULL,
    lead_minutes  INTEGER NOT NULL,
    due_at        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'cancelled', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NULL,
    note          TEXT NULL,
    claimed_at    TEXT NULL,
    sent_at       TEXT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    -- Bumped by every claim, release, reschedule and cancel: a dispatcher records only the outcome of its own claim,
    -- and a send in flight cannot mark a moved reminder sent.
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_platform_reminder_due ON platform_reminder (status, due_at);
CREATE INDEX ix_platform_reminder_base_key ON platform_reminder (base_key);
CREATE INDEX ix_platform_reminder_person ON platform_reminder (person_id);

-- A person's choice for one kind of reminder; no row means the module's defaults.
CREATE TABLE platform_reminder_preference (
    person_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    enabled       INTEGER NOT NULL,
    lead_minutes  TEXT NOT NULL, -- a JSON array of minutes before the event
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- A person's quiet hours, in the organisation's time zone; no row means the default (21:00 to 08:00).
CREATE TABLE platform_reminder_quiet_hours (
    person_id     TEXT NOT NULL PRIMARY KEY,
    enabled       INTEGER NOT NULL,
    starts        TEXT NOT NULL, -- HH:mm
    ends          TEXT NOT NULL, -- HH:mm; earlier than starts when the quiet runs past midnight
    updated_at    TEXT NOT NULL
);

-- Hangfire delayed jobs that will wake the dispatcher, so start-up can tell which were lost with Hangfire's storage.
CREATE TABLE platform_reminder_wakeup (
    at            TEXT NOT NULL PRIMARY KEY,
    job_id        TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
