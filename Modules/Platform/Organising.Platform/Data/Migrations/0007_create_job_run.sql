-- One row per execution of a background job (see Jobs/JobRunLog.cs): which instance ran it, when, and how it
-- ended. finished_at and succeeded stay NULL while it runs, and for good if its instance stopped during it.
CREATE TABLE platform_job_run (
    id             TEXT NOT NULL PRIMARY KEY,
    job_id         TEXT NOT NULL,
    job_name       TEXT NOT NULL,
    instance_name  TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    finished_at    TEXT NULL,
    succeeded      INTEGER NULL
);
CREATE INDEX ix_platform_job_run_started ON platform_job_run (started_at);
CREATE INDEX ix_platform_job_run_job ON platform_job_run (job_id);
