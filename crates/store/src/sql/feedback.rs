//! 360 feedback requests, raters and answers.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::feedback::{Group, Minimums, Response};
use leap_core::CompetencyId;
use sqlx::{AnyConnection, Row};

use super::row::{insert, insert_plain, table, tag_values, Table, V};
use super::{bound, date, day, Scope, SqlStore};
use super::{flag, Dialect};
use crate::feedback::{
    FeedbackRequestRecord, FeedbackStore, NewFeedbackRequest, RaterInvitation, RaterRecord,
    StoredResponse,
};
use crate::{PersonId, Result, StoreError};

/// The `feedback_requests` table's columns, the one list every path writes and reads.
pub(super) const FEEDBACK_REQUESTS: Table = table!("feedback_requests" { person_id: Int, framework_hash: Text, created_on: Date, closes_on: Date, closed_on: Date, min_manager: Int, min_peer: Int, min_direct_report: Int, min_other: Int, imported_results: Text });

/// The `feedback_request_competencies` table's columns, the one list every path writes and reads.
pub(super) const FEEDBACK_REQUEST_COMPETENCIES: Table =
    table!("feedback_request_competencies" { request_id: Int, competency_id: Text });

/// The `feedback_raters` table's columns, the one list every path writes and reads.
pub(super) const FEEDBACK_RATERS: Table = table!("feedback_raters" { request_id: Int, rater_group: Text, name: Text, email: Text, token_hash: Text, invited: Flag, answered: Flag, overall_comment: Text });

/// The `feedback_answers` table's columns, the one list every path writes and reads.
pub(super) const FEEDBACK_ANSWERS: Table =
    table!("feedback_answers" { rater_id: Int, competency_id: Text, level: Int, comment: Text });

fn group(s: &str) -> Result<Group> {
    Group::parse("rater group", s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        what: "feedback request",
        id: id.to_string(),
    }
}

const REQUEST_COLUMNS: &str = "q.id, q.framework_hash, q.created_on::text AS created_on,
    q.closes_on::text AS closes_on, q.closed_on::text AS closed_on,
    q.min_manager, q.min_peer, q.min_direct_report, q.min_other, q.imported_results";

/// A competency id read back; one of the wrong shape means the database
/// was changed by hand.
fn competency_id(s: &str) -> Result<CompetencyId> {
    super::named(|_, s| CompetencyId::stored(s), s)
}

type Answers = Vec<(CompetencyId, Option<i64>, Option<String>)>;

impl SqlStore {
    async fn read_request(
        conn: &mut AnyConnection,
        person: PersonId,
        id: i64,
    ) -> Result<FeedbackRequestRecord> {
        Self::read_requests(conn, person, Some(id))
            .await?
            .pop()
            .ok_or_else(|| not_found(id))
    }

    /// The person's requests (or the one `only`), newest first, in three
    /// reads whatever their number.
    async fn read_requests(
        conn: &mut AnyConnection,
        person: PersonId,
        only: Option<i64>,
    ) -> Result<Vec<FeedbackRequestRecord>> {
        let filter = if only.is_some() { "AND q.id = $2" } else { "" };
        let requests = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT {REQUEST_COLUMNS} FROM feedback_requests q WHERE q.person_id = $1 {filter}
             ORDER BY q.created_on DESC, q.id DESC"
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let competencies = bound(
            &format!(
                "SELECT c.request_id, c.competency_id FROM feedback_request_competencies c
             JOIN feedback_requests q ON q.id = c.request_id WHERE q.person_id = $1 {filter}
             ORDER BY c.request_id, c.competency_id"
            ),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let raters = bound(
            &format!(
                "SELECT r.request_id, r.id, r.rater_group, r.name, r.email, r.invited, r.answered
             FROM feedback_raters r JOIN feedback_requests q ON q.id = r.request_id
             WHERE q.person_id = $1 {filter} ORDER BY r.id"
            ),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(requests.len());
        for row in &requests {
            let id: i64 = row.try_get("id")?;
            let mut record = FeedbackRequestRecord {
                id,
                framework_hash: row.try_get("framework_hash")?,
                created_on: date(&row.try_get::<String, _>("created_on")?)?,
                closes_on: date(&row.try_get::<String, _>("closes_on")?)?,
                closed_on: row
                    .try_get::<Option<String>, _>("closed_on")?
                    .as_deref()
                    .map(date)
                    .transpose()?,
                minimums: Minimums::from_stored(
                    row.try_get("min_manager")?,
                    row.try_get("min_peer")?,
                    row.try_get("min_direct_report")?,
                    row.try_get("min_other")?,
                ),
                competencies: Vec::new(),
                raters: Vec::new(),
                answered: Group::EVERY.iter().map(|g| (*g, 0)).collect(),
                imported: row
                    .try_get::<Option<String>, _>("imported_results")?
                    .map(|text| {
                        serde_json::from_str(&text).map_err(|e| {
                            StoreError::Corrupt(format!("imported results of request {id}: {e}"))
                        })
                    })
                    .transpose()?,
            };
            for c in &competencies {
                if c.try_get::<i64, _>("request_id")? == id {
                    record
                        .competencies
                        .push(competency_id(c.try_get("competency_id")?)?);
                }
            }
            for r in &raters {
                if r.try_get::<i64, _>("request_id")? != id {
                    continue;
                }
                let g = group(&r.try_get::<String, _>("rater_group")?)?;
                // Counted per group; whether a rater answered goes no further.
                if flag(r, "answered")? {
                    if let Some(slot) = record.answered.iter_mut().find(|(x, _)| *x == g) {
                        slot.1 += 1;
                    }
                }
                record.raters.push(RaterRecord {
                    id: r.try_get("id")?,
                    group: g,
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                    invited: flag(r, "invited")?,
                });
            }
            out.push(record);
        }
        Ok(out)
    }

    async fn answers_of(conn: &mut AnyConnection, rater: i64) -> Result<Answers> {
        sqlx::query(
            "SELECT competency_id, level, comment FROM feedback_answers WHERE rater_id = $1
             ORDER BY competency_id",
        )
        .bind(rater)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok((
                competency_id(r.try_get("competency_id")?)?,
                r.try_get("level")?,
                r.try_get("comment")?,
            ))
        })
        .collect()
    }
}

/// A 360 request's row; `imported_results` the visible results an import
/// brought (JSON), none for a request made here.
pub(super) fn request_values(
    person: PersonId,
    framework_hash: &str,
    (created_on, closes_on, closed_on): (NaiveDate, NaiveDate, Option<NaiveDate>),
    m: Minimums,
    imported_results: Option<&str>,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::text(framework_hash),
        V::Date(created_on),
        V::Date(closes_on),
        V::opt_date(closed_on),
        V::Int(i64::from(m.manager)),
        V::Int(i64::from(m.peer)),
        V::Int(i64::from(m.direct_report)),
        V::Int(i64::from(m.other)),
        V::opt_text(imported_results),
    ]
}

/// A rater's row: asked, not yet invited; `answered` and the overall
/// comment once they answer.
pub(super) fn rater_values(
    request: i64,
    group: Group,
    name: &str,
    email: Option<&str>,
    token_hash: &str,
    (answered, overall): (bool, Option<&str>),
) -> Vec<V> {
    vec![
        V::Int(request),
        V::text(group.as_str()),
        V::text(name),
        V::opt_text(email),
        V::text(token_hash),
        V::Flag(false),
        V::Flag(answered),
        V::opt_text(overall),
    ]
}

pub(super) fn answer_values(
    rater: i64,
    competency: &str,
    level: Option<i64>,
    comment: Option<&str>,
) -> Vec<V> {
    vec![
        V::Int(rater),
        V::text(competency),
        V::opt_int(level),
        V::opt_text(comment),
    ]
}

#[async_trait]
impl FeedbackStore for SqlStore {
    async fn create_feedback_request(
        &self,
        person: PersonId,
        new: NewFeedbackRequest<'_>,
    ) -> Result<FeedbackRequestRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let m = new.minimums;
        let id = insert(
            &mut tx,
            &FEEDBACK_REQUESTS,
            request_values(
                person,
                new.framework_hash,
                (new.created_on, new.closes_on, None),
                m,
                None,
            ),
        )
        .await?;
        for c in new.competencies {
            insert_plain(
                &mut tx,
                &FEEDBACK_REQUEST_COMPETENCIES,
                tag_values(id, c),
                " ON CONFLICT DO NOTHING",
            )
            .await?;
        }
        for r in &new.raters {
            insert(
                &mut tx,
                &FEEDBACK_RATERS,
                rater_values(id, r.group, r.name, r.email, &r.token_hash, (false, None)),
            )
            .await?;
        }
        let record = Self::read_request(&mut tx, person, id).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn feedback_requests(&self, person: PersonId) -> Result<Vec<FeedbackRequestRecord>> {
        let mut conn = self.pool.acquire().await?;
        Self::read_requests(&mut conn, person, None).await
    }

    async fn feedback_request(&self, person: PersonId, id: i64) -> Result<FeedbackRequestRecord> {
        let mut conn = self.pool.acquire().await?;
        Self::read_request(&mut conn, person, id).await
    }

    async fn close_feedback_request(
        &self,
        person: PersonId,
        id: i64,
        today: NaiveDate,
    ) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let request = Self::read_request(&mut tx, person, id).await?;
        if let Some(closed) = request.closed(today) {
            return Err(StoreError::Conflict(format!(
                "feedback request {id} closed on {closed} already"
            )));
        }
        sqlx::query(&Dialect::of(&tx).sql(
            "UPDATE feedback_requests SET closed_on = $1::date WHERE id = $2 AND person_id = $3",
        ))
        .bind(day(today))
        .bind(id)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_feedback_minimums(&self, person: PersonId, id: i64, m: Minimums) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let request = Self::read_request(&mut tx, person, id).await?;
        if request.answered_total() > 0 {
            return Err(StoreError::Conflict(format!(
                "the minimums of feedback request {id} cannot change: raters have answered already"
            )));
        }
        sqlx::query(
            "UPDATE feedback_requests SET min_manager = $1, min_peer = $2, min_direct_report = $3,
             min_other = $4 WHERE id = $5 AND person_id = $6",
        )
        .bind(i64::from(m.manager))
        .bind(i64::from(m.peer))
        .bind(i64::from(m.direct_report))
        .bind(i64::from(m.other))
        .bind(id)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn mark_invited(&self, person: PersonId, raters: &[i64]) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        for r in raters {
            sqlx::query(
                "UPDATE feedback_raters SET invited = TRUE WHERE id = $1 AND request_id IN
                 (SELECT id FROM feedback_requests WHERE person_id = $2)",
            )
            .bind(r)
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn feedback_responses(&self, person: PersonId, id: i64) -> Result<Vec<StoredResponse>> {
        let mut conn = self.pool.acquire().await?;
        // One read of every answer, ordered by the token's hash: random,
        // and unrelated to who the rater is or when they answered.
        let rows = sqlx::query(
            "SELECT r.id, r.rater_group, r.overall_comment, a.competency_id, a.level, a.comment
             FROM feedback_raters r JOIN feedback_requests q ON q.id = r.request_id
             LEFT JOIN feedback_answers a ON a.rater_id = r.id
             WHERE r.request_id = $1 AND q.person_id = $2 AND r.answered
             ORDER BY r.token_hash, a.competency_id",
        )
        .bind(id)
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut out: Vec<StoredResponse> = Vec::new();
        let mut last = None;
        for r in &rows {
            let rater: i64 = r.try_get("id")?;
            if last != Some(rater) {
                last = Some(rater);
                out.push(StoredResponse {
                    group: group(&r.try_get::<String, _>("rater_group")?)?,
                    answers: Vec::new(),
                    overall: r.try_get("overall_comment")?,
                });
            }
            if let (Some(current), Some(competency)) = (
                out.last_mut(),
                r.try_get::<Option<String>, _>("competency_id")?,
            ) {
                current.answers.push((
                    competency_id(&competency)?,
                    r.try_get("level")?,
                    r.try_get("comment")?,
                ));
            }
        }
        Ok(out)
    }

    async fn rater_invitation(&self, token_hash: &str) -> Result<Option<RaterInvitation>> {
        let mut conn = self.pool.acquire().await?;
        let Some(row) = sqlx::query(
            &Dialect::of(&conn).sql("SELECT r.id, r.rater_group, r.name, r.answered, r.overall_comment, q.id AS request_id,
             q.framework_hash, q.closes_on::text AS closes_on, q.closed_on::text AS closed_on, q.min_manager, q.min_peer,
             q.min_direct_report, q.min_other, p.name AS person_name
             FROM feedback_raters r JOIN feedback_requests q ON q.id = r.request_id
             JOIN people p ON p.id = q.person_id WHERE r.token_hash = $1"),
        )
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        let request: i64 = row.try_get("request_id")?;
        let competencies: Vec<String> = sqlx::query_scalar(
            "SELECT competency_id FROM feedback_request_competencies WHERE request_id = $1
             ORDER BY competency_id",
        )
        .bind(request)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Some(RaterInvitation {
            request,
            person_name: row.try_get("person_name")?,
            framework_hash: row.try_get("framework_hash")?,
            group: group(&row.try_get::<String, _>("rater_group")?)?,
            name: row.try_get("name")?,
            closes_on: date(&row.try_get::<String, _>("closes_on")?)?,
            closed_on: row
                .try_get::<Option<String>, _>("closed_on")?
                .as_deref()
                .map(date)
                .transpose()?,
            minimums: Minimums::from_stored(
                row.try_get("min_manager")?,
                row.try_get("min_peer")?,
                row.try_get("min_direct_report")?,
                row.try_get("min_other")?,
            ),
            competencies: competencies
                .iter()
                .map(|c| competency_id(c))
                .collect::<Result<_>>()?,
            answers: Self::answers_of(&mut conn, row.try_get("id")?).await?,
            overall: row.try_get("overall_comment")?,
            answered: flag(&row, "answered")?,
        }))
    }

    async fn save_rater_response(
        &self,
        token_hash: &str,
        today: NaiveDate,
        response: &Response,
    ) -> Result<()> {
        let person: i64 = sqlx::query_scalar(
            "SELECT q.person_id FROM feedback_raters r JOIN feedback_requests q
             ON q.id = r.request_id WHERE r.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "feedback link",
            id: "given".to_owned(),
        })?;
        let mut tx = self.begin_write(Scope::Person(PersonId(person))).await?;
        // Read again under the lock: the request may have closed meanwhile.
        let row = sqlx::query(
            &Dialect::of(&tx).sql("SELECT r.id, q.closes_on::text AS closes_on, q.closed_on::text AS closed_on FROM feedback_raters r
             JOIN feedback_requests q ON q.id = r.request_id WHERE r.token_hash = $1"),
        )
        .bind(token_hash)
        .fetch_one(&mut *tx)
        .await?;
        let rater: i64 = row.try_get("id")?;
        let closes_on = date(&row.try_get::<String, _>("closes_on")?)?;
        let closed_early = row
            .try_get::<Option<String>, _>("closed_on")?
            .as_deref()
            .map(date)
            .transpose()?;
        if leap_core::feedback::closed_on(closes_on, closed_early, today).is_some() {
            return Err(StoreError::Conflict(
                "this feedback request is closed: answers can no longer change".to_owned(),
            ));
        }
        sqlx::query("DELETE FROM feedback_answers WHERE rater_id = $1")
            .bind(rater)
            .execute(&mut *tx)
            .await?;
        for (competency, answer) in &response.answers {
            insert_plain(
                &mut tx,
                &FEEDBACK_ANSWERS,
                answer_values(
                    rater,
                    competency.as_str(),
                    answer.rating.stored(),
                    answer.comment.as_deref(),
                ),
                "",
            )
            .await?;
        }
        sqlx::query(
            "UPDATE feedback_raters SET answered = TRUE, overall_comment = $1 WHERE id = $2",
        )
        .bind(response.overall.as_deref())
        .bind(rater)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
