-- A person's corrections of suggested tags: the text, the competency ids
-- they chose and those leap suggested that they took away (comma
-- separated); reasons 1 when the text is an interviewer's reasons. Later
-- suggestions for that person learn from them (docs/tagging.md).
CREATE TABLE tag_corrections (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    chosen     TEXT NOT NULL,
    removed    TEXT NOT NULL,
    reasons    INTEGER NOT NULL DEFAULT 0,
    created_on TEXT NOT NULL
);
CREATE INDEX tag_corrections_person ON tag_corrections (person_id, id);
