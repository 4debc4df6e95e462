//! `leap export`, `leap import` and `leap user delete`: the person's data
//! as one document that travels, and its removal.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use leap_core::transfer::Document;
use leap_store::transfer::{self, Destination, Progress};
use leap_store::StoreError;

use crate::cli::{Cli, ImportArgs};
use crate::context::Ctx;
use crate::error::usage;
use crate::output::print_json;

/// A progress bar on the terminal's stderr; indicatif draws nothing when
/// stderr is not a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Self {
        Self(
            ProgressBar::new(0).with_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
        )
    }
}

impl Progress for Bar {
    fn step(&self, what: &str, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
        self.0.set_message(what.to_owned());
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

pub async fn export(ctx: &Ctx, out: Option<&Path>) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let export = {
        let bar = Bar::new();
        leap_app::transfer::export(&*ctx.store, loaded.profile.person, ctx.today, &bar).await?
    };
    let mut text = serde_json::to_string_pretty(&export.document)?;
    text.push('\n');
    match out {
        None => out!("{text}"),
        Some(path) => {
            crate::context::write_new_or_replace(path, &text)?;
            eprintln!(
                "Exported {} to {}: {}.",
                export.document.person.name,
                path.display(),
                counts(&export.document)
            );
        }
    }
    if export.open_requests > 0 {
        eprintln!(
            "Left out {} feedback request(s) still open: their results are not visible yet. \
             Export again once they close.",
            export.open_requests
        );
    }
    Ok(())
}

/// What a document holds, for the line printed after an export or import.
/// How many of each record a document holds (`leap import --json`'s
/// `counts`, by the export's own names).
#[derive(serde::Serialize)]
struct Counts {
    assessments: usize,
    journal: usize,
    plan_items: usize,
    feedback: usize,
    opportunities: usize,
    contacts: usize,
    checkins: usize,
}

impl Counts {
    fn of(d: &Document) -> Self {
        Self {
            assessments: d.assessments.len(),
            journal: d.journal.len(),
            plan_items: d.plan_items.len(),
            feedback: d.feedback.len(),
            opportunities: d.opportunities.len(),
            contacts: d.contacts.len(),
            checkins: d.checkins.len(),
        }
    }
}

fn counts(d: &Document) -> String {
    let c = Counts::of(d);
    [
        ("assessments", c.assessments),
        ("journal entries", c.journal),
        ("plan items", c.plan_items),
        ("feedback results", c.feedback),
        ("opportunities", c.opportunities),
        ("contacts", c.contacts),
        ("check-ins", c.checkins),
    ]
    .iter()
    .map(|(what, n)| format!("{what} {n}"))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Reads and checks the file before any database is opened or created.
pub fn read(file: &Path) -> anyhow::Result<Document> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        usage(format!(
            "invalid file '{}': cannot read it ({e})",
            file.display()
        ))
    })?;
    Document::read(&text).map_err(|e| usage(format!("{}: {e}", file.display())))
}

pub async fn import(cli: &Cli, args: &ImportArgs, document: Document) -> anyhow::Result<()> {
    let frameworks = transfer::frameworks_of(&document)
        .map_err(|e| usage(format!("{}: {e}", args.file.display())))?;
    let ctx = Ctx::open(cli, true).await?;
    let result = import_into(&ctx, args, &document, &frameworks).await;
    super::finish(ctx.store.as_ref(), result).await
}

async fn import_into(
    ctx: &Ctx,
    args: &ImportArgs,
    document: &Document,
    frameworks: &[leap_store::FrameworkText],
) -> anyhow::Result<()> {
    let destination = match &args.account {
        None => Destination::Local,
        Some(username) => Destination::Account(
            ctx.store
                .account_by_username(username)
                .await?
                .ok_or_else(|| {
                    usage(format!(
                        "invalid account '{username}': no such account; `leap user add` makes one"
                    ))
                })?
                .id,
        ),
    };
    let profile = {
        let bar = Bar::new();
        ctx.store
            .import(document, frameworks, destination, &bar)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(m) => usage(format!(
                    "{m}: `leap import` fills a new database (choose one with --db) or a new account"
                )),
                e => e.into(),
            })?
    };
    if args.json {
        #[derive(serde::Serialize)]
        struct Imported<'a> {
            name: &'a str,
            account: Option<&'a str>,
            counts: Counts,
        }
        return print_json(&Imported {
            name: &profile.name,
            account: args.account.as_deref(),
            counts: Counts::of(document),
        });
    }
    outln!(
        "Imported {} from {} into {}{}: {}.",
        profile.name,
        args.file.display(),
        ctx.location,
        args.account
            .as_deref()
            .map(|a| format!(" for account {a}"))
            .unwrap_or_default(),
        counts(document)
    );
    Ok(())
}

pub async fn delete_account(
    ctx: &Ctx,
    username: &str,
    yes: bool,
    json: bool,
) -> anyhow::Result<()> {
    ctx.store
        .account_by_username(username)
        .await?
        .ok_or_else(|| {
            usage(format!(
                "invalid username '{username}': no such account; `leap user list` shows them"
            ))
        })?;
    if !yes
        && !crate::prompt::confirm(
            &format!(
                "Delete {username} and all of its data (profile, journal, plan, feedback, shares)? \
                 This cannot be undone"
            ),
            "add --yes to delete the account and all its data",
        )?
    {
        if json {
            return print_json(&serde_json::json!({ "deleted": null }));
        }
        outln!("Nothing was deleted.");
        return Ok(());
    }
    leap_app::accounts::delete(
        &*ctx.store,
        leap_app::accounts::Actor("leap user (on the server)"),
        username,
        chrono::Utc::now(),
    )
    .await?;
    if json {
        return print_json(&serde_json::json!({ "deleted": username }));
    }
    outln!("Deleted account {username} and all of its data.");
    Ok(())
}
