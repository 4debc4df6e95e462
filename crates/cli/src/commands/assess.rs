//! `leap assess` and `leap assess history`.

use std::collections::BTreeMap;
use std::path::Path;

use comfy_table::Cell;
use leap_core::assessment::{self, Levels, Source};
use serde::Serialize;

use crate::context::{read_file, Ctx, FrameworkCache};
use crate::error::usage;
use crate::output::{dim, heading, print_json, table};
use crate::prompt;

pub async fn run(ctx: &Ctx, answers: Option<&Path>, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let f = &loaded.framework;
    let previous = ctx.latest_self_levels(&loaded).await?;
    let previous_levels = previous.as_ref().map(|(_, l)| l);
    let snapshot = match answers {
        Some(path) => assessment::parse_levels(
            f,
            &path.display().to_string(),
            &read_file(path)?,
            previous_levels,
        )?,
        None => {
            prompt::require_terminal(
                "assess",
                "[levels] with competency-id = level; `leap framework show` lists the competencies",
            )?;
            eprintln!("Rate yourself on each competency: pick the description that fits what you do now, not what you could do.");
            let total = f.competencies.len();
            let mut rated = Levels::default();
            for (i, c) in f.competencies.iter().enumerate() {
                let last = previous_levels
                    .and_then(|l| l.get(c.id.as_str()))
                    .map(|l| l.value());
                let level = prompt::level(i + 1, total, c, f.scale, last)?;
                rated.set(c.id.clone(), f.scale.level(c.id.as_str(), level)?);
            }
            assessment::complete(f, rated, previous_levels)
                .map_err(|missing| usage(format!("no level for {} competencies", missing.len())))?
        }
    };
    let id = ctx
        .store
        .add_assessment(
            loaded.profile.person,
            &loaded.profile.framework_hash,
            Source::SelfRating,
            ctx.today,
            &snapshot.levels,
        )
        .await?;
    if json {
        #[derive(Serialize)]
        struct Saved<'a> {
            id: i64,
            date: chrono::NaiveDate,
            levels: BTreeMap<&'a str, u8>,
            /// Kept from the last assessment, not rated again.
            carried_over: &'a [leap_core::CompetencyId],
        }
        return print_json(&Saved {
            id,
            date: ctx.today,
            levels: snapshot
                .levels
                .iter()
                .map(|(c, l)| (c.as_str(), l.value()))
                .collect(),
            carried_over: &snapshot.carried_over,
        });
    }
    outln!(
        "Saved self-assessment #{id} for {}: {} competencies rated.",
        ctx.today,
        snapshot.levels.len() - snapshot.carried_over.len()
    );
    if !snapshot.carried_over.is_empty() {
        let ids: Vec<&str> = snapshot.carried_over.iter().map(|c| c.as_str()).collect();
        outln!("Kept from your last assessment: {}.", ids.join(", "));
    }
    if let Some(role) = f.role(&loaded.profile.target_role) {
        // As `gap` judges it: the 360 feedback, the evidence and the
        // debriefs' citations with the self levels.
        let judged = leap_app::readiness::Judged::read(
            &*ctx.store,
            loaded.profile.person,
            f,
            &snapshot.levels,
            ctx.today,
        )
        .await?;
        let held = f.role(&loaded.profile.current_role);
        let now = judged.readiness(f, role, &snapshot.levels, held);
        match previous_levels {
            Some(before) => {
                let was = judged.readiness(f, role, before, held);
                outln!(
                    "Readiness for {}: {}% → {}% ({}).",
                    role.name,
                    was.percent(),
                    now.percent(),
                    now.band.label()
                );
            }
            None => outln!(
                "Readiness for {}: {}% ({}).",
                role.name,
                now.percent(),
                now.band.label()
            ),
        }
        outln!("`leap gap` explains it; `leap plan generate` turns the gaps into a plan.");
    }
    Ok(())
}

#[derive(Serialize)]
struct FrameworkRef<'a> {
    id: &'a str,
    version: &'a str,
    hash: &'a str,
}

#[derive(Serialize)]
struct AssessmentView<'a> {
    id: i64,
    date: String,
    source: &'a str,
    framework: FrameworkRef<'a>,
    levels: BTreeMap<&'a str, i64>,
}

#[derive(Serialize)]
struct History<'a> {
    assessments: Vec<AssessmentView<'a>>,
}

/// `leap assess compare`: the manager's rating beside the person's own.
pub async fn compare(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let c =
        leap_app::rating::comparison(&*ctx.store, loaded.profile.person, &loaded.framework).await?;
    if json {
        #[derive(serde::Serialize)]
        struct View {
            comparison: Option<leap_app::rating::Comparison>,
        }
        return print_json(&View { comparison: c });
    }
    let Some(c) = c else {
        outln!("No manager has rated you yet. On a server, your manager rates you from their Team page.");
        return Ok(());
    };
    outln!(
        "{}",
        heading(&format!(
            "Your manager's rating ({}, {}) beside yours",
            c.rated_by_name.as_deref().unwrap_or("your manager"),
            c.rated_on
        ))
    );
    let mut t = table(["Competency", "You", "Manager", "To talk about"]);
    for d in c.competencies.iter().filter(|d| d.manager.is_some()) {
        let level = |l: Option<u8>| l.map_or("not assessed".to_owned(), |l| l.to_string());
        t.add_row([
            d.name.clone(),
            level(d.own),
            level(d.manager),
            if d.flagged { "yes" } else { "" }.to_owned(),
        ]);
    }
    outln!("{t}");
    let unrated: Vec<&str> = c
        .competencies
        .iter()
        .filter(|d| d.manager.is_none())
        .map(|d| d.name.as_str())
        .collect();
    if !unrated.is_empty() {
        outln!(
            "{}",
            dim(&format!(
                "Not rated by your manager: {}.",
                unrated.join(", ")
            ))
        );
    }
    if c.flagged > 0 {
        outln!(
            "{} competenc{} differ by two levels or more: raise them at your next one-to-one.",
            c.flagged,
            if c.flagged == 1 { "y" } else { "ies" }
        );
    }
    Ok(())
}

pub async fn history(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let all = ctx.store.assessments(loaded.profile.person).await?;
    let mut cache = FrameworkCache::default();
    let mut versions = Vec::with_capacity(all.len());
    for a in &all {
        let f = cache.get(ctx, &a.framework_hash).await?;
        versions.push((f.id.clone(), f.version.clone()));
    }
    if json {
        let assessments = all
            .iter()
            .zip(&versions)
            .map(|(a, (fid, fver))| AssessmentView {
                id: a.id,
                date: a.date.to_string(),
                source: a.source.as_str(),
                framework: FrameworkRef {
                    id: fid,
                    version: fver,
                    hash: &a.framework_hash,
                },
                levels: a.levels.iter().map(|(c, l)| (c.as_str(), *l)).collect(),
            })
            .collect();
        return print_json(&History { assessments });
    }
    if all.is_empty() {
        outln!("No assessments yet: `leap assess` records your first.");
        return Ok(());
    }
    // The last six snapshots side by side, one row per competency; names
    // come from the framework each snapshot was made with.
    let shown: Vec<_> = all.iter().rev().take(6).rev().collect();
    outln!(
        "{}",
        heading(&format!(
            "Assessments ({} in all, the last {} shown)",
            all.len(),
            shown.len()
        ))
    );
    let mut headers = vec![Cell::new("competency")];
    headers.extend(
        shown
            .iter()
            .map(|a| Cell::new(format!("#{} {}\n{}", a.id, a.date, a.source))),
    );
    let mut t = table(headers);
    let mut ids: Vec<&str> = Vec::new();
    for a in &shown {
        for (c, _) in &a.levels {
            if !ids.contains(&c.as_str()) {
                ids.push(c);
            }
        }
    }
    // Framework order first, then anything only older frameworks had.
    let order: Vec<&str> = loaded
        .framework
        .competencies
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    ids.sort_by_key(|id| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
    for id in ids {
        let mut row = vec![Cell::new(id)];
        row.extend(shown.iter().map(|a| {
            Cell::new(
                a.levels
                    .iter()
                    .find(|(c, _)| c == id)
                    .map_or("-".to_owned(), |(_, l)| l.to_string()),
            )
        }));
        t.add_row(row);
    }
    outln!("{t}");
    let distinct: std::collections::BTreeSet<_> = versions.iter().collect();
    if distinct.len() > 1 {
        outln!(
            "{}",
            dim("These snapshots span several frameworks; each is read with its own.")
        );
    }
    Ok(())
}
