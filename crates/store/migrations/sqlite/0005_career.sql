-- The job-search and relationship loop: opportunities and interview
-- debriefs, contacts and interactions, check-ins with readiness snapshots,
-- sharing with mentors and managers (with an audit log and comments), and
-- calendar feeds.

CREATE TABLE opportunities (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    organisation    TEXT NOT NULL,
    title           TEXT NOT NULL,
    -- A role id of the person's framework, when the opportunity matches one.
    role_id         TEXT,
    company_profile TEXT NOT NULL CHECK (company_profile IN ('small-growing', 'mid-size', 'large-enterprise')),
    internal        INTEGER NOT NULL CHECK (internal IN (0, 1)),
    source          TEXT,
    stage           TEXT NOT NULL CHECK (stage IN ('interested', 'applied', 'screening', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn')),
    next_step       TEXT,
    next_step_on    TEXT,
    created_on      TEXT NOT NULL
);
CREATE INDEX opportunities_person ON opportunities (person_id);

-- Every stage an opportunity has been at, with the day it moved there.
CREATE TABLE opportunity_stages (
    id             INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    stage          TEXT NOT NULL CHECK (stage IN ('interested', 'applied', 'screening', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn')),
    changed_on     TEXT NOT NULL
);
CREATE INDEX opportunity_stages_opportunity ON opportunity_stages (opportunity_id);

CREATE TABLE debriefs (
    id                INTEGER PRIMARY KEY,
    opportunity_id    INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    held_on           TEXT NOT NULL,
    questions         TEXT,
    went_well         TEXT,
    went_badly        TEXT,
    reasons           TEXT,
    -- After a rejection: the experience the chosen candidate had.
    chosen_experience TEXT,
    created_on        TEXT NOT NULL
);
CREATE INDEX debriefs_opportunity ON debriefs (opportunity_id);

CREATE TABLE debrief_competencies (
    debrief_id    INTEGER NOT NULL REFERENCES debriefs (id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL,
    PRIMARY KEY (debrief_id, competency_id)
);

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    organisation TEXT,
    relationship TEXT NOT NULL CHECK (relationship IN ('co-manager', 'executive', 'cross-department', 'mentor', 'recruiter', 'peer-outside', 'other')),
    -- How to reach them.
    reach        TEXT,
    notes        TEXT,
    cadence_days INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 365),
    added_on     TEXT NOT NULL
);
CREATE INDEX contacts_person ON contacts (person_id);

CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    happened_on TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('meeting', 'call', 'message', 'event', 'introduction', 'other')),
    note        TEXT
);
CREATE INDEX interactions_contact ON interactions (contact_id, happened_on);

-- A check-in keeps a snapshot of readiness and of the levels it came from.
CREATE TABLE checkins (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    held_on        TEXT NOT NULL,
    went_well      TEXT,
    went_badly     TEXT,
    plan_review    TEXT,
    target_role    TEXT NOT NULL,
    framework_hash TEXT NOT NULL REFERENCES frameworks (hash),
    readiness      INTEGER NOT NULL CHECK (readiness BETWEEN 0 AND 100),
    -- The self-assessment this check-in recorded, when a level changed.
    assessment_id  INTEGER REFERENCES assessments (id) ON DELETE SET NULL
);
CREATE INDEX checkins_person ON checkins (person_id, held_on);

CREATE TABLE checkin_levels (
    checkin_id    INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 0 AND 10),
    expected      INTEGER NOT NULL CHECK (expected BETWEEN 0 AND 10),
    PRIMARY KEY (checkin_id, competency_id)
);

-- Days between check-ins (7 to 182, checked by leap).
ALTER TABLE people ADD COLUMN checkin_every_days INTEGER NOT NULL DEFAULT 30;

-- A part of a person's data shared, read-only, with another account.
CREATE TABLE shares (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    part       TEXT NOT NULL CHECK (part IN ('plan', 'journal', 'assessments', 'feedback')),
    created_at TEXT NOT NULL,
    UNIQUE (person_id, account_id, part)
);
CREATE INDEX shares_account ON shares (account_id);

-- Every read of a person's data by another account, for the owner to see.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    -- Kept when the reader's account is gone.
    username   TEXT NOT NULL,
    action     TEXT NOT NULL,
    part       TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX audit_log_person ON audit_log (person_id, at);

-- Comments by a mentor or manager on a shared plan item or journal entry.
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    author     TEXT NOT NULL,
    target     TEXT NOT NULL CHECK (target IN ('plan-item', 'journal-entry')),
    target_id  INTEGER NOT NULL,
    text       TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX comments_person ON comments (person_id, target, target_id);

-- Calendar feed tokens (SHA-256 only); revoking deletes the row.
CREATE TABLE calendar_feeds (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX calendar_feeds_person ON calendar_feeds (person_id);
