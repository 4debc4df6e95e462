//! leap's persistence. The [`Store`] trait is what the rest of leap talks to;
//! [`connect`] opens a [`Location`]: an SQLite file (the embedded default)
//! or a PostgreSQL database. Both run the same SQL (`sql`); what differs
//! lives in `sqlite` and `postgres`.
//!
//! Every method that writes runs in one transaction: it changes everything it
//! says or nothing. Every method that touches a person's object takes the
//! person's id and refuses (with [`StoreError::NotFound`]) an object that
//! belongs to someone else.

pub mod career;
pub mod feedback;
mod migrations;
pub mod postgres;
pub mod sharing;
mod sql;
mod sqlite;
pub mod testing;
pub mod transfer;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use leap_core::assessment::{Levels, Source};
use leap_core::evidence::EvidenceKind;
use leap_core::fit::{FitAnswers, FitResult};
use leap_core::framework::ActionKind;
use leap_core::plan::{ItemStatus, ProposedItem};
use leap_core::CompetencyId;

pub use career::CareerStore;
pub use feedback::FeedbackStore;
pub use sharing::SharingStore;
pub use sql::{Dialect, SqlStore};
pub use transfer::TransferStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Conflict(String),
    #[error("the database holds a value leap cannot read ({0}): was it edited by hand?")]
    Corrupt(String),
    #[error("{path} is not a leap database, or it is damaged ({why}): check the path given with --db or LEAP_DB, or restore it from a backup (`leap restore`)")]
    NotADatabase { path: String, why: String },
    #[error("cannot open the database {url}")]
    Open {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A program the backend runs (pg_dump, pg_restore) failed.
    #[error("{0}")]
    Tool(String),
}

/// Where a leap database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file, created on first use.
    Sqlite(PathBuf),
    /// A `postgres://` URL; the database must exist.
    Postgres(String),
}

impl Location {
    /// Reads a database URL: `postgres://…` / `postgresql://…`, or
    /// `sqlite://PATH`. Returns what is wrong with it otherwise.
    pub fn from_url(url: &str) -> std::result::Result<Self, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            url::Url::parse(url).map_err(|e| e.to_string())?;
            Ok(Self::Postgres(url.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("sqlite:// needs a file path after it".to_owned());
            }
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else {
            Err("use postgres://USER:PASSWORD@HOST:PORT/DATABASE or sqlite://PATH".to_owned())
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }
}

/// The path, or the URL without its password.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            Self::Postgres(url) => match url::Url::parse(url) {
                Ok(mut u) => {
                    if u.password().is_some() {
                        let _ = u.set_password(Some("***"));
                    }
                    write!(f, "{u}")
                }
                Err(_) => write!(f, "the PostgreSQL database"),
            },
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The row id of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonId(pub i64);

/// A framework file as stored: its text and what identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkText {
    pub hash: String,
    pub id: String,
    pub name: String,
    pub version: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub person: PersonId,
    pub name: String,
    pub current_role: String,
    pub target_role: String,
    pub framework_hash: String,
    /// Increases with every write to this person's data (see
    /// migration 0003): a cache key for anything derived from it.
    pub revision: i64,
}

pub struct NewProfile<'a> {
    pub name: &'a str,
    pub current_role: &'a str,
    pub target_role: &'a str,
    pub framework: &'a FrameworkText,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub source: Source,
    pub framework_hash: String,
    /// Competency id and level, as stored.
    pub levels: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub management: i64,
    pub technical: i64,
    pub recommendation: String,
    /// The answers given, by statement id.
    pub answers: BTreeMap<String, i64>,
}

/// How many of a person's newest tag corrections the tagger learns from.
pub const TAG_CORRECTIONS_KEPT: i64 = 100;

pub struct NewEvidence<'a> {
    pub date: NaiveDate,
    pub text: &'a str,
    pub kind: EvidenceKind,
    pub competencies: &'a [CompetencyId],
    pub today: NaiveDate,
    /// When the person's tags differ from leap's suggestion: kept for the
    /// tagger to learn from.
    pub correction: Option<&'a leap_core::tagging::Correction>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub text: String,
    pub kind: EvidenceKind,
    pub competencies: Vec<String>,
}

/// An item as the person's plan shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItemRecord {
    pub id: i64,
    pub action: Option<String>,
    pub title: String,
    pub kind: ActionKind,
    pub competencies: Vec<String>,
    pub due: NaiveDate,
    pub status: ItemStatus,
    pub note: Option<String>,
    pub closed_on: Option<NaiveDate>,
    /// Why a generated item is in the plan; none for one's own items.
    pub why: Option<String>,
    /// When to begin a generated item.
    pub starts: Option<NaiveDate>,
}

/// The person's current plan: the latest generation's settings and every
/// item not replaced by a later generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub target_role: Option<String>,
    pub horizon_months: Option<u32>,
    pub generated_on: Option<NaiveDate>,
    /// The pace the latest plan was made for: pieces of work at once.
    pub at_once: Option<u32>,
    /// What the latest plan said first (the fit check, step 0, the pace).
    pub notes: Vec<String>,
    pub items: Vec<PlanItemRecord>,
}

pub struct NewPlan<'a> {
    pub target_role: &'a str,
    pub horizon_months: u32,
    pub at_once: u32,
    pub notes: &'a [String],
    pub today: NaiveDate,
    pub items: &'a [ProposedItem],
}

pub struct NewPlanItem<'a> {
    pub title: &'a str,
    pub kind: ActionKind,
    pub competencies: &'a [CompetencyId],
    pub due: NaiveDate,
    pub today: NaiveDate,
}

/// How a plan item is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Done,
    Dropped,
}

impl Closing {
    pub fn as_str(self) -> &'static str {
        self.status().as_str()
    }

    /// The status the item gets.
    pub fn status(self) -> ItemStatus {
        match self {
            Self::Done => ItemStatus::Done,
            Self::Dropped => ItemStatus::Dropped,
        }
    }
}

#[async_trait]
pub trait Store: Send + Sync {
    /// The profile the command line works on, if `init` has run.
    async fn local_profile(&self) -> Result<Option<Profile>>;
    async fn create_local_profile(&self, new: NewProfile<'_>) -> Result<Profile>;
    /// Changes the name and roles; `None` keeps a value.
    async fn update_profile(
        &self,
        person: PersonId,
        name: Option<&str>,
        current_role: Option<&str>,
        target_role: Option<&str>,
    ) -> Result<()>;
    /// Stores the framework (once per content hash) and switches the person
    /// to it, with roles that exist in it.
    async fn switch_framework(
        &self,
        person: PersonId,
        framework: &FrameworkText,
        current_role: &str,
        target_role: &str,
        today: NaiveDate,
    ) -> Result<()>;
    async fn framework_text(&self, hash: &str) -> Result<FrameworkText>;

    async fn add_assessment(
        &self,
        person: PersonId,
        framework_hash: &str,
        source: Source,
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64>;
    /// All assessments, oldest first.
    async fn assessments(&self, person: PersonId) -> Result<Vec<AssessmentRecord>>;

    async fn add_fit_check(
        &self,
        person: PersonId,
        framework_hash: &str,
        date: NaiveDate,
        answers: &FitAnswers,
        result: &FitResult,
    ) -> Result<i64>;
    /// All fit checks, oldest first.
    async fn fit_checks(&self, person: PersonId) -> Result<Vec<FitRecord>>;

    async fn add_evidence(&self, person: PersonId, new: NewEvidence<'_>) -> Result<i64>;
    /// Journal entries, newest first, optionally only those tagged to one
    /// competency.
    async fn journal(
        &self,
        person: PersonId,
        competency: Option<&str>,
    ) -> Result<Vec<EvidenceRecord>>;
    /// The person's corrections of suggested tags, the newest
    /// [`TAG_CORRECTIONS_KEPT`], oldest first.
    async fn tag_corrections(
        &self,
        person: PersonId,
    ) -> Result<Vec<leap_core::tagging::Correction>>;
    /// The `n` newest journal entries.
    async fn recent_evidence(&self, person: PersonId, n: u32) -> Result<Vec<EvidenceRecord>>;
    async fn evidence(&self, person: PersonId, id: i64) -> Result<EvidenceRecord>;
    /// Replaces an entry's date, text, kind and tags.
    async fn update_evidence(&self, person: PersonId, id: i64, new: NewEvidence<'_>) -> Result<()>;
    async fn delete_evidence(&self, person: PersonId, id: i64) -> Result<()>;
    /// Pieces of evidence per competency id: journal entries and finished
    /// plan items tagged to it.
    async fn evidence_counts(&self, person: PersonId) -> Result<BTreeMap<String, u32>>;

    /// Records a new plan generation: open items of earlier generations are
    /// marked superseded (kept, not deleted); done and dropped items stay.
    async fn replace_plan(&self, person: PersonId, plan: NewPlan<'_>) -> Result<PlanRecord>;
    async fn plan(&self, person: PersonId) -> Result<PlanRecord>;
    async fn add_plan_item(
        &self,
        person: PersonId,
        item: NewPlanItem<'_>,
    ) -> Result<PlanItemRecord>;
    /// Marks an open item done or dropped. Refuses an item that is not the
    /// person's (NotFound) or already closed (Conflict). `note_tags`, the
    /// competencies the note shows as well, are added to a done item's.
    async fn close_plan_item(
        &self,
        person: PersonId,
        id: i64,
        closing: Closing,
        date: NaiveDate,
        note: Option<&str>,
        note_tags: &[CompetencyId],
    ) -> Result<PlanItemRecord>;
}

/// Opens the database, creating an SQLite file if needed, and brings its
/// schema up to date.
pub async fn connect(location: &Location) -> Result<std::sync::Arc<dyn Backend>> {
    Ok(std::sync::Arc::new(SqlStore::open(location.clone()).await?))
}

/// Copies of the whole database.
#[async_trait]
pub trait Backup: Send + Sync {
    /// Writes a consistent copy of the database to `dest` (which must not
    /// exist), while other connections keep reading and writing.
    async fn backup_to(&self, dest: &Path) -> Result<()>;
    /// Whether the database holds nothing yet (no profile, no account).
    async fn is_empty(&self) -> Result<bool>;
    /// Closes every connection. On SQLite the write-ahead log is folded
    /// into the database file first, so that the file alone is a whole
    /// copy of the data once the command that wrote has ended.
    async fn close(&self) -> Result<()>;
}

/// Writing many people at once (the synthetic organisation).
#[async_trait]
pub trait Bulk: Send + Sync {
    /// Stores `people`, each with an account whose password hash is
    /// `password_hash`, in one transaction.
    async fn insert_people(
        &self,
        people: &[leap_core::synthetic::Person],
        framework: &FrameworkText,
        password_hash: &str,
        today: NaiveDate,
    ) -> Result<()>;
    /// Brings the query planner's statistics up to date after a bulk load.
    /// Without it PostgreSQL plans the person-by-person reads as scans of
    /// tables it still believes empty (41.7 ms against 0.5 ms for one read
    /// at 2,000 people).
    async fn refresh_statistics(&self) -> Result<()>;
}

/// Everything a backend stores.
pub trait Backend:
    Store + AccountStore + FeedbackStore + CareerStore + SharingStore + TransferStore + Backup + Bulk
{
}

impl<
        T: Store
            + AccountStore
            + FeedbackStore
            + CareerStore
            + SharingStore
            + TransferStore
            + Backup
            + Bulk,
    > Backend for T
{
}

/// Opens the database only if it is there already ([`exists`]); `None`
/// otherwise, having created and changed nothing.
pub async fn connect_existing(location: &Location) -> Result<Option<std::sync::Arc<dyn Backend>>> {
    Ok(SqlStore::open_existing(location.clone())
        .await?
        .map(|s| std::sync::Arc::new(s) as std::sync::Arc<dyn Backend>))
}

/// Whether a leap database is there: the SQLite file exists, or the
/// PostgreSQL database has leap's tables. Creates and changes nothing.
pub async fn exists(location: &Location) -> Result<bool> {
    match location {
        Location::Sqlite(path) => Ok(path.exists()),
        Location::Postgres(url) => postgres::has_tables_at(url).await,
    }
}

/// Restores a backup made by [`Backup::backup_to`] into `target`, which
/// must be new or hold no profile and no account. The backup is checked
/// first; nothing is written if it is not a leap backup.
pub async fn restore(backup: &Path, target: &Location) -> Result<()> {
    if !backup.exists() {
        return Err(StoreError::NotFound {
            what: "backup file",
            id: backup.display().to_string(),
        });
    }
    match target {
        Location::Sqlite(path) => sqlite::restore(backup, path).await,
        Location::Postgres(url) => postgres::restore(backup, url).await,
    }
}

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
    async fn set_disabled(&self, id: AccountId, disabled: bool) -> Result<()>;
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

impl FrameworkText {
    /// A validated framework and its source text, as they are stored.
    pub fn of(framework: &leap_core::Framework, content: &str) -> Self {
        Self {
            hash: leap_core::framework::content_hash(content),
            id: framework.id.clone(),
            name: framework.name.clone(),
            version: framework.version.clone(),
            content: content.to_owned(),
        }
    }
}

impl<'a> NewEvidence<'a> {
    /// A validated journal entry, as the store writes it.
    pub fn from_entry(e: &'a leap_core::evidence::NewEntry, today: NaiveDate) -> Self {
        Self {
            date: e.date,
            text: e.text.as_str(),
            kind: e.kind,
            competencies: &e.competencies,
            today,
            correction: e.correction.as_ref(),
        }
    }
}
