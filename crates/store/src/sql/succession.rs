//! The roles people ask to be considered for, and the bench's reads.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;

use super::org::BELOW;
use super::row::{insert_plain, table, Table, V};
use super::{date, Dialect, Scope, SqlStore};
use crate::succession::{BenchData, BenchPerson, BenchScope, Interest, SuccessionStore};
use crate::{PersonId, Result};
use sqlx::AnyConnection;

pub(super) const SUCCESSION_INTEREST: Table =
    table!("succession_interest" { person_id: Int, role_id: Text, since: Date });

pub(super) fn interest_values(person: PersonId, i: &Interest) -> Vec<V> {
    vec![V::Int(person.0), V::text(&i.role), V::Date(i.since)]
}

/// The candidates: people with an enabled account who asked for a role,
/// as `team(person_id)`; below the manager `$1`, or everyone's.
fn candidates(scope: BenchScope) -> String {
    match scope {
        BenchScope::Organisation => "WITH team(person_id) AS (
                SELECT DISTINCT s.person_id FROM succession_interest s
                WHERE NOT EXISTS (SELECT 1 FROM accounts a
                                  WHERE a.person_id = s.person_id AND a.disabled)
            )"
        .to_owned(),
        BenchScope::Line(_) => format!(
            "{BELOW}, team(person_id) AS (
                SELECT DISTINCT a.person_id FROM below b CROSS JOIN members m
                JOIN accounts a ON lower(a.username) = lower(m.email)
                JOIN succession_interest s ON s.person_id = a.person_id
                WHERE m.id = b.id AND NOT a.disabled
            )"
        ),
    }
}

/// Everyone in view, candidates or not, as `seen(person_id)`.
fn everyone(scope: BenchScope) -> String {
    match scope {
        BenchScope::Organisation => "WITH seen(person_id) AS (
                SELECT p.id FROM people p
                WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id AND a.disabled)
            )"
        .to_owned(),
        BenchScope::Line(_) => format!(
            "{BELOW}, seen(person_id) AS (
                SELECT a.person_id FROM below b CROSS JOIN members m
                JOIN accounts a ON lower(a.username) = lower(m.email)
                WHERE m.id = b.id AND a.person_id IS NOT NULL AND NOT a.disabled
            )"
        ),
    }
}

/// The roles the person asked to be considered for, by role.
pub(super) async fn interests_of(
    conn: &mut AnyConnection,
    person: PersonId,
) -> Result<Vec<Interest>> {
    let rows: Vec<(String, String)> = sqlx::query_as(&Dialect::of(conn).sql(
        "SELECT role_id, since::text FROM succession_interest WHERE person_id = $1
         ORDER BY role_id",
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(role, since)| {
            Ok(Interest {
                role,
                since: date(&since)?,
            })
        })
        .collect()
}

#[async_trait]
impl SuccessionStore for SqlStore {
    async fn interests(&self, person: PersonId) -> Result<Vec<Interest>> {
        let mut conn = self.pool.acquire().await?;
        interests_of(&mut conn, person).await
    }

    async fn set_interests(
        &self,
        person: PersonId,
        roles: &[String],
        today: NaiveDate,
    ) -> Result<()> {
        let kept: BTreeMap<String, NaiveDate> = self
            .interests(person)
            .await?
            .into_iter()
            .map(|i| (i.role, i.since))
            .collect();
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        sqlx::query("DELETE FROM succession_interest WHERE person_id = $1")
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        let mut seen = std::collections::BTreeSet::new();
        for role in roles.iter().filter(|r| seen.insert(r.as_str())) {
            let since = kept.get(role).copied().unwrap_or(today);
            let values = interest_values(
                person,
                &Interest {
                    role: role.clone(),
                    since,
                },
            );
            insert_plain(&mut tx, &SUCCESSION_INTEREST, values, "").await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn bench(&self, scope: BenchScope) -> Result<BenchData> {
        let d = self.dialect();
        let param = match scope {
            BenchScope::Organisation => None,
            BenchScope::Line(manager) => Some(manager.0),
        };
        let with = candidates(scope);
        let text = format!(
            "{with} SELECT p.id, COALESCE(m.name, p.name) AS name,
                    COALESCE(m.email, a.username, '') AS email, t.name AS team, p.framework_hash,
                    s.role_id, s.since::text AS since
             FROM team x JOIN people p ON p.id = x.person_id
             LEFT JOIN accounts a ON a.person_id = p.id
             LEFT JOIN members m ON m.email = lower(a.username)
             LEFT JOIN teams t ON t.id = m.team_id
             JOIN succession_interest s ON s.person_id = p.id
             ORDER BY p.id, s.role_id"
        );
        let sql = d.sql(&text);
        let q = sqlx::query_as::<_, (i64, String, String, Option<String>, String, String, String)>(
            &sql,
        );
        let rows = match param {
            Some(p) => q.bind(p),
            None => q,
        }
        .fetch_all(&self.pool)
        .await?;
        let text = format!(
            "{} SELECT DISTINCT p.framework_hash FROM seen s JOIN people p ON p.id = s.person_id
             ORDER BY p.framework_hash",
            everyone(scope)
        );
        let sql = d.sql(&text);
        let q = sqlx::query_scalar::<_, String>(&sql);
        let frameworks = match param {
            Some(p) => q.bind(p),
            None => q,
        }
        .fetch_all(&self.pool)
        .await?;
        let mut records = self.records_of(&with, param).await?;
        let mut people: Vec<BenchPerson> = Vec::new();
        for (person, name, email, team, framework_hash, role, since) in rows {
            let interest = Interest {
                role,
                since: date(&since)?,
            };
            match people.last_mut() {
                // An account per person; a second one would repeat the row.
                Some(p) if p.person == person => {
                    if !p.interests.contains(&interest) {
                        p.interests.push(interest);
                    }
                }
                _ => people.push(BenchPerson {
                    person,
                    name,
                    email,
                    team,
                    framework_hash,
                    interests: vec![interest],
                    self_levels: records.self_levels.remove(&person).unwrap_or_default(),
                    manager_levels: records.manager_levels.remove(&person).unwrap_or_default(),
                    evidence: records.evidence.remove(&person).unwrap_or_default(),
                }),
            }
        }
        Ok(BenchData { frameworks, people })
    }
}
