//! The fit check, the self-assessment and its history, and the gaps page.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leap_core::assessment::{self, Levels, Source};
use leap_core::fit::{self, FitResult};
use leap_core::readiness::Readiness;
use leap_core::{Competency, FitStatement};
use serde::Deserialize;

use super::{FormErrors, Nav};
use crate::auth::Me;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/fit", get(fit_page).post(fit_submit))
        .route("/assess", get(assess_page).post(assess_submit))
        .route("/assess/history", get(history))
        .route("/gaps", get(gaps))
}

const AGREEMENT: [(u8, &str); 5] = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither"),
    (4, "Agree"),
    (5, "Strongly agree"),
];

#[derive(Template, WebTemplate)]
#[template(path = "fit.html")]
struct FitPage {
    nav: Nav,
    statements: Vec<FitStatement>,
    chosen: BTreeMap<String, u8>,
    errors: FormErrors,
    result: Option<FitResult>,
}

impl FitPage {
    fn agreement(&self) -> &'static [(u8, &'static str)] {
        &AGREEMENT
    }

    fn is_chosen(&self, statement: &str, value: &u8) -> bool {
        self.chosen.get(statement) == Some(value)
    }
}

async fn fit_page(me: Me) -> Result<FitPage, WebError> {
    Ok(FitPage {
        nav: Nav::signed_in(&me.viewer, "/fit").await?,
        statements: me.framework.fit_statements.clone(),
        chosen: BTreeMap::new(),
        errors: FormErrors::default(),
        result: None,
    })
}

/// Radio answers arrive as `statement-id=N`; the CSRF token is skipped.
async fn fit_submit(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let f = &me.framework;
    let mut errors = FormErrors::default();
    let mut chosen = BTreeMap::new();
    let mut pairs = Vec::new();
    for s in &f.fit_statements {
        match form.get(&s.id).map(|v| v.parse::<i64>()) {
            Some(Ok(v)) => match fit::agreement(&s.id, v) {
                Ok(a) => {
                    chosen.insert(s.id.clone(), a);
                    pairs.push((s.id.clone(), v));
                }
                Err(e) => errors.add(&s.id, e.to_string()),
            },
            Some(Err(_)) => errors.add(
                &s.id,
                format!("invalid answer to '{}': a whole number from 1 to 5", s.id),
            ),
            None => errors.add(&s.id, "choose how much you agree"),
        }
    }
    if !errors.is_empty() {
        let page = FitPage {
            nav: Nav::signed_in(&me.viewer, "/fit").await?,
            statements: f.fit_statements.clone(),
            chosen,
            errors,
            result: None,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let answers = fit::answers_from(f, pairs)?;
    let result =
        leap_app::fit::take_fit_check(&*state.store, &me.profile, f, &answers, state.today())
            .await?;
    Ok(FitPage {
        nav: Nav::signed_in(&me.viewer, "/fit").await?,
        statements: f.fit_statements.clone(),
        chosen,
        errors,
        result: Some(result),
    }
    .into_response())
}

struct Scale {
    min: u8,
    max: u8,
}

#[derive(Template, WebTemplate)]
#[template(path = "assess.html")]
struct AssessPage {
    nav: Nav,
    competencies: Vec<Competency>,
    scale: Scale,
    chosen: BTreeMap<String, u8>,
    errors: FormErrors,
    first: bool,
    /// The manager's latest rating beside the person's own.
    comparison: Option<leap_app::rating::Comparison>,
}

impl AssessPage {
    /// The competencies the manager left unrated, by name.
    fn unrated(&self) -> Vec<&str> {
        self.comparison
            .iter()
            .flat_map(|c| &c.competencies)
            .filter(|d| d.manager.is_none())
            .map(|d| d.name.as_str())
            .collect()
    }

    fn levels(&self) -> Vec<u8> {
        (self.scale.min..=self.scale.max).collect()
    }

    /// The levels shown first: the one held now and the next, the pair a
    /// person weighs; on a first assessment, every level.
    fn first_levels(&self, competency: &str) -> Vec<u8> {
        match self.chosen.get(competency) {
            Some(&l) => (l..=l.saturating_add(1).min(self.scale.max)).collect(),
            None => self.levels(),
        }
    }

    /// The other levels, shown on demand.
    fn other_levels(&self, competency: &str) -> Vec<u8> {
        let first = self.first_levels(competency);
        self.levels()
            .into_iter()
            .filter(|l| !first.contains(l))
            .collect()
    }

    fn is_chosen(&self, competency: &str, level: &u8) -> bool {
        self.chosen.get(competency) == Some(level)
    }

    fn descriptor<'a>(&self, c: &'a Competency, level: &u8) -> &'a str {
        c.levels
            .get(usize::from(level.saturating_sub(self.scale.min)))
            .map_or("", String::as_str)
    }
}

async fn assess_page(State(state): State<AppState>, me: Me) -> Result<AssessPage, WebError> {
    let f = &me.framework;
    let previous =
        leap_app::readiness::latest_self_levels(&*state.store, me.profile.person, f).await?;
    let chosen = previous
        .as_ref()
        .map(|(_, l)| l.iter().map(|(c, v)| (c.to_string(), v.value())).collect())
        .unwrap_or_default();
    Ok(AssessPage {
        nav: Nav::signed_in(&me.viewer, "/assess").await?,
        competencies: f.competencies.clone(),
        scale: Scale {
            min: f.scale.min,
            max: f.scale.max,
        },
        chosen,
        errors: FormErrors::default(),
        first: previous.is_none(),
        comparison: leap_app::rating::comparison(&*state.store, me.profile.person, f).await?,
    })
}

async fn assess_submit(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let f = &me.framework;
    let mut errors = FormErrors::default();
    let mut chosen = BTreeMap::new();
    let mut rated = Levels::default();
    for c in &f.competencies {
        let id = c.id.as_str();
        match form.get(id).map(|v| v.parse::<i64>()) {
            Some(Ok(v)) => match f.scale.level(&format!("level for '{id}'"), v) {
                Ok(l) => {
                    chosen.insert(id.to_owned(), l.value());
                    rated.set(c.id.clone(), l);
                }
                Err(e) => errors.add(id, e.to_string()),
            },
            Some(Err(_)) => errors.add(
                id,
                format!(
                    "invalid level for '{id}': a whole number from {} to {}",
                    f.scale.min, f.scale.max
                ),
            ),
            None => {}
        }
    }
    let previous =
        leap_app::readiness::latest_self_levels(&*state.store, me.profile.person, f).await?;
    let snapshot = match assessment::complete(f, rated, previous.as_ref().map(|(_, l)| l)) {
        Ok(s) if errors.is_empty() => s,
        Ok(_) => return rerender_assess(&me, chosen, errors, previous.is_none()).await,
        Err(missing) => {
            for c in missing {
                errors.add(c.as_str(), "choose the level that describes you");
            }
            return rerender_assess(&me, chosen, errors, previous.is_none()).await;
        }
    };
    state
        .store
        .add_assessment(
            me.profile.person,
            &me.profile.framework_hash,
            Source::SelfRating,
            state.today(),
            &snapshot.levels,
        )
        .await?;
    Ok(Redirect::to("/gaps").into_response())
}

async fn rerender_assess(
    me: &Me,
    chosen: BTreeMap<String, u8>,
    errors: FormErrors,
    first: bool,
) -> Result<Response, WebError> {
    let f = &me.framework;
    let page = AssessPage {
        nav: Nav::signed_in(&me.viewer, "/assess").await?,
        competencies: f.competencies.clone(),
        scale: Scale {
            min: f.scale.min,
            max: f.scale.max,
        },
        chosen,
        errors,
        first,
        // The form's errors come first; the comparison is on the page again
        // once they are fixed.
        comparison: None,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

struct Snapshot {
    id: i64,
    date: String,
    source: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "history.html")]
struct HistoryPage {
    nav: Nav,
    snapshots: Vec<Snapshot>,
    /// Competency name and its level in each snapshot ("-" where not rated).
    rows: Vec<(String, Vec<String>)>,
}

async fn history(State(state): State<AppState>, me: Me) -> Result<HistoryPage, WebError> {
    let all = state.store.assessments(me.profile.person).await?;
    let snapshots = all
        .iter()
        .map(|a| Snapshot {
            id: a.id,
            date: a.date.to_string(),
            source: a.source.to_string(),
        })
        .collect();
    let rows = me
        .framework
        .competencies
        .iter()
        .map(|c| {
            let cells = all
                .iter()
                .map(|a| {
                    a.levels
                        .iter()
                        .find(|(id, _)| id == c.id.as_str())
                        .map_or("-".to_owned(), |(_, l)| l.to_string())
                })
                .collect();
            (c.name.clone(), cells)
        })
        .collect();
    Ok(HistoryPage {
        nav: Nav::signed_in(&me.viewer, "/assess").await?,
        snapshots,
        rows,
    })
}

#[derive(Deserialize)]
struct GapsQuery {
    target: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "gaps.html")]
struct GapsPage {
    nav: Nav,
    roles: Vec<leap_core::Role>,
    target: String,
    readiness: Option<Readiness>,
    /// Step 0, when the job held now is not mastered yet.
    master_your_job: Option<String>,
}

impl GapsPage {
    fn percent(&self) -> u32 {
        self.readiness.as_ref().map_or(0, Readiness::percent)
    }
}

async fn gaps(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<GapsQuery>,
) -> Result<GapsPage, WebError> {
    let f = &me.framework;
    let target = q.target.unwrap_or_else(|| me.profile.target_role.clone());
    let role = f.parse_role("target", &target)?;
    let (readiness, master_your_job) = leap_app::if_assessed(
        leap_app::readiness::gap_with_step0(&*state.store, &me.profile, f, role, state.today())
            .await,
    )?
    .map_or((None, None), |(r, step0)| (Some(r), step0));
    Ok(GapsPage {
        nav: Nav::signed_in(&me.viewer, "/gaps").await?,
        roles: f.roles.clone(),
        target,
        readiness,
        master_your_job,
    })
}
