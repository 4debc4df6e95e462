//! A manager's team: the people below them in the reporting lines, what
//! each lets them see, and the rating of a direct report beside the
//! report's own.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leap_app::team::TeamView;
use leap_core::{Competency, Framework};
use leap_store::sharing::Reader;
use leap_store::PersonId;

use super::{FormErrors, Nav};
use crate::auth::Viewer;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/team", get(team_page))
        .route("/team/{person}/rating", get(rating_page).post(rate))
}

#[derive(Template, WebTemplate)]
#[template(path = "team.html")]
struct TeamPage {
    nav: Nav,
    team: TeamView,
    heatmap: Option<String>,
}

impl TeamPage {
    fn gap_cell(&self, g: &u8) -> &'static str {
        match g {
            0 => "met",
            1 => "1 level short",
            2 => "2 levels short",
            _ => "3+ levels short",
        }
    }
}

async fn team_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    // No one reports to them: there is no team of theirs to show.
    if !viewer.manages {
        return Err(WebError::not_found("team"));
    }
    let team = leap_app::team::view(
        &*state.store,
        &state.frameworks,
        viewer.account.id,
        state.today(),
    )
    .await?;
    let heatmap = match &team.heatmap {
        Some(h) if !h.people.is_empty() => Some(crate::charts::gaps_heatmap(h)?),
        _ => None,
    };
    Ok(TeamPage {
        nav: Nav::signed_in(&viewer, "/team").await?,
        team,
        heatmap,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "rating.html")]
struct RatingPage {
    nav: Nav,
    person: i64,
    name: String,
    competencies: Vec<Competency>,
    min: u8,
    max: u8,
    chosen: BTreeMap<String, u8>,
    last_on: Option<chrono::NaiveDate>,
    errors: FormErrors,
}

impl RatingPage {
    fn levels(&self) -> Vec<u8> {
        (self.min..=self.max).collect()
    }

    fn is_chosen(&self, competency: &str, level: &u8) -> bool {
        self.chosen.get(competency) == Some(level)
    }

    fn descriptor<'a>(&self, c: &'a Competency, level: &u8) -> &'a str {
        c.levels
            .get(usize::from(level.saturating_sub(self.min)))
            .map_or("", String::as_str)
    }
}

async fn form(
    state: &AppState,
    viewer: &Viewer,
    person: i64,
) -> Result<(leap_store::RatingForm, Arc<Framework>), WebError> {
    crate::team::rating_form(state, &viewer.account, person).await
}

fn page(
    nav: Nav,
    person: i64,
    form: leap_store::RatingForm,
    framework: &Framework,
    chosen: BTreeMap<String, u8>,
    errors: FormErrors,
) -> RatingPage {
    RatingPage {
        nav,
        person,
        name: form.name,
        competencies: framework.competencies.clone(),
        min: framework.scale.min,
        max: framework.scale.max,
        chosen,
        last_on: form.last.map(|a| a.date),
        errors,
    }
}

async fn rating_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(person): Path<i64>,
) -> Result<Response, WebError> {
    let (form, framework) = form(&state, &viewer, person).await?;
    let chosen = form
        .last
        .as_ref()
        .map(|a| {
            a.levels
                .iter()
                .filter_map(|(c, l)| Some((c.clone(), u8::try_from(*l).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    let nav = Nav::signed_in(&viewer, "/team").await?;
    Ok(page(nav, person, form, &framework, chosen, FormErrors::default()).into_response())
}

async fn rate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(person): Path<i64>,
    CsrfForm { form: fields, .. }: CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let (form, framework) = form(&state, &viewer, person).await?;
    let pairs = framework.competencies.iter().filter_map(|c| {
        fields
            .get(c.id.as_str())
            .map(|v| (c.id.as_str(), v.as_str()))
    });
    match leap_app::rating::levels(&framework, pairs) {
        Ok(levels) => {
            leap_app::rating::rate(
                &*state.store,
                Reader::from(&viewer.account),
                PersonId(person),
                &levels,
                state.today(),
            )
            .await?;
            Ok(Redirect::to("/team").into_response())
        }
        Err(leap_app::AppError::Invalid(e)) => {
            let chosen = framework
                .competencies
                .iter()
                .filter_map(|c| {
                    let v = fields.get(c.id.as_str())?.parse::<u8>().ok()?;
                    Some((c.id.to_string(), v))
                })
                .collect();
            let mut errors = FormErrors::default();
            errors.add("form", e.to_string());
            let nav = Nav::signed_in(&viewer, "/team").await?;
            let page = page(nav, person, form, &framework, chosen, errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
