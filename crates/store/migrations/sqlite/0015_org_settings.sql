-- The organisation's settings, one row (issue #20): the smallest group an
-- aggregate of the team view is shown over, never below three.
CREATE TABLE org_settings (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    min_group INTEGER NOT NULL CHECK (min_group >= 3)
);
