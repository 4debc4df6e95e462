//! `leap status`: where you stand, on one screen.

use chrono::Duration;
use leap_core::readiness::{Band, Readiness};
use serde::Serialize;

use super::gap::{band_text, readiness_for};
use crate::context::Ctx;
use crate::output::{bar, heading, print_json, table};
use leap_store::json::{EntryView, PlanItemView};

/// Plan items due within this many days are shown.
const DUE_WITHIN_DAYS: i64 = 30;
const TOP_GAPS: usize = 3;
const RECENT_EVIDENCE: usize = 5;

#[derive(Serialize)]
struct GapView<'a> {
    id: &'a str,
    name: &'a str,
    expected: u8,
    current: u8,
    gap: u8,
    critical: bool,
}

#[derive(Serialize)]
struct StatusView<'a> {
    name: &'a str,
    current_role: &'a str,
    target: &'a str,
    framework: &'a str,
    readiness: Option<f64>,
    band: Option<Band>,
    top_gaps: Vec<GapView<'a>>,
    due: Vec<PlanItemView<'a>>,
    recent_evidence: Vec<EntryView<'a>>,
    next: Vec<String>,
}

pub async fn run(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let person = loaded.profile.person;
    let role = loaded
        .framework
        .parse_role("target", &loaded.profile.target_role)?;
    let assessed = ctx.latest_self_levels(&loaded).await?.is_some();
    let readiness: Option<Readiness> = if assessed {
        Some(readiness_for(ctx, &loaded, role).await?)
    } else {
        None
    };
    let plan = ctx.store.plan(person).await?;
    let horizon = ctx.today + Duration::days(DUE_WITHIN_DAYS);
    let due: Vec<_> = plan
        .items
        .iter()
        .filter(|i| i.status == "todo" && i.due <= horizon)
        .collect();
    let journal = ctx.store.journal(person, None).await?;
    let recent: Vec<_> = journal.iter().take(RECENT_EVIDENCE).collect();
    let fits = ctx.store.fit_checks(person).await?;

    let mut next = Vec::new();
    if fits.is_empty() {
        next.push("Take the fit check: `leap fit`.".to_owned());
    }
    if !assessed {
        next.push("Assess yourself: `leap assess`.".to_owned());
    } else if plan.items.is_empty() {
        next.push("Turn your gaps into a plan: `leap plan generate`.".to_owned());
    }
    if let Some(r) = &readiness {
        if !r.missing_evidence.is_empty() {
            let ids: Vec<&str> = r.missing_evidence.iter().map(|c| c.as_str()).collect();
            next.push(format!(
                "Record evidence for {}: `leap log TEXT --competency ID`.",
                ids.join(", ")
            ));
        }
    }
    if let Some(overdue) = due.iter().find(|i| i.due < ctx.today) {
        next.push(format!(
            "#{} is overdue: finish it (`leap plan done {}`) or drop it.",
            overdue.id, overdue.id
        ));
    }

    let gaps: Vec<GapView> = readiness
        .as_ref()
        .map(|r| {
            r.gaps()
                .into_iter()
                .take(TOP_GAPS)
                .map(|c| GapView {
                    id: c.id.as_str(),
                    name: &c.name,
                    expected: c.expected,
                    current: c.current,
                    gap: c.gap,
                    critical: c.critical,
                })
                .collect()
        })
        .unwrap_or_default();

    if json {
        return print_json(&StatusView {
            name: &loaded.profile.name,
            current_role: &loaded.profile.current_role,
            target: &loaded.profile.target_role,
            framework: &loaded.framework.id,
            readiness: readiness.as_ref().map(|r| r.readiness),
            band: readiness.as_ref().map(|r| r.band),
            top_gaps: gaps,
            due: due.iter().map(|i| PlanItemView::from(*i)).collect(),
            recent_evidence: recent.iter().map(|e| EntryView::from(*e)).collect(),
            next,
        });
    }

    println!(
        "{}",
        heading(&format!(
            "{}: {} → {} ({})",
            loaded.profile.name, loaded.profile.current_role, role.name, ctx.today
        ))
    );
    match &readiness {
        Some(r) => println!(
            "Readiness  {}   band: {}",
            bar(r.readiness),
            band_text(r.band)
        ),
        None => println!("Readiness  not known yet: no self-assessment."),
    }
    if let Some(f) = fits.last() {
        println!(
            "Fit check  {} (management {}, technical {}, on {})",
            f.recommendation, f.management, f.technical, f.date
        );
    }
    if !gaps.is_empty() {
        println!();
        println!("{}", heading("Top gaps"));
        let mut t = table(["competency", "current", "expected", ""]);
        for g in &gaps {
            t.add_row([
                g.name.to_owned(),
                g.current.to_string(),
                g.expected.to_string(),
                if g.critical {
                    "critical".to_owned()
                } else {
                    String::new()
                },
            ]);
        }
        println!("{t}");
    }
    if !due.is_empty() {
        println!();
        println!(
            "{}",
            heading(&format!(
                "Plan items due in the next {DUE_WITHIN_DAYS} days"
            ))
        );
        let mut t = table(["id", "due", "item"]);
        for i in &due {
            t.add_row([i.id.to_string(), i.due.to_string(), i.title.clone()]);
        }
        println!("{t}");
    }
    if !recent.is_empty() {
        println!();
        println!("{}", heading("Recent evidence"));
        let mut t = table(["date", "competencies", "text"]);
        for e in &recent {
            t.add_row([
                e.date.to_string(),
                e.competencies.join(", "),
                e.text.clone(),
            ]);
        }
        println!("{t}");
    }
    if !next.is_empty() {
        println!();
        println!("{}", heading("Next"));
        for n in &next {
            println!("  - {n}");
        }
    }
    Ok(())
}
