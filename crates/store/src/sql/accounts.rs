//! Accounts, tokens, sessions and login throttling.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::row::{insert_returning, table, Table, V};
use super::{
    flag, parse_stamp, profile_from_columns, profile_from_row, stamp, Dialect, Scope, SqlStore,
    PROFILE_COLUMNS,
};
use crate::postgres::Lookup;
use crate::{
    Account, AccountId, AccountProfile, AccountStore, AccountSummary, AccountsPage, AdminAuditLine,
    LoadedSession, LoginFailures, NewAccount, NewProfile, PersonId, Profile, Result, SessionRecord,
    StoreError, TokenRecord,
};

/// The `accounts` table's columns, the one list every path writes and reads.
pub(super) const ACCOUNTS: Table = table!("accounts" { username: Text, password_hash: Text, is_admin: Flag, disabled: Flag, person_id: Int, created_at: Instant });

const ACCOUNT_COLUMNS: &str = "id, username, password_hash, is_admin, disabled, person_id";

pub(super) fn account_from_row(row: &AnyRow) -> Result<Account> {
    Ok(Account {
        id: AccountId(row.try_get("id")?),
        username: row.try_get("username")?,
        password_hash: row.try_get("password_hash")?,
        is_admin: flag(row, "is_admin")?,
        disabled: flag(row, "disabled")?,
        person: row.try_get::<Option<i64>, _>("person_id")?.map(PersonId),
    })
}

/// An account's columns and its profile's, from the join
/// [`ACCOUNT_PROFILE_FROM`] (the two tables share no column name but `id`).
const ACCOUNT_PROFILE_COLUMNS: &str = "a.id, a.username, a.password_hash, a.is_admin, a.disabled,
    a.person_id, p.name, p.\"current_role\", p.target_role, p.framework_hash, p.revision,
    EXISTS (SELECT 1 FROM members me JOIN members r ON r.manager_id = me.id
            WHERE me.email = lower(a.username)) AS manages";
const ACCOUNT_PROFILE_FROM: &str = "accounts a LEFT JOIN people p ON p.id = a.person_id";

/// A session unexpired at a time (`$2`) with its account: one read on
/// every signed-in request, so written once per dialect.
pub(crate) fn session_load_sql(dialect: Dialect) -> &'static str {
    fn build(dialect: Dialect) -> String {
        dialect
            .sql(&format!(
                "SELECT s.data, s.expires_at, {ACCOUNT_PROFILE_COLUMNS}
                 FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id
                 LEFT JOIN people p ON p.id = a.person_id
                 WHERE s.id = $1 AND s.expires_at > $2"
            ))
            .into_owned()
    }
    static SQLITE: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| build(Dialect::Sqlite));
    static POSTGRES: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| build(Dialect::Postgres));
    match dialect {
        Dialect::Sqlite => &SQLITE,
        Dialect::Postgres => &POSTGRES,
    }
}

fn account_profile_from_row(row: &AnyRow) -> Result<AccountProfile> {
    let account = account_from_row(row)?;
    let profile = match account.person {
        Some(_) => Some(profile_from_columns(row, "person_id")?),
        None => None,
    };
    Ok(AccountProfile {
        account,
        profile,
        manages: flag(row, "manages")?,
    })
}

/// `columns` with each prefixed by `alias.`.
fn prefixed(columns: &str, alias: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses to `what` the account when it is the last enabled
/// administrator: an organisation always keeps one.
pub(super) async fn keeps_an_admin(
    conn: &mut sqlx::AnyConnection,
    id: AccountId,
    what: &str,
) -> Result<()> {
    let row = sqlx::query("SELECT username, is_admin FROM accounts WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(());
    };
    if !flag(&row, "is_admin")? {
        return Ok(());
    }
    let username: String = row.try_get("username")?;
    let others: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts WHERE is_admin AND NOT disabled AND id <> $1",
    )
    .bind(id.0)
    .fetch_one(&mut *conn)
    .await?;
    if others == 0 {
        return Err(StoreError::Conflict(format!(
            "cannot {what} {username}: the last administrator stays one; make another account an administrator first"
        )));
    }
    Ok(())
}

fn not_found(id: AccountId) -> StoreError {
    StoreError::NotFound {
        what: "account",
        id: id.0.to_string(),
    }
}

/// An account's row: enabled, linked to `person` when there is one.
pub(super) fn account_values(
    username: &str,
    password_hash: &str,
    is_admin: bool,
    person: Option<i64>,
    created_at: DateTime<Utc>,
) -> Vec<V> {
    vec![
        V::text(username),
        V::text(password_hash),
        V::Flag(is_admin),
        V::Flag(false),
        V::opt_int(person),
        V::Instant(stamp(created_at)),
    ]
}

#[async_trait]
impl AccountStore for SqlStore {
    async fn account_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn create_account(&self, new: NewAccount<'_>) -> Result<Account> {
        let mut tx = self.begin_write(Scope::Directory).await?;
        let first: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(&mut *tx)
            .await?;
        let values = account_values(
            new.username,
            new.password_hash,
            new.is_admin || first == 0,
            None,
            new.at,
        );
        let row = insert_returning(&mut tx, &ACCOUNTS, values, ACCOUNT_COLUMNS)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => {
                    StoreError::Conflict(format!("the username '{}' is taken", new.username))
                }
                e => e.into(),
            })?;
        let account = account_from_row(&row)?;
        tx.commit().await?;
        Ok(account)
    }

    async fn account(&self, id: AccountId) -> Result<Option<AccountProfile>> {
        let row = sqlx::query(&self.dialect().sql(&format!(
            "SELECT {ACCOUNT_PROFILE_COLUMNS} FROM {ACCOUNT_PROFILE_FROM} WHERE a.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_profile_from_row).transpose()
    }

    async fn account_by_username(&self, username: &str) -> Result<Option<Account>> {
        let row = sqlx::query(&self.dialect().sql(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE username = $1"
        )))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn accounts(&self) -> Result<Vec<Account>> {
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY username"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(account_from_row).collect()
    }

    async fn set_password(&self, id: AccountId, password_hash: &str) -> Result<()> {
        let done = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id.0)
            .execute(&self.pool)
            .await;
        self.forget_kept(|k| k.forget_account(id));
        let done = done?;
        if done.rows_affected() == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    async fn set_disabled(&self, id: AccountId, disabled: bool) -> Result<()> {
        // The directory's lock: two administrators disabling each other at
        // once must not leave none.
        let mut tx = self.begin_write(Scope::Directory).await?;
        if disabled {
            keeps_an_admin(&mut tx, id, "disable").await?;
        }
        let done = sqlx::query("UPDATE accounts SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(id));
        }
        if disabled {
            // A disabled account is signed out everywhere at once.
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn set_admin(&self, id: AccountId, admin: bool) -> Result<()> {
        let mut tx = self.begin_write(Scope::Directory).await?;
        if !admin {
            keeps_an_admin(&mut tx, id, "take administrator rights from").await?;
        }
        let done = sqlx::query("UPDATE accounts SET is_admin = $1 WHERE id = $2")
            .bind(admin)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(id));
        }
        tx.commit().await?;
        Ok(())
    }

    async fn accounts_page(&self, search: &str, offset: i64, limit: i64) -> Result<AccountsPage> {
        // The search is a substring, its wildcards taken literally.
        let pattern = format!(
            "%{}%",
            search
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let filter = "lower(a.username) LIKE $1 ESCAPE '\\'";
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM accounts a WHERE {filter}"))
                .bind(&pattern)
                .fetch_one(&self.pool)
                .await?;
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "SELECT a.id, a.username, a.password_hash, a.is_admin, a.disabled, a.person_id,
                    a.created_at::text AS created_at,
                    (SELECT MIN(i.email) FROM account_identities i WHERE i.account_id = a.id) AS sso_email,
                    (SELECT COUNT(*) FROM api_tokens t WHERE t.account_id = a.id AND t.revoked_at IS NULL) AS tokens
             FROM accounts a WHERE {filter}
             ORDER BY a.username LIMIT $2 OFFSET $3"
        )))
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let accounts = rows
            .iter()
            .map(|r| {
                Ok(AccountSummary {
                    account: account_from_row(r)?,
                    created_at: parse_stamp(&r.try_get::<String, _>("created_at")?)?,
                    sso_email: r.try_get("sso_email")?,
                    tokens: r.try_get("tokens")?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(AccountsPage { accounts, total })
    }

    async fn create_password_reset(
        &self,
        id: AccountId,
        token_hash: &str,
        expires: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write(Scope::Account(id)).await?;
        sqlx::query("DELETE FROM password_resets WHERE account_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(&self.dialect().sql(
            "INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, $3::timestamptz)",
        ))
        .bind(token_hash)
        .bind(id.0)
        .bind(stamp(expires))
        .execute(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => not_found(id),
            e => e.into(),
        })?;
        tx.commit().await?;
        Ok(())
    }

    async fn password_reset_account(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>> {
        let row = sqlx::query(&self.dialect().sql(&format!(
            "SELECT {} FROM accounts a JOIN password_resets r ON r.account_id = a.id
             WHERE r.token_hash = $1 AND r.expires_at > $2::timestamptz AND NOT a.disabled",
            prefixed(ACCOUNT_COLUMNS, "a")
        )))
        .bind(token_hash)
        .bind(stamp(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn finish_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write(Scope::Directory).await?;
        let account: Option<i64> = sqlx::query_scalar(&self.dialect().sql(
            "SELECT r.account_id FROM password_resets r JOIN accounts a ON a.id = r.account_id
             WHERE r.token_hash = $1 AND r.expires_at > $2::timestamptz AND NOT a.disabled",
        ))
        .bind(token_hash)
        .bind(stamp(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(account) = account else {
            return Ok(false);
        };
        for (sql, with_hash) in [
            ("UPDATE accounts SET password_hash = $2 WHERE id = $1", true),
            ("DELETE FROM password_resets WHERE account_id = $1", false),
            ("DELETE FROM sessions WHERE account_id = $1", false),
        ] {
            let q = sqlx::query(sql).bind(account);
            let q = if with_hash { q.bind(password_hash) } else { q };
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn add_admin_audit(&self, line: &AdminAuditLine) -> Result<()> {
        sqlx::query(&self.dialect().sql(
            "INSERT INTO admin_audit (at, actor, action, target, detail)
             VALUES ($1::timestamptz, $2, $3, $4, $5)",
        ))
        .bind(stamp(line.at))
        .bind(&line.actor)
        .bind(&line.action)
        .bind(&line.target)
        .bind(&line.detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn admin_audit(&self, offset: i64, limit: i64) -> Result<(Vec<AdminAuditLine>, i64)> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admin_audit")
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query(&self.dialect().sql(
            "SELECT at::text AS at, actor, action, target, detail FROM admin_audit
             ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2",
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let lines = rows
            .iter()
            .map(|r| {
                Ok(AdminAuditLine {
                    at: parse_stamp(&r.try_get::<String, _>("at")?)?,
                    actor: r.try_get("actor")?,
                    action: r.try_get("action")?,
                    target: r.try_get("target")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect::<Result<_>>()?;
        Ok((lines, total))
    }

    async fn link_local_profile(&self, id: AccountId) -> Result<bool> {
        let local = self.dialect().is_local("p.is_local");
        let done = sqlx::query(&format!(
            "UPDATE accounts SET person_id = (SELECT p.id FROM people p WHERE {local})
             WHERE id = $1 AND person_id IS NULL
               AND EXISTS (SELECT 1 FROM people p WHERE {local})
               AND NOT EXISTS (SELECT 1 FROM accounts a JOIN people p ON p.id = a.person_id WHERE {local})",
        ))
        .bind(id.0)
        .execute(&self.pool)
        .await;
        self.forget_kept(|k| k.forget_account(id));
        Ok(done?.rows_affected() == 1)
    }

    async fn create_profile_for(&self, id: AccountId, new: NewProfile<'_>) -> Result<Profile> {
        let mut tx = self.begin_write(Scope::Account(id)).await?;
        let has: Option<Option<i64>> =
            sqlx::query_scalar("SELECT person_id FROM accounts WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        match has {
            None => return Err(not_found(id)),
            Some(Some(_)) => {
                return Err(StoreError::Conflict(
                    "this account has a profile already".to_owned(),
                ))
            }
            Some(None) => {}
        }
        let profile = Self::insert_person(&mut tx, &new, false).await?;
        sqlx::query("UPDATE accounts SET person_id = $1 WHERE id = $2")
            .bind(profile.person.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(profile)
    }

    async fn profile(&self, person: PersonId) -> Result<Profile> {
        let row = sqlx::query(&self.dialect().sql(&format!(
            "SELECT {PROFILE_COLUMNS} FROM people WHERE id = $1"
        )))
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "person",
            id: person.0.to_string(),
        })?;
        profile_from_row(&row)
    }

    async fn record_login_failure(
        &self,
        username: &str,
        client: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(&self.dialect().sql(
            "INSERT INTO login_failures (username, client, failed_at) VALUES ($1, $2, $3::timestamptz)",
        ))
            .bind(username)
            .bind(client)
            .bind(stamp(at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn login_failures(
        &self,
        username: &str,
        client: &str,
        since: DateTime<Utc>,
    ) -> Result<LoginFailures> {
        // One pass over the window, counted three ways; the indexes on
        // (username, failed_at) and (client, failed_at) serve the OR.
        let row = sqlx::query(&self.dialect().sql(
            "SELECT COUNT(CASE WHEN username = $1 AND client = $2 THEN 1 END) AS by_pair,
                    MIN(CASE WHEN username = $1 AND client = $2 THEN failed_at END)::text AS oldest_pair,
                    COUNT(CASE WHEN username = $1 THEN 1 END) AS by_username,
                    MIN(CASE WHEN username = $1 THEN failed_at END)::text AS oldest_username,
                    COUNT(CASE WHEN client = $2 THEN 1 END) AS by_client,
                    MIN(CASE WHEN client = $2 THEN failed_at END)::text AS oldest_client
             FROM login_failures WHERE (username = $1 OR client = $2) AND failed_at >= $3::timestamptz",
        ))
        .bind(username)
        .bind(client)
        .bind(stamp(since))
        .fetch_one(&self.pool)
        .await?;
        let oldest = |column: &str| -> Result<_> {
            row.try_get::<Option<String>, _>(column)?
                .as_deref()
                .map(parse_stamp)
                .transpose()
        };
        Ok(LoginFailures {
            by_pair: row.try_get("by_pair")?,
            oldest_by_pair: oldest("oldest_pair")?,
            by_username: row.try_get("by_username")?,
            oldest_by_username: oldest("oldest_username")?,
            by_client: row.try_get("by_client")?,
            oldest_by_client: oldest("oldest_client")?,
        })
    }

    async fn create_token(
        &self,
        id: AccountId,
        name: &str,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(&self.dialect().sql(
            "INSERT INTO api_tokens (account_id, name, token_hash, created_at)
             VALUES ($1, $2, $3, $4::timestamptz) RETURNING id",
        ))
        .bind(id.0)
        .bind(name)
        .bind(token_hash)
        .bind(stamp(at))
        .fetch_one(&self.pool)
        .await?)
    }

    async fn tokens(&self, id: AccountId) -> Result<Vec<TokenRecord>> {
        let rows = sqlx::query(&self.dialect().sql(
            "SELECT id, name, created_at::text AS created_at, revoked_at::text AS revoked_at
             FROM api_tokens WHERE account_id = $1 ORDER BY id",
        ))
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(TokenRecord {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    created_at: parse_stamp(row.try_get::<&str, _>("created_at")?)?,
                    revoked_at: row
                        .try_get::<Option<String>, _>("revoked_at")?
                        .as_deref()
                        .map(parse_stamp)
                        .transpose()?,
                })
            })
            .collect()
    }

    async fn revoke_token(&self, id: AccountId, token: i64, at: DateTime<Utc>) -> Result<()> {
        let done = sqlx::query(&self.dialect().sql(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1::timestamptz)
             WHERE id = $2 AND account_id = $3",
        ))
        .bind(stamp(at))
        .bind(token)
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "token",
                id: token.to_string(),
            });
        }
        Ok(())
    }

    async fn revoke_tokens_for(&self, id: AccountId, at: DateTime<Utc>) -> Result<u64> {
        let done = sqlx::query(&self.dialect().sql(
            "UPDATE api_tokens SET revoked_at = $1::timestamptz
             WHERE account_id = $2 AND revoked_at IS NULL",
        ))
        .bind(stamp(at))
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    async fn account_by_token(&self, token_hash: &str) -> Result<Option<AccountProfile>> {
        let row = sqlx::query(&self.dialect().sql(&format!(
            "SELECT {ACCOUNT_PROFILE_COLUMNS} FROM {ACCOUNT_PROFILE_FROM}
             JOIN api_tokens t ON t.account_id = a.id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT a.disabled"
        )))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_profile_from_row).transpose()
    }

    async fn session_load(&self, id: &str, now: i64) -> Result<Option<LoadedSession>> {
        if let Some(Ok(loaded)) = self.session_reads.as_ref().map(|r| r.load(id, now)) {
            return Ok(loaded);
        }
        let ticket = match self.kept_sessions().map(|k| k.lookup(id, now)) {
            Some(Lookup::Kept(loaded)) => return Ok(Some(*loaded)),
            Some(Lookup::Read(ticket)) => ticket,
            None => None,
        };
        let row = sqlx::query(session_load_sql(self.dialect()))
            .bind(id)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let account = match row.try_get::<Option<i64>, _>("id")? {
            Some(_) => Some(account_profile_from_row(&row)?),
            None => None,
        };
        let loaded = LoadedSession {
            record: SessionRecord {
                data: row.try_get("data")?,
                expires_at: row.try_get("expires_at")?,
            },
            account,
        };
        if let (Some(kept), Some(ticket)) = (self.kept_sessions(), ticket) {
            kept.keep(ticket, id, &loaded);
        }
        Ok(Some(loaded))
    }

    async fn session_create(
        &self,
        id: &str,
        account: Option<AccountId>,
        record: &SessionRecord,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO sessions (id, account_id, data, expires_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(account.map(|a| a.0))
        .bind(&record.data)
        .bind(record.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn session_save(
        &self,
        id: &str,
        account: Option<AccountId>,
        record: &SessionRecord,
    ) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO sessions (id, account_id, data, expires_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,
                 data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(account.map(|a| a.0))
        .bind(&record.data)
        .bind(record.expires_at)
        .execute(&self.pool)
        .await;
        self.forget_kept(|k| k.forget_session(id));
        done?;
        Ok(())
    }

    async fn session_delete(&self, id: &str) -> Result<()> {
        let done = sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await;
        self.forget_kept(|k| k.forget_session(id));
        done?;
        Ok(())
    }

    async fn sessions_delete_for(&self, id: AccountId, keep: Option<&str>) -> Result<u64> {
        let done =
            sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND ($2 IS NULL OR id <> $2)")
                .bind(id.0)
                .bind(keep)
                .execute(&self.pool)
                .await;
        self.forget_kept(|k| k.forget_account(id));
        Ok(done?.rows_affected())
    }

    async fn sessions_delete_expired(&self, now: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
