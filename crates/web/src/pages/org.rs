//! The organisation, for administrators: teams, people and reporting lines
//! (one at a time, or a CSV file checked whole first), the file to take
//! away, and what a person's managers see unless the person chooses
//! otherwise.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_app::org::ImportOutcome;
use leap_app::AppError;
use leap_core::sharing::{Part, Reach};
use leap_store::{MemberRecord, StoreError, TeamRecord};
use serde::Deserialize;

use super::{given, FormErrors, Nav};
use crate::auth::Admin;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/org", get(org_page))
        .route("/admin/org/teams", post(add_team))
        .route("/admin/org/teams/change", post(change_team))
        .route("/admin/org/teams/remove", post(remove_team))
        .route("/admin/org/people", post(put_person))
        .route("/admin/org/people/remove", post(remove_person))
        .route("/admin/org/import", post(import))
        .route("/admin/org/people.csv", get(export))
        .route("/admin/org/defaults", post(defaults))
        .route("/admin/org/min-group", post(min_group))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TeamForm {
    name: String,
    rename: String,
    parent: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PersonForm {
    email: String,
    name: String,
    team: String,
    manager: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ImportForm {
    file: String,
    /// "check" for a dry run, "import" to write.
    action: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "org.html")]
struct OrgPage {
    nav: Nav,
    teams: Vec<TeamRecord>,
    members: Vec<MemberRecord>,
    /// Each part with who sees it by default.
    defaults: Vec<(Part, Reach)>,
    min_group: usize,
    team: TeamForm,
    person: PersonForm,
    import: ImportForm,
    outcome: Option<ImportOutcome>,
    problems: Vec<String>,
    errors: FormErrors,
}

impl OrgPage {
    fn reaches(&self) -> [(Reach, &'static str); 3] {
        [
            (Reach::Nobody, "Nobody"),
            (Reach::Manager, "Their manager"),
            (Reach::Line, "Their manager and every manager above"),
        ]
    }

    fn part_label(&self, part: &Part) -> &'static str {
        match part {
            Part::Plan => "Plan (items, progress and check-ins)",
            Part::Journal => "Journal (evidence)",
            Part::Assessments => "Assessments (levels and readiness)",
            Part::Feedback => "Feedback results (only what the person sees)",
        }
    }
}

#[derive(Default)]
struct Forms {
    team: TeamForm,
    person: PersonForm,
    import: ImportForm,
    outcome: Option<ImportOutcome>,
    problems: Vec<String>,
    errors: FormErrors,
}

async fn render(state: &AppState, admin: &Admin, forms: Forms) -> Result<OrgPage, WebError> {
    let set = state.store.line_defaults().await?;
    let defaults = Part::VALUES
        .iter()
        .copied()
        .map(|p| {
            let r = set
                .iter()
                .find(|(q, _)| *q == p)
                .map_or(Reach::Nobody, |(_, r)| *r);
            (p, r)
        })
        .collect();
    Ok(OrgPage {
        nav: Nav::signed_in(&admin.0, "/admin/org").await?,
        teams: state.store.teams().await?,
        members: state.store.members().await?,
        defaults,
        min_group: state.store.min_group().await?,
        team: forms.team,
        person: forms.person,
        import: forms.import,
        outcome: forms.outcome,
        problems: forms.problems,
        errors: forms.errors,
    })
}

async fn org_page(State(state): State<AppState>, admin: Admin) -> Result<Response, WebError> {
    Ok(render(&state, &admin, Forms::default())
        .await?
        .into_response())
}

/// The page again with the form's error, or the error page for a failure.
async fn refused(
    state: &AppState,
    admin: &Admin,
    mut forms: Forms,
    field: &str,
    e: AppError,
) -> Result<Response, WebError> {
    let status = match &e {
        AppError::Store(StoreError::Conflict(_)) => StatusCode::CONFLICT,
        AppError::Store(StoreError::NotFound { .. }) => StatusCode::NOT_FOUND,
        AppError::Invalid(_) | AppError::File(_) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => return Err(e.into()),
    };
    match e {
        AppError::Invalid(v) => forms.errors.invalid(&v),
        AppError::Store(StoreError::NotFound { what, id }) => {
            forms.errors.add(field, format!("no {what} '{id}'"));
        }
        e => forms.errors.add(field, e.to_string()),
    }
    let page = render(state, admin, forms).await?;
    Ok((status, page).into_response())
}

async fn add_team(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<TeamForm>,
) -> Result<Response, WebError> {
    match leap_app::org::add_team(&*state.store, &form.name, given(&form.parent)).await {
        Ok(()) => Ok(Redirect::to("/admin/org#teams-h").into_response()),
        Err(e) => {
            let forms = Forms {
                team: form,
                ..Forms::default()
            };
            refused(&state, &admin, forms, "team_name", e).await
        }
    }
}

async fn change_team(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<TeamForm>,
) -> Result<Response, WebError> {
    let done = leap_app::org::change_team(
        &*state.store,
        &form.name,
        given(&form.rename),
        given(&form.parent),
    )
    .await;
    match done {
        Ok(()) => Ok(Redirect::to("/admin/org#teams-h").into_response()),
        Err(e) => refused(&state, &admin, Forms::default(), "change_team", e).await,
    }
}

async fn remove_team(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<TeamForm>,
) -> Result<Response, WebError> {
    match leap_app::org::remove_team(&*state.store, &form.name).await {
        Ok(()) => Ok(Redirect::to("/admin/org#teams-h").into_response()),
        Err(e) => refused(&state, &admin, Forms::default(), "remove_team", e).await,
    }
}

async fn put_person(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<PersonForm>,
) -> Result<Response, WebError> {
    let member = leap_app::org::member(
        &form.email,
        &form.name,
        given(&form.team),
        given(&form.manager),
    );
    let done = match member {
        Ok(m) => leap_app::org::put_member(&*state.store, &m).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => Ok(Redirect::to("/admin/org#people-h").into_response()),
        Err(e) => {
            let forms = Forms {
                person: form,
                ..Forms::default()
            };
            refused(&state, &admin, forms, "person", e).await
        }
    }
}

async fn remove_person(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<PersonForm>,
) -> Result<Response, WebError> {
    match leap_app::org::remove_member(&*state.store, &form.email).await {
        Ok(()) => Ok(Redirect::to("/admin/org#people-h").into_response()),
        Err(e) => refused(&state, &admin, Forms::default(), "person", e).await,
    }
}

async fn import(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<ImportForm>,
) -> Result<Response, WebError> {
    let dry_run = form.action != "import";
    let done = leap_app::org::import(&*state.store, "the file", &form.file, dry_run).await;
    match done {
        Ok(outcome) => {
            let forms = Forms {
                // A checked file stays to be imported; an imported one goes.
                import: if dry_run { form } else { ImportForm::default() },
                outcome: Some(outcome),
                ..Forms::default()
            };
            Ok(render(&state, &admin, forms).await?.into_response())
        }
        Err(AppError::File(f)) => {
            let problems = f
                .problems
                .iter()
                .map(|p| format!("Line {}, {}", p.line, p.message))
                .collect();
            let mut forms = Forms {
                import: form,
                problems,
                ..Forms::default()
            };
            forms.errors.add(
                "file",
                format!(
                    "{} problem(s) in the file, listed below: nothing was changed",
                    f.problems.len()
                ),
            );
            let page = render(&state, &admin, forms).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => {
            let forms = Forms {
                import: form,
                ..Forms::default()
            };
            refused(&state, &admin, forms, "file", e).await
        }
    }
}

async fn export(State(state): State<AppState>, _admin: Admin) -> Result<Response, WebError> {
    let text = leap_app::org::export(&*state.store).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"people.csv\"",
            ),
        ],
        text,
    )
        .into_response())
}

async fn min_group(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let n = form.get("min_group").map_or("", String::as_str);
    match leap_app::org::set_min_group(&*state.store, n).await {
        Ok(_) => Ok(Redirect::to("/admin/org#defaults-h").into_response()),
        Err(e) => refused(&state, &admin, Forms::default(), "min_group", e).await,
    }
}

async fn defaults(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    // Everything is checked before anything is saved.
    let mut chosen = Vec::new();
    for &part in Part::VALUES {
        let p = part.as_str();
        let value = form.get(p).map_or("nobody", String::as_str);
        match Reach::parse(p, value) {
            Ok(r) => chosen.push((part, r)),
            Err(e) => return refused(&state, &admin, Forms::default(), p, e.into()).await,
        }
    }
    for (part, reach) in chosen {
        leap_app::org::set_line_default(&*state.store, part, Some(reach)).await?;
    }
    Ok(Redirect::to("/admin/org#defaults-h").into_response())
}
