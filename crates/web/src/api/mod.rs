//! The JSON API, `/api/v1/...`: the same operations and JSON shapes as the
//! command line's `--json`. Authenticated by a personal API token
//! (`Authorization: Bearer TOKEN`) or the browser session. Errors are
//! `{"error": {"code", "message", "field"}}`. The OpenAPI document at
//! `/api/openapi.json` is built from the same declarations as the routes.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

mod accounts;
mod calendar;
mod checkins;
mod contacts;
mod errors;
mod extract;
mod feedback;
mod framework;
mod journal;
mod one_to_one;
mod opportunities;
mod org;
mod plan;
mod profile;
mod readiness;
mod reports;
mod sharing;
mod succession;
mod team;

pub(crate) use errors::{as_json, Errors};
pub(crate) use sharing::parse_parts;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "leap", description = "Career moves measured against a competency framework: readiness, gaps, a development plan, evidence, 360 feedback."),
    modifiers(&Security),
    tags(
        (name = "framework", description = "The competency framework in use"),
        (name = "readiness", description = "Assessments, fit check, readiness and gaps"),
        (name = "plan", description = "The development plan"),
        (name = "journal", description = "The evidence journal"),
        (name = "feedback", description = "360 feedback requests and their results"),
        (name = "opportunities", description = "Opportunities, their stages and interview debriefs"),
        (name = "contacts", description = "Contacts, interactions and follow-ups"),
        (name = "checkins", description = "Check-ins, the agenda and calendar feeds"),
        (name = "sharing", description = "Sharing with a mentor or manager, the audit log and comments"),
        (name = "reports", description = "Progress, the promotion packet and the export of all your data"),
        (name = "team", description = "A manager's team and the rating of a direct report; your manager's rating beside yours"),
        (name = "organisation", description = "Teams, people and reporting lines, and what managers see by default (administrators only)"),
        (name = "accounts", description = "Accounts, how people sign in and the audit log of administrators' actions (administrators only)"),
        (name = "succession", description = "The roles you ask to be considered for; the succession bench for administrators and managers"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(profile::routes())
        .merge(framework::routes())
        .merge(readiness::routes())
        .merge(plan::routes())
        .merge(journal::routes())
        .merge(feedback::routes())
        .merge(opportunities::routes())
        .merge(contacts::routes())
        .merge(checkins::routes())
        .merge(calendar::routes())
        .merge(sharing::routes())
        .merge(reports::routes())
        .merge(org::routes())
        .merge(team::routes())
        .merge(succession::routes())
        .merge(one_to_one::routes())
        .merge(accounts::routes())
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;
