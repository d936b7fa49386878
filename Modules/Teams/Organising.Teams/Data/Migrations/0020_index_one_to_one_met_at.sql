-- The one-to-ones list shows an organiser every team's, newest first: an index in that order saves sorting them all for each page.
CREATE INDEX ix_teams_one_to_one_met_at ON teams_one_to_one (met_at, id);
