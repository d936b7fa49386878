CREATE TABLE platform_message (
    id          TEXT NOT NULL PRIMARY KEY,
    message_id  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    transport   TEXT NOT NULL,
    status      TEXT NOT NULL,
    error       TEXT NULL
);
CREATE INDEX ix_platform_message_created ON platform_message (created_at);
