//! Shares, the audit log of reads by others, and comments.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use leap_core::sharing::{CommentOn, Part};
use sqlx::Row;

use super::row::{insert, table, Table, V};
use super::Dialect;
use super::{parse_stamp, stamp, Scope, SqlStore};
use crate::sharing::{AuditRecord, CommentRecord, Reader, ShareRecord, SharedWithMe, SharingStore};
use crate::{AccountId, PersonId, Result, StoreError};

fn part(s: &str) -> Result<Part> {
    Part::parse("part", s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn not_shared(person: PersonId) -> StoreError {
    StoreError::NotFound {
        what: "shared data of person",
        id: person.0.to_string(),
    }
}

const SHARE_COLUMNS: &str = "s.id, a.username, s.part, s.created_at::text AS created_at";

fn share_from_row(r: &sqlx::any::AnyRow) -> Result<ShareRecord> {
    Ok(ShareRecord {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        part: part(r.try_get("part")?)?,
        created_at: parse_stamp(r.try_get("created_at")?)?,
    })
}

impl SqlStore {
    async fn is_shared(
        conn: &mut sqlx::AnyConnection,
        account: AccountId,
        person: PersonId,
        part: Part,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM shares s JOIN accounts a ON a.id = s.account_id
             WHERE s.person_id = $1 AND s.account_id = $2 AND s.part = $3 AND NOT a.disabled",
        )
        .bind(person.0)
        .bind(account.0)
        .bind(part.as_str())
        .fetch_one(&mut *conn)
        .await?;
        if n > 0 {
            return Ok(true);
        }
        // Or the reader manages the person, directly or further up, and
        // the person's line sharing reaches that far.
        match Self::line_depth(conn, account, person).await? {
            Some(depth) => Ok(Self::line_reach(conn, person, part).await?.covers(depth)),
            None => Ok(false),
        }
    }
}

/// The `comments` table's columns, the one list every path writes and reads.
pub(super) const COMMENTS: Table = table!("comments" {
    person_id: Int, account_id: Int, author: Text, target: Text, target_id: Int, text: Text,
    at: Instant,
});

/// A comment's row: by `account` (none once imported), on `target` (the
/// item's id, none when it did not travel).
pub(super) fn comment_values(
    person: PersonId,
    account: Option<i64>,
    author: &str,
    (on, target): (CommentOn, Option<i64>),
    text: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::opt_int(account),
        V::text(author),
        V::text(on.as_str()),
        V::opt_int(target),
        V::text(text),
        V::Instant(stamp(at)),
    ]
}

#[async_trait]
impl SharingStore for SqlStore {
    async fn share(
        &self,
        person: PersonId,
        username: &str,
        part: Part,
        at: DateTime<Utc>,
    ) -> Result<ShareRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let account: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM accounts WHERE username = $1
             AND (person_id IS NULL OR person_id <> $2)",
        )
        .bind(username)
        .bind(person.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(account) = account else {
            return Err(StoreError::NotFound {
                what: "account",
                id: username.to_owned(),
            });
        };
        sqlx::query(
            &Dialect::of(&tx).sql("INSERT INTO shares (person_id, account_id, part, created_at) VALUES ($1, $2, $3, $4::timestamptz)
             ON CONFLICT DO NOTHING"),
        )
        .bind(person.0)
        .bind(account)
        .bind(part.as_str())
        .bind(stamp(at))
        .execute(&mut *tx)
        .await?;
        let row = sqlx::query(&Dialect::of(&tx).sql(&format!(
            "SELECT {SHARE_COLUMNS} FROM shares s JOIN accounts a ON a.id = s.account_id
             WHERE s.person_id = $1 AND s.account_id = $2 AND s.part = $3"
        )))
        .bind(person.0)
        .bind(account)
        .bind(part.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let record = share_from_row(&row)?;
        tx.commit().await?;
        Ok(record)
    }

    async fn shares(&self, person: PersonId) -> Result<Vec<ShareRecord>> {
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "SELECT {SHARE_COLUMNS} FROM shares s JOIN accounts a ON a.id = s.account_id
             WHERE s.person_id = $1 ORDER BY a.username, s.part"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(share_from_row).collect()
    }

    async fn revoke_share(&self, person: PersonId, id: i64) -> Result<()> {
        self.delete_owned(person, "shares", "share", id).await
    }

    async fn shared_with_me(&self, account: AccountId) -> Result<Vec<SharedWithMe>> {
        let mut out = self.shared_one_by_one(account).await?;
        for (person, name, parts) in self.shared_down_the_line(account).await? {
            match out.iter_mut().find(|s| s.person == person) {
                Some(s) => {
                    s.parts.extend(parts);
                    s.parts.sort();
                    s.parts.dedup();
                }
                None => out.push(SharedWithMe {
                    person,
                    name,
                    parts,
                }),
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.person.cmp(&b.person)));
        Ok(out)
    }

    async fn open_shared(
        &self,
        reader: Reader<'_>,
        person: PersonId,
        part: Part,
        action: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        // Not a write to the person's data (their revision, and so their
        // cached dashboard, stays), but the check and the log entry go
        // together, in a write transaction taken up front (SQLite cannot
        // turn a read into a write once another connection has written).
        let mut tx = self.begin_write(Scope::Account(reader.account)).await?;
        if !Self::is_shared(&mut tx, reader.account, person, part).await? {
            return Err(not_shared(person));
        }
        sqlx::query(&Dialect::of(&tx).sql(
            "INSERT INTO audit_log (person_id, account_id, username, action, part, at)
             VALUES ($1, $2, $3, $4, $5, $6::timestamptz)",
        ))
        .bind(person.0)
        .bind(reader.account.0)
        .bind(reader.username)
        .bind(action)
        .bind(part.as_str())
        .bind(stamp(at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn shared_parts(&self, reader: AccountId, person: PersonId) -> Result<Vec<Part>> {
        let mut conn = self.pool.acquire().await?;
        let mut parts = Vec::new();
        for &p in Part::VALUES {
            if Self::is_shared(&mut conn, reader, person, p).await? {
                parts.push(p);
            }
        }
        Ok(parts)
    }

    async fn audit_log(&self, person: PersonId, limit: u32) -> Result<Vec<AuditRecord>> {
        let rows = sqlx::query(&self.dialect().sql(
            "SELECT username, action, part, at::text AS at FROM audit_log WHERE person_id = $1
             ORDER BY at DESC, id DESC LIMIT $2",
        ))
        .bind(person.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditRecord {
                    username: r.try_get("username")?,
                    action: r.try_get("action")?,
                    part: part(r.try_get("part")?)?,
                    at: parse_stamp(r.try_get("at")?)?,
                })
            })
            .collect()
    }

    async fn add_comment(
        &self,
        reader: Reader<'_>,
        person: PersonId,
        on: CommentOn,
        target: i64,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        // No such person and not shared with you get the same answer, so
        // that the answer does not tell which people exist.
        let mut tx = match self.begin_write(Scope::Person(person)).await {
            Err(StoreError::NotFound { what: "person", .. }) => return Err(not_shared(person)),
            tx => tx?,
        };
        if !Self::is_shared(&mut tx, reader.account, person, on.part()).await? {
            return Err(not_shared(person));
        }
        let table = match on {
            CommentOn::PlanItem => "plan_items",
            CommentOn::JournalEntry => "evidence",
        };
        if !Self::owns(&mut tx, table, person, target).await? {
            return Err(StoreError::NotFound {
                what: match on {
                    CommentOn::PlanItem => "plan item",
                    CommentOn::JournalEntry => "journal entry",
                },
                id: target.to_string(),
            });
        }
        let values = comment_values(
            person,
            Some(reader.account.0),
            reader.username,
            (on, Some(target)),
            text,
            at,
        );
        let id = insert(&mut tx, &COMMENTS, values).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn comments(&self, person: PersonId) -> Result<Vec<CommentRecord>> {
        let rows = sqlx::query(
            &self.dialect().sql("SELECT id, author, target, target_id, text, at::text AS at FROM comments WHERE person_id = $1
             ORDER BY at, id"),
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CommentRecord {
                    id: r.try_get("id")?,
                    author: r.try_get("author")?,
                    on: CommentOn::parse("target", r.try_get("target")?)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    target: r.try_get("target_id")?,
                    text: r.try_get("text")?,
                    at: parse_stamp(r.try_get("at")?)?,
                })
            })
            .collect()
    }
}

impl SqlStore {
    /// The people sharing a part with the account itself, by name.
    async fn shared_one_by_one(&self, account: AccountId) -> Result<Vec<SharedWithMe>> {
        let rows = sqlx::query(
            "SELECT p.id, p.name, s.part FROM shares s JOIN people p ON p.id = s.person_id
             WHERE s.account_id = $1 ORDER BY p.name, p.id, s.part",
        )
        .bind(account.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<SharedWithMe> = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let p = part(r.try_get("part")?)?;
            match out.last_mut() {
                Some(last) if last.person == id => last.parts.push(p),
                _ => out.push(SharedWithMe {
                    person: id,
                    name: r.try_get("name")?,
                    parts: vec![p],
                }),
            }
        }
        Ok(out)
    }
}
