//! `leap framework validate|export|show|use`.

use std::path::Path;

use comfy_table::Cell;
use leap_core::framework::BUILTIN_TOML;
use leap_core::{Framework, Track};

use crate::context::{builtin, read_file, Ctx};
use crate::error::usage;
use crate::output::{heading, print_json, table};

/// What `framework validate --json` and `framework use --json` say of a file.
#[derive(serde::Serialize)]
struct FileView<'a> {
    id: &'a str,
    name: &'a str,
    version: &'a str,
    competencies: usize,
    roles: Vec<&'a str>,
    actions: usize,
    fit_statements: usize,
}

impl<'a> FileView<'a> {
    fn of(f: &'a Framework) -> Self {
        Self {
            id: &f.id,
            name: &f.name,
            version: &f.version,
            competencies: f.competencies.len(),
            roles: f.roles.iter().map(|r| r.id.as_str()).collect(),
            actions: f.actions.len(),
            fit_statements: f.fit_statements.len(),
        }
    }
}

pub fn validate(file: &Path, json: bool) -> anyhow::Result<()> {
    let text = read_file(file)?;
    let f = Framework::load(&file.display().to_string(), &text)?;
    if json {
        #[derive(serde::Serialize)]
        struct Valid<'a> {
            file: String,
            valid: bool,
            #[serde(flatten)]
            framework: FileView<'a>,
        }
        return print_json(&Valid {
            file: file.display().to_string(),
            valid: true,
            framework: FileView::of(&f),
        });
    }
    outln!(
        "{}: framework '{}' version {} is valid: {} competencies, {} roles, {} transitions, {} actions, {} fit statements.",
        file.display(),
        f.id,
        f.version,
        f.competencies.len(),
        f.roles.len(),
        f.transitions.len(),
        f.actions.len(),
        f.fit_statements.len()
    );
    Ok(())
}

pub fn export() -> anyhow::Result<()> {
    out!("{BUILTIN_TOML}");
    Ok(())
}

pub fn show_builtin(json: bool) -> anyhow::Result<()> {
    print_framework(&builtin()?, json)
}

pub async fn show(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let framework = match ctx.store.local_profile().await? {
        Some(p) => ctx.framework_by_hash(&p.framework_hash).await?,
        None => builtin()?,
    };
    print_framework(&framework, json)
}

fn print_framework(framework: &Framework, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&framework);
    }
    let f = framework;
    outln!("{} {}", heading(&f.name), f.version);
    if let Some(d) = &f.description {
        outln!("{d}");
    }
    // The roles of each track; the transitions below say which leads where.
    for track in [Track::Technical, Track::Management] {
        let path: Vec<&str> = f.roles_on(track).map(|r| r.name.as_str()).collect();
        outln!(
            "{} track: {}",
            crate::output::capitalise(track.as_str()),
            path.join(", ")
        );
    }
    outln!();
    outln!("{}", heading("Roles"));
    let mut roles = table(["role", "name", "track", "critical competencies"]);
    for r in &f.roles {
        let critical: Vec<&str> = r.critical.iter().map(|c| c.as_str()).collect();
        roles.add_row([
            r.id.as_str(),
            r.name.as_str(),
            r.track.as_str(),
            &critical.join(", "),
        ]);
    }
    outln!("{roles}");
    outln!();
    outln!("{}", heading("Expected levels (critical marked *)"));
    let mut headers = vec![Cell::new("competency"), Cell::new("group")];
    headers.extend(f.roles.iter().map(|r| Cell::new(r.id.as_str())));
    let mut levels = table(headers);
    for c in &f.competencies {
        let mut row = vec![Cell::new(c.id.as_str()), Cell::new(&c.group)];
        row.extend(f.roles.iter().map(|r| {
            let l = r.expected(c.id.as_str()).map_or(0, |l| l.value());
            Cell::new(if r.is_critical(c.id.as_str()) {
                format!("{l}*")
            } else {
                l.to_string()
            })
        }));
        levels.add_row(row);
    }
    outln!("{levels}");
    outln!();
    outln!("{}", heading("Transitions"));
    for t in &f.transitions {
        outln!("  {} → {} ({})", t.from, t.to, t.kind.as_str());
        if let Some(n) = &t.note {
            outln!("      {n}");
        }
    }
    outln!();
    outln!(
        "{} development actions and {} fit statements. `leap framework show --json` prints everything, level descriptors included.",
        f.actions.len(),
        f.fit_statements.len()
    );
    Ok(())
}

pub async fn use_file(
    ctx: &Ctx,
    file: &Path,
    current: Option<&str>,
    target: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let text = read_file(file)?;
    let framework = Framework::load(&file.display().to_string(), &text)?;
    let loaded = ctx.load().await?;
    let stored = leap_store::FrameworkText::of(&framework, &text);
    let read = (framework, stored);
    leap_app::profile::switch_framework(
        &*ctx.store,
        &loaded.profile,
        &read,
        current,
        target,
        ctx.today,
    )
    .await
    .map_err(|e| match e {
        leap_app::AppError::Invalid(v) => {
            let (flag, which) = if v.field == "target" {
                ("target", "target")
            } else {
                ("current", "current role")
            };
            let roles: Vec<&str> = read.0.roles.iter().map(|r| r.id.as_str()).collect();
            usage(format!(
                "invalid {which} '{}': the new framework has no such role; pass --{flag} ROLE with one of its roles ({})",
                v.value,
                roles.join(", ")
            ))
        }
        e => e.into(),
    })?;
    let (framework, stored) = read;
    let current = current.unwrap_or(&loaded.profile.current_role);
    let target = target.unwrap_or(&loaded.profile.target_role);
    if json {
        #[derive(serde::Serialize)]
        struct Used<'a> {
            #[serde(flatten)]
            framework: FileView<'a>,
            hash: &'a str,
            current_role: &'a str,
            target: &'a str,
        }
        return print_json(&Used {
            framework: FileView::of(&framework),
            hash: &stored.hash,
            current_role: current,
            target,
        });
    }
    outln!(
        "Now using framework '{}' version {} ({}), current role {current}, target {target}.",
        framework.id,
        framework.version,
        &stored.hash[..12]
    );
    outln!("Earlier assessments keep the framework they were made with.");
    Ok(())
}
