//! The SQL of the profile (see [`crate::ProfileStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::row::{insert_returning, table, Table, V};
use super::Dialect;
use super::{day, Scope, SqlStore};
use crate::{FrameworkText, NewProfile, PersonId, Profile, ProfileStore, Result, StoreError};

/// The `people` table's columns, the one list every path writes and reads.
pub(super) const PEOPLE: Table = table!("people" { name: Text, is_local: Flag, current_role: Text, target_role: Text, framework_hash: Text, created_on: Date, checkin_every_days: Int });

/// A profile's columns of `people`. `current_role` is quoted: it is a
/// keyword (a function) in PostgreSQL.
pub(super) const PROFILE_COLUMNS: &str =
    "id, name, \"current_role\", target_role, framework_hash, revision";

pub(super) fn profile_from_row(row: &AnyRow) -> Result<Profile> {
    profile_from_columns(row, "id")
}

/// A profile from a row whose person id is in the column `id_column`
/// (`person_id` when joined to an account).
pub(super) fn profile_from_columns(row: &AnyRow, id_column: &str) -> Result<Profile> {
    Ok(Profile {
        person: PersonId(row.try_get(id_column)?),
        name: row.try_get("name")?,
        current_role: row.try_get("current_role")?,
        target_role: row.try_get("target_role")?,
        framework_hash: row.try_get("framework_hash")?,
        revision: row.try_get("revision")?,
    })
}

/// A person's row (`revision` and `calendar_key` are kept apart).
pub(super) fn person_values(
    name: &str,
    local: bool,
    current_role: &str,
    target_role: &str,
    framework_hash: &str,
    created_on: NaiveDate,
    checkin_every_days: u32,
) -> Vec<V> {
    vec![
        V::text(name),
        V::Flag(local),
        V::text(current_role),
        V::text(target_role),
        V::text(framework_hash),
        V::Date(created_on),
        V::Int(i64::from(checkin_every_days)),
    ]
}

impl SqlStore {
    /// Stores the profile's framework and a person for it.
    pub(crate) async fn insert_person(
        conn: &mut AnyConnection,
        new: &NewProfile<'_>,
        local: bool,
    ) -> Result<Profile> {
        Self::store_framework(conn, new.framework, new.today).await?;
        let values = person_values(
            new.name,
            local,
            new.current_role,
            new.target_role,
            &new.framework.hash,
            new.today,
            leap_core::checkin::DEFAULT_EVERY_DAYS,
        );
        let row = insert_returning(conn, &PEOPLE, values, PROFILE_COLUMNS).await?;
        profile_from_row(&row)
    }

    pub(crate) async fn store_framework(
        conn: &mut AnyConnection,
        f: &FrameworkText,
        today: NaiveDate,
    ) -> Result<()> {
        sqlx::query(&Dialect::of(conn).sql(
            "INSERT INTO frameworks (hash, framework_id, name, version, content, added_on)
             VALUES ($1, $2, $3, $4, $5, $6::date) ON CONFLICT DO NOTHING",
        ))
        .bind(&f.hash)
        .bind(&f.id)
        .bind(&f.name)
        .bind(&f.version)
        .bind(&f.content)
        .bind(day(today))
        .execute(conn)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl ProfileStore for SqlStore {
    async fn local_profile(&self) -> Result<Option<Profile>> {
        let row = sqlx::query(&local_profile_sql(self.dialect()))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(profile_from_row).transpose()
    }

    async fn create_local_profile(&self, new: NewProfile<'_>) -> Result<Profile> {
        let mut tx = self.begin_write(Scope::Directory).await?;
        let row = Self::insert_person(&mut tx, &new, true)
            .await
            .map_err(|e| match e {
                StoreError::Database(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                    StoreError::Conflict("a profile already exists in this database".to_owned())
                }
                e => e,
            })?;
        tx.commit().await?;
        Ok(row)
    }

    async fn update_profile(
        &self,
        person: PersonId,
        name: Option<&str>,
        current_role: Option<&str>,
        target_role: Option<&str>,
    ) -> Result<()> {
        // begin_write refuses a person that does not exist.
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        sqlx::query(
            "UPDATE people SET name = COALESCE($1, name), \"current_role\" = COALESCE($2, \"current_role\"),
             target_role = COALESCE($3, target_role) WHERE id = $4",
        )
        .bind(name)
        .bind(current_role)
        .bind(target_role)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn switch_framework(
        &self,
        person: PersonId,
        framework: &FrameworkText,
        current_role: &str,
        target_role: &str,
        today: NaiveDate,
    ) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        Self::store_framework(&mut tx, framework, today).await?;
        let done = sqlx::query(
            "UPDATE people SET framework_hash = $1, \"current_role\" = $2, target_role = $3 WHERE id = $4",
        )
        .bind(&framework.hash)
        .bind(current_role)
        .bind(target_role)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "person",
                id: person.0.to_string(),
            });
        }
        tx.commit().await?;
        Ok(())
    }

    async fn framework_text(&self, hash: &str) -> Result<FrameworkText> {
        let row = sqlx::query(
            "SELECT hash, framework_id, name, version, content FROM frameworks WHERE hash = $1",
        )
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "framework",
            id: hash.to_owned(),
        })?;
        Ok(FrameworkText {
            hash: row.try_get("hash")?,
            id: row.try_get("framework_id")?,
            name: row.try_get("name")?,
            version: row.try_get("version")?,
            content: row.try_get("content")?,
        })
    }
}

/// The local profile's query: through the index of the one local person,
/// not a read of every person (which a server's database has thousands of).
fn local_profile_sql(d: Dialect) -> String {
    d.sql(&format!(
        "SELECT {PROFILE_COLUMNS} FROM people WHERE {}",
        d.is_local("is_local")
    ))
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_local_profile_is_found_through_its_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqlStore::open(crate::Location::Sqlite(dir.path().join("t.db")))
            .await
            .expect("open");
        let plan: Vec<String> = sqlx::query(&format!(
            "EXPLAIN QUERY PLAN {}",
            local_profile_sql(Dialect::Sqlite)
        ))
        .fetch_all(store.pool())
        .await
        .expect("plan")
        .iter()
        .map(|r| r.try_get::<String, _>("detail").expect("detail"))
        .collect();
        assert!(
            plan.iter()
                .any(|d| d.contains("USING INDEX people_one_local")),
            "{plan:?}"
        );
    }
}
