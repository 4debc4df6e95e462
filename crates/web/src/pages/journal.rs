//! The journal pages: the evidence journal, with suggested tags and why,
//! editing and deleting entries.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leap_app::AppError;
use leap_core::evidence::EntryInput;
use leap_core::plan;
use leap_core::sharing::CommentOn;
use leap_core::Competency;
use leap_store::sharing::CommentRecord;
use leap_store::EvidenceRecord;
use serde::Deserialize;

use super::{on, FormErrors, Nav};
use crate::auth::Me;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/journal", get(journal_page).post(journal_add))
        .route("/journal/{id}/edit", get(edit_page).post(edit_submit))
        .route("/journal/{id}/delete", get(delete_page).post(delete_submit))
}

/// What was typed into a journal form, kept on errors.
#[derive(Default, Deserialize)]
struct EntryForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    competency: Vec<String>,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: String,
    /// "suggest" asks for tags without saving.
    #[serde(default)]
    action: String,
    /// "yes", "no", or empty: leap reads it from the text.
    #[serde(default)]
    names_gap: String,
}

const KINDS: [&str; 5] = [
    "experience",
    "relationship",
    "education",
    "feedback",
    "result",
];

#[derive(Template, WebTemplate)]
#[template(path = "journal.html")]
struct JournalPage {
    nav: Nav,
    entries: Vec<EvidenceRecord>,
    competencies: Vec<Competency>,
    filter: String,
    form: EntryForm,
    errors: FormErrors,
    suggested: Option<String>,
    /// Why each suggested tag was suggested, by competency id.
    why: Vec<(String, String)>,
    comments: Vec<CommentRecord>,
    /// The entry just logged reads as an interview lost: the note says
    /// to record a debrief, and the page links to where that is done.
    debrief_link: bool,
    /// The note is leap's word on the entry just logged (shown as advice,
    /// not as a confirmation).
    advice: bool,
}

impl JournalPage {
    fn why_of(&self, id: &str) -> Option<&str> {
        self.why
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, w)| w.as_str())
    }

    /// The entry's Markdown, rendered safely.
    fn md(&self, text: &str) -> String {
        leap_app::markdown::to_html(text)
    }

    fn comments_on(&self, id: &i64) -> Vec<&CommentRecord> {
        on(&self.comments, CommentOn::JournalEntry, *id)
    }

    fn chosen(&self, id: &str) -> bool {
        self.form.competency.iter().any(|c| c == id)
    }

    fn kinds(&self) -> &'static [&'static str] {
        &KINDS
    }

    fn name_of<'a, S: AsRef<str> + ?Sized>(&'a self, id: &'a S) -> &'a str {
        let id = id.as_ref();
        self.competencies
            .iter()
            .find(|c| c.id.as_str() == id)
            .map_or(id, |c| c.name.as_str())
    }
}

#[derive(Deserialize)]
struct JournalQuery {
    competency: Option<String>,
    /// An entry just logged that leap has a word about: a technical
    /// certification, an interview lost.
    logged: Option<i64>,
}

async fn render_journal(
    state: &AppState,
    me: &Me,
    filter: Option<String>,
    form: EntryForm,
    errors: FormErrors,
    suggested: Option<(String, Vec<(String, String)>)>,
) -> Result<JournalPage, WebError> {
    let (suggested, why) = match suggested {
        Some((notice, why)) => (Some(notice), why),
        None => (None, Vec::new()),
    };
    let f = &me.framework;
    let filter = filter.filter(|c| !c.is_empty());
    if let Some(c) = &filter {
        f.parse_competency("competency", c)?;
    }
    let entries = state
        .store
        .journal(me.profile.person, filter.as_deref())
        .await?;
    Ok(JournalPage {
        nav: Nav::signed_in(&me.viewer, "/journal").await?,
        entries,
        competencies: f.competencies.clone(),
        filter: filter.unwrap_or_default(),
        form,
        errors,
        suggested,
        why,
        comments: state.store.comments(me.profile.person).await?,
        debrief_link: false,
        advice: false,
    })
}

async fn journal_page(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<JournalQuery>,
) -> Result<JournalPage, WebError> {
    // leap's word about the entry just logged, under the flash that says
    // it is saved: seed 000's on a technical certification, the debrief
    // for an interview lost (the entry is read as the owner's, so
    // another's id shows nothing).
    let entry = match q.logged {
        Some(id) => state.store.evidence(me.profile.person, id).await.ok(),
        None => None,
    };
    let lost = entry
        .as_ref()
        .and_then(|e| leap_core::evidence::lost_interview_note(&e.text));
    let notice = entry.and_then(|e| {
        let target = me.framework.role(&me.profile.target_role);
        let certification =
            target.and_then(|t| plan::certification_note(&me.framework, t, &e.text));
        leap_app::journal::join_notes(certification.as_deref(), lost).map(|n| (n, Vec::new()))
    });
    let mut page = render_journal(
        &state,
        &me,
        q.competency,
        EntryForm {
            kind: String::new(),
            ..EntryForm::default()
        },
        FormErrors::default(),
        notice,
    )
    .await?;
    page.debrief_link = lost.is_some();
    page.advice = q.logged.is_some();
    Ok(page)
}

impl EntryForm {
    fn draft(&self) -> Result<EntryInput<'_>, leap_core::InvalidValue> {
        Ok(EntryInput {
            text: &self.text,
            kind: Some(self.kind.as_str()).filter(|k| !k.is_empty()),
            date: Some(self.date.as_str()),
            competencies: &self.competency,
            corrections: &[],
            names_gap: leap_core::evidence::parse_names_gap(Some(&self.names_gap))?,
        })
    }
}

async fn journal_add(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { mut form, .. }: CsrfForm<EntryForm>,
) -> Result<Response, WebError> {
    let today = state.today();
    let person = me.profile.person;
    if form.action == "suggest" {
        // Suggest tags from the text and show them, checked, to change.
        let mut errors = FormErrors::default();
        let draft = EntryInput {
            text: &form.text,
            kind: Some(form.kind.as_str()).filter(|k| !k.is_empty()),
            ..EntryInput::default()
        };
        let suggested = match leap_app::journal::parse(
            &*state.store,
            person,
            &me.framework,
            draft,
            today,
        )
        .await
        {
            Ok(e) if e.competencies.is_empty() => Some((
                "No competency recognised in the text: tick the ones it shows.".to_owned(),
                Vec::new(),
            )),
            Ok(e) => {
                form.competency = e.competencies.iter().map(|c| c.to_string()).collect();
                let gap = if e.names_gap {
                    " leap reads it as feedback that names a gap: kept, but not counted as evidence (change that below if it is praise)."
                } else {
                    ""
                };
                Some((
                    format!("Suggested tags are ticked below, each with why: change them if they are not right, then save. leap learns from your changes.{gap}"),
                    e.suggestions
                        .iter()
                        .map(|s| (s.competency.to_string(), s.why()))
                        .collect(),
                ))
            }
            Err(AppError::Invalid(e)) => {
                errors.add(&e.field, e.to_string());
                None
            }
            Err(e) => return Err(e.into()),
        };
        return Ok(render_journal(&state, &me, None, form, errors, suggested)
            .await?
            .into_response());
    }
    let added = match form.draft() {
        Ok(draft) => {
            leap_app::journal::add(&*state.store, &me.profile, &me.framework, draft, today).await
        }
        Err(e) => Err(e.into()),
    };
    match added {
        Ok(added) => Ok(match added.note {
            Some(_) => Redirect::to(&format!("/journal?logged={}", added.id)),
            None => Redirect::to("/journal"),
        }
        .into_response()),
        Err(AppError::Invalid(e)) => {
            let mut errors = FormErrors::default();
            errors.add(&e.field, e.to_string());
            let page = render_journal(&state, &me, None, form, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "journal_edit.html")]
struct EditPage {
    nav: Nav,
    id: i64,
    competencies: Vec<Competency>,
    form: EntryForm,
    errors: FormErrors,
}

impl EditPage {
    /// Nothing is suggested on the edit page.
    fn why_of(&self, _: &str) -> Option<&str> {
        None
    }

    fn chosen(&self, id: &str) -> bool {
        self.form.competency.iter().any(|c| c == id)
    }

    fn kinds(&self) -> &'static [&'static str] {
        &KINDS
    }
}

async fn edit_page(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
) -> Result<EditPage, WebError> {
    let e = state.store.evidence(me.profile.person, id).await?;
    Ok(EditPage {
        nav: Nav::signed_in(&me.viewer, "/journal").await?,
        id,
        competencies: me.framework.competencies.clone(),
        form: EntryForm {
            text: e.text,
            competency: e.competencies.iter().map(ToString::to_string).collect(),
            kind: e.kind.to_string(),
            date: e.date.to_string(),
            action: String::new(),
            names_gap: if e.names_gap { "yes" } else { "no" }.to_owned(),
        },
        errors: FormErrors::default(),
    })
}

async fn edit_submit(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<EntryForm>,
) -> Result<Response, WebError> {
    // The entry must be this person's before anything is shown (edit
    // checks it too, before anything is parsed).
    state.store.evidence(me.profile.person, id).await?;
    let edited = match leap_core::evidence::parse_names_gap(Some(&form.names_gap)) {
        Ok(names_gap) => {
            let change = leap_app::journal::Change {
                text: Some(&form.text),
                kind: Some(&form.kind),
                date: Some(&form.date),
                tags: leap_app::journal::Retag::chosen_or_suggested(&form.competency),
                names_gap,
            };
            let today = state.today();
            leap_app::journal::edit(
                &*state.store,
                me.profile.person,
                &me.framework,
                id,
                change,
                today,
            )
            .await
        }
        Err(e) => Err(e.into()),
    };
    match edited {
        Ok(_) => Ok(Redirect::to("/journal").into_response()),
        Err(AppError::Invalid(e)) => {
            let mut errors = FormErrors::default();
            errors.add(&e.field, e.to_string());
            let page = EditPage {
                nav: Nav::signed_in(&me.viewer, "/journal").await?,
                id,
                competencies: me.framework.competencies.clone(),
                form,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "journal_delete.html")]
struct DeletePage {
    nav: Nav,
    entry: EvidenceRecord,
}

async fn delete_page(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
) -> Result<DeletePage, WebError> {
    let entry = state.store.evidence(me.profile.person, id).await?;
    Ok(DeletePage {
        nav: Nav::signed_in(&me.viewer, "/journal").await?,
        entry,
    })
}

#[derive(Deserialize)]
struct Confirm {}

async fn delete_submit(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    _form: CsrfForm<Confirm>,
) -> Result<Response, WebError> {
    leap_app::journal::delete(&*state.store, me.profile.person, id).await?;
    Ok(Redirect::to("/journal").into_response())
}
