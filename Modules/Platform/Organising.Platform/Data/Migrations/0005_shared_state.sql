-- What several app instances on one database must share besides the data itself.

-- Data Protection keys (they sign the sign-in cookie, antiforgery tokens and reset links): a user
-- signed in through one instance is signed in on every other.
CREATE TABLE platform_data_protection_key (
    name        TEXT NOT NULL PRIMARY KEY,
    xml         TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Counts committed writes. Each instance keeps aggregates in memory (ReadCache) only while this number
-- is the one it read them under, so a write through any instance makes every instance's copies stale.
CREATE TABLE platform_write_version (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO platform_write_version (id, version) VALUES (1, 0);
