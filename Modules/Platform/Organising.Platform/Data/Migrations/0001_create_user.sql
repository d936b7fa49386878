CREATE TABLE platform_user (
    id                    TEXT NOT NULL PRIMARY KEY,
    user_name             TEXT NOT NULL,
    normalized_user_name  TEXT NOT NULL UNIQUE,
    email                 TEXT NOT NULL,
    normalized_email      TEXT NOT NULL UNIQUE,
    display_name          TEXT NOT NULL,
    password_hash         TEXT NULL,
    security_stamp        TEXT NOT NULL,
    concurrency_stamp     TEXT NOT NULL,
    role                  TEXT NOT NULL,
    is_disabled           INTEGER NOT NULL DEFAULT 0,
    lockout_enabled       INTEGER NOT NULL DEFAULT 1,
    lockout_end           TEXT NULL,
    access_failed_count   INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    last_sign_in_at       TEXT NULL
);

CREATE TABLE platform_invitation (
    id            TEXT NOT NULL PRIMARY KEY,
    email         TEXT NOT NULL,
    role          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    invited_by    TEXT NOT NULL REFERENCES platform_user (id),
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    accepted_at   TEXT NULL,
    accepted_user TEXT NULL REFERENCES platform_user (id),
    revoked_at    TEXT NULL
);
CREATE INDEX ix_platform_invitation_email ON platform_invitation (email);
