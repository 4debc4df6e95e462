-- A contact's job title ("Head of finance"): who they are, beside where they work.
ALTER TABLE contacts ADD COLUMN job_title TEXT;
