-- The month the person's organisation starts its financial year, given
-- with a plan and kept for the next: work that follows the budget round
-- (the four months before it) is placed in the round (docs/planning.md).
ALTER TABLE plans ADD COLUMN year_starts INTEGER CHECK (year_starts BETWEEN 1 AND 12);
