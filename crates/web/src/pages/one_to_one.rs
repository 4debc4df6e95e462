//! One-to-ones: the list for both sides, a manager starting one with a
//! direct report, and one one-to-one with its agenda, items and notes.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_app::one_to_one::Opened;
use leap_core::one_to_one::EntryKind;
use leap_store::sharing::Reader;
use leap_store::{OneToOneRecord, PersonId, Report};
use serde::Deserialize;

use super::{given, FormErrors, Nav};
use crate::auth::Viewer;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/one-to-ones", get(list).post(start))
        .route("/one-to-ones/{id}", get(show))
        .route("/one-to-ones/{id}/entries", post(add))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct StartForm {
    person: String,
    held_on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "one_to_ones.html")]
struct ListPage {
    nav: Nav,
    meetings: Vec<OneToOneRecord>,
    /// The viewer's direct reports, to start one with.
    reports: Vec<Report>,
    username: String,
    form: StartForm,
    errors: FormErrors,
}

impl ListPage {
    fn with_whom(&self, o: &OneToOneRecord) -> String {
        if o.manager == self.username {
            o.person_name.clone()
        } else {
            format!("{} (your manager)", o.manager_name)
        }
    }
}

async fn render_list(
    state: &AppState,
    viewer: &Viewer,
    form: StartForm,
    errors: FormErrors,
) -> Result<ListPage, WebError> {
    let reports = state
        .store
        .reports(viewer.account.id)
        .await?
        .into_iter()
        .filter(|r| r.depth == 1)
        .collect();
    Ok(ListPage {
        nav: Nav::signed_in(viewer, "/one-to-ones").await?,
        meetings: state.store.one_to_ones(viewer.account.id, None).await?,
        reports,
        username: viewer.account.username.clone(),
        form,
        errors,
    })
}

async fn list(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    Ok(
        render_list(&state, &viewer, StartForm::default(), FormErrors::default())
            .await?
            .into_response(),
    )
}

async fn start(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm { form, .. }: CsrfForm<StartForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    let person = form.person.trim().parse::<i64>().ok();
    if person.is_none() {
        errors.add(
            "person",
            format!(
                "invalid person '{}': one of your direct reports",
                form.person
            ),
        );
    }
    let held_on = match given(&form.held_on) {
        None => Some(state.today()),
        Some(d) => match leap_core::evidence::parse_date("held_on", d) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.invalid(&e);
                None
            }
        },
    };
    if let (Some(person), Some(held_on), true) = (person, held_on, errors.is_empty()) {
        let id = leap_app::one_to_one::start(
            &*state.store,
            Reader::from(&viewer.account),
            PersonId(person),
            held_on,
            state.now(),
        )
        .await?;
        return Ok(Redirect::to(&format!("/one-to-ones/{id}")).into_response());
    }
    let page = render_list(&state, &viewer, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct EntryForm {
    kind: String,
    text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "one_to_one.html")]
struct MeetingPage {
    nav: Nav,
    opened: Opened,
    form: EntryForm,
    errors: FormErrors,
}

impl MeetingPage {
    fn items(&self) -> Vec<&leap_store::EntryRecord> {
        self.kind(EntryKind::Item)
    }

    fn notes(&self) -> Vec<&leap_store::EntryRecord> {
        self.kind(EntryKind::Note)
    }

    fn kind(&self, kind: EntryKind) -> Vec<&leap_store::EntryRecord> {
        self.opened
            .record
            .entries
            .iter()
            .filter(|e| e.kind == kind)
            .collect()
    }

    fn not_shared(&self) -> String {
        self.opened
            .agenda
            .not_shared
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn opened(state: &AppState, viewer: &Viewer, id: i64) -> Result<Opened, WebError> {
    crate::team::open_one_to_one(state, &viewer.account, id).await
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let opened = opened(&state, &viewer, id).await?;
    Ok(MeetingPage {
        nav: Nav::signed_in(&viewer, "/one-to-ones").await?,
        opened,
        form: EntryForm::default(),
        errors: FormErrors::default(),
    }
    .into_response())
}

async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<EntryForm>,
) -> Result<Response, WebError> {
    let kind = EntryKind::parse("kind", &form.kind);
    let done = match kind {
        Ok(kind) => {
            leap_app::one_to_one::add(
                &*state.store,
                Reader::from(&viewer.account),
                id,
                kind,
                &form.text,
                state.now(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/one-to-ones/{id}#entries-h")).into_response()),
        Err(leap_app::AppError::Invalid(e)) => {
            let mut errors = FormErrors::default();
            errors.invalid(&e);
            let page = MeetingPage {
                nav: Nav::signed_in(&viewer, "/one-to-ones").await?,
                opened: opened(&state, &viewer, id).await?,
                form,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
