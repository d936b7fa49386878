CREATE TABLE platform_audit (
    id            TEXT NOT NULL PRIMARY KEY,
    occurred_at   TEXT NOT NULL,
    user_id       TEXT NULL,
    user_name     TEXT NULL,
    kind          TEXT NOT NULL,
    subject_type  TEXT NULL,
    subject_id    TEXT NULL,
    summary       TEXT NOT NULL
);
CREATE INDEX ix_platform_audit_occurred ON platform_audit (occurred_at);
CREATE INDEX ix_platform_audit_user ON platform_audit (user_id, occurred_at);
CREATE INDEX ix_platform_audit_kind ON platform_audit (kind, occurred_at);
