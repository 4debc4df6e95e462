//! The framework browser: tracks and roles, the career map, each role's
//! expectations, each competency's levels and what changes at each.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::routing::get;
use axum::Router;
use leap_core::{Action, Competency, Framework, Role, RoleId, Transition};

use super::Nav;
use crate::auth::Me;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/framework", get(overview))
        .route("/framework/roles/{id}", get(role))
        .route("/framework/competencies/{id}", get(competency))
}

#[derive(Template, WebTemplate)]
#[template(path = "framework.html")]
struct Overview {
    nav: Nav,
    framework: std::sync::Arc<Framework>,
    map: String,
}

impl Overview {
    fn technical(&self) -> Vec<&Role> {
        self.framework
            .roles_on(leap_core::Track::Technical)
            .collect()
    }

    fn management(&self) -> Vec<&Role> {
        self.framework
            .roles_on(leap_core::Track::Management)
            .collect()
    }

    /// A role's name, for showing a transition.
    fn name<'a>(&'a self, id: &'a RoleId) -> &'a str {
        self.framework.role_name(id.as_str())
    }
}

/// A way into or out of a role: the role at the other end, by name.
struct Way {
    transition: Transition,
    other: String,
    other_name: String,
}

async fn overview(me: Me) -> Result<Overview, WebError> {
    Ok(Overview {
        nav: Nav::signed_in(&me.viewer, "/framework").await?,
        map: crate::career_map::svg(&me.framework),
        framework: me.framework,
    })
}

struct Expectation {
    id: String,
    name: String,
    level: u8,
    critical: bool,
    descriptor: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "role.html")]
struct RolePage {
    nav: Nav,
    role: Role,
    expectations: Vec<Expectation>,
    from: Vec<Way>,
    to: Vec<Way>,
}

async fn role(me: Me, Path(id): Path<String>) -> Result<RolePage, WebError> {
    let f = &me.framework;
    let role = f
        .role(&id)
        .ok_or_else(|| WebError::not_found("role"))?
        .clone();
    let expectations = f
        .competencies
        .iter()
        .map(|c| {
            let level = role.expected(c.id.as_str()).unwrap_or(f.scale.min_level());
            Expectation {
                id: c.id.to_string(),
                name: c.name.clone(),
                level: level.value(),
                critical: role.is_critical(c.id.as_str()),
                descriptor: c.descriptor(f.scale, level).to_owned(),
            }
        })
        .collect();
    Ok(RolePage {
        nav: Nav::signed_in(&me.viewer, "/framework").await?,
        from: f
            .transitions
            .iter()
            .filter(|t| t.from == role.id)
            .map(|t| Way {
                other: t.to.to_string(),
                other_name: f.role_name(t.to.as_str()).to_owned(),
                transition: t.clone(),
            })
            .collect(),
        to: f
            .transitions
            .iter()
            .filter(|t| t.to == role.id)
            .map(|t| Way {
                other: t.from.to_string(),
                other_name: f.role_name(t.from.as_str()).to_owned(),
                transition: t.clone(),
            })
            .collect(),
        role,
        expectations,
    })
}

struct LevelRow {
    level: u8,
    descriptor: String,
    /// The roles that expect exactly this level.
    roles: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "competency.html")]
struct CompetencyPage {
    nav: Nav,
    competency: Competency,
    levels: Vec<LevelRow>,
    /// The framework's actions that build it.
    actions: Vec<Action>,
}

async fn competency(me: Me, Path(id): Path<String>) -> Result<CompetencyPage, WebError> {
    let f = &me.framework;
    let c = f
        .competency(&id)
        .ok_or_else(|| WebError::not_found("competency"))?
        .clone();
    let levels = f
        .scale
        .levels()
        .map(|l| LevelRow {
            level: l.value(),
            descriptor: c.descriptor(f.scale, l).to_owned(),
            roles: f
                .roles
                .iter()
                .filter(|r| r.expected(c.id.as_str()) == Some(l))
                .map(|r| r.name.clone())
                .collect(),
        })
        .collect();
    Ok(CompetencyPage {
        nav: Nav::signed_in(&me.viewer, "/framework").await?,
        actions: f
            .actions
            .iter()
            .filter(|a| a.covers(c.id.as_str()))
            .cloned()
            .collect(),
        competency: c,
        levels,
    })
}
