//! Web sessions kept in leap's own database (tower-sessions records in the
//! `sessions` table), so that any `leap serve` on the same database sees
//! them, and a password change can sign out an account's other sessions.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use leap_store::{AccountId, Backend, SessionRecord};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

use crate::auth::ACCOUNT_KEY;

/// Where a loaded session carries the account it is signed in to, as read
/// with the session (one query instead of two on every signed-in request).
/// It lives only for the request: it is never written back.
pub const LOADED_ACCOUNT_KEY: &str = "loaded_account";

#[derive(Clone)]
pub struct DbSessions(pub Arc<dyn Backend>);

impl fmt::Debug for DbSessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbSessions")
    }
}

fn backend(e: impl fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

fn encode(record: &Record) -> Result<(Option<AccountId>, SessionRecord)> {
    let account = record
        .data
        .get(ACCOUNT_KEY)
        .and_then(|v| v.as_i64())
        .map(AccountId);
    let mut data = record.data.clone();
    data.remove(LOADED_ACCOUNT_KEY);
    let data = serde_json::to_string(&data).map_err(|e| Error::Encode(e.to_string()))?;
    Ok((
        account,
        SessionRecord {
            data,
            expires_at: record.expiry_date.unix_timestamp(),
        },
    ))
}

#[async_trait]
impl SessionStore for DbSessions {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let (account, stored) = encode(record)?;
        // A fresh id on the (very unlikely) collision.
        while !self
            .0
            .session_create(&record.id.to_string(), account, &stored)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let (account, stored) = encode(record)?;
        self.0
            .session_save(&record.id.to_string(), account, &stored)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let Some(loaded) = self
            .0
            .session_load(&id.to_string(), now)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let stored = loaded.record;
        let mut data: std::collections::HashMap<String, serde_json::Value> =
            serde_json::from_str(&stored.data).map_err(|e| Error::Decode(e.to_string()))?;
        if let Some(account) = loaded.account {
            let value = serde_json::to_value(account).map_err(|e| Error::Encode(e.to_string()))?;
            data.insert(LOADED_ACCOUNT_KEY.to_owned(), value);
        }
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(stored.expires_at)
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.0
            .session_delete(&id.to_string())
            .await
            .map_err(backend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_read_with_the_session_is_never_written_back() {
        let mut record = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::UNIX_EPOCH,
        };
        record.data.insert(ACCOUNT_KEY.to_owned(), 7.into());
        record.data.insert(
            LOADED_ACCOUNT_KEY.to_owned(),
            serde_json::json!({"account": {"password_hash": "$argon2id$secret"}}),
        );
        let (account, stored) = encode(&record).expect("encode");
        assert_eq!(account, Some(AccountId(7)));
        assert_eq!(stored.data, r#"{"account":7}"#);
    }
}
