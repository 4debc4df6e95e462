//! Reports: progress over time with the measures of success, and the
//! promotion packet.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leap_core::packet::{Format, Packet};
use leap_core::progress::Progress;
use leap_core::{InvalidValue, Role};
use serde::Deserialize;

use super::Nav;
use crate::auth::Me;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/progress", get(progress))
        .route("/packet", get(packet_page))
        .route("/packet/download", get(packet_download))
}

#[derive(Template, WebTemplate)]
#[template(path = "progress.html")]
struct ProgressPage {
    nav: Nav,
    p: Progress,
    chart: Option<String>,
    levels_chart: Option<String>,
    done_chart: Option<String>,
}

impl ProgressPage {
    fn trail(&self, levels: &[leap_core::progress::LevelPoint]) -> String {
        levels
            .iter()
            .map(|l| l.level.to_string())
            .collect::<Vec<_>>()
            .join(" → ")
    }

    fn level(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "not shown".to_owned(), |v| format!("{v:.1}"))
    }
}

async fn progress(State(state): State<AppState>, me: Me) -> Result<ProgressPage, WebError> {
    let p = leap_app::progress::progress(&*state.store, &me.profile, &me.framework, state.today())
        .await?;
    let points: Vec<(String, u32)> = p
        .readiness
        .iter()
        .map(|r| (r.date.to_string(), r.percent))
        .collect();
    let chart = if points.len() >= 2 {
        Some(crate::charts::trend(&points)?)
    } else {
        None
    };
    let levels_chart = crate::charts::levels(&p.competencies, me.framework.scale.max)?;
    let done_chart = crate::charts::done_per_month(&p.done_per_month)?;
    Ok(ProgressPage {
        nav: Nav::signed_in(&me.viewer, "/progress").await?,
        p,
        chart,
        levels_chart,
        done_chart,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "packet.html")]
struct PacketPage {
    nav: Nav,
    roles: Vec<Role>,
    target: String,
    packet: Option<Packet>,
}

impl PacketPage {
    fn md(&self, text: &str) -> String {
        leap_app::markdown::to_html(text)
    }
}

#[derive(Deserialize)]
struct PacketQuery {
    target: Option<String>,
    format: Option<String>,
}

/// The packet toward `target` (the profile's target by default); a 422
/// naming the field for an unknown role.
async fn build_packet(
    state: &AppState,
    me: &Me,
    target: Option<&str>,
) -> Result<(String, Option<Packet>), WebError> {
    let f = &me.framework;
    let target = target.unwrap_or(&me.profile.target_role);
    let role = f
        .parse_role("target", target)
        .map_err(|e| WebError::invalid("target", e.to_string()))?;
    let packet = leap_app::if_assessed(
        leap_app::packet::packet(&*state.store, &me.profile, f, role, state.today()).await,
    )?;
    Ok((role.id.as_str().to_owned(), packet))
}

async fn packet_page(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<PacketQuery>,
) -> Result<PacketPage, WebError> {
    let (target, packet) = build_packet(&state, &me, q.target.as_deref()).await?;
    Ok(PacketPage {
        nav: Nav::signed_in(&me.viewer, "/packet").await?,
        roles: me.framework.roles.clone(),
        target,
        packet,
    })
}

async fn packet_download(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<PacketQuery>,
) -> Result<Response, WebError> {
    let given = q.format.as_deref().unwrap_or("pdf");
    // Listed as the download form lists them, its default (PDF) first.
    let format = Format::parse("format", given).map_err(|_| {
        WebError::invalid(
            "format",
            InvalidValue::one_of("format", given, ["pdf", "html", "md"]).to_string(),
        )
    })?;
    let (target, packet) = build_packet(&state, &me, q.target.as_deref()).await?;
    let Some(p) = packet else {
        return Err(leap_app::AppError::NoSelfAssessment.into());
    };
    let (body, mime) = leap_app::packet::render(&p, format)?;
    let name = format!("leap-packet-{target}-{}.{}", state.today(), format.as_str());
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}
