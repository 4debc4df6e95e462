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
    one_to_one::{entry_values, one_to_one_values, ONE_TO_ONES, ONE_TO_ONE_ENTRIES},
    opportunities::{
        debrief_values, opportunity_values, stage_values, OpportunityRow, DEBRIEFS,
        DEBRIEF_COMPETENCIES, OPPORTUNITIES, OPPORTUNITY_STAGES,
    },
    org::{line_sharing_values, member_values, LINE_SHARING, MEMBERS, TEAMS},
    plan::{item_values, plan_values, PlanItemRow, PLANS, PLAN_ITEMS, PLAN_ITEM_COMPETENCIES},
    profile::{person_values, PEOPLE},
    succession::{interest_values, SUCCESSION_INTEREST},
};
use super::{Dialect, Scope, SqlStore};
use crate::{Bulk, FrameworkText, PersonId, Result};

/// The tables whose ids [`Bulk::insert_people`] assigns.
const TABLES: [&str; 18] = [
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
    "teams",
    "members",
    "one_to_ones",
    "one_to_one_entries",
];

/// The ids of rows written before this batch, by a text column (a team's
/// name, a member's e-mail, an account's username): one read.
async fn ids_by(
    conn: &mut AnyConnection,
    table: &str,
    column: &str,
    keys: &std::collections::BTreeSet<String>,
) -> Result<std::collections::HashMap<String, i64>> {
    if keys.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let dialect = Dialect::of(conn);
    let marks: Vec<String> = (1..=keys.len())
        .map(|i| match dialect {
            Dialect::Sqlite => "?".to_owned(),
            Dialect::Postgres => format!("${i}"),
        })
        .collect();
    // `table` and `column` are this module's constants.
    let sql = format!(
        "SELECT {column}, id FROM {table} WHERE {column} IN ({})",
        marks.join(", ")
    );
    let mut q = sqlx::query_as::<_, (String, i64)>(&sql);
    for k in keys {
        q = q.bind(k.as_str());
    }
    Ok(q.fetch_all(&mut *conn).await?.into_iter().collect())
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
        if dialect == Dialect::Sqlite {
            // Each batch adds to indexes all over the file: with SQLite's
            // default cache (2 MB) it read their pages back from the
            // system again and again as the file grew, and 100,000 people
            // took 14.8 times the CPU of 10,000. A cache of up to 256 MB,
            // on this connection only (only `leap demo` loads in bulk;
            // the cache is given back when the command ends).
            sqlx::query("PRAGMA cache_size = -262144")
                .execute(&mut *tx)
                .await?;
        }
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
        let (mut teams, mut members, mut line_sharing, mut interests) =
            (vec![], vec![], vec![], vec![]);
        let (mut meetings, mut entries) = (vec![], vec![]);
        // Teams, members and accounts this batch refers to that earlier
        // batches wrote (managers come before the people they manage).
        let (mut team_ids, mut member_ids, mut account_ids) = {
            let here: std::collections::BTreeSet<&str> =
                people.iter().map(|p| p.username.as_str()).collect();
            let led: std::collections::BTreeSet<&str> = people
                .iter()
                .filter_map(|p| p.place.as_ref()?.leads.as_ref().map(|(t, _)| t.as_str()))
                .collect();
            let mut earlier_teams = std::collections::BTreeSet::new();
            let mut earlier_people = std::collections::BTreeSet::new();
            for place in people.iter().filter_map(|p| p.place.as_ref()) {
                let parent = place.leads.as_ref().and_then(|(_, parent)| parent.as_ref());
                for t in [Some(&place.team), parent].into_iter().flatten() {
                    if !led.contains(t.as_str()) {
                        earlier_teams.insert(t.clone());
                    }
                }
                if let Some(m) = place
                    .manager
                    .as_ref()
                    .filter(|m| !here.contains(m.as_str()))
                {
                    earlier_people.insert(m.clone());
                }
            }
            (
                ids_by(&mut tx, "teams", "name", &earlier_teams).await?,
                ids_by(&mut tx, "members", "email", &earlier_people).await?,
                ids_by(&mut tx, "accounts", "username", &earlier_people).await?,
            )
        };
        let midnight = chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(
            today.and_hms_opt(0, 0, 0).unwrap_or_default(),
            chrono::Utc,
        );
        for p in people {
            let person = id("people");
            people_rows.push((
                Some(person),
                person_values(
                    &p.name,
                    false,
                    &p.current_role,
                    &p.target_role,
                    &framework.hash,
                    today,
                    leap_core::checkin::DEFAULT_EVERY_DAYS,
                ),
            ));
            let account = id("accounts");
            accounts.push((
                Some(account),
                account_values(&p.username, password_hash, false, Some(person), midnight),
            ));
            if let Some(place) = &p.place {
                if let Some((team, parent)) = &place.leads {
                    let t = id("teams");
                    let parent = parent.as_ref().and_then(|n| team_ids.get(n).copied());
                    teams.push((Some(t), vec![V::text(team), V::opt_int(parent)]));
                    team_ids.insert(team.clone(), t);
                }
                let member = id("members");
                let manager = place
                    .manager
                    .as_ref()
                    .and_then(|m| member_ids.get(m).copied());
                let row = leap_core::org::Member {
                    email: p.username.clone(),
                    name: p.name.clone(),
                    team: None,
                    manager: None,
                };
                members.push((
                    Some(member),
                    member_values(&row, team_ids.get(&place.team).copied(), manager),
                ));
                member_ids.insert(p.username.clone(), member);
                account_ids.insert(p.username.clone(), account);
                for (part, reach) in &place.line_sharing {
                    line_sharing.push((None, line_sharing_values(PersonId(person), *part, *reach)));
                }
                for (role, since) in &place.succession {
                    let interest = crate::Interest {
                        role: role.clone(),
                        since: *since,
                    };
                    interests.push((None, interest_values(PersonId(person), &interest)));
                }
                if let (Some((on, l)), Some(by)) = (&place.rating, &place.manager) {
                    let a = id("assessments");
                    assessments.push((
                        Some(a),
                        assessment_values(
                            PersonId(person),
                            &framework.hash,
                            leap_core::assessment::Source::Manager,
                            *on,
                            Some(by),
                        ),
                    ));
                    for (c, level) in l.iter() {
                        levels.push((None, level_values(a, c.as_str(), level.value())));
                    }
                }
                if let Some(by) = &place.manager {
                    let manager_account = account_ids.get(by).copied();
                    for (on, written) in &place.one_to_ones {
                        let meeting = id("one_to_ones");
                        let at = chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(
                            on.and_hms_opt(9, 0, 0).unwrap_or_default(),
                            chrono::Utc,
                        );
                        meetings.push((
                            Some(meeting),
                            one_to_one_values(PersonId(person), (manager_account, by), *on, at),
                        ));
                        for (i, (kind, by_manager, text)) in written.iter().enumerate() {
                            let author = if *by_manager { by } else { &p.username };
                            let entry = crate::EntryRecord {
                                kind: *kind,
                                author: author.clone(),
                                author_name: String::new(),
                                text: (*text).to_owned(),
                                at: at + chrono::Duration::minutes(5 * i as i64),
                            };
                            entries.push((
                                Some(id("one_to_one_entries")),
                                entry_values(meeting, &entry),
                            ));
                        }
                    }
                }
            }
            if let Some((date, answers, result)) = &p.fit {
                let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".to_owned());
                fits.push((
                    Some(id("fit_checks")),
                    fit_values(
                        PersonId(person),
                        &framework.hash,
                        *date,
                        result.management,
                        result.technical,
                        result.recommendation,
                        &json,
                    ),
                ));
            }
            for (date, l) in &p.assessments {
                let a = id("assessments");
                assessments.push((
                    Some(a),
                    assessment_values(
                        PersonId(person),
                        &framework.hash,
                        leap_core::assessment::Source::SelfRating,
                        *date,
                        None,
                    ),
                ));
                for (c, level) in l.iter() {
                    levels.push((None, level_values(a, c.as_str(), level.value())));
                }
            }
            for (date, kind, text, comps, gap) in &p.entries {
                let e = id("evidence");
                evidence.push((
                    Some(e),
                    evidence_values(PersonId(person), *date, text, *kind, *date, *gap),
                ));
                for c in comps {
                    tags.push((None, tag_values(e, c.as_str())));
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
                plans.push((
                    Some(plan),
                    plan_values(
                        PersonId(person),
                        &p.target_role,
                        *horizon,
                        *generated,
                        None,
                        None,
                        None,
                    ),
                ));
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
                    items.push((Some(item_id), item_values(PersonId(person), &row)));
                    for c in &item.competencies {
                        item_tags.push((None, tag_values(item_id, c.as_str())));
                    }
                }
            }
            if let Some(fb) = &p.feedback {
                let request = id("feedback_requests");
                let m = leap_core::feedback::Minimums::default();
                requests.push((
                    Some(request),
                    request_values(
                        PersonId(person),
                        &framework.hash,
                        (fb.created, fb.closes, None),
                        m,
                        None,
                    ),
                ));
                for c in &fb.competencies {
                    asked.push((None, tag_values(request, c.as_str())));
                }
                for (group, name, response) in &fb.raters {
                    let rater = id("feedback_raters");
                    // No link was ever made: the hash of a text no token is.
                    let hash = leap_core::framework::content_hash(&format!(
                        "synthetic rater {rater} of {}",
                        p.username
                    ));
                    raters.push((
                        Some(rater),
                        rater_values(
                            request,
                            *group,
                            name,
                            None,
                            &hash,
                            (true, response.overall.as_deref()),
                        ),
                    ));
                    for (c, a) in &response.answers {
                        answers.push((
                            None,
                            answer_values(
                                rater,
                                c.as_str(),
                                a.rating.stored(),
                                a.comment.as_deref(),
                            ),
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
                opportunities.push((
                    Some(opportunity),
                    opportunity_values(PersonId(person), &row),
                ));
                for (stage, on) in &o.stages {
                    stages.push((
                        Some(id("opportunity_stages")),
                        stage_values(opportunity, *stage, *on),
                    ));
                }
                for (on, reasons, chosen, tags) in &o.debriefs {
                    let debrief = id("debriefs");
                    let texts = [None, None, None, Some(*reasons), *chosen];
                    debriefs.push((
                        Some(debrief),
                        debrief_values(opportunity, *on, texts, *on, None),
                    ));
                    for c in tags {
                        debrief_tags.push((None, tag_values(debrief, c.as_str())));
                    }
                }
            }
            for c in &p.contacts {
                let contact = id("contacts");
                contacts.push((
                    Some(contact),
                    contact_values(PersonId(person), &c.contact, c.added),
                ));
                for (on, kind) in &c.interactions {
                    interactions.push((
                        Some(id("interactions")),
                        interaction_values(contact, *on, *kind, None),
                    ));
                }
            }
        }
        // In this order, for the foreign keys. Tags may repeat in
        // generated text: those rows alone ignore conflicts.
        for (table, rows, tail) in [
            (&PEOPLE, people_rows, ""),
            (&ACCOUNTS, accounts, ""),
            (&FIT_CHECKS, fits, ""),
            (&ASSESSMENTS, assessments, ""),
            (&ASSESSMENT_LEVELS, levels, ""),
            (&EVIDENCE, evidence, ""),
            (&EVIDENCE_COMPETENCIES, tags, " ON CONFLICT DO NOTHING"),
            (&PLANS, plans, ""),
            (&PLAN_ITEMS, items, ""),
            (
                &PLAN_ITEM_COMPETENCIES,
                item_tags,
                " ON CONFLICT DO NOTHING",
            ),
            (&FEEDBACK_REQUESTS, requests, ""),
            (&FEEDBACK_REQUEST_COMPETENCIES, asked, ""),
            (&FEEDBACK_RATERS, raters, ""),
            (&FEEDBACK_ANSWERS, answers, ""),
            (&OPPORTUNITIES, opportunities, ""),
            (&OPPORTUNITY_STAGES, stages, ""),
            (&DEBRIEFS, debriefs, ""),
            (
                &DEBRIEF_COMPETENCIES,
                debrief_tags,
                " ON CONFLICT DO NOTHING",
            ),
            (&CONTACTS, contacts, ""),
            (&INTERACTIONS, interactions, ""),
            (&TEAMS, teams, ""),
            (&MEMBERS, members, ""),
            (&LINE_SHARING, line_sharing, ""),
            (&SUCCESSION_INTEREST, interests, ""),
            (&ONE_TO_ONES, meetings, ""),
            (&ONE_TO_ONE_ENTRIES, entries, ""),
        ] {
            insert_many(&mut tx, table, rows, tail).await?;
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
