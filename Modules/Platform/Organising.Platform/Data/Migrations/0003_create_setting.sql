CREATE TABLE platform_setting (
    key    TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
);
