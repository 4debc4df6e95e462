//! The dashboard: readiness and band with the explanation, the radar chart,
//! top gaps, what is due this week, recent evidence, readiness over time.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::routing::get;
use axum::Router;
use leap_core::agenda;
use leap_core::assessment::Levels;
use leap_core::readiness::Readiness;
use leap_store::EvidenceRecord;

use super::Nav;
use crate::auth::Me;
use crate::charts;
use crate::error::WebError;
use crate::state::{AppState, Packed};

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(dashboard))
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
struct Dashboard {
    nav: Nav,
    /// The content, rendered or unpacked from the kept copy.
    content: String,
}

/// The dashboard's content is rendered when it is derived and kept, packed,
/// per person (see [`crate::state::PersonCache`]): a request then renders
/// only the layout around it (the menu, the sign-out form's token, a
/// message).
#[derive(Template)]
#[template(path = "dashboard_content.html")]
struct Content<'a> {
    name: &'a str,
    current_name: &'a str,
    target_name: &'a str,
    /// The top of the framework's scale, for the levels on a phone.
    scale_max: u8,
    readiness: Option<Readiness>,
    radar: String,
    trend: Option<String>,
    /// What is overdue or due in the next seven days: plan items,
    /// follow-ups, next steps, the check-in, open feedback requests.
    week: Vec<agenda::Item>,
    recent: Vec<EvidenceRecord>,
}

impl Content<'_> {
    fn percent(&self) -> u32 {
        self.readiness.as_ref().map_or(0, Readiness::percent)
    }
}

async fn dashboard(State(state): State<AppState>, me: Me) -> Result<Dashboard, WebError> {
    let today = state.today();
    let person = me.profile.person.0;
    let content = match state.dashboards.get(&person, &me.profile, today) {
        Some(kept) => String::from_utf8(kept.unpack()?)
            .map_err(|e| WebError::internal(format!("a kept dashboard is not text: {e}")))?,
        None => {
            let content = derive(&state, &me, today).await?;
            state.dashboards.put(
                person,
                &me.profile,
                today,
                Arc::new(Packed::pack(content.as_bytes())),
            );
            content
        }
    };
    Ok(Dashboard {
        nav: Nav::signed_in(&me.viewer, "/").await?,
        content,
    })
}

/// Derives and renders the content. Only here is the target role read: a
/// kept dashboard was derived for the same revision of the profile and the
/// same framework, so its role was valid then and is now.
async fn derive(state: &AppState, me: &Me, today: chrono::NaiveDate) -> Result<String, WebError> {
    let f = &me.framework;
    let role = f.parse_role("target", &me.profile.target_role)?;
    let person = me.profile.person;
    // One read of the assessments serves readiness now and over time.
    let assessments = state.store.assessments(person).await?;
    let levels = assessments
        .iter()
        .rev()
        .find(|a| a.source == leap_core::assessment::Source::SelfRating)
        .map(|a| Levels::from_stored(f, a.levels.clone()));
    // Now: as `gap` and `status` judge it, with visible 360 feedback.
    let readiness = match &levels {
        Some(levels) => Some(
            leap_app::readiness::Judged::read(&*state.store, person, f, levels, today)
                .await?
                .readiness(f, role, levels, f.role(&me.profile.current_role)),
        ),
        None => None,
    };
    let radar = match &readiness {
        Some(r) => charts::radar(r, f.scale.max)?,
        None => String::new(),
    };
    // The same points as the Progress page.
    let history: Vec<(String, u32)> = leap_app::progress::readiness_over_time(
        &*state.store,
        person,
        f,
        role,
        &assessments,
        readiness.as_ref(),
        today,
    )
    .await?
    .into_iter()
    .map(|p| (p.date.to_string(), p.percent))
    .collect();
    let trend = if history.len() >= 2 {
        Some(charts::trend(&history)?)
    } else {
        None
    };
    let sources = leap_app::agenda::agenda_sources(&*state.store, person, today).await?;
    let week = agenda::this_week(&sources, today);
    let recent = state.store.recent_evidence(person, 5).await?;
    let current_name = f
        .role(&me.profile.current_role)
        .map_or(me.profile.current_role.as_str(), |r| r.name.as_str());
    let content = Content {
        name: &me.profile.name,
        current_name,
        target_name: &role.name,
        scale_max: f.scale.max,
        readiness,
        radar,
        trend,
        week,
        recent,
    };
    content
        .render()
        .map_err(|e| WebError::internal(format!("the dashboard did not render: {e}")))
}
