//! The roles people ask to be considered for, and the bench's reads.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;

use super::org::id_list;
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
        // Who is in view: everyone but the disabled, or the people below
        // the manager (by id: see `SqlStore::below`).
        let in_view = match scope {
            BenchScope::Organisation => "NOT EXISTS (SELECT 1 FROM accounts x
                 WHERE x.person_id = p.id AND x.disabled)"
                .to_owned(),
            BenchScope::Line(manager) => {
                let below = self.people_below(manager).await?;
                format!("p.id IN {}", id_list(below.iter().map(|b| b.person)))
            }
        };
        type Row = (
            i64,
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            String,
        );
        let rows: Vec<Row> = sqlx::query_as(&self.dialect().sql(&format!(
            "SELECT p.id, COALESCE(m.name, p.name) AS name,
                        COALESCE(m.email, a.username, '') AS email, t.name AS team,
                        p.\"current_role\", p.framework_hash, s.role_id, s.since::text AS since
                 FROM succession_interest s JOIN people p ON p.id = s.person_id
                 LEFT JOIN accounts a ON a.person_id = p.id
                 LEFT JOIN members m ON m.email = lower(a.username)
                 LEFT JOIN teams t ON t.id = m.team_id
                 WHERE {in_view} ORDER BY p.id, s.role_id"
        )))
        .fetch_all(&self.pool)
        .await?;
        let frameworks: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT p.framework_hash FROM people p WHERE {in_view}
             ORDER BY p.framework_hash"
        ))
        .fetch_all(&self.pool)
        .await?;
        let candidates: std::collections::BTreeSet<i64> = rows.iter().map(|r| r.0).collect();
        let candidates: Vec<i64> = candidates.into_iter().collect();
        let mut records = self.records_of(&candidates).await?;
        let mut people: Vec<BenchPerson> = Vec::new();
        for (person, name, email, team, current_role, framework_hash, role, since) in rows {
            let interest = Interest {
                role,
                since: date(&since)?,
            };
            match people.last_mut() {
                Some(p) if p.person == person => p.interests.push(interest),
                _ => people.push(BenchPerson {
                    person,
                    name,
                    email,
                    team,
                    current_role,
                    framework_hash,
                    interests: vec![interest],
                    self_levels: records.self_levels.remove(&person).unwrap_or_default(),
                    manager_levels: records.manager_levels.remove(&person).unwrap_or_default(),
                    evidence: records.evidence.remove(&person).unwrap_or_default(),
                    named_gaps: records.named_gaps.remove(&person).unwrap_or_default(),
                }),
            }
        }
        Ok(BenchData { frameworks, people })
    }
}
