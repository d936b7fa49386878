-- Each user's secret calendar feed address (see Calendar/FeedTokens.cs). The feed is found by the token's hash; the
-- protected copy lets its owner see the address again. Making a new address replaces the row, so the old one stops working.
CREATE TABLE platform_calendar_feed (
    user_id          TEXT NOT NULL PRIMARY KEY REFERENCES platform_user (id) ON DELETE CASCADE,
    token_hash       TEXT NOT NULL UNIQUE,
    protected_token  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
