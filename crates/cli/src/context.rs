//! What every command needs: the store, the clock, the profile and its
//! framework.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use chrono::NaiveDate;
use leap_core::assessment::Levels;
use leap_core::evidence::parse_date;
use leap_core::framework;
use leap_core::Framework;
use leap_core::InvalidValue;
use leap_store::{AssessmentRecord, Backend, Location, Profile};

use crate::cli::Cli;
use crate::error::usage;

pub struct Ctx {
    pub store: Arc<dyn Backend>,
    pub today: NaiveDate,
    /// The date given with --today / LEAP_TODAY, if any.
    pub today_override: Option<NaiveDate>,
    pub location: Location,
}

/// The profile with the framework it uses.
pub struct Loaded {
    pub profile: Profile,
    pub framework: Framework,
}

/// The database: --database-url / LEAP_DATABASE_URL, else the file from
/// --db / LEAP_DB, else leap.db in the XDG data directory.
pub fn location(cli: &Cli) -> anyhow::Result<Location> {
    match &cli.database_url {
        Some(url) => Location::from_url(url).map_err(|allowed| {
            InvalidValue::new("database-url", Location::Postgres(url.clone()), allowed).into()
        }),
        None => Ok(Location::Sqlite(db_path(cli)?)),
    }
}

/// Whether the database is there yet (see [`leap_store::exists`]).
pub async fn database_exists(cli: &Cli) -> anyhow::Result<bool> {
    Ok(leap_store::exists(&location(cli)?).await?)
}

/// The database file: --db, LEAP_DB, or the XDG data directory.
fn db_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => dirs::data_dir()
            .map(|d| d.join("leap").join("leap.db"))
            .ok_or_else(|| {
                usage(
                    "cannot find a data directory for the database: pass --db PATH or set LEAP_DB",
                )
            }),
    }
}

pub fn today(cli: &Cli) -> anyhow::Result<NaiveDate> {
    match &cli.today {
        Some(s) => Ok(parse_date("today", s)?),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Reads a file a user named, with the path in the error.
pub fn read_file(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| usage(format!("cannot read {}: {e}", path.display())))
}

pub fn builtin() -> anyhow::Result<Framework> {
    framework::builtin().context("the built-in framework is invalid")
}

/// The error for a command that needs a profile where there is none.
pub fn no_profile(location: &Location) -> anyhow::Error {
    usage(format!(
        "no profile in {location} yet: run `leap init --current ROLE --target ROLE` first (`leap framework show` lists the roles)"
    ))
}

/// `serve` answers many requests at once; every other command does one
/// thing after another on one connection.
fn connections(cli: &Cli) -> leap_store::PoolSize {
    if matches!(cli.command, crate::cli::Command::Serve(_)) {
        leap_store::PoolSize::Many
    } else {
        leap_store::PoolSize::One
    }
}

impl Ctx {
    /// Opens the database. Only `leap init` creates it (`create`): any other
    /// command on a missing database is refused and leaves no file behind.
    pub async fn open(cli: &Cli, create: bool) -> anyhow::Result<Self> {
        if create {
            let (location, today) = (location(cli)?, today(cli)?);
            let store = leap_store::connect(&location, connections(cli)).await?;
            return Ok(Self::with(cli, store, location, today));
        }
        match Self::open_existing(cli).await? {
            Some(ctx) => Ok(ctx),
            None => Err(no_profile(&location(cli)?)),
        }
    }

    /// Opens the database if it is there already; `None` otherwise, having
    /// created nothing.
    pub async fn open_existing(cli: &Cli) -> anyhow::Result<Option<Self>> {
        // Bad input is reported before the database is touched.
        let (location, today) = (location(cli)?, today(cli)?);
        Ok(leap_store::connect_existing(&location, connections(cli))
            .await?
            .map(|store| Self::with(cli, store, location, today)))
    }

    fn with(cli: &Cli, store: Arc<dyn Backend>, location: Location, today: NaiveDate) -> Self {
        Self {
            store,
            today,
            today_override: cli.today.as_ref().map(|_| today),
            location,
        }
    }

    pub async fn framework_by_hash(&self, hash: &str) -> anyhow::Result<Framework> {
        let text = self.store.framework_text(hash).await?;
        Framework::load(&format!("{} (stored)", text.id), &text.content)
            .with_context(|| format!("the stored framework {} no longer validates", text.id))
    }

    /// The profile, or a usage error telling the user to run `leap init`.
    pub async fn load(&self) -> anyhow::Result<Loaded> {
        let profile = self
            .store
            .local_profile()
            .await?
            .ok_or_else(|| no_profile(&self.location))?;
        let framework = self.framework_by_hash(&profile.framework_hash).await?;
        Ok(Loaded { profile, framework })
    }

    /// The latest self-assessment's levels, read against the framework now
    /// in use (competencies it no longer has are dropped).
    pub async fn latest_self_levels(
        &self,
        loaded: &Loaded,
    ) -> anyhow::Result<Option<(AssessmentRecord, Levels)>> {
        Ok(leap_app::readiness::latest_self_levels(
            &*self.store,
            loaded.profile.person,
            &loaded.framework,
        )
        .await?)
    }
}

/// Frameworks by hash, loaded once each (for history spanning several).
#[derive(Default)]
pub struct FrameworkCache(HashMap<String, Framework>);

impl FrameworkCache {
    pub async fn get(&mut self, ctx: &Ctx, hash: &str) -> anyhow::Result<&Framework> {
        if !self.0.contains_key(hash) {
            let f = ctx.framework_by_hash(hash).await?;
            self.0.insert(hash.to_owned(), f);
        }
        self.0
            .get(hash)
            .ok_or_else(|| anyhow::anyhow!("framework {hash} vanished from the cache"))
    }
}

/// Writes `text` to `path` whole or not at all: into a file beside it,
/// then renamed over it, so a failure never leaves half a file.
pub fn write_new_or_replace(path: &Path, text: &str) -> anyhow::Result<()> {
    write_bytes_new_or_replace(path, text.as_bytes())
}

/// [`write_new_or_replace`] for bytes (a PDF).
pub fn write_bytes_new_or_replace(path: &Path, text: &[u8]) -> anyhow::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".leap-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
