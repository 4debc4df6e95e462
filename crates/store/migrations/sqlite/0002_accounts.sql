-- Accounts for the web application, API tokens, and login throttling.

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    -- argon2id PHC string; never the password.
    password_hash TEXT NOT NULL,
    is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- The person whose data this account works on; NULL until a profile exists.
    person_id     INTEGER UNIQUE REFERENCES people (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL
);

-- Personal API tokens, stored as SHA-256 hashes only.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Failed logins, counted per account and per client address over a window.
-- Kept in the database so that several servers share the count.
CREATE TABLE login_failures (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL,
    client     TEXT NOT NULL,
    failed_at  TEXT NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, failed_at);
CREATE INDEX login_failures_client ON login_failures (client, failed_at);

-- Web sessions (tower-sessions records). account_id lets a password change
-- sign out the account's other sessions.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    data       TEXT NOT NULL,
    -- Unix seconds.
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
