-- PostgreSQL's own types, so that an organisation's reporting tools can
-- query the database directly: dates as date, instants as timestamptz,
-- flags as boolean (they were ISO 8601 text and 0/1 integers, as SQLite
-- keeps them). Existing values convert as they are. The store's queries
-- cast their parameters and what they read (`$1::date`, `added_on::text`);
-- SQLite's queries are the same without the casts.

DROP INDEX people_one_local;
ALTER TABLE frameworks
    ALTER COLUMN added_on TYPE date USING added_on::date;
ALTER TABLE people
    ALTER COLUMN created_on TYPE date USING created_on::date,
    DROP CONSTRAINT people_is_local_check,
    ALTER COLUMN is_local DROP DEFAULT,
    ALTER COLUMN is_local TYPE boolean USING is_local <> 0,
    ALTER COLUMN is_local SET DEFAULT false;
ALTER TABLE assessments
    ALTER COLUMN taken_on TYPE date USING taken_on::date;
ALTER TABLE fit_checks
    ALTER COLUMN taken_on TYPE date USING taken_on::date;
ALTER TABLE evidence
    ALTER COLUMN entry_on TYPE date USING entry_on::date,
    ALTER COLUMN created_on TYPE date USING created_on::date;
ALTER TABLE plans
    ALTER COLUMN generated_on TYPE date USING generated_on::date;
ALTER TABLE plan_items
    ALTER COLUMN due_on TYPE date USING due_on::date,
    ALTER COLUMN closed_on TYPE date USING closed_on::date,
    ALTER COLUMN superseded_on TYPE date USING superseded_on::date,
    ALTER COLUMN created_on TYPE date USING created_on::date,
    ALTER COLUMN starts_on TYPE date USING starts_on::date;
ALTER TABLE feedback_requests
    ALTER COLUMN created_on TYPE date USING created_on::date,
    ALTER COLUMN closes_on TYPE date USING closes_on::date,
    ALTER COLUMN closed_on TYPE date USING closed_on::date;
ALTER TABLE opportunities
    ALTER COLUMN next_step_on TYPE date USING next_step_on::date,
    ALTER COLUMN created_on TYPE date USING created_on::date,
    DROP CONSTRAINT opportunities_internal_check,
    ALTER COLUMN internal TYPE boolean USING internal <> 0;
ALTER TABLE opportunity_stages
    ALTER COLUMN changed_on TYPE date USING changed_on::date;
ALTER TABLE debriefs
    ALTER COLUMN held_on TYPE date USING held_on::date,
    ALTER COLUMN created_on TYPE date USING created_on::date,
    ALTER COLUMN too_technical TYPE boolean USING too_technical <> 0;
ALTER TABLE contacts
    ALTER COLUMN added_on TYPE date USING added_on::date;
ALTER TABLE interactions
    ALTER COLUMN happened_on TYPE date USING happened_on::date;
ALTER TABLE checkins
    ALTER COLUMN held_on TYPE date USING held_on::date;
ALTER TABLE tag_corrections
    ALTER COLUMN created_on TYPE date USING created_on::date,
    ALTER COLUMN reasons DROP DEFAULT,
    ALTER COLUMN reasons TYPE boolean USING reasons <> 0,
    ALTER COLUMN reasons SET DEFAULT false;
ALTER TABLE accounts
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    DROP CONSTRAINT accounts_is_admin_check,
    ALTER COLUMN is_admin DROP DEFAULT,
    ALTER COLUMN is_admin TYPE boolean USING is_admin <> 0,
    ALTER COLUMN is_admin SET DEFAULT false,
    DROP CONSTRAINT accounts_disabled_check,
    ALTER COLUMN disabled DROP DEFAULT,
    ALTER COLUMN disabled TYPE boolean USING disabled <> 0,
    ALTER COLUMN disabled SET DEFAULT false;
ALTER TABLE api_tokens
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
    ALTER COLUMN revoked_at TYPE timestamptz USING revoked_at::timestamptz;
ALTER TABLE login_failures
    ALTER COLUMN failed_at TYPE timestamptz USING failed_at::timestamptz;
ALTER TABLE shares
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;
ALTER TABLE audit_log
    ALTER COLUMN at TYPE timestamptz USING at::timestamptz;
ALTER TABLE comments
    ALTER COLUMN at TYPE timestamptz USING at::timestamptz;
ALTER TABLE calendar_feeds
    ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;
ALTER TABLE feedback_raters
    DROP CONSTRAINT feedback_raters_invited_check,
    ALTER COLUMN invited DROP DEFAULT,
    ALTER COLUMN invited TYPE boolean USING invited <> 0,
    ALTER COLUMN invited SET DEFAULT false,
    DROP CONSTRAINT feedback_raters_answered_check,
    ALTER COLUMN answered DROP DEFAULT,
    ALTER COLUMN answered TYPE boolean USING answered <> 0,
    ALTER COLUMN answered SET DEFAULT false;
CREATE UNIQUE INDEX people_one_local ON people (is_local) WHERE is_local;
