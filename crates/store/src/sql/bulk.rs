//! Bulk writes: many rows per statement, ids assigned here while the tables
//! are locked, one transaction per batch of people.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::synthetic::Person;
use sqlx::AnyConnection;

use super::row::{insert_many, tag_values, V};
use super::{
    accounts::{account_values, ACCOUNTS},
    assessments::{assessment_values, level_values, ASSESSMENTS, ASSESSMENT_LEVELS},
    contacts::{contact_values, interaction_values, CONTACTS, INTERACTIONS},
    feedback::{
        answer_values, rater_values, request_values, FEEDBACK_ANSWERS, FEEDBACK_RATERS,
        FEEDBACK_REQUESTS, FEEDBACK_REQUEST_COMPETENCIES,
    },
    fit::{fit_values, FIT_CHECKS},
    journal::{evidence_values, EVIDENCE, EVIDENCE_COMPETENCIES},
    opportunities::{
        debrief_values, opportunity_values, stage_values, OpportunityRow, DEBRIEFS,
        DEBRIEF_COMPETENCIES, OPPORTUNITIES, OPPORTUNITY_STAGES,
    },
    plan::{item_values, plan_values, PlanItemRow, PLANS, PLAN_ITEMS, PLAN_ITEM_COMPETENCIES},
    profile::{person_values, PEOPLE},
};
use super::{Dialect, Scope, SqlStore};
use crate::{Bulk, FrameworkText, PersonId, Result};

/// The tables whose ids [`Bulk::insert_people`] assigns.
const TABLES: [&str; 14] = [
    "people",
    "accounts",
    "assessments",
    "fit_checks",
    "evidence",
    "plans",
    "plan_items",
    "feedback_requests",
    "feedback_raters",
    "opportunities",
    "opportunity_stages",
    "debriefs",
    "contacts",
    "interactions",
];

async fn max_id(conn: &mut AnyConnection, table: &str) -> Result<i64> {
    // `table` is one of this module's constants.
    Ok(
        sqlx::query_scalar(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"))
            .fetch_one(&mut *conn)
            .await?,
    )
}

#[async_trait]
impl Bulk for SqlStore {
    async fn insert_people(
        &self,
        people: &[Person],
        framework: &FrameworkText,
        password_hash: &str,
        today: NaiveDate,
    ) -> Result<()> {
        let dialect = self.dialect();
        let mut tx = self.begin_write(Scope::Directory).await?;
        if dialect == Dialect::Postgres {
            // Ids are taken from MAX(id) below: no other insert may run
            // until this commits.
            sqlx::query(&format!(
                "LOCK TABLE {} IN EXCLUSIVE MODE",
                TABLES.join(", ")
            ))
            .execute(&mut *tx)
            .await?;
        }
        Self::store_framework(&mut tx, framework, today).await?;
        let mut next = std::collections::HashMap::new();
        for t in TABLES {
            next.insert(t, max_id(&mut tx, t).await?);
        }
        let mut id = |t: &'static str| {
            let n = next.entry(t).or_insert(0);
            *n += 1;
            *n
        };
        let (mut people_rows, mut accounts, mut fits, mut assessments, mut levels) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut evidence, mut tags, mut plans, mut items, mut item_tags) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut requests, mut asked, mut raters, mut answers) = (vec![], vec![], vec![], vec![]);
        let (mut opportunities, mut stages, mut debriefs, mut debrief_tags) =
            (vec![], vec![], vec![], vec![]);
        let (mut contacts, mut interactions) = (vec![], vec![]);
        let midnight = chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(
            today.and_hms_opt(0, 0, 0).unwrap_or_default(),
            chrono::Utc,
        );
        for p in people {
            let person = id("people");
            let mut values = vec![V::Int(person)];
            values.extend(person_values(
                &p.name,
                false,
                &p.current_role,
                &p.target_role,
                &framework.hash,
                today,
                leap_core::checkin::DEFAULT_EVERY_DAYS,
            ));
            people_rows.push(values);
            let mut values = vec![V::Int(id("accounts"))];
            values.extend(account_values(
                &p.username,
                password_hash,
                false,
                Some(person),
                midnight,
            ));
            accounts.push(values);
            if let Some((date, answers, result)) = &p.fit {
                let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".to_owned());
                let mut values = vec![V::Int(id("fit_checks"))];
                values.extend(fit_values(
                    PersonId(person),
                    &framework.hash,
                    *date,
                    result.management,
                    result.technical,
                    result.recommendation,
                    &json,
                ));
                fits.push(values);
            }
            for (date, l) in &p.assessments {
                let a = id("assessments");
                let mut row = vec![V::Int(a)];
                row.extend(assessment_values(
                    PersonId(person),
                    &framework.hash,
                    leap_core::assessment::Source::SelfRating,
                    *date,
                ));
                assessments.push(row);
                for (c, level) in l.iter() {
                    levels.push(level_values(a, c.as_str(), level.value()));
                }
            }
            for (date, kind, text, comps) in &p.entries {
                let e = id("evidence");
                let mut row = vec![V::Int(e)];
                row.extend(evidence_values(PersonId(person), *date, text, *kind, *date));
                evidence.push(row);
                for c in comps {
                    tags.push(tag_values(e, c.as_str()));
                }
            }
            if let Some(leap_core::synthetic::Plan {
                generated,
                horizon_months: horizon,
                items: proposed,
                done,
            }) = &p.plan
            {
                let plan = id("plans");
                let mut values = vec![V::Int(plan)];
                values.extend(plan_values(
                    PersonId(person),
                    &p.target_role,
                    *horizon,
                    *generated,
                    None,
                    None,
                ));
                plans.push(values);
                for (i, item) in proposed.iter().enumerate() {
                    let item_id = id("plan_items");
                    let closed = done.iter().find(|(k, _)| *k == i).map(|(_, d)| *d);
                    let status = if closed.is_some() {
                        leap_core::plan::ItemStatus::Done
                    } else {
                        leap_core::plan::ItemStatus::Todo
                    };
                    let row = PlanItemRow {
                        plan_id: Some(plan),
                        action_id: item.action.as_ref().map(|a| a.as_str()),
                        title: &item.title,
                        kind: item.kind,
                        due_on: item.due,
                        status,
                        note: None,
                        closed_on: closed,
                        superseded_on: None,
                        created_on: *generated,
                        why: None,
                        starts_on: None,
                    };
                    let mut values = vec![V::Int(item_id)];
                    values.extend(item_values(PersonId(person), &row));
                    items.push(values);
                    for c in &item.competencies {
                        item_tags.push(tag_values(item_id, c.as_str()));
                    }
                }
            }
            if let Some(fb) = &p.feedback {
                let request = id("feedback_requests");
                let m = leap_core::feedback::Minimums::default();
                let mut values = vec![V::Int(request)];
                values.extend(request_values(
                    PersonId(person),
                    &framework.hash,
                    (fb.created, fb.closes, None),
                    m,
                    None,
                ));
                requests.push(values);
                for c in &fb.competencies {
                    asked.push(tag_values(request, c.as_str()));
                }
                for (group, name, response) in &fb.raters {
                    let rater = id("feedback_raters");
                    // No link was ever made: the hash of a text no token is.
                    let hash = leap_core::framework::content_hash(&format!(
                        "synthetic rater {rater} of {}",
                        p.username
                    ));
                    let mut values = vec![V::Int(rater)];
                    values.extend(rater_values(
                        request,
                        *group,
                        name,
                        None,
                        &hash,
                        (true, response.overall.as_deref()),
                    ));
                    raters.push(values);
                    for (c, a) in &response.answers {
                        answers.push(answer_values(
                            rater,
                            c.as_str(),
                            a.rating.stored(),
                            a.comment.as_deref(),
                        ));
                    }
                }
            }
            for o in &p.opportunities {
                let opportunity = id("opportunities");
                let (stage, first) = match (o.stages.last(), o.stages.first()) {
                    (Some((stage, _)), Some((_, first))) => (*stage, *first),
                    _ => continue,
                };
                let row = OpportunityRow {
                    organisation: o.organisation,
                    title: &o.title,
                    role_id: o.role.as_deref(),
                    company_profile: o.company_profile,
                    internal: o.internal,
                    source: None,
                    stage,
                    next_step: o.next_step.map(|(t, _)| t),
                    next_step_on: o.next_step.map(|(_, d)| d),
                    created_on: first,
                };
                let mut values = vec![V::Int(opportunity)];
                values.extend(opportunity_values(PersonId(person), &row));
                opportunities.push(values);
                for (stage, on) in &o.stages {
                    let mut values = vec![V::Int(id("opportunity_stages"))];
                    values.extend(stage_values(opportunity, *stage, *on));
                    stages.push(values);
                }
                for (on, reasons, chosen, tags) in &o.debriefs {
                    let debrief = id("debriefs");
                    let texts = [None, None, None, Some(*reasons), *chosen];
                    let mut values = vec![V::Int(debrief)];
                    values.extend(debrief_values(opportunity, *on, texts, *on, None));
                    debriefs.push(values);
                    for c in tags {
                        debrief_tags.push(tag_values(debrief, c.as_str()));
                    }
                }
            }
            for c in &p.contacts {
                let contact = id("contacts");
                let mut row = vec![V::Int(contact)];
                row.extend(contact_values(PersonId(person), &c.contact, c.added));
                contacts.push(row);
                for (on, kind) in &c.interactions {
                    let mut row = vec![V::Int(id("interactions"))];
                    row.extend(interaction_values(contact, *on, *kind, None));
                    interactions.push(row);
                }
            }
        }
        // In this order, for the foreign keys. Tags may repeat in
        // generated text: those rows alone ignore conflicts.
        for (table, ids, rows, tail) in [
            (&PEOPLE, true, people_rows, ""),
            (&ACCOUNTS, true, accounts, ""),
            (&FIT_CHECKS, true, fits, ""),
            (&ASSESSMENTS, true, assessments, ""),
            (&ASSESSMENT_LEVELS, false, levels, ""),
            (&EVIDENCE, true, evidence, ""),
            (
                &EVIDENCE_COMPETENCIES,
                false,
                tags,
                " ON CONFLICT DO NOTHING",
            ),
            (&PLANS, true, plans, ""),
            (&PLAN_ITEMS, true, items, ""),
            (
                &PLAN_ITEM_COMPETENCIES,
                false,
                item_tags,
                " ON CONFLICT DO NOTHING",
            ),
            (&FEEDBACK_REQUESTS, true, requests, ""),
            (&FEEDBACK_REQUEST_COMPETENCIES, false, asked, ""),
            (&FEEDBACK_RATERS, true, raters, ""),
            (&FEEDBACK_ANSWERS, false, answers, ""),
            (&OPPORTUNITIES, true, opportunities, ""),
            (&OPPORTUNITY_STAGES, true, stages, ""),
            (&DEBRIEFS, true, debriefs, ""),
            (
                &DEBRIEF_COMPETENCIES,
                false,
                debrief_tags,
                " ON CONFLICT DO NOTHING",
            ),
            (&CONTACTS, true, contacts, ""),
            (&INTERACTIONS, true, interactions, ""),
        ] {
            insert_many(&mut tx, table, ids, rows, tail).await?;
        }
        if dialect == Dialect::Postgres {
            // Identity columns hand out ids from a sequence, which explicit
            // ids do not advance.
            for t in TABLES {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), MAX(id)) FROM {t}"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn refresh_statistics(&self) -> Result<()> {
        let sql = match self.dialect() {
            Dialect::Sqlite => "PRAGMA optimize",
            Dialect::Postgres => "ANALYZE",
        };
        sqlx::query(sql).execute(&self.pool).await?;
        Ok(())
    }
}
