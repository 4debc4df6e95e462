//! Export, import and deletion of everything that belongs to one person,
//! reading and writing every column (the records other reads give leave
//! some out: creation days, superseded items, fit answers).

use std::collections::BTreeMap;

use async_trait::async_trait;
use leap_core::transfer::{self as doc, Document};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{bound, date, parse_stamp, stamp, Dialect, Scope, SqlStore};
use crate::transfer::{Destination, Progress, TransferStore};
use crate::{AccountId, FrameworkText, PersonId, Profile, Result, StoreError};

use super::row::{insert, insert_plain, insert_returning, tag_values, Table};
use super::{
    assessments::{assessment_values, level_values, ASSESSMENTS, ASSESSMENT_LEVELS},
    checkins::{checkin_level_values, checkin_values, CHECKINS, CHECKIN_LEVELS},
    contacts::{contact_values, interaction_values, CONTACTS, INTERACTIONS},
    feedback::{request_values, FEEDBACK_REQUESTS, FEEDBACK_REQUEST_COMPETENCIES},
    fit::{fit_values, FIT_CHECKS},
    journal::{evidence_values, EVIDENCE, EVIDENCE_COMPETENCIES},
    opportunities::{
        debrief_values, opportunity_values, stage_values, OpportunityRow, DEBRIEFS,
        DEBRIEF_COMPETENCIES, OPPORTUNITIES, OPPORTUNITY_STAGES,
    },
    plan::{item_values, plan_values, PlanItemRow, PLANS, PLAN_ITEMS, PLAN_ITEM_COMPETENCIES},
    profile::{person_values, PEOPLE},
    sharing::{comment_values, COMMENTS},
};
use super::{named, opt_date};

fn day_of(row: &AnyRow, column: &str) -> Result<chrono::NaiveDate> {
    date(&row.try_get::<String, _>(column)?)
}

fn small(row: &AnyRow, column: &str) -> Result<u8> {
    let v: i64 = row.try_get(column)?;
    u8::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} {v}")))
}

fn count(row: &AnyRow, column: &str) -> Result<u32> {
    let v: i64 = row.try_get(column)?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} {v}")))
}

/// Database ids to the document's ids, numbered from 1 in order.
#[derive(Default)]
struct Numbering(BTreeMap<i64, u32>);

impl Numbering {
    fn number(&mut self, id: i64) -> u32 {
        let n = self.0.len() as u32 + 1;
        self.0.insert(id, n);
        n
    }

    fn get(&self, id: i64) -> Option<u32> {
        self.0.get(&id).copied()
    }
}

/// Rows of a child table per parent id, in the order read.
async fn children(
    conn: &mut AnyConnection,
    sql: &str,
    person: PersonId,
) -> Result<BTreeMap<i64, Vec<AnyRow>>> {
    let mut out: BTreeMap<i64, Vec<AnyRow>> = BTreeMap::new();
    for row in bound(&Dialect::of(conn).sql(sql), person, None)
        .fetch_all(&mut *conn)
        .await?
    {
        out.entry(row.try_get("parent")?).or_default().push(row);
    }
    Ok(out)
}

impl SqlStore {
    async fn export_rows(conn: &mut AnyConnection, person: PersonId) -> Result<Document> {
        let p = sqlx::query(
            &Dialect::of(conn).sql("SELECT name, \"current_role\", target_role, framework_hash, created_on::text AS created_on, checkin_every_days
             FROM people WHERE id = $1"),
        )
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "person",
            id: person.0.to_string(),
        })?;
        let person_doc = doc::Person {
            name: p.try_get("name")?,
            current_role: p.try_get("current_role")?,
            target_role: p.try_get("target_role")?,
            framework_hash: p.try_get("framework_hash")?,
            created_on: day_of(&p, "created_on")?,
            checkin_every_days: count(&p, "checkin_every_days")?,
        };
        let frameworks = bound(
            "SELECT hash, content FROM frameworks WHERE hash IN (
                 SELECT framework_hash FROM people WHERE id = $1
                 UNION SELECT framework_hash FROM assessments WHERE person_id = $1
                 UNION SELECT framework_hash FROM fit_checks WHERE person_id = $1
                 UNION SELECT framework_hash FROM feedback_requests WHERE person_id = $1
                 UNION SELECT framework_hash FROM checkins WHERE person_id = $1)
             ORDER BY hash",
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(doc::FrameworkCopy {
                hash: r.try_get("hash")?,
                content: r.try_get("content")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

        let mut assessment_ids = Numbering::default();
        let levels = children(
            conn,
            &format!(
                "SELECT l.assessment_id AS parent, {} FROM assessment_levels l
                 JOIN assessments a ON a.id = l.assessment_id WHERE a.person_id = $1",
                ASSESSMENT_LEVELS.select("l")
            ),
            person,
        )
        .await?;
        let mut assessments = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT id, {} FROM assessments WHERE person_id = $1 ORDER BY id",
                ASSESSMENTS.select("")
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let id: i64 = r.try_get("id")?;
            let mut map = BTreeMap::new();
            for l in levels.get(&id).into_iter().flatten() {
                map.insert(l.try_get("competency_id")?, small(l, "level")?);
            }
            assessments.push(doc::Assessment {
                id: assessment_ids.number(id),
                framework_hash: r.try_get("framework_hash")?,
                source: named(
                    leap_core::assessment::Source::parse,
                    &r.try_get::<String, _>("source")?,
                )?,
                taken_on: day_of(&r, "taken_on")?,
                rated_by: r.try_get("rated_by")?,
                levels: map,
            });
        }

        let mut fit_checks = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT {} FROM fit_checks WHERE person_id = $1 ORDER BY id",
                FIT_CHECKS.select("")
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let answers: String = r.try_get("answers")?;
            fit_checks.push(doc::FitCheck {
                framework_hash: r.try_get("framework_hash")?,
                taken_on: day_of(&r, "taken_on")?,
                management: small(&r, "management")?,
                technical: small(&r, "technical")?,
                recommendation: named(
                    leap_core::fit::Recommendation::parse,
                    &r.try_get::<String, _>("recommendation")?,
                )?,
                answers: serde_json::from_str(&answers)
                    .map_err(|e| StoreError::Corrupt(format!("fit answers: {e}")))?,
            });
        }

        let mut journal_ids = Numbering::default();
        let mut journal = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT e.id, {}, {} FROM evidence e WHERE e.person_id = $1 ORDER BY e.id",
                EVIDENCE.select("e"),
                super::EVIDENCE_TAGS
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            journal.push(doc::JournalEntry {
                id: journal_ids.number(r.try_get("id")?),
                entry_on: day_of(&r, "entry_on")?,
                kind: named(
                    leap_core::evidence::EvidenceKind::parse,
                    &r.try_get::<String, _>("kind")?,
                )?,
                text: r.try_get("text")?,
                competencies: super::tag_names(&r)?,
                created_on: day_of(&r, "created_on")?,
                names_gap: super::flag(&r, "names_gap")?,
            });
        }

        let mut plan_ids = Numbering::default();
        let mut plans = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT id, {} FROM plans WHERE person_id = $1 ORDER BY id",
                PLANS.select("")
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            plans.push(doc::PlanGeneration {
                id: plan_ids.number(r.try_get("id")?),
                target_role: r.try_get("target_role")?,
                horizon_months: count(&r, "horizon_months")?,
                generated_on: day_of(&r, "generated_on")?,
                at_once: r
                    .try_get::<Option<i64>, _>("at_once")?
                    .map(|n| {
                        u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("at_once {n}")))
                    })
                    .transpose()?,
                year_starts: r
                    .try_get::<Option<i64>, _>("year_starts")?
                    .map(super::plan::month)
                    .transpose()?,
                notes: r
                    .try_get::<Option<String>, _>("notes")?
                    .map(|n| {
                        serde_json::from_str(&n)
                            .map_err(|e| StoreError::Corrupt(format!("plan notes: {e}")))
                    })
                    .transpose()?
                    .unwrap_or_default(),
            });
        }
        let mut item_ids = Numbering::default();
        let mut plan_items = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT i.id, {}, {} FROM plan_items i WHERE i.person_id = $1 ORDER BY i.id",
                PLAN_ITEMS.select("i"),
                super::plan::ITEM_TAGS
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            plan_items.push(doc::PlanItem {
                id: item_ids.number(r.try_get("id")?),
                plan: r
                    .try_get::<Option<i64>, _>("plan_id")?
                    .and_then(|p| plan_ids.get(p)),
                action_id: r.try_get("action_id")?,
                title: r.try_get("title")?,
                kind: named(
                    leap_core::framework::ActionKind::parse,
                    &r.try_get::<String, _>("kind")?,
                )?,
                competencies: super::tag_names(&r)?,
                due_on: day_of(&r, "due_on")?,
                status: named(doc::ItemStatus::parse, &r.try_get::<String, _>("status")?)?,
                note: r.try_get("note")?,
                closed_on: opt_date(&r, "closed_on")?,
                superseded_on: opt_date(&r, "superseded_on")?,
                created_on: day_of(&r, "created_on")?,
                why: r.try_get("why")?,
                starts_on: opt_date(&r, "starts_on")?,
            });
        }

        let stages = children(
            conn,
            &format!(
                "SELECT s.opportunity_id AS parent, {} FROM opportunity_stages s
                 JOIN opportunities o ON o.id = s.opportunity_id WHERE o.person_id = $1 ORDER BY s.id",
                OPPORTUNITY_STAGES.select("s")
            ),
            person,
        )
        .await?;
        let debriefs = children(
            conn,
            &format!(
                "SELECT d.opportunity_id AS parent, {},
                 (SELECT string_agg(competency_id, ',' ORDER BY competency_id) FROM debrief_competencies t
                  WHERE t.debrief_id = d.id) AS tags
                 FROM debriefs d JOIN opportunities o ON o.id = d.opportunity_id
                 WHERE o.person_id = $1 ORDER BY d.id",
                DEBRIEFS.select("d")
            ),
            person,
        )
        .await?;
        let mut opportunities = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT id, {} FROM opportunities WHERE person_id = $1 ORDER BY id",
                OPPORTUNITIES.select("")
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let id: i64 = r.try_get("id")?;
            let stage = |s: &AnyRow| -> Result<leap_core::opportunity::Stage> {
                named(
                    leap_core::opportunity::Stage::parse,
                    &s.try_get::<String, _>("stage")?,
                )
            };
            opportunities.push(doc::Opportunity {
                organisation: r.try_get("organisation")?,
                title: r.try_get("title")?,
                role_id: r.try_get("role_id")?,
                company_profile: named(
                    leap_core::framework::CompanyProfile::parse,
                    &r.try_get::<String, _>("company_profile")?,
                )?,
                internal: super::flag(&r, "internal")?,
                source: r.try_get("source")?,
                stage: stage(&r)?,
                next_step: r.try_get("next_step")?,
                next_step_on: opt_date(&r, "next_step_on")?,
                created_on: day_of(&r, "created_on")?,
                stages: stages
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|s| {
                        Ok(doc::StageChange {
                            stage: stage(s)?,
                            changed_on: day_of(s, "changed_on")?,
                        })
                    })
                    .collect::<Result<_>>()?,
                debriefs: debriefs
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|d| {
                        Ok(doc::Debrief {
                            held_on: day_of(d, "held_on")?,
                            questions: d.try_get("questions")?,
                            went_well: d.try_get("went_well")?,
                            went_badly: d.try_get("went_badly")?,
                            reasons: d.try_get("reasons")?,
                            chosen_experience: d.try_get("chosen_experience")?,
                            competencies: super::tag_names(d)?,
                            created_on: day_of(d, "created_on")?,
                            too_technical: super::opt_flag(d, "too_technical")?,
                        })
                    })
                    .collect::<Result<_>>()?,
            });
        }

        let interactions = children(
            conn,
            &format!(
                "SELECT i.contact_id AS parent, {} FROM interactions i
                 JOIN contacts c ON c.id = i.contact_id WHERE c.person_id = $1 ORDER BY i.id",
                INTERACTIONS.select("i")
            ),
            person,
        )
        .await?;
        let mut contacts = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT id, {} FROM contacts WHERE person_id = $1 ORDER BY id",
                super::contacts::CONTACTS.select("")
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let id: i64 = r.try_get("id")?;
            let (contact, added_on) = super::contacts::contact_from_row(&r)?;
            contacts.push(doc::Contact {
                contact,
                added_on,
                interactions: interactions
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|i| {
                        Ok(doc::Interaction {
                            happened_on: day_of(i, "happened_on")?,
                            kind: named(
                                leap_core::contact::InteractionKind::parse,
                                &i.try_get::<String, _>("kind")?,
                            )?,
                            note: i.try_get("note")?,
                        })
                    })
                    .collect::<Result<_>>()?,
            });
        }

        let checkin_levels = children(
            conn,
            &format!(
                "SELECT l.checkin_id AS parent, {} FROM checkin_levels l
                 JOIN checkins c ON c.id = l.checkin_id WHERE c.person_id = $1",
                CHECKIN_LEVELS.select("l")
            ),
            person,
        )
        .await?;
        let mut checkins = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT id, {} FROM checkins WHERE person_id = $1 ORDER BY id",
                CHECKINS.select("")
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let id: i64 = r.try_get("id")?;
            let mut levels = BTreeMap::new();
            for l in checkin_levels.get(&id).into_iter().flatten() {
                levels.insert(
                    l.try_get("competency_id")?,
                    doc::CheckinLevel {
                        level: small(l, "level")?,
                        expected: small(l, "expected")?,
                    },
                );
            }
            checkins.push(doc::Checkin {
                held_on: day_of(&r, "held_on")?,
                went_well: r.try_get("went_well")?,
                went_badly: r.try_get("went_badly")?,
                plan_review: r.try_get("plan_review")?,
                target_role: r.try_get("target_role")?,
                framework_hash: r.try_get("framework_hash")?,
                readiness: small(&r, "readiness")?,
                assessment: r
                    .try_get::<Option<i64>, _>("assessment_id")?
                    .and_then(|a| assessment_ids.get(a)),
                levels,
            });
        }

        let mut comments = Vec::new();
        for r in bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT {} FROM comments WHERE person_id = $1 ORDER BY id",
                COMMENTS.select("")
            )),
            person,
            None,
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let on = named(
                leap_core::sharing::CommentOn::parse,
                &r.try_get::<String, _>("target")?,
            )?;
            let target: i64 = r.try_get("target_id")?;
            let item = match on {
                leap_core::sharing::CommentOn::PlanItem => item_ids.get(target),
                leap_core::sharing::CommentOn::JournalEntry => journal_ids.get(target),
            };
            // A comment on an entry since deleted went with it.
            let Some(item) = item else { continue };
            comments.push(doc::Comment {
                author: r.try_get("author")?,
                on,
                item,
                text: r.try_get("text")?,
                at: stamp(parse_stamp(&r.try_get::<String, _>("at")?)?),
            });
        }

        let mut tag_corrections = Vec::new();
        for r in sqlx::query(
            &Dialect::of(conn).sql("SELECT text, chosen, removed, reasons, created_on::text AS created_on FROM tag_corrections
             WHERE person_id = $1 ORDER BY id"),
        )
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?
        {
            let c = super::correction_from_row(&r)?;
            tag_corrections.push(doc::TagCorrection {
                text: c.text,
                chosen: c.chosen,
                removed: c.removed,
                reasons: c.reasons,
                created_on: date(r.try_get::<&str, _>("created_on")?)?,
            });
        }

        let mut line_sharing = Vec::new();
        for (part, reach) in sqlx::query_as::<_, (String, String)>(
            "SELECT part, reach FROM line_sharing WHERE person_id = $1 ORDER BY part",
        )
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?
        {
            line_sharing.push(doc::LineChoice {
                part: super::named(leap_core::sharing::Part::parse, &part)?,
                reach: super::named(leap_core::sharing::Reach::parse, &reach)?,
            });
        }

        let succession = super::succession::interests_of(conn, person)
            .await?
            .into_iter()
            .map(|i| doc::SuccessionInterest {
                role: i.role,
                since: i.since,
            })
            .collect();

        let mut one_to_ones = Vec::new();
        for r in sqlx::query(&Dialect::of(conn).sql(
            "SELECT id, manager, held_on::text AS held_on, created_at::text AS created_at
             FROM one_to_ones WHERE person_id = $1 ORDER BY held_on, id",
        ))
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?
        {
            let id: i64 = r.try_get("id")?;
            let mut entries = Vec::new();
            for e in sqlx::query(&Dialect::of(conn).sql(
                "SELECT kind, author, text, at::text AS at FROM one_to_one_entries
                 WHERE one_to_one_id = $1 ORDER BY id",
            ))
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
            {
                entries.push(doc::OneToOneEntry {
                    kind: named(
                        leap_core::one_to_one::EntryKind::parse,
                        &e.try_get::<String, _>("kind")?,
                    )?,
                    author: e.try_get("author")?,
                    text: e.try_get("text")?,
                    at: stamp(parse_stamp(&e.try_get::<String, _>("at")?)?),
                });
            }
            one_to_ones.push(doc::OneToOne {
                manager: r.try_get("manager")?,
                held_on: date(r.try_get::<&str, _>("held_on")?)?,
                created_at: stamp(parse_stamp(&r.try_get::<String, _>("created_at")?)?),
                entries,
            });
        }

        Ok(Document {
            format: doc::FORMAT.to_owned(),
            version: doc::VERSION,
            exported_on: person_doc.created_on,
            person: person_doc,
            frameworks,
            assessments,
            fit_checks,
            journal,
            plans,
            plan_items,
            feedback: Vec::new(),
            opportunities,
            contacts,
            checkins,
            comments,
            tag_corrections,
            line_sharing,
            one_to_ones,
            succession,
        })
    }

    async fn import_rows(
        conn: &mut AnyConnection,
        document: &Document,
        frameworks: &[FrameworkText],
        destination: Destination,
        progress: &dyn Progress,
    ) -> Result<Profile> {
        let today = document.exported_on;
        for f in frameworks {
            Self::store_framework(conn, f, today).await?;
        }
        let p = &document.person;
        let local = matches!(destination, Destination::Local);
        let values = person_values(
            &p.name,
            local,
            &p.current_role,
            &p.target_role,
            &p.framework_hash,
            p.created_on,
            p.checkin_every_days,
        );
        let row = insert_returning(conn, &PEOPLE, values, super::PROFILE_COLUMNS)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => {
                    StoreError::Conflict("a profile already exists in this database".to_owned())
                }
                e => e.into(),
            })?;
        let profile = super::profile_from_row(&row)?;
        let person = profile.person;
        if let Destination::Account(account) = destination {
            let linked = sqlx::query(
                "UPDATE accounts SET person_id = $1 WHERE id = $2 AND person_id IS NULL",
            )
            .bind(person.0)
            .bind(account.0)
            .execute(&mut *conn)
            .await?;
            if linked.rows_affected() == 0 {
                return Err(StoreError::Conflict(
                    "this account has a profile already: import into a new account".to_owned(),
                ));
            }
        }
        let total = document.assessments.len()
            + document.fit_checks.len()
            + document.journal.len()
            + document.plans.len()
            + document.plan_items.len()
            + document.feedback.len()
            + document.opportunities.len()
            + document.contacts.len()
            + document.checkins.len()
            + document.comments.len()
            + document.tag_corrections.len()
            + document.line_sharing.len()
            + document.one_to_ones.len()
            + document.succession.len();
        let mut done = 0;
        let mut tick = |what: &str| {
            done += 1;
            progress.step(what, done as u64, total as u64);
        };

        let mut assessment_ids = BTreeMap::new();
        for a in &document.assessments {
            let id = insert(
                conn,
                &ASSESSMENTS,
                assessment_values(
                    person,
                    &a.framework_hash,
                    a.source,
                    a.taken_on,
                    a.rated_by.as_deref(),
                ),
            )
            .await?;
            for (c, l) in &a.levels {
                insert_plain(conn, &ASSESSMENT_LEVELS, level_values(id, c, *l), "").await?;
            }
            assessment_ids.insert(a.id, id);
            tick("assessments");
        }
        for f in &document.fit_checks {
            let answers = serde_json::to_string(&f.answers)
                .map_err(|e| StoreError::Corrupt(format!("fit answers: {e}")))?;
            insert(
                conn,
                &FIT_CHECKS,
                fit_values(
                    person,
                    &f.framework_hash,
                    f.taken_on,
                    f.management,
                    f.technical,
                    f.recommendation,
                    &answers,
                ),
            )
            .await?;
            tick("fit checks");
        }
        let mut journal_ids = BTreeMap::new();
        for e in &document.journal {
            let id = insert(
                conn,
                &EVIDENCE,
                evidence_values(
                    person,
                    e.entry_on,
                    &e.text,
                    e.kind,
                    e.created_on,
                    e.names_gap,
                ),
            )
            .await?;
            tag_names(conn, &EVIDENCE_COMPETENCIES, id, &e.competencies).await?;
            journal_ids.insert(e.id, id);
            tick("journal");
        }
        let mut plan_ids = BTreeMap::new();
        for p in &document.plans {
            let notes = if p.notes.is_empty() {
                None
            } else {
                Some(
                    serde_json::to_string(&p.notes)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                )
            };
            let id = insert(
                conn,
                &PLANS,
                plan_values(
                    person,
                    &p.target_role,
                    p.horizon_months,
                    p.generated_on,
                    p.at_once,
                    notes.as_deref(),
                    p.year_starts,
                ),
            )
            .await?;
            plan_ids.insert(p.id, id);
            tick("plans");
        }
        let mut item_ids = BTreeMap::new();
        for i in &document.plan_items {
            let row = PlanItemRow {
                plan_id: i.plan.and_then(|p| plan_ids.get(&p).copied()),
                action_id: i.action_id.as_deref(),
                title: &i.title,
                kind: i.kind,
                due_on: i.due_on,
                status: i.status,
                note: i.note.as_deref(),
                closed_on: i.closed_on,
                superseded_on: i.superseded_on,
                created_on: i.created_on,
                why: i.why.as_deref(),
                starts_on: i.starts_on,
            };
            let id = insert(conn, &PLAN_ITEMS, item_values(person, &row)).await?;
            tag_names(conn, &PLAN_ITEM_COMPETENCIES, id, &i.competencies).await?;
            item_ids.insert(i.id, id);
            tick("plan items");
        }
        for r in &document.feedback {
            let results = serde_json::to_string(&r.results)
                .map_err(|e| StoreError::Corrupt(format!("feedback results: {e}")))?;
            let id = insert(
                conn,
                &FEEDBACK_REQUESTS,
                request_values(
                    person,
                    &r.framework_hash,
                    (r.created_on, r.closes_on, r.closed_on),
                    r.minimums,
                    Some(&results),
                ),
            )
            .await?;
            tag_names(conn, &FEEDBACK_REQUEST_COMPETENCIES, id, &r.competencies).await?;
            tick("feedback");
        }
        for o in &document.opportunities {
            let row = OpportunityRow {
                organisation: &o.organisation,
                title: &o.title,
                role_id: o.role_id.as_deref(),
                company_profile: o.company_profile,
                internal: o.internal,
                source: o.source.as_deref(),
                stage: o.stage,
                next_step: o.next_step.as_deref(),
                next_step_on: o.next_step_on,
                created_on: o.created_on,
            };
            let id = insert(conn, &OPPORTUNITIES, opportunity_values(person, &row)).await?;
            for s in &o.stages {
                insert(
                    conn,
                    &OPPORTUNITY_STAGES,
                    stage_values(id, s.stage, s.changed_on),
                )
                .await?;
            }
            for d in &o.debriefs {
                let texts = [
                    d.questions.as_deref(),
                    d.went_well.as_deref(),
                    d.went_badly.as_deref(),
                    d.reasons.as_deref(),
                    d.chosen_experience.as_deref(),
                ];
                let debrief = insert(
                    conn,
                    &DEBRIEFS,
                    debrief_values(id, d.held_on, texts, d.created_on, d.too_technical),
                )
                .await?;
                tag_names(conn, &DEBRIEF_COMPETENCIES, debrief, &d.competencies).await?;
            }
            tick("opportunities");
        }
        for c in &document.contacts {
            let id = insert(
                conn,
                &CONTACTS,
                contact_values(person, &c.contact, c.added_on),
            )
            .await?;
            for i in &c.interactions {
                insert(
                    conn,
                    &INTERACTIONS,
                    interaction_values(id, i.happened_on, i.kind, i.note.as_deref()),
                )
                .await?;
            }
            tick("contacts");
        }
        for c in &document.checkins {
            let row = crate::NewCheckinRecord {
                held_on: c.held_on,
                went_well: c.went_well.as_deref(),
                went_badly: c.went_badly.as_deref(),
                plan_review: c.plan_review.as_deref(),
                target_role: &c.target_role,
                framework_hash: &c.framework_hash,
                readiness_percent: u32::from(c.readiness),
                levels: Vec::new(),
                reassessment: None,
            };
            let assessment = c.assessment.and_then(|a| assessment_ids.get(&a).copied());
            let id = insert(conn, &CHECKINS, checkin_values(person, &row, assessment)).await?;
            for (competency, l) in &c.levels {
                insert_plain(
                    conn,
                    &CHECKIN_LEVELS,
                    checkin_level_values(id, competency, l.level, l.expected),
                    "",
                )
                .await?;
            }
            tick("check-ins");
        }
        for c in &document.comments {
            let target = match c.on {
                leap_core::sharing::CommentOn::PlanItem => item_ids.get(&c.item),
                leap_core::sharing::CommentOn::JournalEntry => journal_ids.get(&c.item),
            };
            let at = parse_stamp(&c.at)?;
            let values = comment_values(
                person,
                None,
                &c.author,
                (c.on, target.copied()),
                &c.text,
                at,
            );
            insert(conn, &COMMENTS, values).await?;
            tick("comments");
        }
        for c in &document.tag_corrections {
            let correction = leap_core::tagging::Correction {
                text: c.text.clone(),
                chosen: c.chosen.clone(),
                removed: c.removed.clone(),
                reasons: c.reasons,
            };
            Self::keep_correction(&mut *conn, person, &correction, c.created_on).await?;
            tick("tag corrections");
        }
        for o in &document.one_to_ones {
            let values = super::one_to_one::one_to_one_values(
                person,
                (None, &o.manager),
                o.held_on,
                parse_stamp(&o.created_at)?,
            );
            let id = insert(conn, &super::one_to_one::ONE_TO_ONES, values).await?;
            for e in &o.entries {
                let entry = crate::EntryRecord {
                    kind: e.kind,
                    author: e.author.clone(),
                    author_name: e.author.clone(),
                    text: e.text.clone(),
                    at: parse_stamp(&e.at)?,
                };
                let values = super::one_to_one::entry_values(id, &entry);
                insert(conn, &super::one_to_one::ONE_TO_ONE_ENTRIES, values).await?;
            }
            tick("one-to-ones");
        }
        for s in &document.line_sharing {
            let values = super::org::line_sharing_values(person, s.part, s.reach);
            insert_plain(conn, &super::org::LINE_SHARING, values, "").await?;
            tick("line sharing");
        }
        for s in &document.succession {
            let values = super::succession::interest_values(
                person,
                &crate::Interest {
                    role: s.role.clone(),
                    since: s.since,
                },
            );
            insert_plain(conn, &super::succession::SUCCESSION_INTEREST, values, "").await?;
            tick("succession");
        }
        Ok(profile)
    }
}

/// Tags a row with competency ids: `table` is a tag table, its first
/// column the row's id.
async fn tag_names(
    conn: &mut AnyConnection,
    table: &Table,
    id: i64,
    competencies: &[String],
) -> Result<()> {
    // A document may name a competency twice; the row keeps it once.
    let unique: std::collections::BTreeSet<&String> = competencies.iter().collect();
    for c in unique {
        insert_plain(conn, table, tag_values(id, c), "").await?;
    }
    Ok(())
}

#[async_trait]
impl TransferStore for SqlStore {
    async fn export_records(&self, person: PersonId) -> Result<Document> {
        // One snapshot: a write between two reads must not split the export.
        let mut tx = self.pool.begin().await?;
        if self.dialect() == super::Dialect::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(&mut *tx)
                .await?;
        }
        let document = Self::export_rows(&mut tx, person).await?;
        tx.commit().await?;
        Ok(document)
    }

    async fn import(
        &self,
        document: &Document,
        frameworks: &[FrameworkText],
        destination: Destination,
        progress: &dyn Progress,
    ) -> Result<Profile> {
        let scope = match destination {
            Destination::Local => Scope::Directory,
            Destination::Account(a) => Scope::Account(a),
        };
        let mut tx = self.begin_write(scope).await?;
        let profile =
            Self::import_rows(&mut tx, document, frameworks, destination, progress).await?;
        tx.commit().await?;
        Ok(profile)
    }

    async fn delete_account(&self, account: AccountId) -> Result<()> {
        let mut tx = self.begin_write(Scope::Directory).await?;
        super::accounts::keeps_an_admin(&mut tx, account, "delete").await?;
        let row = sqlx::query("SELECT username, person_id FROM accounts WHERE id = $1")
            .bind(account.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "account",
                id: account.0.to_string(),
            })?;
        let username: String = row.try_get("username")?;
        let person: Option<i64> = row.try_get("person_id")?;
        // What the account wrote about other people goes; the fact that
        // someone read a person's shared data stays in that person's log,
        // without the name.
        sqlx::query("DELETE FROM comments WHERE account_id = $1")
            .bind(account.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE audit_log SET account_id = NULL, username = '(deleted account)' WHERE account_id = $1",
        )
        .bind(account.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM login_failures WHERE username = $1")
            .bind(&username)
            .execute(&mut *tx)
            .await?;
        // Sessions, tokens and shares given to the account go with it
        // (ON DELETE CASCADE); so does everything of the person's.
        sqlx::query("DELETE FROM accounts WHERE id = $1")
            .bind(account.0)
            .execute(&mut *tx)
            .await?;
        if let Some(person) = person {
            sqlx::query("DELETE FROM people WHERE id = $1")
                .bind(person)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
