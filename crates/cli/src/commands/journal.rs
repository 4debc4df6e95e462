//! `leap log` and `leap journal`: the evidence journal.

use leap_core::evidence::{parse_date, EvidenceKind, EvidenceText};
use leap_core::tagging::Tagger;
use leap_core::InvalidValue;
use leap_store::NewEvidence;
use serde::Serialize;

use super::views::EntryView;
use crate::cli::LogArgs;
use crate::context::Ctx;
use crate::output::{print_json, table};

#[derive(Serialize)]
struct Logged<'a> {
    id: i64,
    date: String,
    competencies: Vec<&'a str>,
    /// True when leap chose the tags from the text.
    suggested: bool,
}

pub async fn log(ctx: &Ctx, args: LogArgs) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let f = &loaded.framework;
    let text = EvidenceText::parse("text", &args.text)?;
    let kind = EvidenceKind::parse("kind", &args.kind)?;
    let date = match &args.date {
        Some(d) => {
            let date = parse_date("date", d)?;
            if date > ctx.today {
                return Err(InvalidValue::new(
                    "date",
                    d,
                    format!("a date as YYYY-MM-DD, not after today ({})", ctx.today),
                )
                .into());
            }
            date
        }
        None => ctx.today,
    };
    let mut tags = Vec::new();
    for c in &args.competencies {
        let id = f.parse_competency("competency", c)?;
        if !tags.contains(&id) {
            tags.push(id);
        }
    }
    let suggested = tags.is_empty();
    let suggestions = if suggested {
        Tagger::new(f).suggest(text.as_str())
    } else {
        Vec::new()
    };
    if suggested {
        tags = suggestions.iter().map(|s| s.competency.clone()).collect();
    }
    let id = ctx
        .store
        .add_evidence(
            loaded.profile.person,
            NewEvidence {
                date,
                text: text.as_str(),
                kind: kind.as_str(),
                competencies: &tags,
                today: ctx.today,
            },
        )
        .await?;
    if args.json {
        return print_json(&Logged {
            id,
            date: date.to_string(),
            competencies: tags.iter().map(|c| c.as_str()).collect(),
            suggested,
        });
    }
    println!("Logged #{id} on {date} ({kind}).");
    if !suggested {
        let ids: Vec<&str> = tags.iter().map(|c| c.as_str()).collect();
        println!("Tagged: {}.", ids.join(", "));
    } else if suggestions.is_empty() {
        println!("No competency recognised in the text, so the entry has no tags. Tag it next time with --competency ID (`leap framework show` lists them).");
    } else {
        println!("Suggested tags, from the framework's keywords and descriptors:");
        for s in &suggestions {
            let name = f
                .competency(s.competency.as_str())
                .map_or("", |c| c.name.as_str());
            println!(
                "  {} ({name}): matched {}",
                s.competency,
                s.matched.join(", ")
            );
        }
        println!("Not right? Log it with --competency ID instead.");
    }
    Ok(())
}

#[derive(Serialize)]
struct JournalView<'a> {
    entries: Vec<EntryView<'a>>,
}

pub async fn list(ctx: &Ctx, competency: Option<&str>, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let filter = competency
        .map(|c| loaded.framework.parse_competency("competency", c))
        .transpose()?;
    let entries = ctx
        .store
        .journal(loaded.profile.person, filter.as_ref().map(|c| c.as_str()))
        .await?;
    if json {
        return print_json(&JournalView {
            entries: entries.iter().map(EntryView::from).collect(),
        });
    }
    if entries.is_empty() {
        match &filter {
            Some(c) => println!("No journal entries tagged {c} yet."),
            None => println!("Your journal is empty: `leap log \"what you did\"` adds an entry."),
        }
        return Ok(());
    }
    let mut t = table(["id", "date", "kind", "competencies", "text"]);
    for e in &entries {
        t.add_row([
            e.id.to_string(),
            e.date.to_string(),
            e.kind.clone(),
            e.competencies.join(", "),
            e.text.clone(),
        ]);
    }
    println!("{t}");
    println!("{} entries.", entries.len());
    Ok(())
}
