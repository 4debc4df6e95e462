//! leap's persistence. The [`Store`] trait is what the rest of leap talks to;
//! [`connect`] opens a [`Location`]: an SQLite file (the embedded default)
//! or a PostgreSQL database. Both run the same SQL (`sql`); what differs
//! lives in `sqlite` and `postgres`.
//!
//! Every method that writes runs in one transaction: it changes everything it
//! says or nothing. Every method that touches a person's object takes the
//! person's id and refuses (with [`StoreError::NotFound`]) an object that
//! belongs to someone else.

pub mod accounts;
pub mod assessments;
pub mod calendar;
pub mod checkins;
pub mod contacts;
pub mod feedback;
pub mod fit;
pub mod journal;
mod migrations;
pub mod one_to_one;
pub mod opportunities;
pub mod org;
pub mod plan;
pub mod postgres;
pub mod profile;
pub mod sharing;
pub mod sign_in;
mod sql;
mod sqlite;
pub mod succession;
pub mod testing;
pub mod transfer;

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::NaiveDate;

pub use accounts::{
    Account, AccountId, AccountProfile, AccountStore, AccountSummary, AccountsPage, AdminAuditLine,
    LoadedSession, LoginFailures, NewAccount, SessionRecord, TokenRecord,
};
pub use assessments::{AssessmentRecord, AssessmentStore};
pub use calendar::{CalendarFeedRecord, CalendarStore};
pub use checkins::{CheckinLevel, CheckinRecord, CheckinSchedule, CheckinStore, NewCheckinRecord};
pub use contacts::{ContactRecord, ContactStore, InteractionRecord};
pub use feedback::FeedbackStore;
pub use fit::{FitRecord, FitStore};
pub use journal::{EvidenceRecord, JournalStore, NewEvidence, TAG_CORRECTIONS_KEPT};
pub use one_to_one::{EntryRecord, OneToOneRecord, OneToOneStore};
pub use opportunities::{DebriefRecord, OpportunityRecord, OpportunityStore, StageChange};
pub use org::{
    ImportCounts, LineManager, LineSharing, MemberRecord, OrgStore, RatingForm, Report, TeamMember,
    TeamRecord,
};
pub use plan::{Closing, NewPlan, NewPlanItem, PlanItemRecord, PlanRecord, PlanStore};
pub use profile::{NewProfile, Profile, ProfileStore};
pub use sharing::SharingStore;
pub use sign_in::{Identity, SignInSettings, SignInStore};
pub use sql::{Dialect, SqlStore};
pub use succession::{BenchData, BenchPerson, BenchScope, Interest, SuccessionStore};
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

/// A failure of the database itself rather than of what was asked: what a
/// person is told, and whether trying again later may work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The disk holding the database is full: writes fail, reads work.
    DiskFull,
    /// Another program holds a lock longer than leap waits.
    Busy,
    /// The database server cannot be reached, or is shutting down.
    Unavailable,
}

impl StoreError {
    /// The fault behind this error, if it is one of the database's own.
    pub fn fault(&self) -> Option<Fault> {
        let StoreError::Database(e) = self else {
            return None;
        };
        match e {
            sqlx::Error::Database(d) => {
                let code = d.code()?;
                // SQLite's codes are numbers (the primary code in the low
                // byte); PostgreSQL's are SQLSTATEs, which may be all
                // digits too ("53100", the disk is full).
                if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                    return match code.parse::<u32>().ok()? & 0xff {
                        13 => Some(Fault::DiskFull),
                        5 | 6 => Some(Fault::Busy),
                        10 | 14 => Some(Fault::Unavailable),
                        _ => None,
                    };
                }
                match code.as_ref() {
                    "53100" => Some(Fault::DiskFull),
                    "55P03" | "57014" | "40P01" => Some(Fault::Busy),
                    c if c.starts_with("08") || c.starts_with("57P") => Some(Fault::Unavailable),
                    _ => None,
                }
            }
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                Some(Fault::Unavailable)
            }
            _ => None,
        }
    }
}

/// How many connections a store keeps open at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolSize {
    /// A command, which does one thing at a time: one connection, so that
    /// a query after another reuses it instead of opening a second (sqlx
    /// hands a used connection back to its pool in a task of its own, which
    /// has not run yet when the next query asks).
    One,
    /// A server, answering many requests at once.
    Many,
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

/// Every store trait, for code that holds a concrete store (a
/// [`SqlStore`]) rather than a `dyn Backend`, whose methods need no import.
pub mod prelude {
    pub use crate::{
        AccountStore, AssessmentStore, Backup, Bulk, CalendarStore, CheckinStore, ContactStore,
        FeedbackStore, FitStore, JournalStore, OneToOneStore, OpportunityStore, OrgStore,
        PlanStore, ProfileStore, SharingStore, SignInStore, SuccessionStore, TransferStore,
    };
}

/// A person's own records, one trait per feature: profile, assessments,
/// fit checks, journal and plan.
pub trait Store: ProfileStore + AssessmentStore + FitStore + JournalStore + PlanStore {}

impl<T: ProfileStore + AssessmentStore + FitStore + JournalStore + PlanStore> Store for T {}

/// Opens the database, creating an SQLite file if needed, and brings its
/// schema up to date.
pub async fn connect(
    location: &Location,
    connections: PoolSize,
) -> Result<std::sync::Arc<dyn Backend>> {
    Ok(std::sync::Arc::new(
        SqlStore::open_with(location.clone(), connections).await?,
    ))
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
    /// The connections open now and how many of them are idle, and the
    /// most there may be (for a server's metrics).
    fn connections(&self) -> Connections;
}

/// The use of a database's connection pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connections {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
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
    Store
    + AccountStore
    + FeedbackStore
    + OpportunityStore
    + ContactStore
    + CheckinStore
    + CalendarStore
    + SharingStore
    + OrgStore
    + OneToOneStore
    + SuccessionStore
    + SignInStore
    + TransferStore
    + Backup
    + Bulk
{
}

impl<
        T: Store
            + AccountStore
            + FeedbackStore
            + OpportunityStore
            + ContactStore
            + CheckinStore
            + CalendarStore
            + SharingStore
            + OrgStore
            + OneToOneStore
            + SuccessionStore
            + SignInStore
            + TransferStore
            + Backup
            + Bulk,
    > Backend for T
{
}

/// Opens the database only if it is there already ([`exists`]); `None`
/// otherwise, having created and changed nothing.
pub async fn connect_existing(
    location: &Location,
    connections: PoolSize,
) -> Result<Option<std::sync::Arc<dyn Backend>>> {
    Ok(SqlStore::open_existing(location.clone(), connections)
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
