-- PostgreSQL's own types (dates, instants, flags) came with this
-- migration there; SQLite keeps dates and instants as ISO 8601 text and
-- flags as 0/1 integers, so nothing changes here.
SELECT 1;
