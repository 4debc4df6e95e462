//! `leap gap`: readiness and gaps for a target role.

use comfy_table::Color;
use leap_core::readiness::{Band, Readiness};

use crate::context::Ctx;
use crate::output::{bar, heading, print_json, table, tinted};

/// `gap --json`: the readiness, and step 0 when the job held now is not
/// mastered yet.
#[derive(serde::Serialize)]
struct GapJson<'a> {
    #[serde(flatten)]
    readiness: &'a Readiness,
    #[serde(skip_serializing_if = "Option::is_none")]
    master_your_job: Option<&'a str>,
}

/// The band, coloured by how near it is.
pub(super) fn band_text(b: Band) -> String {
    let s = console::style(b.label());
    match b {
        Band::ReadyNow => s.green(),
        Band::SixToTwelveMonths => s.cyan(),
        Band::OneToTwoYears => s.yellow(),
        Band::TwoPlusYears => s.red(),
    }
    .to_string()
}

pub async fn run(ctx: &Ctx, target: Option<&str>, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let role_id = target.unwrap_or(&loaded.profile.target_role);
    let role = loaded.framework.parse_role("target", role_id)?;
    // Step 0 first: the job held now, when it is not mastered yet.
    let (r, step0) = leap_app::readiness::gap_with_step0(
        &*ctx.store,
        &loaded.profile,
        &loaded.framework,
        role,
        ctx.today,
    )
    .await?;
    if json {
        return print_json(&GapJson {
            readiness: &r,
            master_your_job: step0.as_deref(),
        });
    }
    outln!(
        "{}",
        heading(&format!("Readiness for {} ({})", r.target_name, r.target))
    );
    outln!("  {}   band: {}", bar(r.readiness), band_text(r.band));
    if let Some(note) = &step0 {
        outln!("{}", console::style(note).yellow());
    }
    let mut t = table([
        "competency",
        "expected",
        "current",
        "from",
        "gap",
        "evidence",
        "",
    ]);
    for c in &r.competencies {
        let gap = if c.gap > 0 {
            tinted(
                c.gap.to_string(),
                if c.critical {
                    Color::Red
                } else {
                    Color::Yellow
                },
            )
        } else {
            tinted("✓", Color::Green)
        };
        let mut notes = Vec::new();
        if c.critical {
            notes.push("critical".to_owned());
        }
        if c.critical && c.evidence == 0 {
            notes.push("needs evidence".to_owned());
        }
        match c.debriefs {
            0 => {}
            1 => notes.push("cited in 1 debrief".to_owned()),
            n => notes.push(format!("cited in {n} debriefs")),
        }
        match c.named_gaps {
            0 => {}
            1 => notes.push("feedback names a gap in it".to_owned()),
            n => notes.push(format!("feedback names a gap in it {n} times")),
        }
        t.add_row(vec![
            comfy_table::Cell::new(&c.name),
            comfy_table::Cell::new(c.expected),
            comfy_table::Cell::new(c.current),
            comfy_table::Cell::new(c.source),
            gap,
            comfy_table::Cell::new(c.evidence),
            comfy_table::Cell::new(notes.join(", ")),
        ]);
    }
    outln!("{t}");
    for line in &r.explanation_lines {
        outln!("{line}");
    }
    if !r.gaps().is_empty() || step0.is_some() {
        outln!();
        outln!("Next: `leap plan generate` to close the gaps; `leap log TEXT` to record evidence.");
    } else if !r.missing_evidence.is_empty() {
        outln!();
        outln!("Next: `leap log TEXT --competency ID` to record the evidence still missing; no gap is left to plan for.");
    }
    Ok(())
}
