//! `leap log` and `leap journal`: the evidence journal.

use leap_core::evidence::{EntryInput, NewEntry};
use leap_store::NewEvidence;
use serde::Serialize;

use crate::cli::LogArgs;
use crate::context::Ctx;
use crate::output::{print_json, table};
use leap_app::json::JournalView;

/// A suggested tag and why, for `--json`.
#[derive(Serialize)]
pub(crate) struct Why<'a> {
    pub competency: &'a str,
    pub matched: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub like: Option<&'a leap_core::tagging::Like>,
    pub why: String,
}

impl<'a> Why<'a> {
    pub(crate) fn of(s: &'a leap_core::tagging::Suggestion) -> Self {
        Self {
            competency: s.competency.as_str(),
            matched: &s.matched,
            like: s.like.as_ref(),
            why: s.why(),
        }
    }
}

#[derive(Serialize)]
struct Logged<'a> {
    id: i64,
    date: String,
    competencies: Vec<&'a str>,
    /// True when leap chose the tags from the text.
    suggested: bool,
    /// Why each suggested tag was suggested.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    why: Vec<Why<'a>>,
    /// Seed 000's word, the first time a technical certification is logged
    /// toward a management target.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

pub async fn log(ctx: &Ctx, args: LogArgs) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let f = &loaded.framework;
    let corrections = ctx.store.tag_corrections(loaded.profile.person).await?;
    let entry = NewEntry::parse(
        f,
        EntryInput {
            text: &args.text,
            kind: args.kind.as_deref(),
            date: args.date.as_deref(),
            competencies: &args.competencies,
            corrections: &corrections,
        },
        ctx.today,
    )?;
    let (date, kind, tags, suggested, suggestions) = (
        entry.date,
        entry.kind,
        &entry.competencies,
        entry.suggested,
        &entry.suggestions,
    );
    let note =
        leap_app::plan::certification_note(&*ctx.store, &loaded.profile, f, &args.text).await?;
    let id = ctx
        .store
        .add_evidence(
            loaded.profile.person,
            NewEvidence::from_entry(&entry, ctx.today),
        )
        .await?;
    if args.json {
        return print_json(&Logged {
            id,
            date: date.to_string(),
            competencies: tags.iter().map(|c| c.as_str()).collect(),
            suggested,
            why: suggestions.iter().map(Why::of).collect(),
            note,
        });
    }
    outln!("Logged #{id} on {date} ({kind}).");
    if let Some(n) = &note {
        outln!("{n}");
    }
    if !suggested {
        let ids: Vec<&str> = tags.iter().map(|c| c.as_str()).collect();
        outln!("Tagged: {}.", ids.join(", "));
        if entry.correction.is_some() {
            outln!("leap suggests differently for this text; it will learn from your choice.");
        }
    } else if suggestions.is_empty() {
        outln!("No competency recognised in the text, so the entry has no tags. Tag it next time with --competency ID (`leap framework show` lists them).");
    } else {
        outln!("Suggested tags, and why:");
        for s in suggestions {
            let name = f
                .competency(s.competency.as_str())
                .map_or("", |c| c.name.as_str());
            outln!("  {} ({name}): {}", s.competency, s.why());
        }
        outln!("Not right? Log it with --competency ID instead; leap learns how you tag.");
    }
    Ok(())
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
        return print_json(&JournalView::new(&entries));
    }
    if entries.is_empty() {
        match &filter {
            Some(c) => outln!("No journal entries tagged {c} yet."),
            None => outln!("Your journal is empty: `leap log \"what you did\"` adds an entry."),
        }
        return Ok(());
    }
    let mut t = table(["id", "date", "kind", "competencies", "text"]);
    for e in &entries {
        t.add_row([
            e.id.to_string(),
            e.date.to_string(),
            e.kind.to_string(),
            loaded.framework.competency_names(&e.competencies),
            e.text.clone(),
        ]);
    }
    outln!("{t}");
    outln!("{} entries.", entries.len());
    Ok(())
}
