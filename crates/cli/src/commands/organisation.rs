//! `leap demo --people N`: a deterministic synthetic organisation.

use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use leap_core::synthetic::Organisation;
use leap_core::InvalidValue;

use crate::cli::DemoArgs;
use crate::context::{builtin, Ctx};

/// Every generated account signs in with this password.
pub const PASSWORD: &str = "leap demo passphrase";
const MAX_PEOPLE: i64 = 1_000_000;
const MAX_ENTRIES: i64 = 1_000;
/// People written per transaction.
const BATCH: usize = 250;

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

pub async fn generate(ctx: &Ctx, people: i64, seed: u64, entries: i64) -> anyhow::Result<()> {
    let started = Instant::now();
    let framework = builtin()?;
    let stored = leap_store::FrameworkText::of(&framework, leap_core::framework::BUILTIN_TOML);
    // One hash for all: argon2 per account would take minutes for thousands.
    let hash = leap_app::password::hash(PASSWORD.to_owned()).await?;
    let existing = u64::try_from(ctx.store.account_count().await?).unwrap_or(0);
    let total = u64::try_from(people).unwrap_or(0);
    let entries = u32::try_from(entries).unwrap_or(0);
    let mut org = Organisation::new(&framework, seed, ctx.today, entries).numbered_after(existing);
    // indicatif draws nothing when stderr is not a terminal.
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} people  {elapsed} (about {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut done = 0;
    while done < total {
        let n = (total - done).min(BATCH as u64);
        let batch: Vec<_> = (0..n).map(|_| org.person()).collect();
        ctx.store
            .insert_people(&batch, &stored, &hash, ctx.today)
            .await?;
        done += n;
        bar.set_position(done);
    }
    bar.finish_and_clear();
    ctx.store.refresh_statistics().await?;
    outln!(
        "Generated {total} people (accounts person{:06} to person{:06}, {entries} journal entries each) in {:.1} s, seed {seed}.",
        existing + 1,
        existing + total,
        started.elapsed().as_secs_f64()
    );
    outln!("Every generated account signs in with the password '{PASSWORD}'.");
    Ok(())
}
