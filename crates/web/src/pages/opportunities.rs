//! The opportunities pages: each opportunity with its stages, the
//! framework's advice for its kind of company, and interview debriefs.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_core::opportunity::{
    self, DebriefInput, DebriefSummary, NewDebrief, NewOpportunity, OpportunityInput, Stage,
};
use leap_core::{CompanyProfile, Competency, Role};
use leap_store::OpportunityRecord;
use serde::Deserialize;

use super::{given, FormErrors, Nav};
use crate::auth::Me;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/opportunities", get(opportunities).post(add_opportunity))
        .route("/opportunities/{id}", get(opportunity))
        .route("/opportunities/{id}/move", post(move_opportunity))
        .route("/opportunities/{id}/debrief", post(add_debrief))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct OpportunityForm {
    organisation: String,
    title: String,
    role: String,
    company_profile: String,
    internal: Option<String>,
    source: String,
    stage: String,
    /// The day it reached its stage; empty for today.
    on: String,
    next_step: String,
    next_step_on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "opportunities.html")]
struct OpportunitiesPage {
    nav: Nav,
    opportunities: Vec<OpportunityRecord>,
    summary: DebriefSummary,
    roles: Vec<Role>,
    stages: &'static [&'static str],
    profiles: &'static [&'static str],
    form: OpportunityForm,
    errors: FormErrors,
}

async fn render_opportunities(
    state: &AppState,
    me: &Me,
    form: OpportunityForm,
    errors: FormErrors,
) -> Result<OpportunitiesPage, WebError> {
    let all = state.store.opportunities(me.profile.person).await?;
    Ok(OpportunitiesPage {
        nav: Nav::signed_in(&me.viewer, "/opportunities").await?,
        summary: leap_app::opportunity::debrief_summary(&me.framework, &all),
        opportunities: all,
        roles: me.framework.roles.clone(),
        stages: Stage::ALL,
        profiles: CompanyProfile::ALL,
        form,
        errors,
    })
}

async fn opportunities(State(state): State<AppState>, me: Me) -> Result<Response, WebError> {
    let form = OpportunityForm {
        company_profile: "mid-size".to_owned(),
        stage: "interested".to_owned(),
        ..Default::default()
    };
    Ok(
        render_opportunities(&state, &me, form, FormErrors::default())
            .await?
            .into_response(),
    )
}

async fn add_opportunity(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<OpportunityForm>,
) -> Result<Response, WebError> {
    let today = state.today();
    let parsed = leap_core::text::past_date("on", given(&form.on), today).and_then(|on| {
        NewOpportunity::parse(
            &me.framework,
            OpportunityInput {
                organisation: &form.organisation,
                title: &form.title,
                role: given(&form.role),
                company_profile: given(&form.company_profile),
                internal: form.internal.is_some(),
                source: given(&form.source),
                stage: given(&form.stage),
                next_step: given(&form.next_step),
                next_step_on: given(&form.next_step_on),
            },
        )
        .map(|new| (new, on))
    });
    match parsed {
        Ok((new, on)) => {
            let id = state
                .store
                .add_opportunity(me.profile.person, &new, on)
                .await?;
            Ok(Redirect::to(&format!("/opportunities/{id}")).into_response())
        }
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.invalid(&e);
            let page = render_opportunities(&state, &me, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct MoveForm {
    stage: String,
    on: String,
    next_step: String,
    next_step_on: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct DebriefForm {
    date: String,
    questions: String,
    went_well: String,
    went_badly: String,
    reasons: String,
    chosen_experience: String,
    competency: Vec<String>,
    #[serde(default)]
    too_technical: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "opportunity.html")]
struct OpportunityPage {
    nav: Nav,
    o: OpportunityRecord,
    role_name: Option<String>,
    advice: Option<leap_core::framework::CompanyAdvice>,
    /// The advice for this opening (the internal part only at your employer).
    advice_text: String,
    competencies: Vec<Competency>,
    stages: &'static [&'static str],
    moving: MoveForm,
    debrief: DebriefForm,
    errors: FormErrors,
}

impl OpportunityPage {
    fn name_of<'a, S: AsRef<str> + ?Sized>(&'a self, id: &'a S) -> &'a str {
        let id = id.as_ref();
        self.competencies
            .iter()
            .find(|c| c.id.as_str() == id)
            .map_or(id, |c| c.name.as_str())
    }

    fn chosen(&self, id: &str) -> bool {
        self.debrief.competency.iter().any(|c| c == id)
    }
}

async fn render_opportunity(
    state: &AppState,
    me: &Me,
    id: i64,
    moving: MoveForm,
    debrief: DebriefForm,
    errors: FormErrors,
) -> Result<OpportunityPage, WebError> {
    let o = state.store.opportunity(me.profile.person, id).await?;
    let f = &me.framework;
    Ok(OpportunityPage {
        nav: Nav::signed_in(&me.viewer, "/opportunities").await?,
        role_name: o
            .role
            .as_deref()
            .map(|r| f.role(r).map_or(r.to_owned(), |x| x.name.clone())),
        advice: f.company_advice(o.company_profile).cloned(),
        advice_text: f
            .company_advice(o.company_profile)
            .map(|a| a.for_opening(o.internal))
            .unwrap_or_default(),
        competencies: f.competencies.clone(),
        stages: Stage::ALL,
        moving: MoveForm {
            stage: if moving.stage.is_empty() {
                o.stage.to_string()
            } else {
                moving.stage
            },
            ..moving
        },
        o,
        debrief,
        errors,
    })
}

async fn opportunity(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    Ok(render_opportunity(
        &state,
        &me,
        id,
        MoveForm::default(),
        DebriefForm::default(),
        FormErrors::default(),
    )
    .await?
    .into_response())
}

async fn move_opportunity(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<MoveForm>,
) -> Result<Response, WebError> {
    let parsed = (|| {
        let stage = Stage::parse("stage", form.stage.trim())?;
        let on = leap_core::text::past_date("on", given(&form.on), state.today())?;
        let step = opportunity::next_step(given(&form.next_step), given(&form.next_step_on))?;
        Ok::<_, leap_core::InvalidValue>((stage, on, step))
    })();
    let mut errors = FormErrors::default();
    match parsed {
        Ok((stage, on, step)) => {
            match state
                .store
                .move_opportunity(me.profile.person, id, stage, on, step.as_ref())
                .await
            {
                Ok(_) => return Ok(Redirect::to(&format!("/opportunities/{id}")).into_response()),
                Err(leap_store::StoreError::Conflict(m)) => errors.add("stage", m),
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) => errors.invalid(&e),
    }
    let page = render_opportunity(&state, &me, id, form, DebriefForm::default(), errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn add_debrief(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<DebriefForm>,
) -> Result<Response, WebError> {
    let person = me.profile.person;
    let o = state.store.opportunity(person, id).await?;
    let corrections = state.store.tag_corrections(person).await?;
    let parsed = NewDebrief::parse(
        &me.framework,
        o.stage,
        DebriefInput {
            held_on: given(&form.date),
            questions: given(&form.questions),
            went_well: given(&form.went_well),
            went_badly: given(&form.went_badly),
            reasons: given(&form.reasons),
            chosen_experience: given(&form.chosen_experience),
            competencies: &form.competency,
            too_technical: given(&form.too_technical),
            corrections: &corrections,
        },
        state.today(),
    );
    match parsed {
        Ok(new) => {
            state
                .store
                .add_debrief(person, id, &new, state.today())
                .await?;
            Ok(Redirect::to(&format!("/opportunities/{id}#debriefs")).into_response())
        }
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.invalid(&e);
            let page =
                render_opportunity(&state, &me, id, MoveForm::default(), form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
