//! Accounts of the web application: passwords, sessions, API tokens and
//! failed sign-ins, and which profile an account has.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{NewProfile, PersonId, Profile, Result};

/// The row id of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    pub is_admin: bool,
    pub disabled: bool,
    /// The person this account works on, once it has a profile.
    pub person: Option<PersonId>,
}

pub struct NewAccount<'a> {
    pub username: &'a str,
    pub password_hash: &'a str,
    pub is_admin: bool,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A stored web session.
/// An account and the profile of the person it works on (none before the
/// account has created or linked one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountProfile {
    pub account: Account,
    pub profile: Option<Profile>,
    /// Someone in the organisation reports to the account's person.
    pub manages: bool,
}

/// A session as loaded: what is stored, and the account it is signed in to
/// as the database has it now (none when signed out, or when the account is
/// gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedSession {
    pub record: SessionRecord,
    pub account: Option<AccountProfile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub data: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Accounts, sessions, tokens and login throttling: what the web
/// application needs beyond a person's data.
#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn account_count(&self) -> Result<i64>;
    /// Creates an account; the first one created is always an admin.
    async fn create_account(&self, new: NewAccount<'_>) -> Result<Account>;
    /// An account with its person's profile, in one read (every signed-in
    /// request needs both).
    async fn account(&self, id: AccountId) -> Result<Option<AccountProfile>>;
    async fn account_by_username(&self, username: &str) -> Result<Option<Account>>;
    async fn accounts(&self) -> Result<Vec<Account>>;
    async fn set_password(&self, id: AccountId, password_hash: &str) -> Result<()>;
    /// Disables (and signs out everywhere) or enables an account; the last
    /// enabled administrator cannot be disabled.
    async fn set_disabled(&self, id: AccountId, disabled: bool) -> Result<()>;
    /// Makes an account an administrator or not; the last enabled
    /// administrator stays one.
    async fn set_admin(&self, id: AccountId, admin: bool) -> Result<()>;
    /// One page of the accounts whose username contains `search` (any
    /// case), by username, with how many match in all.
    async fn accounts_page(&self, search: &str, offset: i64, limit: i64) -> Result<AccountsPage>;

    /// A one-time link's hash for the account to set a new password with,
    /// valid until `expires`; it replaces any earlier one.
    async fn create_password_reset(
        &self,
        id: AccountId,
        token_hash: &str,
        expires: DateTime<Utc>,
    ) -> Result<()>;
    /// The enabled account a live reset link is for.
    async fn password_reset_account(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>>;
    /// Sets the new password with a live reset link, which is used up, and
    /// signs the account out everywhere; false when the link is not live.
    async fn finish_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool>;

    /// Adds a line to the administrators' audit log, which nothing changes.
    async fn add_admin_audit(&self, line: &AdminAuditLine) -> Result<()>;
    /// The audit log, newest first, one page, with how many lines in all.
    async fn admin_audit(&self, offset: i64, limit: i64) -> Result<(Vec<AdminAuditLine>, i64)>;
    /// Links the command line's local profile to the account, when there is
    /// one and no account has it yet. Returns whether it linked.
    async fn link_local_profile(&self, id: AccountId) -> Result<bool>;
    /// Creates a profile for an account that has none, in one transaction.
    async fn create_profile_for(&self, id: AccountId, new: NewProfile<'_>) -> Result<Profile>;
    async fn profile(&self, person: PersonId) -> Result<Profile>;

    async fn record_login_failure(
        &self,
        username: &str,
        client: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// Failures since `since` for a username from a client, for the
    /// username and for the client, with the oldest of each (to say when a
    /// limit lifts).
    async fn login_failures(
        &self,
        username: &str,
        client: &str,
        since: DateTime<Utc>,
    ) -> Result<LoginFailures>;

    async fn create_token(
        &self,
        id: AccountId,
        name: &str,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<i64>;
    async fn tokens(&self, id: AccountId) -> Result<Vec<TokenRecord>>;
    async fn revoke_token(&self, id: AccountId, token: i64, at: DateTime<Utc>) -> Result<()>;
    /// Revokes every live token of the account; returns how many.
    async fn revoke_tokens_for(&self, id: AccountId, at: DateTime<Utc>) -> Result<u64>;
    /// The enabled account a live token belongs to, with its profile.
    async fn account_by_token(&self, token_hash: &str) -> Result<Option<AccountProfile>>;

    /// A live session, with the account it is signed in to (and that
    /// account's profile) read in the same query.
    async fn session_load(&self, id: &str, now: i64) -> Result<Option<LoadedSession>>;
    /// Inserts a session; false when the id is taken.
    async fn session_create(
        &self,
        id: &str,
        account: Option<AccountId>,
        record: &SessionRecord,
    ) -> Result<bool>;
    async fn session_save(
        &self,
        id: &str,
        account: Option<AccountId>,
        record: &SessionRecord,
    ) -> Result<()>;
    async fn session_delete(&self, id: &str) -> Result<()>;
    /// Signs an account out everywhere but `keep`.
    async fn sessions_delete_for(&self, id: AccountId, keep: Option<&str>) -> Result<u64>;
    async fn sessions_delete_expired(&self, now: i64) -> Result<u64>;
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginFailures {
    /// Failures for this username from this client.
    pub by_pair: i64,
    pub oldest_by_pair: Option<DateTime<Utc>>,
    /// Failures for this username from anywhere.
    pub by_username: i64,
    pub oldest_by_username: Option<DateTime<Utc>>,
    /// Failures from this client for any username.
    pub by_client: i64,
    pub oldest_by_client: Option<DateTime<Utc>>,
}

/// One page of accounts, and how many match in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountsPage {
    pub accounts: Vec<AccountSummary>,
    pub total: i64,
}

/// An account as an administrator sees it in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    pub account: Account,
    pub created_at: DateTime<Utc>,
    /// The identity provider's e-mail for the account, when it signs in
    /// with single sign-on.
    pub sso_email: Option<String>,
    /// Live personal API tokens.
    pub tokens: i64,
}

/// One thing an administrator did: who, what, to whom, and the details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminAuditLine {
    pub at: DateTime<Utc>,
    /// The administrator's username (or `leap user` on the server).
    pub actor: String,
    /// What was done: `account.add`, `account.disable`, ...
    pub action: String,
    /// The account or setting it was done to.
    pub target: String,
    pub detail: String,
}
