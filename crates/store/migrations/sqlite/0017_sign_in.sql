-- Sign-in for organisations (issue #21).

-- Who an identity provider says an account is: the provider (its issuer)
-- and the provider's subject for the person, linked to one account.
CREATE TABLE account_identities (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    linked_at  TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX account_identities_account ON account_identities (account_id);

-- Browsers that have signed in to an account, by the hash of a long-lived
-- cookie: failed sign-ins for the account from elsewhere do not hold them.
CREATE TABLE login_devices (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE INDEX login_devices_account ON login_devices (account_id);

-- One-time links an administrator makes for a person to set a new
-- password, by hash; used or expired, they no longer work.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
);
CREATE INDEX password_resets_account ON password_resets (account_id);

-- How people may sign in, one row: local passwords on or off, and whether
-- the identity provider's people get an account on first sign-in.
CREATE TABLE sign_in_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    local_passwords  INTEGER NOT NULL CHECK (local_passwords IN (0, 1)),
    sso_registration INTEGER NOT NULL CHECK (sso_registration IN (0, 1))
);

-- What administrators did to accounts and sign-in settings. Written once:
-- the database refuses to change or remove a line.
CREATE TABLE admin_audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX admin_audit_at ON admin_audit (at);
CREATE TRIGGER admin_audit_no_update BEFORE UPDATE ON admin_audit
BEGIN
    SELECT RAISE(ABORT, 'the admin audit log cannot be changed');
END;
CREATE TRIGGER admin_audit_no_delete BEFORE DELETE ON admin_audit
BEGIN
    SELECT RAISE(ABORT, 'the admin audit log cannot be changed');
END;
