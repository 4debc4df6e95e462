-- A 360 request brought in by `leap import`: its visible results as the
-- export carried them (JSON, see docs/export-format.md). Such a request has
-- no raters; the results are read from here instead of from answers.
ALTER TABLE feedback_requests ADD COLUMN imported_results TEXT;
