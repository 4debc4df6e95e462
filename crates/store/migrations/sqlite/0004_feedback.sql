-- 360 feedback. A request names the competencies and the raters; each rater
-- answers through a link whose token is stored only as its SHA-256. Nothing
-- records when a rater answered: results must not carry it.
CREATE TABLE feedback_requests (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    framework_hash    TEXT NOT NULL REFERENCES frameworks (hash),
    created_on        TEXT NOT NULL,
    -- Open to answers up to and including this day.
    closes_on         TEXT NOT NULL,
    -- Set when the person closes it before that day.
    closed_on         TEXT,
    -- Raters per group before results are shown: never below the defaults.
    min_manager       INTEGER NOT NULL CHECK (min_manager >= 1),
    min_peer          INTEGER NOT NULL CHECK (min_peer >= 3),
    min_direct_report INTEGER NOT NULL CHECK (min_direct_report >= 3),
    min_other         INTEGER NOT NULL CHECK (min_other >= 3)
);
CREATE INDEX feedback_requests_person ON feedback_requests (person_id);

CREATE TABLE feedback_request_competencies (
    request_id    INTEGER NOT NULL REFERENCES feedback_requests (id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL,
    PRIMARY KEY (request_id, competency_id)
);

CREATE TABLE feedback_raters (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES feedback_requests (id) ON DELETE CASCADE,
    rater_group     TEXT NOT NULL CHECK (rater_group IN ('manager', 'peer', 'direct-report', 'other')),
    name            TEXT NOT NULL,
    email           TEXT,
    token_hash      TEXT NOT NULL UNIQUE,
    -- An invitation was sent by e-mail.
    invited         INTEGER NOT NULL DEFAULT 0 CHECK (invited IN (0, 1)),
    answered        INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
    overall_comment TEXT
);
CREATE INDEX feedback_raters_request ON feedback_raters (request_id);

CREATE TABLE feedback_answers (
    rater_id      INTEGER NOT NULL REFERENCES feedback_raters (id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL,
    -- NULL: not observed.
    level         INTEGER,
    comment       TEXT,
    PRIMARY KEY (rater_id, competency_id)
);
