-- A journal entry that names a gap (critical feedback: "needs to let go of
-- the keyboard") stays in the journal, tagged to the competencies it is
-- about, but is never counted or cited as evidence of them (issue #16,
-- docs/readiness.md). 1 when it names a gap; entries written before stay 0.
ALTER TABLE evidence ADD COLUMN names_gap INTEGER NOT NULL DEFAULT 0;
