//! Bulk writes: many rows per statement, ids assigned here while the tables
//! are locked, one transaction per batch of people.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::synthetic::Person;
use sqlx::AnyConnection;

use super::{day, stamp, Dialect, Scope, SqlStore};
use crate::{Bulk, FrameworkText, Result};

/// A value for a multi-row insert.
enum V {
    I(i64),
    S(String),
    /// NULL in a text column.
    Null,
    /// NULL in an integer column (PostgreSQL types the parameter).
    NullInt,
    /// A date, and NULL in a date column.
    D(NaiveDate),
    NullDate,
    /// An instant, as `stamp` writes it.
    T(String),
    /// A flag.
    B(bool),
}

impl V {
    /// The cast PostgreSQL needs to its own type for this value's column.
    fn cast(&self) -> &'static str {
        match self {
            Self::D(_) | Self::NullDate => "::date",
            Self::T(_) => "::timestamptz",
            _ => "",
        }
    }
}

/// Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535
/// bound variables.
const ROWS_PER_STATEMENT: usize = 500;

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

/// Inserts `rows` after `head` (`INSERT INTO t (columns) `), then `tail`.
/// PostgreSQL needs numbered placeholders (`$1`). SQLite gets plain `?`:
/// sqlx looks a named parameter up by name, a linear search in SQLite, so
/// 3,000 `$n` in one statement cost 3× the whole load (57 s against 17 s
/// for 10,000 people).
async fn insert(
    conn: &mut AnyConnection,
    dialect: Dialect,
    head: &str,
    rows: Vec<Vec<V>>,
    tail: &str,
) -> Result<()> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<V>> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        let mut sql = String::from(head);
        sql.push_str("VALUES ");
        let mut n = 0;
        for (i, row) in chunk.iter().enumerate() {
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for (j, v) in row.iter().enumerate() {
                n += 1;
                if j > 0 {
                    sql.push_str(", ");
                }
                match dialect {
                    Dialect::Sqlite => sql.push('?'),
                    Dialect::Postgres => sql.push_str(&format!("${n}{}", v.cast())),
                }
            }
            sql.push(')');
        }
        sql.push_str(tail);
        let mut q = sqlx::query(&sql);
        for v in chunk.into_iter().flatten() {
            q = match v {
                V::I(i) => q.bind(i),
                V::S(s) => q.bind(s),
                V::Null => q.bind(None::<String>),
                V::NullInt => q.bind(None::<i64>),
                V::D(d) => q.bind(day(d)),
                V::NullDate => q.bind(None::<String>),
                V::T(t) => q.bind(t),
                V::B(b) => q.bind(b),
            };
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

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
        let now = stamp(chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(
            today.and_hms_opt(0, 0, 0).unwrap_or_default(),
            chrono::Utc,
        ));
        for p in people {
            let person = id("people");
            people_rows.push(vec![
                V::I(person),
                V::S(p.name.clone()),
                V::S(p.current_role.clone()),
                V::S(p.target_role.clone()),
                V::S(framework.hash.clone()),
                V::D(today),
            ]);
            accounts.push(vec![
                V::I(id("accounts")),
                V::S(p.username.clone()),
                V::S(password_hash.to_owned()),
                V::I(person),
                V::T(now.clone()),
            ]);
            if let Some((date, answers, result)) = &p.fit {
                let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".to_owned());
                fits.push(vec![
                    V::I(id("fit_checks")),
                    V::I(person),
                    V::S(framework.hash.clone()),
                    V::D(*date),
                    V::I(i64::from(result.management)),
                    V::I(i64::from(result.technical)),
                    V::S(result.recommendation.as_str().to_owned()),
                    V::S(json),
                ]);
            }
            for (date, l) in &p.assessments {
                let a = id("assessments");
                assessments.push(vec![
                    V::I(a),
                    V::I(person),
                    V::S(framework.hash.clone()),
                    V::S("self".to_owned()),
                    V::D(*date),
                ]);
                for (c, level) in l.iter() {
                    levels.push(vec![
                        V::I(a),
                        V::S(c.to_string()),
                        V::I(i64::from(level.value())),
                    ]);
                }
            }
            for (date, kind, text, comps) in &p.entries {
                let e = id("evidence");
                evidence.push(vec![
                    V::I(e),
                    V::I(person),
                    V::D(*date),
                    V::S((*text).to_owned()),
                    V::S((*kind).to_owned()),
                    V::D(*date),
                ]);
                for c in comps {
                    tags.push(vec![V::I(e), V::S(c.to_string())]);
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
                plans.push(vec![
                    V::I(plan),
                    V::I(person),
                    V::S(p.target_role.clone()),
                    V::I(i64::from(*horizon)),
                    V::D(*generated),
                ]);
                for (i, item) in proposed.iter().enumerate() {
                    let item_id = id("plan_items");
                    let closed = done.iter().find(|(k, _)| *k == i).map(|(_, d)| *d);
                    items.push(vec![
                        V::I(item_id),
                        V::I(person),
                        V::I(plan),
                        item.action
                            .as_ref()
                            .map_or(V::Null, |a| V::S(a.to_string())),
                        V::S(item.title.clone()),
                        V::S(item.kind.as_str().to_owned()),
                        V::D(item.due),
                        V::S(if closed.is_some() { "done" } else { "todo" }.to_owned()),
                        closed.map_or(V::NullDate, V::D),
                        V::D(*generated),
                    ]);
                    for c in &item.competencies {
                        item_tags.push(vec![V::I(item_id), V::S(c.to_string())]);
                    }
                }
            }
            if let Some(fb) = &p.feedback {
                let request = id("feedback_requests");
                let m = leap_core::feedback::Minimums::default();
                requests.push(vec![
                    V::I(request),
                    V::I(person),
                    V::S(framework.hash.clone()),
                    V::D(fb.created),
                    V::D(fb.closes),
                    V::I(i64::from(m.manager)),
                    V::I(i64::from(m.peer)),
                    V::I(i64::from(m.direct_report)),
                    V::I(i64::from(m.other)),
                ]);
                for c in &fb.competencies {
                    asked.push(vec![V::I(request), V::S(c.to_string())]);
                }
                for (group, name, response) in &fb.raters {
                    let rater = id("feedback_raters");
                    // No link was ever made: the hash of a text no token is.
                    let hash = leap_core::framework::content_hash(&format!(
                        "synthetic rater {rater} of {}",
                        p.username
                    ));
                    raters.push(vec![
                        V::I(rater),
                        V::I(request),
                        V::S(group.as_str().to_owned()),
                        V::S(name.clone()),
                        V::S(hash),
                        V::B(true),
                        response.overall.clone().map_or(V::Null, V::S),
                    ]);
                    for (c, a) in &response.answers {
                        answers.push(vec![
                            V::I(rater),
                            V::S(c.to_string()),
                            a.rating.stored().map_or(V::NullInt, V::I),
                            a.comment.clone().map_or(V::Null, V::S),
                        ]);
                    }
                }
            }
            for o in &p.opportunities {
                let opportunity = id("opportunities");
                let (stage, first) = match (o.stages.last(), o.stages.first()) {
                    (Some((stage, _)), Some((_, first))) => (*stage, *first),
                    _ => continue,
                };
                opportunities.push(vec![
                    V::I(opportunity),
                    V::I(person),
                    V::S(o.organisation.to_owned()),
                    V::S(o.title.clone()),
                    o.role.clone().map_or(V::Null, V::S),
                    V::S(o.company_profile.as_str().to_owned()),
                    V::B(o.internal),
                    V::S(stage.as_str().to_owned()),
                    o.next_step.map_or(V::Null, |(t, _)| V::S(t.to_owned())),
                    o.next_step.map_or(V::NullDate, |(_, d)| V::D(d)),
                    V::D(first),
                ]);
                for (stage, on) in &o.stages {
                    stages.push(vec![
                        V::I(id("opportunity_stages")),
                        V::I(opportunity),
                        V::S(stage.as_str().to_owned()),
                        V::D(*on),
                    ]);
                }
                for (on, reasons, chosen, tags) in &o.debriefs {
                    let debrief = id("debriefs");
                    debriefs.push(vec![
                        V::I(debrief),
                        V::I(opportunity),
                        V::D(*on),
                        V::S((*reasons).to_owned()),
                        chosen.map_or(V::Null, |c| V::S(c.to_owned())),
                        V::D(*on),
                    ]);
                    for c in tags {
                        debrief_tags.push(vec![V::I(debrief), V::S(c.to_string())]);
                    }
                }
            }
            for c in &p.contacts {
                let contact = id("contacts");
                contacts.push(vec![
                    V::I(contact),
                    V::I(person),
                    V::S(c.name.clone()),
                    c.organisation.map_or(V::Null, |o| V::S(o.to_owned())),
                    V::S(c.relationship.as_str().to_owned()),
                    V::I(i64::from(c.cadence_days)),
                    V::D(c.added),
                ]);
                for (on, kind) in &c.interactions {
                    interactions.push(vec![
                        V::I(id("interactions")),
                        V::I(contact),
                        V::D(*on),
                        V::S(kind.as_str().to_owned()),
                    ]);
                }
            }
        }
        // In this order, for the foreign keys. Tags may repeat in
        // generated text: those rows alone ignore conflicts.
        let people_head =
            "INSERT INTO people (id, name, \"current_role\", target_role, framework_hash, created_on) ";
        for (head, rows, tail) in [
            (people_head, people_rows, ""),
            ("INSERT INTO accounts (id, username, password_hash, person_id, created_at) ", accounts, ""),
            ("INSERT INTO fit_checks (id, person_id, framework_hash, taken_on, management, technical, recommendation, answers) ", fits, ""),
            ("INSERT INTO assessments (id, person_id, framework_hash, source, taken_on) ", assessments, ""),
            ("INSERT INTO assessment_levels (assessment_id, competency_id, level) ", levels, ""),
            ("INSERT INTO evidence (id, person_id, entry_on, text, kind, created_on) ", evidence, ""),
            ("INSERT INTO evidence_competencies (evidence_id, competency_id) ", tags, " ON CONFLICT DO NOTHING"),
            ("INSERT INTO plans (id, person_id, target_role, horizon_months, generated_on) ", plans, ""),
            ("INSERT INTO plan_items (id, person_id, plan_id, action_id, title, kind, due_on, status, closed_on, created_on) ", items, ""),
            ("INSERT INTO plan_item_competencies (item_id, competency_id) ", item_tags, " ON CONFLICT DO NOTHING"),
            ("INSERT INTO feedback_requests (id, person_id, framework_hash, created_on, closes_on, min_manager, min_peer, min_direct_report, min_other) ", requests, ""),
            ("INSERT INTO feedback_request_competencies (request_id, competency_id) ", asked, ""),
            ("INSERT INTO feedback_raters (id, request_id, rater_group, name, token_hash, answered, overall_comment) ", raters, ""),
            ("INSERT INTO feedback_answers (rater_id, competency_id, level, comment) ", answers, ""),
            ("INSERT INTO opportunities (id, person_id, organisation, title, role_id, company_profile, internal, stage, next_step, next_step_on, created_on) ", opportunities, ""),
            ("INSERT INTO opportunity_stages (id, opportunity_id, stage, changed_on) ", stages, ""),
            ("INSERT INTO debriefs (id, opportunity_id, held_on, reasons, chosen_experience, created_on) ", debriefs, ""),
            ("INSERT INTO debrief_competencies (debrief_id, competency_id) ", debrief_tags, " ON CONFLICT DO NOTHING"),
            ("INSERT INTO contacts (id, person_id, name, organisation, relationship, cadence_days, added_on) ", contacts, ""),
            ("INSERT INTO interactions (id, contact_id, happened_on, kind) ", interactions, ""),
        ] {
            insert(&mut tx, dialect, head, rows, tail).await?;
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
