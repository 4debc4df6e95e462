//! `leap progress` (readiness and levels over time, plan items done per
//! month, evidence per competency, the measures of success, what changed
//! since the last check-in) and `leap report packet`.

use std::io::IsTerminal;
use std::path::Path;

use leap_core::packet::Format;

use crate::context::Ctx;
use crate::output::{bar, dim, heading, print_json, table};

fn trail(levels: &[leap_core::progress::LevelPoint]) -> String {
    if levels.is_empty() {
        return "not rated".to_owned();
    }
    levels
        .iter()
        .map(|l| l.level.to_string())
        .collect::<Vec<_>>()
        .join(" → ")
}

fn one_decimal(v: Option<f64>) -> String {
    v.map_or_else(|| "hidden".to_owned(), |v| format!("{v:.1}"))
}

pub async fn run(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let p =
        leap_app::progress::progress(&*ctx.store, &loaded.profile, &loaded.framework, ctx.today)
            .await?;
    if json {
        return print_json(&p);
    }
    outln!("{}", heading("Readiness over time"));
    if p.readiness.is_empty() {
        outln!(
            "{}.",
            crate::output::capitalise(leap_app::NO_SELF_ASSESSMENT)
        );
    } else {
        let mut t = table(["date", "readiness", ""]);
        for r in &p.readiness {
            t.add_row(vec![
                r.date.to_string(),
                format!("{}%", r.percent),
                bar(f64::from(r.percent) / 100.0),
            ]);
        }
        outln!("{t}");
    }
    if let Some(s) = &p.since_last_checkin {
        outln!(
            "{}",
            heading(&format!("Since the last check-in ({})", s.held_on))
        );
        if let Some(now) = s.readiness_now {
            outln!("Readiness {}% then, {now}% now.", s.readiness_then);
        }
        for c in &s.levels_changed {
            outln!("{}: {} → {}", c.name, c.from, c.to);
        }
        outln!(
            "{} journal entries, {} plan items done, {} feedback requests closed.",
            s.journal_entries,
            s.plan_items_done,
            s.feedback_closed
        );
    }
    if !p.competencies.is_empty() {
        outln!("{}", heading("Competencies: your levels over time"));
        let mut t = table(["competency", "expected", "levels, oldest first", "evidence"]);
        for c in &p.competencies {
            t.add_row(vec![
                c.name.clone(),
                c.expected.to_string(),
                trail(&c.levels),
                c.evidence.to_string(),
            ]);
        }
        outln!("{t}");
    }
    if let Some(f) = &p.focus {
        outln!("{}", heading("Where your evidence went"));
        outln!("{}", f.summary());
        if let Some(a) = &f.advice {
            outln!("{a}");
        }
    }
    outln!("{}", heading("Plan items done per month"));
    let mut t = table(["month", "done", ""]);
    for m in &p.done_per_month {
        t.add_row(vec![
            m.month.clone(),
            m.done.to_string(),
            "█".repeat(m.done as usize),
        ]);
    }
    outln!("{t}");

    let m = &p.measures;
    outln!("{}", heading("Measures of success"));
    let g = &m.plan_goals;
    outln!(
        "Plan goals: {} done, {} dropped, {} open{}.",
        g.done,
        g.dropped,
        g.open,
        g.percent_met
            .map(|p| format!(" ({p}% of those closed were met)"))
            .unwrap_or_default()
    );
    if m.feedback_trend.is_empty() {
        outln!("Feedback trend: no closed 360 request yet (`leap feedback request`).");
    } else {
        let mut t = table(["closed", "manager", "others"]);
        for f in &m.feedback_trend {
            t.add_row(vec![
                f.date.to_string(),
                one_decimal(f.manager),
                one_decimal(f.others),
            ]);
        }
        outln!("Feedback trend (mean level over the competencies asked):\n{t}");
    }
    for (title, list) in [
        ("Leadership roles and projects led", &m.leadership),
        ("People mentored or coached", &m.mentoring),
    ] {
        outln!("{title}: {}", list.len());
        for x in list.iter().take(5) {
            outln!("  {} {}", x.date, x.text);
        }
        if list.len() > 5 {
            outln!(
                "  {}",
                dim(&format!("and {} more (--json lists all)", list.len() - 5))
            );
        }
    }
    Ok(())
}

pub async fn packet(
    ctx: &Ctx,
    target: Option<&str>,
    format: &str,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let format = Format::parse("format", format)?;
    if format == Format::Pdf && out.is_none() && std::io::stdout().is_terminal() {
        return Err(crate::error::usage(
            "a PDF is not for the terminal: add --out FILE, or redirect the output to a file",
        ));
    }
    let loaded = ctx.load().await?;
    let f = &loaded.framework;
    let role = f.parse_role("target", target.unwrap_or(&loaded.profile.target_role))?;
    let packet = leap_app::packet::packet(&*ctx.store, &loaded.profile, f, role, ctx.today).await?;
    let (bytes, _) = leap_app::packet::render(&packet, format)?;
    match out {
        Some(path) => {
            crate::context::write_bytes_new_or_replace(path, &bytes)?;
            eprintln!(
                "Wrote the packet for {} ({} claims, {} {} of evidence) to {}.",
                packet.target,
                packet.claims.len(),
                packet.evidence.len(),
                if packet.evidence.len() == 1 {
                    "piece"
                } else {
                    "pieces"
                },
                path.display()
            );
        }
        None => crate::output::write_stdout(&bytes),
    }
    Ok(())
}
