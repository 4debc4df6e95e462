//! Web sessions kept in leap's own database (tower-sessions records in the
//! `sessions` table), so that any `leap serve` on the same database sees
//! them, and a password change can sign out an account's other sessions.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use std::cell::RefCell;

use leap_store::{AccountId, AccountProfile, Backend, SessionRecord};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

use crate::auth::ACCOUNT_KEY;

tokio::task_local! {
    /// The account read together with a session (one query instead of two
    /// on every signed-in request). Exists only while
    /// [`with_loaded_account`] runs, so it never outlives that read.
    static LOADED_ACCOUNT: RefCell<Option<AccountProfile>>;
}

/// Runs `first_read` (the read that loads the session, if nothing has yet)
/// and returns, beside its result, the account the load read with it;
/// `None` when the session was loaded before, or is signed out.
pub async fn with_loaded_account<T>(
    first_read: impl std::future::Future<Output = T>,
) -> (T, Option<AccountProfile>) {
    LOADED_ACCOUNT
        .scope(RefCell::new(None), async {
            let out = first_read.await;
            (out, LOADED_ACCOUNT.with(|slot| slot.borrow_mut().take()))
        })
        .await
}

/// Sessions in the database. A session expires `idle` after its last
/// save, by the server's clock (which tests move instead of waiting).
#[derive(Clone)]
pub struct DbSessions {
    pub store: Arc<dyn Backend>,
    pub clock: Arc<dyn leap_app::Clock>,
    pub idle: std::time::Duration,
}

impl DbSessions {
    fn expires_at(&self) -> i64 {
        let idle = i64::try_from(self.idle.as_secs()).unwrap_or(i64::MAX / 2);
        self.clock.now().timestamp().saturating_add(idle)
    }
}

impl fmt::Debug for DbSessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbSessions")
    }
}

fn backend(e: impl fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

fn encode(record: &Record, expires_at: i64) -> Result<(Option<AccountId>, SessionRecord)> {
    let account = record
        .data
        .get(ACCOUNT_KEY)
        .and_then(|v| v.as_i64())
        .map(AccountId);
    let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
    Ok((account, SessionRecord { data, expires_at }))
}

#[async_trait]
impl SessionStore for DbSessions {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let (account, stored) = encode(record, self.expires_at())?;
        // A fresh id on the (very unlikely) collision.
        while !self
            .store
            .session_create(&record.id.to_string(), account, &stored)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let (account, stored) = encode(record, self.expires_at())?;
        match self
            .store
            .session_save(&record.id.to_string(), account, &stored)
            .await
        {
            // On a full disk reading goes on: the session keeps the expiry
            // it had, instead of the page failing.
            Err(e) if e.fault() == Some(leap_store::Fault::DiskFull) => {
                tracing::warn!(error = %e, "session not refreshed: the disk is full");
                Ok(())
            }
            other => other.map_err(backend),
        }
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = self.clock.now().timestamp();
        let Some(loaded) = self
            .store
            .session_load(&id.to_string(), now)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let stored = loaded.record;
        let data = serde_json::from_str(&stored.data).map_err(|e| Error::Decode(e.to_string()))?;
        // Outside `with_loaded_account` the account is read again.
        let _ = LOADED_ACCOUNT.try_with(|slot| *slot.borrow_mut() = loaded.account);
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(stored.expires_at)
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.store
            .session_delete(&id.to_string())
            .await
            .map_err(backend)
    }
}
