//! A confirmation after every action: when a form's POST succeeds and
//! redirects, a sentence saying what was done is kept in the session and
//! shown once, on the page the browser lands on.

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

const KEY: &str = "flash";

/// What each form did, by its route; forms that show their own page (the
/// fit result, a token or feed shown once, an account deleted) have none.
fn said(route: &str) -> Option<&'static str> {
    Some(match route {
        "/setup" => "Your account is ready.",
        "/login" => "Signed in.",
        "/logout" => "Signed out.",
        "/welcome" | "/welcome/framework" => "Your profile is set up.",
        "/assess" => "Self-assessment saved: your readiness and gaps are below.",
        "/plan/generate" => "Plan regenerated; finished items are kept.",
        "/plan/add" => "Added to your plan.",
        "/plan/{id}/done" => "Marked done: it counts as evidence now.",
        "/plan/{id}/drop" => "Dropped from your plan; its action is not proposed again.",
        "/journal" => "Saved to your journal.",
        "/journal/{id}/edit" => "Journal entry saved.",
        "/journal/{id}/delete" => "Journal entry deleted.",
        "/feedback/{id}/close" => "Feedback request closed: the results can be shown.",
        "/feedback/{id}/minimums" => "Minimum answers saved.",
        "/opportunities" => "Opportunity added.",
        "/opportunities/{id}/move" => "Opportunity moved.",
        "/opportunities/{id}/debrief" => "Debrief saved.",
        "/contacts" => "Contact added.",
        "/contacts/{id}/touch" => "Interaction saved.",
        "/checkins" => "Check-in saved.",
        "/checkins/every" => "Check-in schedule saved.",
        "/settings/profile" => "Profile saved.",
        "/settings/framework" | "/settings/framework/roles" => "Framework switched.",
        "/settings/tokens/{id}/revoke" => "Token revoked.",
        "/sharing" => "Shared: they can read it now.",
        "/sharing/{id}/revoke" => "Sharing stopped: they can no longer read it.",
        "/sharing/calendar/{id}/revoke" => "Calendar feed revoked.",
        "/shared/{person}/comments" => "Comment left.",
        "/one-to-ones" => "One-to-one started: add what you want to talk about.",
        "/one-to-ones/{id}/entries" => "Added: only the two of you see it.",
        "/team/{person}/rating" => "Rating saved: they see it beside their own.",
        "/sharing/line" => "Saved: your managers see what you chose.",
        "/admin/accounts/disable" => {
            "Account disabled: signed out everywhere, its API tokens refused."
        }
        "/admin/accounts/enable" => "Account enabled: it can sign in again.",
        "/admin/accounts/make-admin" => "They are an administrator now.",
        "/admin/accounts/remove-admin" => "They are no longer an administrator.",
        "/admin/accounts/delete" => "Account and all of its data deleted.",
        "/admin/accounts/sign-in" => "Saved: how people sign in.",
        "/admin/org/teams" => "Team added.",
        "/admin/org/teams/change" => "Team changed.",
        "/admin/org/teams/remove" => "Team removed.",
        "/admin/org/people" => "Person saved.",
        "/admin/org/people/remove" => {
            "Person removed from the organisation; their account and data stay."
        }
        "/admin/org/min-group" => "Saved: the team view shows figures only over groups this large.",
        "/admin/org/defaults" => {
            "Defaults saved: they hold for everyone who has not chosen otherwise."
        }
        _ => return None,
    })
}

/// Keeps the confirmation of a form that succeeded and redirected.
pub async fn after_action(req: Request, next: Next) -> Response {
    let message = (req.method() == Method::POST)
        .then(|| req.extensions().get::<MatchedPath>())
        .flatten()
        .and_then(|p| said(p.as_str()));
    let session = req.extensions().get::<Session>().cloned();
    let res = next.run(req).await;
    if let (Some(message), Some(session)) = (message, session) {
        if res.status().is_redirection() {
            // A confirmation that cannot be kept is only a confirmation lost.
            if let Err(e) = session.insert(KEY, message).await {
                tracing::warn!(error = %e, "could not keep a confirmation");
            }
        }
    }
    res
}

/// The confirmation waiting for this page, taken so that it shows once.
/// Removed only when there is one: a removal marks the session changed,
/// and a changed session is written back (a database write, and on SQLite
/// a sync to disk, on every page a signed-in person opens).
pub async fn take(session: &Session) -> Option<String> {
    session.get::<String>(KEY).await.ok().flatten()?;
    session.remove::<String>(KEY).await.ok().flatten()
}
