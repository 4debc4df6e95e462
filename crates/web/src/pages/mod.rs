//! Server-rendered pages. Every page works without JavaScript; every form
//! posts with a CSRF token, shows errors next to the field and keeps what
//! the user typed.

mod account;
mod accounts;
mod checkins;
mod contacts;
mod dashboard;
mod feedback;
mod framework;
mod journal;
mod one_to_one;
mod opportunities;
mod org;
mod plan;
mod readiness;
mod reports;
mod settings;
mod sharing;
mod sso;
mod succession;
mod team;

use std::collections::BTreeMap;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tower_sessions::Session;

use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/leap.css", get(stylesheet))
        .merge(account::routes())
        .merge(sso::routes())
        .merge(accounts::routes())
        .merge(dashboard::routes())
        .merge(readiness::routes())
        .merge(plan::routes())
        .merge(journal::routes())
        .merge(feedback::routes())
        .merge(opportunities::routes())
        .merge(contacts::routes())
        .merge(checkins::routes())
        .merge(sharing::routes())
        .merge(org::routes())
        .merge(team::routes())
        .merge(succession::routes())
        .merge(one_to_one::routes())
        .merge(framework::routes())
        .merge(settings::routes())
        .merge(reports::routes())
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/leap.css"),
    )
}

/// What the layout needs: who is signed in, the CSRF token for the forms,
/// and which section is open.
pub struct Nav {
    pub signed_in: bool,
    pub username: String,
    pub csrf: String,
    pub current: &'static str,
    /// What the last form did, shown once (see [`crate::flash`]).
    pub flash: Option<String>,
    /// An administrator also sees the organisation's pages.
    pub admin: bool,
    /// A manager also sees their team.
    pub manager: bool,
}

const LINKS: [(&str, &str); 15] = [
    ("/", "Dashboard"),
    ("/fit", "Fit check"),
    ("/assess", "Assess"),
    ("/gaps", "Gaps"),
    ("/plan", "Plan"),
    ("/journal", "Journal"),
    ("/feedback", "Feedback"),
    ("/opportunities", "Opportunities"),
    ("/contacts", "Contacts"),
    ("/checkins", "Check-ins"),
    ("/progress", "Progress"),
    ("/packet", "Packet"),
    ("/sharing", "Sharing"),
    ("/framework", "Framework"),
    ("/settings", "Settings"),
];

impl Nav {
    pub async fn anonymous(session: &Session) -> Result<Self, WebError> {
        Ok(Self {
            signed_in: false,
            username: String::new(),
            csrf: crate::csrf::token(session).await?,
            current: "",
            flash: crate::flash::take(session).await,
            admin: false,
            manager: false,
        })
    }

    pub async fn signed_in(
        viewer: &crate::auth::Viewer,
        current: &'static str,
    ) -> Result<Self, WebError> {
        Ok(Self {
            signed_in: true,
            username: viewer.account.username.clone(),
            csrf: crate::csrf::token(&viewer.session).await?,
            current,
            flash: crate::flash::take(&viewer.session).await,
            admin: viewer.account.is_admin,
            manager: viewer.manages,
        })
    }

    pub fn links(&self) -> Vec<(&'static str, &'static str)> {
        let mut links = LINKS.to_vec();
        if self.manager {
            links.push(("/team", "Team"));
        }
        if self.manager || self.admin {
            links.push(("/bench", "Bench"));
        }
        if self.admin {
            links.push(("/admin/org", "Organisation"));
            links.push(("/admin/accounts", "Accounts"));
        }
        links
    }
}

/// A form field as typed: trimmed, and empty is none.
pub fn given(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// Errors of a form, by field name (`form` for the form as a whole).
#[derive(Default)]
pub struct FormErrors(BTreeMap<String, String>);

impl FormErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An invalid value, under its form field (`next-step-on` is the form's
    /// `next_step_on`).
    pub fn invalid(&mut self, e: &leap_core::InvalidValue) {
        let field = e.field.replace('-', "_");
        let field = field.split(' ').next().unwrap_or("form").to_owned();
        self.add(&field, e.to_string());
    }
}

/// The comments on one plan item or journal entry, oldest first.
fn on(
    comments: &[leap_store::sharing::CommentRecord],
    what: leap_core::sharing::CommentOn,
    id: i64,
) -> Vec<&leap_store::sharing::CommentRecord> {
    comments
        .iter()
        .filter(|c| c.on == what && c.target == id)
        .collect()
}
