//! The SQL of check-ins (see [`crate::CheckinStore`]).

use async_trait::async_trait;
use leap_core::assessment::Source;
use leap_core::CompetencyId;
use sqlx::Row;

use super::row::{insert, insert_plain, table, Table, V};
use super::Dialect;
use super::{date, not_found, opt_date, small, Scope, SqlStore};
use crate::{
    CheckinLevel, CheckinRecord, CheckinSchedule, CheckinStore, NewCheckinRecord, PersonId, Result,
    StoreError,
};

/// The `checkins` table's columns, the one list every path writes and reads.
pub(super) const CHECKINS: Table = table!("checkins" { person_id: Int, held_on: Date, went_well: Text, went_badly: Text, plan_review: Text, target_role: Text, framework_hash: Text, readiness: Int, assessment_id: Int });

/// The `checkin_levels` table's columns, the one list every path writes and reads.
pub(super) const CHECKIN_LEVELS: Table =
    table!("checkin_levels" { checkin_id: Int, competency_id: Text, level: Int, expected: Int });

/// A check-in's row; `assessment` the self-assessment recorded with it.
pub(super) fn checkin_values(
    person: PersonId,
    c: &NewCheckinRecord<'_>,
    assessment: Option<i64>,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::Date(c.held_on),
        V::opt_text(c.went_well),
        V::opt_text(c.went_badly),
        V::opt_text(c.plan_review),
        V::text(c.target_role),
        V::text(c.framework_hash),
        V::Int(i64::from(c.readiness_percent.min(100))),
        V::opt_int(assessment),
    ]
}

pub(super) fn checkin_level_values(
    checkin: i64,
    competency: &str,
    level: u8,
    expected: u8,
) -> Vec<V> {
    vec![
        V::Int(checkin),
        V::text(competency),
        V::Int(i64::from(level)),
        V::Int(i64::from(expected)),
    ]
}

#[async_trait]
impl CheckinStore for SqlStore {
    async fn add_checkin(&self, person: PersonId, new: NewCheckinRecord<'_>) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let assessment = match new.reassessment {
            Some(levels) => Some(
                Self::insert_assessment(
                    &mut tx,
                    person,
                    new.framework_hash,
                    Source::SelfRating,
                    new.held_on,
                    levels,
                )
                .await?,
            ),
            None => None,
        };
        let id = insert(&mut tx, &CHECKINS, checkin_values(person, &new, assessment)).await?;
        for (c, level, expected) in &new.levels {
            insert_plain(
                &mut tx,
                &CHECKIN_LEVELS,
                checkin_level_values(id, c, *level, *expected),
                " ON CONFLICT DO NOTHING",
            )
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn checkins(&self, person: PersonId) -> Result<Vec<CheckinRecord>> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(&Dialect::of(&conn).sql(&format!(
            "SELECT id, {} FROM checkins WHERE person_id = $1 ORDER BY held_on, id",
            CHECKINS.select("")
        )))
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?;
        let levels = sqlx::query(&format!(
            "SELECT {} FROM checkin_levels l
                 JOIN checkins k ON k.id = l.checkin_id WHERE k.person_id = $1
                 ORDER BY l.checkin_id, l.competency_id",
            CHECKIN_LEVELS.select("l")
        ))
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let mut record = CheckinRecord {
                id,
                held_on: date(r.try_get("held_on")?)?,
                went_well: r.try_get("went_well")?,
                went_badly: r.try_get("went_badly")?,
                plan_review: r.try_get("plan_review")?,
                target_role: r.try_get("target_role")?,
                readiness_percent: small(r, "readiness")?,
                reassessed: r.try_get::<Option<i64>, _>("assessment_id")?.is_some(),
                levels: Vec::new(),
            };
            for l in levels
                .iter()
                .filter(|l| l.try_get::<i64, _>("checkin_id").ok() == Some(id))
            {
                let level = |c: &str| -> Result<u8> {
                    u8::try_from(small(l, c)?).map_err(|_| StoreError::Corrupt(c.to_owned()))
                };
                let competency: &str = l.try_get("competency_id")?;
                record.levels.push(CheckinLevel {
                    competency: super::named(|_, s| CompetencyId::stored(s), competency)?,
                    level: level("level")?,
                    expected: level("expected")?,
                });
            }
            out.push(record);
        }
        Ok(out)
    }

    async fn checkin_schedule(&self, person: PersonId) -> Result<CheckinSchedule> {
        let row = sqlx::query(&self.dialect().sql(
            "SELECT p.checkin_every_days,
             (SELECT MAX(held_on) FROM checkins k WHERE k.person_id = p.id)::text AS last_checkin,
             (SELECT MIN(taken_on) FROM assessments a
              WHERE a.person_id = p.id AND a.source = 'self')::text AS first_self
             FROM people p WHERE p.id = $1",
        ))
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| not_found("person", person.0))?;
        Ok(CheckinSchedule {
            every_days: small(&row, "checkin_every_days")?,
            last_checkin: opt_date(&row, "last_checkin")?,
            first_self_assessment: opt_date(&row, "first_self")?,
        })
    }

    async fn set_checkin_every(&self, person: PersonId, days: u32) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        sqlx::query("UPDATE people SET checkin_every_days = $1 WHERE id = $2")
            .bind(i64::from(days))
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
