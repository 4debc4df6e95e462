//! `leap demo`: the demo person, or with `--people N` a deterministic
//! synthetic organisation (the work is `leap_app::demo`).

use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use leap_core::InvalidValue;

use crate::cli::DemoArgs;
use crate::context::Ctx;

use leap_app::demo::ORGANISATION_PASSWORD as PASSWORD;
const MAX_PEOPLE: i64 = 1_000_000;
const MAX_ENTRIES: i64 = 1_000;

pub fn check(args: &DemoArgs) -> anyhow::Result<()> {
    if let Some(n) = args.people {
        if !(1..=MAX_PEOPLE).contains(&n) {
            return Err(InvalidValue::new(
                "people",
                n,
                format!("a whole number from 1 to {MAX_PEOPLE}"),
            )
            .into());
        }
    }
    if !(0..=MAX_ENTRIES).contains(&args.entries_per_person) {
        return Err(InvalidValue::new(
            "entries-per-person",
            args.entries_per_person,
            format!("a whole number from 0 to {MAX_ENTRIES}"),
        )
        .into());
    }
    Ok(())
}

pub async fn generate(
    ctx: &Ctx,
    people: i64,
    seed: u64,
    entries: i64,
    json: bool,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let total = u64::try_from(people).unwrap_or(0);
    let entries = u32::try_from(entries).unwrap_or(0);
    // indicatif draws nothing when stderr is not a terminal.
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} people  {elapsed} (about {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let made = leap_app::demo::generate_organisation(
        &*ctx.store,
        total,
        seed,
        entries,
        ctx.today,
        &|done| bar.set_position(done),
    )
    .await?;
    bar.finish_and_clear();
    if json {
        return crate::output::print_json(&serde_json::json!({
            "people": total,
            "seed": seed,
            "entries_per_person": entries,
            "first_account": made.first_account,
            "last_account": made.last_account,
            "cio": made.cio,
            "director": made.director.as_ref().map(|(u, line)| serde_json::json!({"account": u, "line": line})),
            "manager": made.manager.as_ref().map(|(u, line)| serde_json::json!({"account": u, "line": line})),
            "password": PASSWORD,
        }));
    }
    outln!(
        "Generated {total} people (accounts {} to {}, {entries} journal entries each) in {:.1} s, seed {seed}.",
        made.first_account,
        made.last_account,
        started.elapsed().as_secs_f64()
    );
    outln!("They are in teams and reporting lines, with managers' ratings, one-to-ones and candidates for the succession bench.");
    outln!("Every generated account signs in with the password '{PASSWORD}'. To look around, sign in as:");
    outln!("  {} (CIO: everyone below, the bench)", made.cio);
    if let Some((u, line)) = &made.director {
        outln!("  {u} (a director: {line} people below)");
    }
    if let Some((u, line)) = &made.manager {
        outln!("  {u} (a manager: a team of {line})");
    }
    Ok(())
}
