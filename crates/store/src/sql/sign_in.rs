//! Identities from an OpenID provider, the browsers that have signed in,
//! and the organisation's sign-in settings.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;

use super::accounts::account_from_row;
use super::{flag, stamp, Scope, SqlStore};
use crate::{Account, AccountId, Identity, Result, SignInSettings, SignInStore, StoreError};

#[async_trait]
impl SignInStore for SqlStore {
    async fn account_by_identity(&self, issuer: &str, subject: &str) -> Result<Option<Account>> {
        let row = sqlx::query(
            "SELECT a.id, a.username, a.password_hash, a.is_admin, a.disabled, a.person_id
             FROM accounts a JOIN account_identities i ON i.account_id = a.id
             WHERE i.issuer = $1 AND i.subject = $2",
        )
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn link_identity(
        &self,
        account: AccountId,
        identity: &Identity,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write(Scope::Account(account)).await?;
        sqlx::query(&self.dialect().sql(
            "INSERT INTO account_identities (issuer, subject, account_id, email, linked_at)
             VALUES ($1, $2, $3, $4, $5::timestamptz)",
        ))
        .bind(&identity.issuer)
        .bind(&identity.subject)
        .bind(account.0)
        .bind(&identity.email)
        .bind(stamp(at))
        .execute(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::Conflict("this sign-in is linked to another account already".to_owned())
            }
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound {
                what: "account",
                id: account.0.to_string(),
            },
            e => e.into(),
        })?;
        tx.commit().await?;
        Ok(())
    }

    async fn identities(&self, account: AccountId) -> Result<Vec<Identity>> {
        let rows = sqlx::query(
            "SELECT issuer, subject, email FROM account_identities WHERE account_id = $1
             ORDER BY issuer, subject",
        )
        .bind(account.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Identity {
                    issuer: r.try_get("issuer")?,
                    subject: r.try_get("subject")?,
                    email: r.try_get("email")?,
                })
            })
            .collect()
    }

    async fn add_login_device(
        &self,
        account: AccountId,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(&self.dialect().sql(
            "INSERT INTO login_devices (token_hash, account_id, created_at)
             VALUES ($1, $2, $3::timestamptz) ON CONFLICT (token_hash) DO NOTHING",
        ))
        .bind(token_hash)
        .bind(account.0)
        .bind(stamp(at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn is_login_device(&self, username: &str, token_hash: &str) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT d.account_id FROM login_devices d JOIN accounts a ON a.id = d.account_id
             WHERE d.token_hash = $1 AND a.username = $2",
        )
        .bind(token_hash)
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    async fn forget_login_devices(&self, account: AccountId) -> Result<()> {
        sqlx::query("DELETE FROM login_devices WHERE account_id = $1")
            .bind(account.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn sign_in_settings(&self) -> Result<SignInSettings> {
        let row = sqlx::query(
            "SELECT local_passwords, sso_registration FROM sign_in_settings WHERE id = 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => SignInSettings {
                local_passwords: flag(&r, "local_passwords")?,
                sso_registration: flag(&r, "sso_registration")?,
            },
            None => SignInSettings::default(),
        })
    }

    async fn set_sign_in_settings(&self, settings: SignInSettings) -> Result<()> {
        let mut tx = self.begin_write(Scope::Directory).await?;
        sqlx::query(
            "INSERT INTO sign_in_settings (id, local_passwords, sso_registration) VALUES (1, $1, $2)
             ON CONFLICT (id) DO UPDATE SET local_passwords = excluded.local_passwords,
                 sso_registration = excluded.sso_registration",
        )
        .bind(settings.local_passwords)
        .bind(settings.sso_registration)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
