-- Feedback that names a gap is read for many people at once (the team view
-- and the succession bench: docs/organisation.md). It is a small part of a
-- journal: an index of it alone keeps that read from going through every
-- entry of everyone in view (12 ms to 0.4 ms for the 931 candidates of an
-- organisation of 3,000 on SQLite).
CREATE INDEX evidence_named_gaps ON evidence (person_id, entry_on) WHERE names_gap = 1;
