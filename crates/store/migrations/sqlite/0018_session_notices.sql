-- Only PostgreSQL, where several servers share one database, tells each
-- server which sessions it keeps in memory have changed (see
-- migrations/postgres/0018_session_notices.sql). An SQLite file has one
-- server, which reads its sessions on the request's own thread instead.
SELECT 1;
