-- The succession bench (issue #20): the management roles a person asks to
-- be considered for, and since when. Asking is their consent to be shown,
-- with their readiness for the role, to administrators and the managers
-- above them.
CREATE TABLE succession_interest (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role_id   TEXT NOT NULL,
    since     TEXT NOT NULL,
    PRIMARY KEY (person_id, role_id)
);
CREATE INDEX succession_interest_role ON succession_interest (role_id);
