-- leap's first schema. Never edit an applied migration: add a new one.
-- Dates are ISO 8601 text (YYYY-MM-DD). History is appended, not overwritten.

-- Every framework a person has used, kept whole so that old assessments stay
-- readable after the file changes.
CREATE TABLE frameworks (
    hash         TEXT PRIMARY KEY,
    framework_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    version      TEXT NOT NULL,
    content      TEXT NOT NULL,
    added_on     TEXT NOT NULL
);

CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    -- The profile the command line works on.
    is_local       INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
    current_role   TEXT NOT NULL,
    target_role    TEXT NOT NULL,
    framework_hash TEXT NOT NULL REFERENCES frameworks (hash),
    created_on     TEXT NOT NULL
);
CREATE UNIQUE INDEX people_one_local ON people (is_local) WHERE is_local = 1;

CREATE TABLE assessments (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    framework_hash TEXT NOT NULL REFERENCES frameworks (hash),
    source         TEXT NOT NULL CHECK (source IN ('self', 'manager', 'peer', 'direct-report', 'other')),
    taken_on       TEXT NOT NULL
);
CREATE INDEX assessments_person ON assessments (person_id, taken_on);

CREATE TABLE assessment_levels (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 0 AND 10),
    PRIMARY KEY (assessment_id, competency_id)
);

CREATE TABLE fit_checks (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    framework_hash TEXT NOT NULL REFERENCES frameworks (hash),
    taken_on       TEXT NOT NULL,
    management     INTEGER NOT NULL CHECK (management BETWEEN 0 AND 100),
    technical      INTEGER NOT NULL CHECK (technical BETWEEN 0 AND 100),
    recommendation TEXT NOT NULL CHECK (recommendation IN ('management', 'technical', 'explore')),
    -- {"statement-id": 1..5}
    answers        TEXT NOT NULL
);
CREATE INDEX fit_checks_person ON fit_checks (person_id);

-- Journal entries.
CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    entry_on   TEXT NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_on TEXT NOT NULL
);
CREATE INDEX evidence_person ON evidence (person_id, entry_on);

CREATE TABLE evidence_competencies (
    evidence_id   INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL,
    PRIMARY KEY (evidence_id, competency_id)
);
CREATE INDEX evidence_competencies_competency ON evidence_competencies (competency_id);

-- Each generation of a plan.
CREATE TABLE plans (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    target_role    TEXT NOT NULL,
    horizon_months INTEGER NOT NULL CHECK (horizon_months BETWEEN 1 AND 36),
    generated_on   TEXT NOT NULL
);
CREATE INDEX plans_person ON plans (person_id);

CREATE TABLE plan_items (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The generation that proposed it; NULL for a custom item.
    plan_id       INTEGER REFERENCES plans (id) ON DELETE CASCADE,
    action_id     TEXT,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('experience', 'relationship', 'education')),
    due_on        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'done', 'dropped')),
    note          TEXT,
    closed_on     TEXT,
    -- Set when a later generation replaced this open item; it is kept, not deleted.
    superseded_on TEXT,
    created_on    TEXT NOT NULL
);
CREATE INDEX plan_items_person ON plan_items (person_id, status);

CREATE TABLE plan_item_competencies (
    item_id       INTEGER NOT NULL REFERENCES plan_items (id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL,
    PRIMARY KEY (item_id, competency_id)
);
