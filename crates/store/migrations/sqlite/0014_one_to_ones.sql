-- One-to-ones of a manager and a direct report (issue #20): the meeting,
-- and what either of the two adds to it, agenda items and notes alike.
-- Only the two read them; the manager's username is kept when their
-- account is gone.
CREATE TABLE one_to_ones (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    manager_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    manager    TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX one_to_ones_person ON one_to_ones (person_id, held_on);
CREATE INDEX one_to_ones_manager ON one_to_ones (manager_id, held_on);

CREATE TABLE one_to_one_entries (
    id            INTEGER PRIMARY KEY,
    one_to_one_id INTEGER NOT NULL REFERENCES one_to_ones (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('item', 'note')),
    author        TEXT NOT NULL,
    text          TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX one_to_one_entries_meeting ON one_to_one_entries (one_to_one_id, id);
