//! 360 feedback pages: the person's requests (make one, see how many have
//! answered per group, close it, raise its minimums, read the results),
//! and the rater's form, reached by a link without an account.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_core::feedback::{Group, NewRequest, Response as Answers, Results};
use leap_core::{Competency, Framework};
use leap_store::feedback::{FeedbackRequestRecord, RaterInvitation};
use leap_store::StoreError;
use serde::Deserialize;
use tower_sessions::Session;

use super::{FormErrors, Nav};
use crate::auth::{token_hash, Me};
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;
use leap_app::feedback::{Link, RATER_PATH};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/feedback", get(list_page).post(create))
        .route("/feedback/{id}", get(request_page))
        .route("/feedback/{id}/close", post(close))
        .route("/feedback/{id}/minimums", post(minimums))
        .route(
            &format!("{RATER_PATH}/{{token}}"),
            get(rater_page).post(rater_submit),
        )
}

/// What the person typed into the new-request form, kept on errors.
#[derive(Default, Deserialize)]
struct RequestForm {
    #[serde(default)]
    raters: String,
    #[serde(default)]
    competency: Vec<String>,
    #[serde(default)]
    closes_on: String,
    #[serde(default)]
    min_manager: String,
    #[serde(default)]
    min_peer: String,
    #[serde(default)]
    min_direct_report: String,
    #[serde(default)]
    min_other: String,
}

impl RequestForm {
    /// The minimums typed; a value that is not a number is reported by
    /// field.
    fn minimums(&self, errors: &mut FormErrors) -> Vec<(Group, i64)> {
        let mut out = Vec::new();
        for (group, field, value) in [
            (Group::Manager, "min_manager", &self.min_manager),
            (Group::Peer, "min_peer", &self.min_peer),
            (
                Group::DirectReport,
                "min_direct_report",
                &self.min_direct_report,
            ),
            (Group::Other, "min_other", &self.min_other),
        ] {
            let v = value.trim();
            if v.is_empty() {
                continue;
            }
            match v.parse::<i64>() {
                Ok(n) => out.push((group, n)),
                Err(_) => errors.add(
                    field,
                    format!("invalid minimum for {group} '{v}': a whole number"),
                ),
            }
        }
        out
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback_list.html")]
struct ListPage {
    nav: Nav,
    requests: Vec<(FeedbackRequestRecord, bool)>,
    competencies: Vec<Competency>,
    target_name: String,
    form: RequestForm,
    errors: FormErrors,
    defaults: leap_core::feedback::Minimums,
}

impl ListPage {
    fn chosen(&self, id: &str) -> bool {
        self.form.competency.iter().any(|c| c == id)
    }
}

async fn render_list(
    state: &AppState,
    me: &Me,
    form: RequestForm,
    errors: FormErrors,
) -> Result<ListPage, WebError> {
    let today = state.today();
    let requests = state
        .store
        .feedback_requests(me.profile.person)
        .await?
        .into_iter()
        .map(|r| {
            let open = r.is_open(today);
            (r, open)
        })
        .collect();
    let f = &me.framework;
    Ok(ListPage {
        nav: Nav::signed_in(&me.viewer, "/feedback").await?,
        requests,
        competencies: f.competencies.clone(),
        target_name: f
            .role(&me.profile.target_role)
            .map_or(me.profile.target_role.clone(), |r| r.name.clone()),
        form,
        errors,
        defaults: Default::default(),
    })
}

async fn list_page(State(state): State<AppState>, me: Me) -> Result<ListPage, WebError> {
    let form = RequestForm {
        closes_on: (state.today() + chrono::Duration::days(14)).to_string(),
        ..RequestForm::default()
    };
    render_list(&state, &me, form, FormErrors::default()).await
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback_created.html")]
struct CreatedPage {
    nav: Nav,
    id: i64,
    closes_on: chrono::NaiveDate,
    links: Vec<Link>,
    short: Vec<(Group, usize, u32)>,
}

async fn create(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<RequestForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    let minimums = form.minimums(&mut errors);
    let f = &me.framework;
    let target = f.parse_role("target", &me.profile.target_role)?;
    let raters: Vec<String> = form.raters.lines().map(str::to_owned).collect();
    let parsed = NewRequest::parse(
        f,
        target,
        &form.competency,
        &raters,
        &form.closes_on,
        &minimums,
        state.today(),
    );
    let new = match parsed {
        Ok(new) if errors.is_empty() => new,
        Ok(_) => return invalid(&state, &me, form, errors).await,
        Err(problems) => {
            // Every problem, several to a field (two bad rater lines).
            let mut by_field: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (field, e) in problems {
                by_field.entry(field).or_default().push(e.to_string());
            }
            for (field, messages) in by_field {
                errors.add(&field, messages.join("; "));
            }
            return invalid(&state, &me, form, errors).await;
        }
    };
    let created = state.request_feedback(&me.profile, &new).await?;
    Ok((
        StatusCode::CREATED,
        CreatedPage {
            nav: Nav::signed_in(&me.viewer, "/feedback").await?,
            id: created.request.id,
            closes_on: created.request.closes_on,
            links: created.links,
            short: new.short_groups(),
        },
    )
        .into_response())
}

async fn invalid(
    state: &AppState,
    me: &Me,
    form: RequestForm,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let page = render_list(state, me, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback_request.html")]
struct RequestPage {
    nav: Nav,
    request: FeedbackRequestRecord,
    open: bool,
    closed_on: Option<chrono::NaiveDate>,
    counts: Vec<(Group, u32, u32)>,
    names: BTreeMap<String, String>,
    results: Option<Results>,
    chart: Option<String>,
    errors: FormErrors,
}

impl RequestPage {
    fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }

    fn figure(&self, x: Option<f64>) -> String {
        x.map_or("–".to_owned(), |v| format!("{v:.1}"))
    }

    fn average(&self, c: &leap_core::feedback::CompetencyResult, group: Group) -> String {
        self.figure(c.group(group).map(|g| g.average))
    }

    fn minimum(&self, group: &Group) -> u32 {
        self.request.minimums.get(*group)
    }

    fn nothing_shown(&self) -> bool {
        self.results
            .as_ref()
            .is_some_and(|r| r.competencies.iter().all(|c| c.groups.is_empty()))
    }
}

async fn render_request(
    state: &AppState,
    me: &Me,
    id: i64,
    errors: FormErrors,
) -> Result<RequestPage, WebError> {
    let today = state.today();
    let person = me.profile.person;
    let request = state.store.feedback_request(person, id).await?;
    let f = &me.framework;
    let closed_on = request.closed(today);
    let (results, chart) = if closed_on.is_some() {
        let results =
            leap_app::feedback::feedback_results(&*state.store, person, f, &request, today).await?;
        let chart = crate::charts::self_vs_others(&results, f.scale.max)?;
        (Some(results), chart)
    } else {
        (None, None)
    };
    Ok(RequestPage {
        nav: Nav::signed_in(&me.viewer, "/feedback").await?,
        open: request.is_open(today),
        closed_on,
        counts: request.answered_per_group(),
        names: f
            .competencies
            .iter()
            .map(|c| (c.id.as_str().to_owned(), c.name.clone()))
            .collect(),
        request,
        results,
        chart,
        errors,
    })
}

async fn request_page(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
) -> Result<RequestPage, WebError> {
    render_request(&state, &me, id, FormErrors::default()).await
}

#[derive(Deserialize)]
struct Empty {}

async fn close(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    state
        .store
        .close_feedback_request(me.profile.person, id, state.today())
        .await?;
    Ok(Redirect::to(&format!("/feedback/{id}")).into_response())
}

async fn minimums(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<RequestForm>,
) -> Result<Response, WebError> {
    let person = me.profile.person;
    let request = state.store.feedback_request(person, id).await?;
    let mut errors = FormErrors::default();
    let given = form.minimums(&mut errors);
    let m = request
        .minimums
        .raise_all(&given)
        .unwrap_or_else(|problems| {
            for (field, e) in problems {
                errors.add(&field, e.to_string());
            }
            request.minimums
        });
    let status = if errors.is_empty() {
        match state.store.set_feedback_minimums(person, id, m).await {
            Ok(()) => return Ok(Redirect::to(&format!("/feedback/{id}")).into_response()),
            Err(StoreError::Conflict(message)) => {
                errors.add("minimums", message);
                StatusCode::CONFLICT
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = render_request(&state, &me, id, errors).await?;
    Ok((status, page).into_response())
}

/// One competency on the rater's form, with what the rater chose so far.
struct Question {
    competency: Competency,
    /// Each level with its behavioural descriptor.
    choices: Vec<(u8, String)>,
    chosen: String,
    comment: String,
}

impl Question {
    fn is(&self, value: &str) -> bool {
        self.chosen == value
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback_answer.html")]
struct AnswerPage {
    nav: Nav,
    person: String,
    group: Group,
    minimum: u32,
    closes_on: chrono::NaiveDate,
    open: bool,
    questions: Vec<Question>,
    overall: String,
    errors: FormErrors,
    saved: bool,
}

/// The invitation behind a link, or 404 for a link that does not exist
/// (the same answer for a wrong token as for a deleted request).
async fn invitation(state: &AppState, token: &str) -> Result<RaterInvitation, WebError> {
    state
        .store
        .rater_invitation(&token_hash(token))
        .await?
        .ok_or_else(|| {
            WebError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "this feedback link does not exist: check that it was copied whole",
            )
        })
}

async fn answer_page(
    state: &AppState,
    session: &Session,
    inv: &RaterInvitation,
    typed: Option<&BTreeMap<String, String>>,
    errors: FormErrors,
    saved: bool,
) -> Result<AnswerPage, WebError> {
    let framework: std::sync::Arc<Framework> = state.framework(&inv.framework_hash).await?;
    let stored: BTreeMap<&str, (&Option<i64>, &Option<String>)> = inv
        .answers
        .iter()
        .map(|(c, l, t)| (c.as_str(), (l, t)))
        .collect();
    let questions = framework
        .competencies
        .iter()
        .filter(|c| inv.competencies.iter().any(|id| id == &c.id))
        .map(|c| {
            let id = c.id.as_str();
            let (chosen, comment) = match typed {
                Some(form) => (
                    form.get(&format!("rating.{id}"))
                        .cloned()
                        .unwrap_or_default(),
                    form.get(&format!("comment.{id}"))
                        .cloned()
                        .unwrap_or_default(),
                ),
                None => match stored.get(id) {
                    Some((level, text)) => (
                        level.map_or("not-observed".to_owned(), |l| l.to_string()),
                        (*text).clone().unwrap_or_default(),
                    ),
                    None => (String::new(), String::new()),
                },
            };
            Question {
                competency: c.clone(),
                choices: framework
                    .scale
                    .levels()
                    .map(|l| (l.value(), c.descriptor(framework.scale, l).to_owned()))
                    .collect(),
                chosen,
                comment,
            }
        })
        .collect();
    let overall = match typed {
        Some(form) => form.get("overall").cloned().unwrap_or_default(),
        None => inv.overall.clone().unwrap_or_default(),
    };
    Ok(AnswerPage {
        nav: Nav::anonymous(session).await?,
        person: inv.person_name.clone(),
        group: inv.group,
        minimum: inv.minimums.get(inv.group),
        closes_on: inv.closes_on,
        open: inv.is_open(state.today()),
        questions,
        overall,
        errors,
        saved,
    })
}

async fn rater_page(
    State(state): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<AnswerPage, WebError> {
    let inv = invitation(&state, &token).await?;
    answer_page(&state, &session, &inv, None, FormErrors::default(), false).await
}

async fn rater_submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    CsrfForm { form, session }: CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let inv = invitation(&state, &token).await?;
    let framework = state.framework(&inv.framework_hash).await?;
    let asked: Vec<leap_core::CompetencyId> = inv
        .competencies
        .iter()
        .filter_map(|id| framework.competency(id.as_str()).map(|c| c.id.clone()))
        .collect();
    let mut errors = FormErrors::default();
    let status = match Answers::from_form(&framework, &asked, &form) {
        Ok(answers) => {
            match state
                .store
                .save_rater_response(&token_hash(&token), state.today(), &answers)
                .await
            {
                Ok(()) => {
                    let inv = invitation(&state, &token).await?;
                    let page = answer_page(&state, &session, &inv, None, errors, true).await?;
                    return Ok(page.into_response());
                }
                Err(StoreError::Conflict(message)) => {
                    errors.add("form", message);
                    StatusCode::CONFLICT
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(problems) => {
            for (field, e) in problems {
                errors.add(&field, e.to_string());
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    let page = answer_page(&state, &session, &inv, Some(&form), errors, false).await?;
    Ok((status, page).into_response())
}
