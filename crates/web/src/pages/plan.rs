//! The plan page: the development plan, generated toward the target role,
//! with items of your own; marking items done (the note read for what else
//! it shows) or dropped.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_core::plan;
use leap_core::sharing::CommentOn;
use leap_store::sharing::CommentRecord;
use leap_store::{Closing, NewPlanItem, PlanRecord};
use serde::Deserialize;

use super::{given, on, FormErrors, Nav};
use crate::auth::Me;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plan", get(plan_page))
        .route("/plan/generate", post(generate))
        .route("/plan/add", post(add_item))
        .route("/plan/{id}/done", post(done))
        .route("/plan/{id}/drop", post(drop_item))
}

/// Values typed into the "add your own item" form, kept on errors.
#[derive(Default, Deserialize)]
struct ItemForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    competency: Vec<String>,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    due: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan.html")]
struct PlanPage {
    nav: Nav,
    target_name: String,
    plan: PlanRecord,
    framework: std::sync::Arc<leap_core::Framework>,
    today: chrono::NaiveDate,
    item: ItemForm,
    errors: FormErrors,
    horizon: String,
    /// Pieces of work at once, as typed or as the last plan had it.
    at_once: String,
    /// The month the financial year starts (its number), as chosen or as
    /// the last plan had it; empty when not known.
    year_starts: String,
    /// The latest fit check points to the technical track and the target is
    /// a management role: the form offers to build the plan all the same.
    ask_despite_fit: bool,
    notice: Option<String>,
    comments: Vec<CommentRecord>,
    /// Open items a regeneration would replace, when it waits for a yes.
    confirm_replace: Option<usize>,
    /// The fit check was set aside in the form being confirmed.
    despite_fit: bool,
}

impl PlanPage {
    /// Competency names for ids, in the framework's words.
    fn names(&self, ids: &[leap_core::CompetencyId]) -> String {
        self.framework.competency_names(ids)
    }

    /// The framework action an item came from, for its sources.
    fn action(&self, id: &Option<String>) -> Option<&leap_core::Action> {
        id.as_deref().and_then(|id| self.framework.action(id))
    }

    /// What mentors and managers said about an item.
    fn comments_on(&self, id: &i64) -> Vec<&CommentRecord> {
        on(&self.comments, CommentOn::PlanItem, *id)
    }

    /// The months to choose the financial year's start from.
    fn months(&self) -> Vec<(String, &'static str)> {
        (1..=12)
            .filter_map(plan::FinancialYear::from_number)
            .map(|y| (y.number().to_string(), y.month_name()))
            .collect()
    }

    fn chosen(&self, id: &str) -> bool {
        self.item.competency.iter().any(|c| c == id)
    }
}

/// The latest fit check points to the technical track and the target is a
/// management role: a plan is made only if the person says so.
async fn fit_holds(state: &AppState, me: &Me) -> Result<bool, WebError> {
    Ok(me
        .framework
        .role(&me.profile.target_role)
        .is_some_and(|r| r.track == leap_core::Track::Management)
        && state
            .store
            .fit_checks(me.profile.person)
            .await?
            .last()
            .is_some_and(|c| c.recommendation == "technical"))
}

async fn render_plan(
    state: &AppState,
    me: &Me,
    item: ItemForm,
    errors: FormErrors,
    horizon: String,
    notice: Option<String>,
) -> Result<PlanPage, WebError> {
    let f = &me.framework;
    let plan = state.store.plan(me.profile.person).await?;
    let target = plan
        .target_role
        .clone()
        .unwrap_or_else(|| me.profile.target_role.clone());
    let at_once = plan.at_once.unwrap_or(plan::DEFAULT_AT_ONCE).to_string();
    let year_starts = plan.year_starts.map(|m| m.to_string()).unwrap_or_default();
    let ask_despite_fit = fit_holds(state, me).await?;
    Ok(PlanPage {
        nav: Nav::signed_in(&me.viewer, "/plan").await?,
        target_name: f.role(&target).map_or(target.clone(), |r| r.name.clone()),
        plan,
        framework: f.clone(),
        today: state.today(),
        item,
        errors,
        horizon,
        at_once,
        year_starts,
        ask_despite_fit,
        notice,
        comments: state.store.comments(me.profile.person).await?,
        confirm_replace: None,
        despite_fit: false,
    })
}

async fn plan_page(State(state): State<AppState>, me: Me) -> Result<PlanPage, WebError> {
    render_plan(
        &state,
        &me,
        ItemForm::default(),
        FormErrors::default(),
        "12".to_owned(),
        None,
    )
    .await
}

#[derive(Deserialize)]
struct GenerateForm {
    horizon_months: String,
    #[serde(default)]
    at_once: String,
    #[serde(default)]
    despite_fit: Option<String>,
    /// Absent (an older form, a client of its own) keeps the last plan's
    /// month; a blank choice forgets it.
    #[serde(default)]
    year_starts: Option<String>,
    /// The person saw how many open items a new plan replaces, and agreed.
    #[serde(default)]
    replace: Option<String>,
}

/// A whole number typed into a form field, or the error for it.
fn whole(field: &str, typed: &str, errors: &mut FormErrors, allowed: &str) -> Option<i64> {
    match typed.trim().parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(
                field,
                format!("invalid {} '{typed}': {allowed}", field.replace('_', "-")),
            );
            None
        }
    }
}

async fn generate(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<GenerateForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    let horizon = whole(
        "horizon_months",
        &form.horizon_months,
        &mut errors,
        "a whole number of months from 1 to 36",
    )
    .and_then(|n| {
        plan::horizon(n)
            .map_err(|e| errors.add("horizon_months", e.to_string()))
            .ok()
    });
    let at_once = match given(&form.at_once) {
        None => Some(None),
        Some(typed) => whole(
            "at_once",
            typed,
            &mut errors,
            "a whole number of development actions in flight at once, from 1 to 6",
        )
        .and_then(|n| {
            plan::at_once(n)
                .map_err(|e| errors.add("at_once", e.to_string()))
                .ok()
        })
        .map(Some),
    };
    let year_starts = form
        .year_starts
        .as_deref()
        .map(|m| plan::FinancialYear::parse_or_unset("year-starts", m))
        .transpose()
        .map_err(|e| errors.add("year_starts", e.to_string()))
        .ok();
    // Open items are replaced by a new plan: say how many, and ask first.
    let open = state
        .store
        .plan(me.profile.person)
        .await?
        .items
        .iter()
        .filter(|i| i.status == plan::ItemStatus::Todo)
        .count();
    // (A plan the fit check holds back is not made: nothing to confirm.)
    let held = form.despite_fit.is_none() && fit_holds(&state, &me).await?;
    if open > 0 && form.replace.is_none() && errors.is_empty() && !held {
        let despite_fit = form.despite_fit.is_some();
        let mut page = as_typed(&state, &me, errors, form).await?;
        page.confirm_replace = Some(open);
        page.despite_fit = despite_fit;
        return Ok(page.into_response());
    }
    let status = match (horizon, at_once, year_starts) {
        (Some(horizon), Some(at_once), Some(year_starts)) => {
            let role = me.framework.parse_role("target", &me.profile.target_role)?;
            let options = leap_app::plan::PlanOptions {
                horizon_months: horizon,
                at_once,
                despite_fit: form.despite_fit.is_some(),
                year_starts,
            };
            match leap_app::plan::generate_plan(
                &*state.store,
                &me.profile,
                &me.framework,
                role,
                options,
                state.today(),
            )
            .await
            {
                Ok(leap_app::plan::PlanOutcome::Made(_)) => {
                    return Ok(Redirect::to("/plan").into_response())
                }
                Ok(leap_app::plan::PlanOutcome::Held(hold)) => {
                    errors.add("despite_fit", hold.message);
                }
                Err(leap_app::AppError::NoSelfAssessment) => {
                    errors.add("horizon_months", leap_app::NO_SELF_ASSESSMENT)
                }
                Err(e) => return Err(e.into()),
            }
            StatusCode::CONFLICT
        }
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok((status, as_typed(&state, &me, errors, form).await?).into_response())
}

/// The plan page with the generation form as the person typed it.
async fn as_typed(
    state: &AppState,
    me: &Me,
    errors: FormErrors,
    form: GenerateForm,
) -> Result<PlanPage, WebError> {
    let mut page = render_plan(
        state,
        me,
        ItemForm::default(),
        errors,
        form.horizon_months,
        None,
    )
    .await?;
    page.at_once = form.at_once;
    // Absent, the page shows the month the last plan kept.
    if let Some(year_starts) = form.year_starts {
        page.year_starts = year_starts;
    }
    Ok(page)
}

async fn add_item(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<ItemForm>,
) -> Result<Response, WebError> {
    let today = state.today();
    let kind = Some(form.kind.as_str()).filter(|k| !k.is_empty());
    match plan::NewItem::parse(
        &me.framework,
        &form.text,
        &form.competency,
        kind,
        Some(&form.due),
        today,
    ) {
        Ok(new) => {
            state
                .store
                .add_plan_item(
                    me.profile.person,
                    NewPlanItem {
                        title: new.title.as_str(),
                        kind: new.kind,
                        competencies: &new.competencies,
                        due: new.due,
                        today,
                    },
                )
                .await?;
            Ok(Redirect::to("/plan").into_response())
        }
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.add(&e.field, e.to_string());
            let page = render_plan(&state, &me, form, errors, "12".to_owned(), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    note: String,
}

async fn close(
    state: &AppState,
    me: &Me,
    id: i64,
    closing: Closing,
    note: &str,
) -> Result<Response, WebError> {
    leap_app::plan::close_plan_item(
        &*state.store,
        me.profile.person,
        &me.framework,
        id,
        closing,
        state.today(),
        Some(note),
    )
    .await?;
    Ok(Redirect::to("/plan").into_response())
}

async fn done(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<NoteForm>,
) -> Result<Response, WebError> {
    close(&state, &me, id, Closing::Done, &form.note).await
}

async fn drop_item(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<NoteForm>,
) -> Result<Response, WebError> {
    close(&state, &me, id, Closing::Dropped, &form.note).await
}
