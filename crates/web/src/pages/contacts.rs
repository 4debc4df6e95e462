//! The contacts pages: people you keep in touch with, their interactions
//! and follow-ups, and the networking count.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_core::contact::{self, Contact, ContactInput, Networking, NewInteraction};
use leap_store::ContactRecord;
use serde::Deserialize;

use super::{given, FormErrors, Nav};
use crate::auth::Me;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/contacts", get(contacts).post(add_contact))
        .route("/contacts/{id}", get(contact_page))
        .route("/contacts/{id}/touch", post(touch))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ContactForm {
    name: String,
    job_title: String,
    organisation: String,
    relationship: String,
    reach: String,
    notes: String,
    cadence_days: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts.html")]
struct ContactsPage {
    nav: Nav,
    contacts: Vec<(ContactRecord, bool)>,
    networking: Networking,
    /// Interactions per week as bars; none before the first interaction.
    weekly_chart: Option<String>,
    relationships: &'static [&'static str],
    form: ContactForm,
    errors: FormErrors,
}

async fn render_contacts(
    state: &AppState,
    me: &Me,
    form: ContactForm,
    errors: FormErrors,
) -> Result<ContactsPage, WebError> {
    let person = me.profile.person;
    let today = state.today();
    let all = state.store.contacts(person).await?;
    let dates = leap_app::contact::networking_dates(&*state.store, person, today).await?;
    let view = leap_app::json::ContactsView::new(&all, &dates, today);
    let weekly_chart = crate::charts::interactions_per_week(&view.networking.weeks)?;
    Ok(ContactsPage {
        nav: Nav::signed_in(&me.viewer, "/contacts").await?,
        contacts: view
            .contacts
            .iter()
            .map(|c| (c.contact.clone(), c.follow_up_due))
            .collect(),
        networking: view.networking,
        weekly_chart,
        relationships: contact::Relationship::ALL,
        form,
        errors,
    })
}

async fn contacts(State(state): State<AppState>, me: Me) -> Result<Response, WebError> {
    let form = ContactForm {
        relationship: "co-manager".to_owned(),
        cadence_days: contact::DEFAULT_CADENCE_DAYS.to_string(),
        ..Default::default()
    };
    Ok(render_contacts(&state, &me, form, FormErrors::default())
        .await?
        .into_response())
}

async fn add_contact(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<ContactForm>,
) -> Result<Response, WebError> {
    let parsed = Contact::parse(ContactInput {
        name: &form.name,
        job_title: given(&form.job_title),
        organisation: given(&form.organisation),
        relationship: given(&form.relationship),
        reach: given(&form.reach),
        notes: given(&form.notes),
        cadence_days: given(&form.cadence_days),
    });
    match parsed {
        Ok(new) => {
            let id = state
                .store
                .add_contact(me.profile.person, &new, state.today())
                .await?;
            Ok(Redirect::to(&format!("/contacts/{id}")).into_response())
        }
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.invalid(&e);
            let page = render_contacts(&state, &me, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TouchForm {
    date: String,
    kind: String,
    note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "contact.html")]
struct ContactPage {
    nav: Nav,
    c: ContactRecord,
    due: bool,
    kinds: &'static [&'static str],
    form: TouchForm,
    errors: FormErrors,
}

async fn render_contact(
    state: &AppState,
    me: &Me,
    id: i64,
    form: TouchForm,
    errors: FormErrors,
) -> Result<ContactPage, WebError> {
    let c = state.store.contact(me.profile.person, id).await?;
    Ok(ContactPage {
        nav: Nav::signed_in(&me.viewer, "/contacts").await?,
        due: c.follow_up_on() <= state.today(),
        c,
        kinds: contact::InteractionKind::ALL,
        form,
        errors,
    })
}

async fn contact_page(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let form = TouchForm {
        kind: "message".to_owned(),
        ..Default::default()
    };
    Ok(render_contact(&state, &me, id, form, FormErrors::default())
        .await?
        .into_response())
}

async fn touch(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<TouchForm>,
) -> Result<Response, WebError> {
    match NewInteraction::parse(
        given(&form.date),
        given(&form.kind),
        given(&form.note),
        state.today(),
    ) {
        Ok(new) => {
            state
                .store
                .add_interaction(me.profile.person, id, &new)
                .await?;
            Ok(Redirect::to(&format!("/contacts/{id}")).into_response())
        }
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.invalid(&e);
            let page = render_contact(&state, &me, id, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
