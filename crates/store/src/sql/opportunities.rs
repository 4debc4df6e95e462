//! The SQL of opportunities (see [`crate::OpportunityStore`]).

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::opportunity::{CompanyProfile, NewDebrief, NewOpportunity, NextStep, Stage};
use leap_core::CompetencyId;
use sqlx::{AnyConnection, Row};

use super::{bound, corrupt, date, day, named, not_found, opt_date, small, tags, Scope, SqlStore};
use super::{flag, opt_flag, Dialect};
use crate::{
    DebriefRecord, OpportunityRecord, OpportunityStore, PersonId, Result, StageChange, StoreError,
};

impl SqlStore {
    pub(super) async fn read_opportunities(
        conn: &mut AnyConnection,
        person: PersonId,
        only: Option<i64>,
    ) -> Result<Vec<OpportunityRecord>> {
        let filter = if only.is_some() { "AND o.id = $2" } else { "" };
        let rows = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT o.id, o.organisation, o.title, o.role_id, o.company_profile, o.internal,
                 o.source, o.stage, o.next_step, o.next_step_on::text AS next_step_on,
                 o.created_on::text AS created_on
                 FROM opportunities o WHERE o.person_id = $1 {filter}
                 ORDER BY o.created_on DESC, o.id DESC"
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let stages = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT s.opportunity_id, s.stage, s.changed_on::text AS changed_on FROM opportunity_stages s
                 JOIN opportunities o ON o.id = s.opportunity_id WHERE o.person_id = $1 {filter}
                 ORDER BY s.id"
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let debriefs = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT d.id, d.opportunity_id, d.held_on::text AS held_on, d.questions, d.went_well, d.went_badly,
                 d.reasons, d.chosen_experience, d.too_technical,
                 (SELECT string_agg(competency_id, ',' ORDER BY competency_id)
                  FROM debrief_competencies t WHERE t.debrief_id = d.id) AS tags
                 FROM debriefs d JOIN opportunities o ON o.id = d.opportunity_id
                 WHERE o.person_id = $1 {filter} ORDER BY d.held_on DESC, d.id DESC"
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let next_step = row
                .try_get::<Option<String>, _>("next_step")?
                .map(|text| -> Result<NextStep> {
                    Ok(NextStep {
                        text,
                        on: opt_date(row, "next_step_on")?,
                    })
                })
                .transpose()?;
            let mut record = OpportunityRecord {
                id,
                organisation: row.try_get("organisation")?,
                title: row.try_get("title")?,
                role: row.try_get("role_id")?,
                company_profile: CompanyProfile::parse(
                    "company profile",
                    row.try_get("company_profile")?,
                )
                .map_err(corrupt)?,
                internal: flag(row, "internal")?,
                source: row.try_get("source")?,
                stage: Stage::parse("stage", row.try_get("stage")?).map_err(corrupt)?,
                next_step,
                created_on: date(row.try_get("created_on")?)?,
                stages: Vec::new(),
                debriefs: Vec::new(),
            };
            for s in stages
                .iter()
                .filter(|s| s.try_get::<i64, _>("opportunity_id").ok() == Some(id))
            {
                record.stages.push(StageChange {
                    stage: Stage::parse("stage", s.try_get("stage")?).map_err(corrupt)?,
                    on: date(s.try_get("changed_on")?)?,
                });
            }
            for d in debriefs
                .iter()
                .filter(|d| d.try_get::<i64, _>("opportunity_id").ok() == Some(id))
            {
                record.debriefs.push(DebriefRecord {
                    id: d.try_get("id")?,
                    opportunity: id,
                    held_on: date(d.try_get("held_on")?)?,
                    questions: d.try_get("questions")?,
                    went_well: d.try_get("went_well")?,
                    went_badly: d.try_get("went_badly")?,
                    reasons: d.try_get("reasons")?,
                    chosen_experience: d.try_get("chosen_experience")?,
                    competencies: tags(d)?,
                    too_technical: opt_flag(d, "too_technical")?,
                });
            }
            out.push(record);
        }
        Ok(out)
    }
}

#[async_trait]
impl OpportunityStore for SqlStore {
    async fn add_opportunity(
        &self,
        person: PersonId,
        new: &NewOpportunity,
        today: NaiveDate,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id: i64 = sqlx::query_scalar(&Dialect::of(&tx).sql(
            "INSERT INTO opportunities (person_id, organisation, title, role_id, company_profile,
             internal, source, stage, next_step, next_step_on, created_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11::date) RETURNING id",
        ))
        .bind(person.0)
        .bind(&new.organisation)
        .bind(&new.title)
        .bind(new.role.as_ref().map(|r| r.as_str()))
        .bind(new.company_profile.as_str())
        .bind(new.internal)
        .bind(new.source.as_deref())
        .bind(new.stage.as_str())
        .bind(new.next_step.as_ref().map(|s| s.text.as_str()))
        .bind(new.next_step.as_ref().and_then(|s| s.on).map(day))
        .bind(day(today))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            &Dialect::of(&tx).sql("INSERT INTO opportunity_stages (opportunity_id, stage, changed_on) VALUES ($1, $2, $3::date)"),
        )
        .bind(id)
        .bind(new.stage.as_str())
        .bind(day(today))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn opportunities(&self, person: PersonId) -> Result<Vec<OpportunityRecord>> {
        let mut conn = self.pool.acquire().await?;
        Self::read_opportunities(&mut conn, person, None).await
    }

    async fn opportunity(&self, person: PersonId, id: i64) -> Result<OpportunityRecord> {
        let mut conn = self.pool.acquire().await?;
        Self::read_opportunities(&mut conn, person, Some(id))
            .await?
            .pop()
            .ok_or_else(|| not_found("opportunity", id))
    }

    async fn move_opportunity(
        &self,
        person: PersonId,
        id: i64,
        stage: Stage,
        on: NaiveDate,
        next_step: Option<&NextStep>,
    ) -> Result<OpportunityRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let current = Self::read_opportunities(&mut tx, person, Some(id))
            .await?
            .pop()
            .ok_or_else(|| not_found("opportunity", id))?;
        if current.stage == stage && next_step.is_none() {
            return Err(StoreError::Conflict(format!(
                "opportunity {id} is at stage '{stage}' already: give another stage or a next step"
            )));
        }
        if let Some(last) = current.stages.last() {
            if on < last.on {
                return Err(StoreError::Conflict(format!(
                    "opportunity {id} moved to '{}' on {}: a later move cannot be dated {on}",
                    last.stage, last.on
                )));
            }
        }
        if current.stage != stage {
            sqlx::query(&Dialect::of(&tx).sql(
                "INSERT INTO opportunity_stages (opportunity_id, stage, changed_on)
                 VALUES ($1, $2, $3::date)",
            ))
            .bind(id)
            .bind(stage.as_str())
            .bind(day(on))
            .execute(&mut *tx)
            .await?;
        }
        // A closed opportunity has no next step unless one is given; an
        // open one keeps its step when none is given.
        let step = match next_step {
            Some(s) => Some(s.clone()),
            None if stage.is_closed() => None,
            None => current.next_step.clone(),
        };
        sqlx::query(&Dialect::of(&tx).sql(
            "UPDATE opportunities SET stage = $1, next_step = $2, next_step_on = $3::date
             WHERE id = $4 AND person_id = $5",
        ))
        .bind(stage.as_str())
        .bind(step.as_ref().map(|s| s.text.as_str()))
        .bind(step.as_ref().and_then(|s| s.on).map(day))
        .bind(id)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        let record = Self::read_opportunities(&mut tx, person, Some(id))
            .await?
            .pop()
            .ok_or_else(|| not_found("opportunity", id))?;
        tx.commit().await?;
        Ok(record)
    }

    async fn add_debrief(
        &self,
        person: PersonId,
        opportunity: i64,
        new: &NewDebrief,
        today: NaiveDate,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        if !Self::owns(&mut tx, "opportunities", person, opportunity).await? {
            return Err(not_found("opportunity", opportunity));
        }
        let id: i64 = sqlx::query_scalar(&Dialect::of(&tx).sql(
            "INSERT INTO debriefs (opportunity_id, held_on, questions, went_well, went_badly,
             reasons, chosen_experience, created_on, too_technical)
             VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8::date, $9) RETURNING id",
        ))
        .bind(opportunity)
        .bind(day(new.held_on))
        .bind(new.questions.as_deref())
        .bind(new.went_well.as_deref())
        .bind(new.went_badly.as_deref())
        .bind(new.reasons.as_deref())
        .bind(new.chosen_experience.as_deref())
        .bind(day(today))
        .bind(new.too_technical)
        .fetch_one(&mut *tx)
        .await?;
        for c in &new.competencies {
            sqlx::query(
                "INSERT INTO debrief_competencies (debrief_id, competency_id) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(c.as_str())
            .execute(&mut *tx)
            .await?;
        }
        if let Some(c) = &new.correction {
            Self::keep_correction(&mut tx, person, c, today).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn debrief_citations(&self, person: PersonId) -> Result<BTreeMap<CompetencyId, u32>> {
        let rows = sqlx::query(
            "SELECT t.competency_id, COUNT(*) AS n FROM debrief_competencies t
             JOIN debriefs d ON d.id = t.debrief_id
             JOIN opportunities o ON o.id = d.opportunity_id
             WHERE o.person_id = $1 GROUP BY t.competency_id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: &str = r.try_get("competency_id")?;
                Ok((named(|_, s| CompetencyId::stored(s), id)?, small(r, "n")?))
            })
            .collect()
    }
}
