//! Sharing: what you share with a mentor or manager, who read it, your
//! calendar feeds; and, for the mentor, what others share with them (read
//! only, with comments on plan items and journal entries).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_core::sharing::{self, CommentOn, Part, Reach};
use leap_store::sharing::{AuditRecord, CommentRecord, Reader, ShareRecord, SharedWithMe};
use leap_store::CalendarFeedRecord;
use leap_store::StoreError;
use serde::Deserialize;

use super::{FormErrors, Nav};
use crate::auth::{Me, Viewer};
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::shared::{self as shared_data, Data, Shared};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sharing", get(sharing_page).post(add_share))
        .route("/sharing/{id}/revoke", post(revoke))
        .route("/sharing/line", post(line))
        .route("/sharing/succession", post(succession))
        .route("/sharing/calendar", post(create_feed))
        .route("/sharing/calendar/{id}/revoke", post(revoke_feed))
        .route("/shared", get(shared_list))
        .route("/shared/{person}/{part}", get(shared_part))
        .route("/shared/{person}/comments", post(comment))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ShareForm {
    username: String,
    part: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "sharing.html")]
struct SharingPage {
    nav: Nav,
    shares: Vec<ShareRecord>,
    audit: Vec<AuditRecord>,
    feeds: Vec<CalendarFeedRecord>,
    /// A feed's address, shown once, right after it is made.
    new_feed: Option<String>,
    parts: &'static [&'static str],
    form: ShareForm,
    errors: FormErrors,
    /// The person's managers and what they see.
    line: leap_app::org::Line,
    /// The management roles they may ask to be considered for.
    succession: Vec<leap_app::succession::RoleChoice>,
}

impl SharingPage {
    fn reaches(&self) -> [(Reach, &'static str); 3] {
        [
            (Reach::Nobody, "Nobody"),
            (Reach::Manager, "My manager"),
            (Reach::Line, "My manager and the managers above"),
        ]
    }

    fn default_label(&self, reach: &Option<Reach>) -> &'static str {
        match reach.unwrap_or(Reach::Nobody) {
            Reach::Nobody => "The organisation's default: nobody",
            Reach::Manager => "The organisation's default: my manager",
            Reach::Line => "The organisation's default: my manager and those above",
        }
    }

    fn chosen(&self, part: &str) -> bool {
        self.form.part.iter().any(|p| p == part)
    }
}

async fn render(
    state: &AppState,
    me: &Me,
    form: ShareForm,
    errors: FormErrors,
    new_feed: Option<String>,
) -> Result<SharingPage, WebError> {
    let person = me.profile.person;
    Ok(SharingPage {
        nav: Nav::signed_in(&me.viewer, "/sharing").await?,
        shares: state.store.shares(person).await?,
        audit: state.store.audit_log(person, 100).await?,
        feeds: state.store.calendar_feeds(person).await?,
        new_feed,
        parts: Part::ALL,
        form,
        errors,
        line: leap_app::org::line(&*state.store, person).await?,
        succession: leap_app::succession::choices(&*state.store, person, &me.framework).await?,
    })
}

async fn sharing_page(State(state): State<AppState>, me: Me) -> Result<Response, WebError> {
    Ok(render(
        &state,
        &me,
        ShareForm::default(),
        FormErrors::default(),
        None,
    )
    .await?
    .into_response())
}

async fn add_share(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<ShareForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    let username = form.username.trim().to_owned();
    if username.is_empty() {
        errors.add(
            "username",
            "invalid username '': the name of the account to share with",
        );
    }
    let parts = match crate::api::parse_parts(&form.part) {
        Ok(p) => p,
        Err(e) => {
            errors.add("part", e.to_string());
            Vec::new()
        }
    };
    if errors.is_empty() {
        for part in parts {
            match state
                .store
                .share(me.profile.person, &username, part, state.now())
                .await
            {
                Ok(_) => {}
                Err(StoreError::NotFound { .. }) => {
                    errors.add(
                        "username",
                        format!("invalid username '{username}': no other account has this name"),
                    );
                    break;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    if errors.is_empty() {
        return Ok(Redirect::to("/sharing").into_response());
    }
    let page = render(&state, &me, form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The person's choice, part by part, of who in their reporting line sees
/// it: empty follows the organisation's default.
async fn line(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let mut chosen = Vec::new();
    for &part in Part::VALUES {
        let p = part.as_str();
        let reach = match form.get(p).map(String::as_str).unwrap_or("") {
            "" => None,
            value => {
                let parsed = Reach::parse(&format!("line-{p}"), value);
                match parsed {
                    Ok(r) => Some(r),
                    Err(e) => {
                        let mut errors = FormErrors::default();
                        errors.add(&format!("line-{p}"), e.to_string());
                        let page = render(&state, &me, ShareForm::default(), errors, None).await?;
                        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
                    }
                }
            }
        };
        chosen.push((part, reach));
    }
    for (part, reach) in chosen {
        leap_app::org::set_line_sharing(&*state.store, me.profile.person, part, reach).await?;
    }
    Ok(Redirect::to("/sharing#line-h").into_response())
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SuccessionForm {
    role: Vec<String>,
}

/// The management roles the person asks to be considered for; none
/// ticked withdraws from every bench.
async fn succession(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<SuccessionForm>,
) -> Result<Response, WebError> {
    match leap_app::succession::consider(
        &*state.store,
        me.profile.person,
        &me.framework,
        &form.role,
        state.today(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/sharing#succession-h").into_response()),
        Err(leap_app::AppError::Invalid(e)) => {
            let mut errors = FormErrors::default();
            errors.add("role", e.to_string());
            let page = render(&state, &me, ShareForm::default(), errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { .. }: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, WebError> {
    state.store.revoke_share(me.profile.person, id).await?;
    Ok(Redirect::to("/sharing").into_response())
}

async fn create_feed(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { .. }: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, WebError> {
    let (_, url) = crate::calendar::create_feed(&state, me.profile.person).await?;
    let page = render(
        &state,
        &me,
        ShareForm::default(),
        FormErrors::default(),
        Some(url),
    )
    .await?;
    Ok((StatusCode::CREATED, page).into_response())
}

async fn revoke_feed(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    CsrfForm { .. }: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, WebError> {
    state
        .store
        .revoke_calendar_feed(me.profile.person, id)
        .await?;
    Ok(Redirect::to("/sharing").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "shared_list.html")]
struct SharedListPage {
    nav: Nav,
    people: Vec<SharedWithMe>,
}

async fn shared_list(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let people = state.store.shared_with_me(viewer.account.id).await?;
    Ok(SharedListPage {
        nav: Nav::signed_in(&viewer, "/sharing").await?,
        people,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "shared_part.html")]
struct SharedPartPage {
    nav: Nav,
    shared: Shared,
    today: chrono::NaiveDate,
    errors: FormErrors,
}

impl SharedPartPage {
    /// An entry's Markdown, rendered safely.
    fn md(&self, text: &str) -> String {
        leap_app::markdown::to_html(text)
    }
}

impl SharedPartPage {
    fn comments_on(&self, id: &i64) -> Vec<&CommentRecord> {
        self.shared
            .comments
            .iter()
            .filter(|c| c.target == *id && c.on.part() == self.shared.part)
            .collect()
    }

    fn name_of<'a, S: AsRef<str> + ?Sized>(&'a self, id: &'a S) -> &'a str {
        self.shared.framework.competency_name(id.as_ref())
    }
}

async fn shared_part(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((person, part)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let part = shared_data::part(&part)?;
    let shared = shared_data::open(&state, &viewer.account, person, part).await?;
    Ok(SharedPartPage {
        nav: Nav::signed_in(&viewer, "/sharing").await?,
        shared,
        today: state.today(),
        errors: FormErrors::default(),
    }
    .into_response())
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CommentForm {
    on: String,
    id: i64,
    text: String,
}

async fn comment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(person): Path<i64>,
    CsrfForm { form, .. }: CsrfForm<CommentForm>,
) -> Result<Response, WebError> {
    let on = CommentOn::parse("on", &form.on).map_err(|_| WebError::not_found("shared data"))?;
    match sharing::comment(&form.text) {
        Ok(text) => {
            state
                .store
                .add_comment(
                    Reader::from(&viewer.account),
                    leap_store::PersonId(person),
                    on,
                    form.id,
                    &text,
                    state.now(),
                )
                .await?;
            let anchor = match on {
                CommentOn::PlanItem => "item",
                CommentOn::JournalEntry => "entry",
            };
            Ok(Redirect::to(&format!(
                "/shared/{person}/{}#{anchor}-{}",
                on.part(),
                form.id
            ))
            .into_response())
        }
        Err(e) => {
            let shared = shared_data::open(&state, &viewer.account, person, on.part()).await?;
            let mut errors = FormErrors::default();
            errors.add(&format!("comment-{}", form.id), e.to_string());
            let page = SharedPartPage {
                nav: Nav::signed_in(&viewer, "/sharing").await?,
                shared,
                today: state.today(),
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// For the template: the part's data, by kind.
impl SharedPartPage {
    fn plan(&self) -> Option<&leap_store::PlanRecord> {
        match &self.shared.data {
            Data::Plan(p) => Some(p),
            _ => None,
        }
    }

    fn journal(&self) -> Option<&[leap_store::EvidenceRecord]> {
        match &self.shared.data {
            Data::Journal(e) => Some(e),
            _ => None,
        }
    }

    fn assessments(&self) -> Option<&[leap_store::AssessmentRecord]> {
        match &self.shared.data {
            Data::Assessments(a) => Some(a),
            _ => None,
        }
    }

    fn feedback(
        &self,
    ) -> Option<&[(i64, Option<chrono::NaiveDate>, leap_core::feedback::Results)]> {
        match &self.shared.data {
            Data::Feedback(f) => Some(f),
            _ => None,
        }
    }

    fn error_for(&self, id: &i64) -> Option<&str> {
        self.errors.get(&format!("comment-{id}"))
    }
}
