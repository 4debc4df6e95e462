//! `leap checkin`: re-rate what changed, reflect, review the plan; the
//! snapshots give readiness over time.

use leap_core::checkin::CheckinInput;
use leap_store::CheckinRecord;
use serde::Serialize;

use crate::cli::CheckinArgs;
use crate::context::Ctx;
use crate::error::usage;
use crate::output::{bar, dim, heading, print_json, table};

pub async fn run(ctx: &Ctx, args: &CheckinArgs) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let person = loaded.profile.person;
    let outcome = leap_app::checkin::record_checkin(
        &*ctx.store,
        &loaded.profile,
        &loaded.framework,
        CheckinInput {
            ratings: &args.ratings,
            went_well: args.went_well.as_deref(),
            went_badly: args.went_badly.as_deref(),
            plan_review: args.plan_review.as_deref(),
        },
        ctx.today,
    )
    .await??;
    let plan = ctx.store.plan(person).await?;
    let open: Vec<_> = plan
        .items
        .iter()
        .filter(|i| i.status == leap_core::plan::ItemStatus::Todo)
        .collect();
    let overdue = open.iter().filter(|i| i.due < ctx.today).count();
    let every = ctx.store.checkin_schedule(person).await?.every_days;
    let next = ctx.today + chrono::Duration::days(i64::from(every));
    if args.json {
        #[derive(Serialize)]
        struct Done<'a> {
            id: i64,
            changed: Vec<&'a str>,
            readiness_before: u32,
            readiness: u32,
            previous_checkin_readiness: Option<u32>,
            open_plan_items: usize,
            overdue_plan_items: usize,
            next_due: chrono::NaiveDate,
            /// What went well reads as evidence of, with why.
            went_well_shows: Vec<crate::commands::journal::Why<'a>>,
            /// What went badly is about, with why.
            went_badly_about: Vec<crate::commands::journal::Why<'a>>,
        }
        return print_json(&Done {
            id: outcome.id,
            changed: outcome.checkin.changed.iter().map(|c| c.as_str()).collect(),
            readiness_before: outcome.before.percent(),
            readiness: outcome.after.percent(),
            previous_checkin_readiness: outcome.previous_percent,
            open_plan_items: open.len(),
            overdue_plan_items: overdue,
            next_due: next,
            went_well_shows: outcome
                .reflection
                .went_well
                .iter()
                .map(crate::commands::journal::Why::of)
                .collect(),
            went_badly_about: outcome
                .reflection
                .went_badly
                .iter()
                .map(crate::commands::journal::Why::of)
                .collect(),
        });
    }
    outln!(
        "{}",
        heading(&format!("Check-in #{} on {}", outcome.id, ctx.today))
    );
    if outcome.checkin.changed.is_empty() {
        outln!("No level changed (give --rate ID=LEVEL for those that did).");
    } else {
        let ids: Vec<&str> = outcome.checkin.changed.iter().map(|c| c.as_str()).collect();
        outln!("Re-rated: {} (a new self-assessment).", ids.join(", "));
    }
    outln!(
        "Readiness for {}: {}",
        outcome.after.target_name,
        bar(outcome.after.readiness)
    );
    if let Some(p) = outcome.previous_percent {
        let now = outcome.after.percent() as i64;
        outln!("Since the last check-in: {:+} points.", now - p as i64);
    }
    let name = |s: &leap_core::tagging::Suggestion| {
        loaded
            .framework
            .competency(s.competency.as_str())
            .map_or_else(|| s.competency.to_string(), |c| c.name.clone())
    };
    if !outcome.reflection.went_well.is_empty() {
        outln!("What went well reads as evidence of:");
        for s in &outcome.reflection.went_well {
            outln!("  {}: {}", name(s), s.why());
        }
        let ids: Vec<String> = outcome
            .reflection
            .went_well
            .iter()
            .map(|s| format!("--competency {}", s.competency))
            .collect();
        outln!(
            "  A check-in is not evidence by itself: to count it, log it. `leap log TEXT {}`",
            ids.join(" ")
        );
    }
    if !outcome.reflection.went_badly.is_empty() {
        let names: Vec<String> = outcome.reflection.went_badly.iter().map(name).collect();
        outln!(
            "What went badly is about {}: worth a plan item, or a word with your mentor.",
            names.join(", ")
        );
    }
    outln!(
        "Plan: {} open item(s), {} overdue. `leap plan` to review, `leap plan done ID` to close.",
        open.len(),
        overdue
    );
    outln!("{}", dim(&format!("Next check-in due {next}.")));
    Ok(())
}

pub async fn history(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let checkins = ctx.store.checkins(loaded.profile.person).await?;
    let due = ctx
        .store
        .checkin_schedule(loaded.profile.person)
        .await?
        .due_on();
    if json {
        #[derive(Serialize)]
        struct History<'a> {
            checkins: &'a [CheckinRecord],
            next_due: Option<chrono::NaiveDate>,
        }
        return print_json(&History {
            checkins: &checkins,
            next_due: due,
        });
    }
    if checkins.is_empty() {
        outln!("No check-ins yet: `leap checkin` records one.");
    } else {
        outln!("{}", heading("Readiness over time"));
        let mut t = table([
            "date",
            "target",
            "readiness",
            "re-rated",
            "went well",
            "went badly",
        ]);
        for c in &checkins {
            t.add_row(vec![
                c.held_on.to_string(),
                loaded.framework.role_name(&c.target_role).to_owned(),
                bar(f64::from(c.readiness_percent) / 100.0),
                if c.reassessed { "yes" } else { "no" }.to_owned(),
                c.went_well.clone().unwrap_or_default(),
                c.went_badly.clone().unwrap_or_default(),
            ]);
        }
        outln!("{t}");
    }
    if let Some(d) = due {
        outln!("Next check-in due {d}.");
    }
    Ok(())
}

pub async fn every(ctx: &Ctx, days: &str, json: bool) -> anyhow::Result<()> {
    let days = leap_core::checkin::every(days)?;
    let loaded = ctx.load().await?;
    ctx.store
        .set_checkin_every(loaded.profile.person, days)
        .await?;
    match ctx
        .store
        .checkin_schedule(loaded.profile.person)
        .await?
        .due_on()
    {
        Some(d) if json => {
            return print_json(&serde_json::json!({ "every_days": days, "next_due": d }))
        }
        Some(d) => outln!("Check-ins every {days} days; the next is due {d}."),
        None => {
            return Err(usage(format!(
            "check-ins every {days} days, from your first self-assessment: run `leap assess` first"
        )))
        }
    }
    Ok(())
}
