//! Opportunities, debriefs, contacts, interactions, check-ins and calendar
//! feeds.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use leap_core::assessment::Source;
use leap_core::contact::{InteractionKind, NewContact, NewInteraction, Relationship};
use leap_core::opportunity::{CompanyProfile, NewDebrief, NewOpportunity, NextStep, Stage};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{bound, date, day, parse_stamp, stamp, tags, Scope, SqlStore};
use crate::career::{
    CalendarFeedRecord, CareerStore, CheckinLevel, CheckinRecord, CheckinSchedule, ContactRecord,
    DebriefRecord, InteractionRecord, NewCheckinRecord, OpportunityRecord, StageChange,
};
use crate::{PersonId, Result, StoreError};

fn corrupt(e: leap_core::InvalidValue) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn opt_date(row: &AnyRow, column: &str) -> Result<Option<NaiveDate>> {
    row.try_get::<Option<String>, _>(column)?
        .as_deref()
        .map(date)
        .transpose()
}

fn not_found(what: &'static str, id: i64) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_string(),
    }
}

fn small(row: &AnyRow, column: &str) -> Result<u32> {
    let v: i64 = row.try_get(column)?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} {v}")))
}

impl SqlStore {
    async fn read_opportunities(
        conn: &mut AnyConnection,
        person: PersonId,
        only: Option<i64>,
    ) -> Result<Vec<OpportunityRecord>> {
        let filter = if only.is_some() { "AND o.id = $2" } else { "" };
        let rows = bound(
            &format!(
                "SELECT o.id, o.organisation, o.title, o.role_id, o.company_profile, o.internal,
                 o.source, o.stage, o.next_step, o.next_step_on, o.created_on
                 FROM opportunities o WHERE o.person_id = $1 {filter}
                 ORDER BY o.created_on DESC, o.id DESC"
            ),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let stages = bound(
            &format!(
                "SELECT s.opportunity_id, s.stage, s.changed_on FROM opportunity_stages s
                 JOIN opportunities o ON o.id = s.opportunity_id WHERE o.person_id = $1 {filter}
                 ORDER BY s.id"
            ),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let debriefs = bound(
            &format!(
                "SELECT d.id, d.opportunity_id, d.held_on, d.questions, d.went_well, d.went_badly,
                 d.reasons, d.chosen_experience, d.too_technical,
                 (SELECT string_agg(competency_id, ',' ORDER BY competency_id)
                  FROM debrief_competencies t WHERE t.debrief_id = d.id) AS tags
                 FROM debriefs d JOIN opportunities o ON o.id = d.opportunity_id
                 WHERE o.person_id = $1 {filter} ORDER BY d.held_on DESC, d.id DESC"
            ),
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
                internal: row.try_get::<i64, _>("internal")? == 1,
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
                    too_technical: d
                        .try_get::<Option<i64>, _>("too_technical")?
                        .map(|v| v != 0),
                });
            }
            out.push(record);
        }
        Ok(out)
    }

    async fn read_contacts(
        conn: &mut AnyConnection,
        person: PersonId,
        only: Option<i64>,
    ) -> Result<Vec<ContactRecord>> {
        let filter = if only.is_some() { "AND c.id = $2" } else { "" };
        let rows = bound(
            &format!(
                "SELECT c.id, c.name, c.organisation, c.relationship, c.reach, c.notes,
                 c.cadence_days, c.added_on,
                 (SELECT MAX(happened_on) FROM interactions i WHERE i.contact_id = c.id) AS last_on,
                 (SELECT COUNT(*) FROM interactions i WHERE i.contact_id = c.id) AS n
                 FROM contacts c WHERE c.person_id = $1 {filter} ORDER BY c.name, c.id"
            ),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ContactRecord {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    organisation: row.try_get("organisation")?,
                    relationship: Relationship::parse("relationship", row.try_get("relationship")?)
                        .map_err(corrupt)?,
                    reach: row.try_get("reach")?,
                    notes: row.try_get("notes")?,
                    cadence_days: small(row, "cadence_days")?,
                    added_on: date(row.try_get("added_on")?)?,
                    last_interaction: opt_date(row, "last_on")?,
                    interaction_count: small(row, "n")?,
                    interactions: Vec::new(),
                })
            })
            .collect()
    }

    /// Whether the person has an object of `table` with this id.
    pub(super) async fn owns(
        conn: &mut AnyConnection,
        table: &str,
        person: PersonId,
        id: i64,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} WHERE id = $1 AND person_id = $2"
        ))
        .bind(id)
        .bind(person.0)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }
}

#[async_trait]
impl CareerStore for SqlStore {
    async fn add_opportunity(
        &self,
        person: PersonId,
        new: &NewOpportunity,
        today: NaiveDate,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO opportunities (person_id, organisation, title, role_id, company_profile,
             internal, source, stage, next_step, next_step_on, created_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(person.0)
        .bind(&new.organisation)
        .bind(&new.title)
        .bind(new.role.as_ref().map(|r| r.as_str()))
        .bind(new.company_profile.as_str())
        .bind(i64::from(new.internal))
        .bind(new.source.as_deref())
        .bind(new.stage.as_str())
        .bind(new.next_step.as_ref().map(|s| s.text.as_str()))
        .bind(new.next_step.as_ref().and_then(|s| s.on).map(day))
        .bind(day(today))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO opportunity_stages (opportunity_id, stage, changed_on) VALUES ($1, $2, $3)",
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
            sqlx::query(
                "INSERT INTO opportunity_stages (opportunity_id, stage, changed_on)
                 VALUES ($1, $2, $3)",
            )
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
        sqlx::query(
            "UPDATE opportunities SET stage = $1, next_step = $2, next_step_on = $3
             WHERE id = $4 AND person_id = $5",
        )
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
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO debriefs (opportunity_id, held_on, questions, went_well, went_badly,
             reasons, chosen_experience, created_on, too_technical)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(opportunity)
        .bind(day(new.held_on))
        .bind(new.questions.as_deref())
        .bind(new.went_well.as_deref())
        .bind(new.went_badly.as_deref())
        .bind(new.reasons.as_deref())
        .bind(new.chosen_experience.as_deref())
        .bind(day(today))
        .bind(new.too_technical.map(i64::from))
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

    async fn debrief_citations(&self, person: PersonId) -> Result<BTreeMap<String, u32>> {
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
            .map(|r| Ok((r.try_get("competency_id")?, small(r, "n")?)))
            .collect()
    }

    async fn add_contact(
        &self,
        person: PersonId,
        new: &NewContact,
        today: NaiveDate,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (person_id, name, organisation, relationship, reach, notes,
             cadence_days, added_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(person.0)
        .bind(&new.name)
        .bind(new.organisation.as_deref())
        .bind(new.relationship.as_str())
        .bind(new.reach.as_deref())
        .bind(new.notes.as_deref())
        .bind(i64::from(new.cadence_days))
        .bind(day(today))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn contacts(&self, person: PersonId) -> Result<Vec<ContactRecord>> {
        let mut conn = self.pool.acquire().await?;
        Self::read_contacts(&mut conn, person, None).await
    }

    async fn contact(&self, person: PersonId, id: i64) -> Result<ContactRecord> {
        let mut conn = self.pool.acquire().await?;
        let mut contact = Self::read_contacts(&mut conn, person, Some(id))
            .await?
            .pop()
            .ok_or_else(|| not_found("contact", id))?;
        let rows = sqlx::query(
            "SELECT id, happened_on, kind, note FROM interactions WHERE contact_id = $1
             ORDER BY happened_on DESC, id DESC",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            contact.interactions.push(InteractionRecord {
                id: r.try_get("id")?,
                on: date(r.try_get("happened_on")?)?,
                kind: InteractionKind::parse("kind", r.try_get("kind")?).map_err(corrupt)?,
                note: r.try_get("note")?,
            });
        }
        Ok(contact)
    }

    async fn add_interaction(
        &self,
        person: PersonId,
        contact: i64,
        new: &NewInteraction,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        if !Self::owns(&mut tx, "contacts", person, contact).await? {
            return Err(not_found("contact", contact));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO interactions (contact_id, happened_on, kind, note)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(contact)
        .bind(day(new.on))
        .bind(new.kind.as_str())
        .bind(new.note.as_deref())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn interaction_dates(
        &self,
        person: PersonId,
        since: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT i.happened_on FROM interactions i JOIN contacts c ON c.id = i.contact_id
             WHERE c.person_id = $1 AND i.happened_on >= $2",
        )
        .bind(person.0)
        .bind(day(since))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|d| date(d)).collect()
    }

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
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO checkins (person_id, held_on, went_well, went_badly, plan_review,
             target_role, framework_hash, readiness, assessment_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(person.0)
        .bind(day(new.held_on))
        .bind(new.went_well)
        .bind(new.went_badly)
        .bind(new.plan_review)
        .bind(new.target_role)
        .bind(new.framework_hash)
        .bind(i64::from(new.readiness_percent.min(100)))
        .bind(assessment)
        .fetch_one(&mut *tx)
        .await?;
        for (c, level, expected) in &new.levels {
            sqlx::query(
                "INSERT INTO checkin_levels (checkin_id, competency_id, level, expected)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(c.as_str())
            .bind(i64::from(*level))
            .bind(i64::from(*expected))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn checkins(&self, person: PersonId) -> Result<Vec<CheckinRecord>> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT id, held_on, went_well, went_badly, plan_review, target_role, readiness,
             assessment_id FROM checkins WHERE person_id = $1 ORDER BY held_on, id",
        )
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?;
        let levels = sqlx::query(
            "SELECT l.checkin_id, l.competency_id, l.level, l.expected FROM checkin_levels l
             JOIN checkins k ON k.id = l.checkin_id WHERE k.person_id = $1
             ORDER BY l.checkin_id, l.competency_id",
        )
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
                record.levels.push(CheckinLevel {
                    competency: l.try_get("competency_id")?,
                    level: level("level")?,
                    expected: level("expected")?,
                });
            }
            out.push(record);
        }
        Ok(out)
    }

    async fn checkin_schedule(&self, person: PersonId) -> Result<CheckinSchedule> {
        let row = sqlx::query(
            "SELECT p.checkin_every_days,
             (SELECT MAX(held_on) FROM checkins k WHERE k.person_id = p.id) AS last_checkin,
             (SELECT MIN(taken_on) FROM assessments a
              WHERE a.person_id = p.id AND a.source = 'self') AS first_self
             FROM people p WHERE p.id = $1",
        )
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

    async fn create_calendar_feed(
        &self,
        person: PersonId,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3)
             RETURNING id",
        )
        .bind(person.0)
        .bind(token_hash)
        .bind(stamp(at))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn calendar_feeds(&self, person: PersonId) -> Result<Vec<CalendarFeedRecord>> {
        let rows = sqlx::query(
            "SELECT id, created_at FROM calendar_feeds WHERE person_id = $1 ORDER BY id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CalendarFeedRecord {
                    id: r.try_get("id")?,
                    created_at: parse_stamp(r.try_get("created_at")?)?,
                })
            })
            .collect()
    }

    async fn revoke_calendar_feed(&self, person: PersonId, id: i64) -> Result<()> {
        self.delete_owned(person, "calendar_feeds", "calendar feed", id)
            .await
    }

    async fn calendar_person(&self, token_hash: &str) -> Result<Option<PersonId>> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT person_id FROM calendar_feeds WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(id.map(PersonId))
    }

    async fn calendar_key(&self, person: PersonId, candidate: &str) -> Result<String> {
        let kept: Option<Option<String>> =
            sqlx::query_scalar("SELECT calendar_key FROM people WHERE id = $1")
                .bind(person.0)
                .fetch_optional(&self.pool)
                .await?;
        if let Some(Some(key)) = kept {
            return Ok(key);
        }
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        // Another request may have kept one meanwhile: that one wins.
        sqlx::query("UPDATE people SET calendar_key = $1 WHERE id = $2 AND calendar_key IS NULL")
            .bind(candidate)
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        let key: Option<String> =
            sqlx::query_scalar("SELECT calendar_key FROM people WHERE id = $1")
                .bind(person.0)
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        key.ok_or_else(|| StoreError::Corrupt("a person without a calendar key".into()))
    }
}
