//! `leap log` and `leap journal`: the evidence journal.

use leap_app::journal::{Change, Retag};
use leap_core::evidence::EntryInput;
use serde::Serialize;

use crate::cli::{JournalEditArgs, LogArgs};
use crate::context::Ctx;
use crate::output::{print_json, table};
use leap_app::json::{EntryView, JournalView};

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
    /// It names a gap: kept, not counted as evidence.
    names_gap: bool,
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
    let mut draft = EntryInput {
        text: &args.text,
        kind: args.kind.as_deref(),
        date: args.date.as_deref(),
        competencies: &args.competencies,
        corrections: &[],
        names_gap: leap_core::evidence::parse_names_gap(args.names_gap.as_deref())?,
    };
    // Feedback logged on a terminal: leap's reading of whether it names a
    // gap is a guess (docs/tagging.md), so the person is asked, with the
    // guess as the answer Enter gives.
    if draft.names_gap.is_none() && !args.json && crate::prompt::on_terminal() {
        let read =
            leap_app::journal::parse(&*ctx.store, loaded.profile.person, f, draft, ctx.today)
                .await?;
        if read.kind == leap_core::evidence::EvidenceKind::Feedback {
            draft.names_gap = Some(crate::prompt::yes_or_no(
                "Does this feedback name a gap (criticism, advice to change)? Then it is kept, but not counted as evidence",
                read.names_gap,
            )?);
        }
    }
    let leap_app::journal::Added { id, entry, note } =
        leap_app::journal::add(&*ctx.store, &loaded.profile, f, draft, ctx.today).await?;
    let (date, kind, tags, suggested, suggestions) = (
        entry.date,
        entry.kind,
        &entry.competencies,
        entry.suggested,
        &entry.suggestions,
    );
    if args.json {
        return print_json(&Logged {
            id,
            date: date.to_string(),
            competencies: tags.iter().map(|c| c.as_str()).collect(),
            suggested,
            names_gap: entry.names_gap,
            why: suggestions.iter().map(Why::of).collect(),
            note,
        });
    }
    outln!("Logged #{id} on {date} ({kind}).");
    if let Some(n) = &note {
        outln!("{n}");
    }
    if leap_core::evidence::reads_as_lost_interview(&args.text) {
        outln!("`leap opp debrief ID --reasons TEXT --chosen-experience TEXT` records it (`leap opp list` shows your openings; `leap opp add --on DATE` adds one after the fact).");
    }
    if !suggested {
        let ids: Vec<&str> = tags.iter().map(|c| c.as_str()).collect();
        outln!("Tagged: {}.", ids.join(", "));
        if entry.correction.is_some() {
            outln!("leap suggests differently for this text; it will learn from your choice.");
        }
    } else if suggestions.is_empty() {
        outln!("No competency recognised in the text, so the entry has no tags: `leap journal edit {id} --competency ID` tags it (`leap framework show` lists them).");
    } else {
        outln!("Suggested tags, and why:");
        for s in suggestions {
            let name = f
                .competency(s.competency.as_str())
                .map_or("", |c| c.name.as_str());
            outln!("  {} ({name}): {}", s.competency, s.why());
        }
        outln!("Not right? `leap journal edit {id} --competency ID` changes them; leap learns how you tag.");
    }
    if entry.names_gap {
        say_gap(f, tags);
        outln!("Not a gap? `leap journal edit {id} --names-gap no` counts it.");
    }
    Ok(())
}

/// What an entry that names a gap is for.
fn say_gap(f: &leap_core::Framework, tags: &[leap_core::CompetencyId]) {
    if tags.is_empty() {
        outln!("It names a gap: kept in your journal, not counted as evidence.");
    } else {
        outln!(
            "It names a gap in {}: kept in your journal as something to work on, not counted or cited as evidence of it.",
            f.competency_names(tags)
        );
    }
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
            if e.names_gap {
                format!("{} (names a gap)", e.kind)
            } else {
                e.kind.to_string()
            },
            loaded.framework.competency_names(&e.competencies),
            e.text.clone(),
        ]);
    }
    outln!("{t}");
    outln!("{} entries.", entries.len());
    Ok(())
}

/// `journal edit --json`: the entry as it is now.
#[derive(Serialize)]
struct EditedView<'a> {
    entry: EntryView,
    /// True when leap chose the tags from the text (`--suggest`).
    suggested: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    why: Vec<Why<'a>>,
    /// True when the chosen tags differ from leap's suggestion, so it learns.
    learned: bool,
}

pub async fn edit(ctx: &Ctx, args: JournalEditArgs) -> anyhow::Result<()> {
    if !args.suggest
        && args.competencies.is_empty()
        && [&args.text, &args.kind, &args.date, &args.names_gap]
            .iter()
            .all(|a| a.is_none())
    {
        return Err(crate::error::usage(
            "nothing to change: give --competency, --suggest, --text, --kind, --date or --names-gap",
        ));
    }
    let loaded = ctx.load().await?;
    let f = &loaded.framework;
    let tags = if args.suggest {
        Retag::Suggest
    } else if args.competencies.is_empty() {
        Retag::Keep
    } else {
        Retag::Choose(&args.competencies)
    };
    let edited = leap_app::journal::edit(
        &*ctx.store,
        loaded.profile.person,
        f,
        args.id,
        Change {
            text: args.text.as_deref(),
            kind: args.kind.as_deref(),
            date: args.date.as_deref(),
            tags,
            names_gap: leap_core::evidence::parse_names_gap(args.names_gap.as_deref())?,
        },
        ctx.today,
    )
    .await?;
    let (e, learned) = (&edited.record, edited.entry.correction.is_some());
    if args.json {
        return print_json(&EditedView {
            entry: EntryView::from(e),
            suggested: edited.entry.suggested,
            why: edited.entry.suggestions.iter().map(Why::of).collect(),
            learned,
        });
    }
    outln!("Changed #{} on {} ({}).", e.id, e.date, e.kind);
    outln!("{}", e.text);
    if e.competencies.is_empty() {
        outln!("No tags: it counts as evidence of nothing until you tag it with --competency ID.");
    } else {
        outln!("Tagged: {}.", f.competency_names(&e.competencies));
    }
    for s in &edited.entry.suggestions {
        outln!("  {}: {}", s.competency, s.why());
    }
    if learned {
        outln!("leap suggests differently for this text; it will learn from your choice.");
    }
    if e.names_gap {
        say_gap(f, &e.competencies);
    }
    Ok(())
}

pub async fn delete(ctx: &Ctx, id: i64, yes: bool, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let person = loaded.profile.person;
    // Checked first, so that nothing is asked about an entry that is not there.
    let entry = ctx.store.evidence(person, id).await?;
    if !yes
        && !crate::prompt::confirm(
            &format!(
                "Delete #{id} of {} (\"{}\")? This cannot be undone",
                entry.date,
                console::truncate_str(&entry.text, 60, "…")
            ),
            "add --yes to delete the entry",
        )?
    {
        if json {
            return print_json(&serde_json::json!({ "deleted": null }));
        }
        outln!("Nothing was deleted.");
        return Ok(());
    }
    let gone = leap_app::journal::delete(&*ctx.store, person, id).await?;
    if json {
        return print_json(&serde_json::json!({ "deleted": EntryView::from(&gone) }));
    }
    outln!("Deleted #{id} of {}: {}", gone.date, gone.text);
    Ok(())
}
