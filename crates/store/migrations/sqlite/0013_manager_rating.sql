-- A manager's rating of a report is an assessment with source 'manager'
-- (issue #20); rated_by keeps the manager's username, also once their
-- account is gone. NULL for the person's own assessments.
ALTER TABLE assessments ADD COLUMN rated_by TEXT;
