//! `leap status`: where you stand, on one screen.

use leap_app::json::StatusView;

use super::gap::band_text;
use crate::context::Ctx;
use crate::output::{bar, heading, print_json, table};

/// `--json` of `init` and `target`: the status, as `leap status --json`
/// and the API's `PUT /api/v1/profile` answer.
pub async fn print_status_json(ctx: &Ctx) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let s = leap_app::status::status(&*ctx.store, &loaded.profile, &loaded.framework, ctx.today)
        .await?;
    print_json(&StatusView::new(&s))
}

pub async fn run(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let role = loaded
        .framework
        .parse_role("target", &loaded.profile.target_role)?;
    let s = leap_app::status::status(&*ctx.store, &loaded.profile, &loaded.framework, ctx.today)
        .await?;
    let view = StatusView::new(&s);
    if json {
        return print_json(&view);
    }
    outln!(
        "{}",
        heading(&format!(
            "{}: {} → {} ({})",
            loaded.profile.name,
            loaded
                .framework
                .role(&loaded.profile.current_role)
                .map_or(loaded.profile.current_role.as_str(), |r| r.name.as_str()),
            role.name,
            ctx.today
        ))
    );
    match &s.readiness {
        Some(r) => outln!(
            "Readiness  {}   band: {}",
            bar(r.readiness),
            band_text(r.band)
        ),
        None => outln!("Readiness  {}.", leap_app::NO_SELF_ASSESSMENT),
    }
    if let Some(f) = &s.last_fit {
        outln!(
            "Fit check  {} (management {}, technical {}, on {})",
            f.recommendation,
            f.management,
            f.technical,
            f.date
        );
    }
    if !view.top_gaps.is_empty() {
        outln!();
        outln!("{}", heading("Top gaps"));
        let mut t = table(["competency", "current", "expected", ""]);
        for g in &view.top_gaps {
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
        outln!("{t}");
    }
    if !s.plan_notes.is_empty() {
        outln!();
        outln!("{}", heading("Your plan says"));
        for n in &s.plan_notes {
            outln!("  - {n}");
        }
    }
    if !s.due.is_empty() {
        outln!();
        outln!(
            "{}",
            heading(&format!(
                "Plan items due in the next {} days",
                leap_app::status::DUE_WITHIN_DAYS
            ))
        );
        let mut t = table(["id", "due", "item"]);
        for i in &s.due {
            t.add_row([i.id.to_string(), i.due.to_string(), i.title.clone()]);
        }
        outln!("{t}");
    }
    if !s.recent.is_empty() {
        outln!();
        outln!("{}", heading("Recent evidence"));
        let mut t = table(["date", "competencies", "text"]);
        for e in &s.recent {
            t.add_row([
                e.date.to_string(),
                loaded.framework.competency_names(&e.competencies),
                e.text.clone(),
            ]);
        }
        outln!("{t}");
    }
    if !s.next.is_empty() {
        outln!();
        outln!("{}", heading("Next"));
        for n in &s.next {
            outln!("  - {} `{}`", n.text(), n.command());
        }
    }
    Ok(())
}
