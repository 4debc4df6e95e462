//! Check-ins: re-rate what changed, reflect, review the plan; readiness
//! over time from the snapshots.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_core::checkin::CheckinInput;
use leap_core::Competency;
use leap_store::CheckinRecord;
use leap_store::PlanItemRecord;
use serde::Deserialize;

use super::{given, FormErrors, Nav};
use crate::auth::Me;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/checkins", get(page).post(record))
        .route("/checkins/every", post(every))
}

#[derive(Template, WebTemplate)]
#[template(path = "checkins.html")]
struct CheckinsPage {
    nav: Nav,
    checkins: Vec<CheckinRecord>,
    chart: Option<String>,
    next_due: Option<chrono::NaiveDate>,
    every_days: String,
    /// Each competency with the level the form shows.
    competencies: Vec<(Competency, u8)>,
    levels: Vec<u8>,
    assessed: bool,
    open_items: Vec<PlanItemRecord>,
    today: chrono::NaiveDate,
    went_well: String,
    went_badly: String,
    plan_review: String,
    errors: FormErrors,
    /// Per check-in: what went well shows and what went badly is about,
    /// as competency names (the journal's tagger).
    reflections: BTreeMap<i64, (String, String)>,
    /// Role names by id.
    roles: BTreeMap<String, String>,
}

impl CheckinsPage {
    fn shows(&self, id: &i64) -> Option<&str> {
        self.reflections
            .get(id)
            .map(|(w, _)| w.as_str())
            .filter(|w| !w.is_empty())
    }

    fn about(&self, id: &i64) -> Option<&str> {
        self.reflections
            .get(id)
            .map(|(_, b)| b.as_str())
            .filter(|b| !b.is_empty())
    }

    fn role_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.roles.get(id).map_or(id, String::as_str)
    }
}

/// The form's fields: `level.<competency>`, the reflections, the plan
/// review.
#[derive(Default, Deserialize)]
#[serde(default)]
struct CheckinForm {
    #[serde(flatten)]
    fields: BTreeMap<String, String>,
}

impl CheckinForm {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }
}

async fn render(
    state: &AppState,
    me: &Me,
    form: &CheckinForm,
    every_days: Option<String>,
    errors: FormErrors,
) -> Result<CheckinsPage, WebError> {
    let person = me.profile.person;
    let f = &me.framework;
    let checkins = state.store.checkins(person).await?;
    let points: Vec<(String, u32)> = checkins
        .iter()
        .map(|c| (c.held_on.to_string(), c.readiness_percent))
        .collect();
    let chart = if points.len() >= 2 {
        Some(crate::charts::trend(&points)?)
    } else {
        None
    };
    let latest = leap_app::readiness::latest_self_levels(&*state.store, person, f)
        .await?
        .map(|(_, l)| l);
    let competencies = f
        .competencies
        .iter()
        .map(|c| {
            let typed = form.get(&format!("level.{}", c.id)).parse::<u8>().ok();
            let current = latest
                .as_ref()
                .and_then(|l| l.get(c.id.as_str()))
                .map(|l| l.value());
            (c.clone(), typed.or(current).unwrap_or(f.scale.min))
        })
        .collect();
    let plan = state.store.plan(person).await?;
    let schedule = state.store.checkin_schedule(person).await?;
    let corrections = state.store.tag_corrections(person).await?;
    let names = |list: &[leap_core::tagging::Suggestion]| -> String {
        list.iter()
            .filter_map(|s| f.competency(s.competency.as_str()).map(|c| c.name.clone()))
            .collect::<Vec<_>>()
            // Names hold commas of their own.
            .join("; ")
    };
    let reflections = checkins
        .iter()
        .map(|c| {
            let r = leap_core::checkin::Reflection::read(
                f,
                c.went_well.as_deref(),
                c.went_badly.as_deref(),
                &corrections,
            );
            (c.id, (names(&r.went_well), names(&r.went_badly)))
        })
        .collect();
    Ok(CheckinsPage {
        reflections,
        roles: f
            .roles
            .iter()
            .map(|r| (r.id.to_string(), r.name.clone()))
            .collect(),
        nav: Nav::signed_in(&me.viewer, "/checkins").await?,
        checkins,
        chart,
        next_due: schedule.due_on(),
        every_days: every_days.unwrap_or_else(|| schedule.every_days.to_string()),
        competencies,
        levels: f.scale.levels().map(|l| l.value()).collect(),
        assessed: latest.is_some(),
        open_items: plan
            .items
            .into_iter()
            .filter(|i| i.status == leap_core::plan::ItemStatus::Todo)
            .collect(),
        today: state.today(),
        went_well: form.get("went_well").to_owned(),
        went_badly: form.get("went_badly").to_owned(),
        plan_review: form.get("plan_review").to_owned(),
        errors,
    })
}

async fn page(State(state): State<AppState>, me: Me) -> Result<Response, WebError> {
    Ok(render(
        &state,
        &me,
        &CheckinForm::default(),
        None,
        FormErrors::default(),
    )
    .await?
    .into_response())
}

async fn record(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<CheckinForm>,
) -> Result<Response, WebError> {
    // Every competency is in the form; a check-in records those that changed.
    let ratings: Vec<String> = form
        .fields
        .iter()
        .filter_map(|(k, v)| Some(format!("{}={}", k.strip_prefix("level.")?, v.trim())))
        .collect();
    let (well, badly, review) = (
        given(form.get("went_well")),
        given(form.get("went_badly")),
        given(form.get("plan_review")),
    );
    let outcome = leap_app::checkin::record_checkin(
        &*state.store,
        &me.profile,
        &me.framework,
        CheckinInput {
            ratings: &ratings,
            went_well: well,
            went_badly: badly,
            plan_review: review,
        },
        state.today(),
    )
    .await?;
    match outcome {
        Ok(_) => Ok(Redirect::to("/checkins#history").into_response()),
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.invalid(&e);
            let page = render(&state, &me, &form, None, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize)]
struct EveryForm {
    #[serde(default)]
    every: String,
}

async fn every(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<EveryForm>,
) -> Result<Response, WebError> {
    match leap_core::checkin::every(&form.every) {
        Ok(days) => {
            state
                .store
                .set_checkin_every(me.profile.person, days)
                .await?;
            Ok(Redirect::to("/checkins").into_response())
        }
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.invalid(&e);
            let page = render(
                &state,
                &me,
                &CheckinForm::default(),
                Some(form.every),
                errors,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
