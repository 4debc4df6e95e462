//! The SQL of opportunities (see [`crate::OpportunityStore`]).

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::opportunity::{CompanyProfile, NewDebrief, NewOpportunity, NextStep, Stage};
use leap_core::CompetencyId;
use sqlx::{AnyConnection, Row};

use super::row::{insert, insert_plain, table, tag_values, Table, V};
use super::{bound, corrupt, date, day, named, not_found, opt_date, small, tags, Scope, SqlStore};
use super::{flag, opt_flag, Dialect};
use crate::{
    DebriefRecord, OpportunityRecord, OpportunityStore, PersonId, Result, StageChange, StoreError,
};

/// The `opportunities` table's columns, the one list every path writes and reads.
pub(super) const OPPORTUNITIES: Table = table!("opportunities" { person_id: Int, organisation: Text, title: Text, role_id: Text, company_profile: Text, internal: Flag, source: Text, stage: Text, next_step: Text, next_step_on: Date, created_on: Date });

/// The `opportunity_stages` table's columns, the one list every path writes and reads.
pub(super) const OPPORTUNITY_STAGES: Table =
    table!("opportunity_stages" { opportunity_id: Int, stage: Text, changed_on: Date });

/// The `debriefs` table's columns, the one list every path writes and reads.
pub(super) const DEBRIEFS: Table = table!("debriefs" { opportunity_id: Int, held_on: Date, questions: Text, went_well: Text, went_badly: Text, reasons: Text, chosen_experience: Text, created_on: Date, too_technical: Flag });

/// The `debrief_competencies` table's columns, the one list every path writes and reads.
pub(super) const DEBRIEF_COMPETENCIES: Table =
    table!("debrief_competencies" { debrief_id: Int, competency_id: Text });

impl SqlStore {
    pub(super) async fn read_opportunities(
        conn: &mut AnyConnection,
        person: PersonId,
        only: Option<i64>,
    ) -> Result<Vec<OpportunityRecord>> {
        let filter = if only.is_some() { "AND o.id = $2" } else { "" };
        let rows = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT o.id, {} FROM opportunities o WHERE o.person_id = $1 {filter}
                 ORDER BY o.created_on DESC, o.id DESC",
                OPPORTUNITIES.select("o")
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let stages = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT {} FROM opportunity_stages s
                 JOIN opportunities o ON o.id = s.opportunity_id WHERE o.person_id = $1 {filter}
                 ORDER BY s.id",
                OPPORTUNITY_STAGES.select("s")
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let debriefs = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT d.id, {},
                 (SELECT string_agg(competency_id, ',' ORDER BY competency_id)
                  FROM debrief_competencies t WHERE t.debrief_id = d.id) AS tags
                 FROM debriefs d JOIN opportunities o ON o.id = d.opportunity_id
                 WHERE o.person_id = $1 {filter} ORDER BY d.held_on DESC, d.id DESC",
                DEBRIEFS.select("d")
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

/// An opportunity's row, as every path writes it.
pub(super) struct OpportunityRow<'a> {
    pub(super) organisation: &'a str,
    pub(super) title: &'a str,
    pub(super) role_id: Option<&'a str>,
    pub(super) company_profile: CompanyProfile,
    pub(super) internal: bool,
    pub(super) source: Option<&'a str>,
    pub(super) stage: Stage,
    pub(super) next_step: Option<&'a str>,
    pub(super) next_step_on: Option<NaiveDate>,
    pub(super) created_on: NaiveDate,
}

pub(super) fn opportunity_values(person: PersonId, o: &OpportunityRow<'_>) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::text(o.organisation),
        V::text(o.title),
        V::opt_text(o.role_id),
        V::text(o.company_profile.as_str()),
        V::Flag(o.internal),
        V::opt_text(o.source),
        V::text(o.stage.as_str()),
        V::opt_text(o.next_step),
        V::opt_date(o.next_step_on),
        V::Date(o.created_on),
    ]
}

pub(super) fn stage_values(opportunity: i64, stage: Stage, on: NaiveDate) -> Vec<V> {
    vec![V::Int(opportunity), V::text(stage.as_str()), V::Date(on)]
}

/// A debrief's row: `texts` are its questions, what went well, what went
/// badly, the reasons and the chosen candidate's experience.
pub(super) fn debrief_values(
    opportunity: i64,
    held_on: NaiveDate,
    texts: [Option<&str>; 5],
    created_on: NaiveDate,
    too_technical: Option<bool>,
) -> Vec<V> {
    let mut row = vec![V::Int(opportunity), V::Date(held_on)];
    row.extend(texts.map(V::opt_text));
    row.extend([V::Date(created_on), V::opt_flag(too_technical)]);
    row
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
        let row = OpportunityRow {
            organisation: &new.organisation,
            title: &new.title,
            role_id: new.role.as_ref().map(|r| r.as_str()),
            company_profile: new.company_profile,
            internal: new.internal,
            source: new.source.as_deref(),
            stage: new.stage,
            next_step: new.next_step.as_ref().map(|s| s.text.as_str()),
            next_step_on: new.next_step.as_ref().and_then(|s| s.on),
            created_on: today,
        };
        let id = insert(&mut tx, &OPPORTUNITIES, opportunity_values(person, &row)).await?;
        insert(
            &mut tx,
            &OPPORTUNITY_STAGES,
            stage_values(id, new.stage, today),
        )
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
            insert(&mut tx, &OPPORTUNITY_STAGES, stage_values(id, stage, on)).await?;
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
        let texts = [
            new.questions.as_deref(),
            new.went_well.as_deref(),
            new.went_badly.as_deref(),
            new.reasons.as_deref(),
            new.chosen_experience.as_deref(),
        ];
        let id = insert(
            &mut tx,
            &DEBRIEFS,
            debrief_values(opportunity, new.held_on, texts, today, new.too_technical),
        )
        .await?;
        for c in &new.competencies {
            insert_plain(
                &mut tx,
                &DEBRIEF_COMPETENCIES,
                tag_values(id, c.as_str()),
                " ON CONFLICT DO NOTHING",
            )
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
