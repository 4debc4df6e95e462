-- The organisation (issue #20): teams, nested as the organisation is; the
-- people it has, by e-mail, with their team and their manager. A person's
-- account is the one whose username is that e-mail (any case).
CREATE TABLE teams (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES teams (id) ON DELETE RESTRICT
);
CREATE INDEX teams_parent ON teams (parent_id);

CREATE TABLE members (
    id         INTEGER PRIMARY KEY,
    -- Lowercase.
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    team_id    INTEGER REFERENCES teams (id) ON DELETE RESTRICT,
    manager_id INTEGER REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX members_manager ON members (manager_id);
CREATE INDEX members_team ON members (team_id);
CREATE INDEX accounts_username_lower ON accounts (lower(username));

-- What a person's manager ('manager') or every manager above them too
-- ('line') sees of each part: the organisation's default, and the person's
-- own choice, which wins.
CREATE TABLE line_sharing_defaults (
    part  TEXT PRIMARY KEY CHECK (part IN ('plan', 'journal', 'assessments', 'feedback')),
    reach TEXT NOT NULL CHECK (reach IN ('nobody', 'manager', 'line'))
);
CREATE TABLE line_sharing (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    part      TEXT NOT NULL CHECK (part IN ('plan', 'journal', 'assessments', 'feedback')),
    reach     TEXT NOT NULL CHECK (reach IN ('nobody', 'manager', 'line')),
    PRIMARY KEY (person_id, part)
);
