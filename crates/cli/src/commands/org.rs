//! `leap org`: the organisation's teams, people and reporting lines, and
//! what a person's reporting line sees by default.

use leap_core::sharing::{Part, Reach};
use serde::Serialize;

use crate::cli::{OrgCommand, TeamCommand};
use crate::context::Ctx;
use crate::error::usage;
use crate::output::{dim, print_json, table};

#[derive(Serialize)]
struct Done<'a> {
    done: &'a str,
}

fn done(json: bool, what: &str) -> anyhow::Result<()> {
    if json {
        print_json(&Done { done: what })
    } else {
        outln!("{what}");
        Ok(())
    }
}

/// `unset` or a reach.
fn reach(s: &str) -> anyhow::Result<Option<Reach>> {
    if s == "unset" {
        return Ok(None);
    }
    Reach::parse("reach", s).map(Some).map_err(|_| {
        usage(format!(
            "invalid reach '{s}': allowed: nobody, manager, line, unset"
        ))
    })
}

pub async fn run(ctx: &Ctx, command: OrgCommand) -> anyhow::Result<()> {
    let store = ctx.store.as_ref();
    match command {
        OrgCommand::Team(c) => team(ctx, c).await,
        OrgCommand::List(a) => {
            let members = store.members().await?;
            if a.json {
                return print_json(&members);
            }
            if members.is_empty() {
                outln!("No people yet: `leap org import FILE` or `leap org set EMAIL --name NAME` adds them.");
                return Ok(());
            }
            let mut t = table(["Name", "E-mail", "Team", "Manager", "Account"]);
            for m in &members {
                t.add_row([
                    m.member.name.clone(),
                    m.member.email.clone(),
                    m.member.team.clone().unwrap_or_default(),
                    m.manager_name.clone().unwrap_or_default(),
                    if m.has_account { "yes" } else { "not yet" }.to_owned(),
                ]);
            }
            outln!("{t}");
            Ok(())
        }
        OrgCommand::Set {
            email,
            name,
            team,
            manager,
            json,
        } => {
            let member = leap_app::org::member(&email, &name, team.as_deref(), manager.as_deref())?;
            leap_app::org::put_member(store, &member).await?;
            if json {
                return print_json(&store.member(&member.email).await?);
            }
            outln!(
                "{} ({}) is in the organisation{}{}.",
                member.name,
                member.email,
                member
                    .team
                    .as_ref()
                    .map(|t| format!(", team {t}"))
                    .unwrap_or_default(),
                member
                    .manager
                    .as_ref()
                    .map(|m| format!(", reporting to {m}"))
                    .unwrap_or_default()
            );
            Ok(())
        }
        OrgCommand::Remove { email, json } => {
            leap_app::org::remove_member(store, &email).await?;
            done(
                json,
                &format!("Removed {email} from the organisation; their account and data stay."),
            )
        }
        OrgCommand::Import {
            file,
            dry_run,
            json,
        } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| usage(format!("cannot read {}: {e}", file.display())))?;
            let name = file.display().to_string();
            let outcome = leap_app::org::import(store, &name, &text, dry_run).await?;
            if json {
                return print_json(&outcome);
            }
            if outcome.dry_run {
                outln!(
                    "{name} is fine: {} person(s), {} to add and {} to update. Nothing was changed (dry run).",
                    outcome.people,
                    outcome.added,
                    outcome.updated
                );
            } else {
                outln!(
                    "Imported {name}: {} added, {} updated.",
                    outcome.added,
                    outcome.updated
                );
            }
            Ok(())
        }
        OrgCommand::Export { out } => {
            let text = leap_app::org::export(store).await?;
            match out {
                None => out!("{text}"),
                Some(path) => {
                    crate::context::write_new_or_replace(&path, &text)?;
                    eprintln!("Wrote the organisation's people to {}.", path.display());
                }
            }
            Ok(())
        }
        OrgCommand::Default {
            part,
            reach: r,
            json,
        } => {
            let part = Part::parse("part", &part)?;
            let r = reach(&r)?;
            leap_app::org::set_line_default(store, part, r).await?;
            done(
                json,
                &match r {
                    Some(r) => format!(
                        "By default, a person's {part} is now seen by {} (each person can choose otherwise).",
                        who(r)
                    ),
                    None => format!("No default for {part}: only what each person chooses."),
                },
            )
        }
        OrgCommand::MinGroup { n, json } => {
            let now = match n {
                Some(n) => leap_app::org::set_min_group(store, &n).await?,
                None => store.min_group().await?,
            };
            if json {
                #[derive(Serialize)]
                struct MinGroup {
                    min_group: usize,
                }
                return print_json(&MinGroup { min_group: now });
            }
            outln!("The team view shows a figure about a group only over {now} people or more.");
            Ok(())
        }
        OrgCommand::Defaults(a) => {
            let defaults = store.line_defaults().await?;
            if a.json {
                #[derive(Serialize)]
                struct Default {
                    part: Part,
                    reach: Reach,
                }
                let list: Vec<Default> = defaults
                    .into_iter()
                    .map(|(part, reach)| Default { part, reach })
                    .collect();
                return print_json(&list);
            }
            let mut t = table(["Part", "Seen by default by"]);
            for p in Part::ALL {
                let r = defaults
                    .iter()
                    .find(|(part, _)| part.as_str() == *p)
                    .map_or(Reach::Nobody, |(_, r)| *r);
                t.add_row([(*p).to_owned(), who(r).to_owned()]);
            }
            outln!("{t}");
            outln!(
                "{}",
                dim("Each person can choose otherwise on their Sharing page.")
            );
            Ok(())
        }
    }
}

fn who(r: Reach) -> &'static str {
    match r {
        Reach::Nobody => "nobody",
        Reach::Manager => "their manager",
        Reach::Line => "their manager and every manager above",
    }
}

async fn team(ctx: &Ctx, command: TeamCommand) -> anyhow::Result<()> {
    let store = ctx.store.as_ref();
    match command {
        TeamCommand::Add { name, parent, json } => {
            leap_app::org::add_team(store, &name, parent.as_deref()).await?;
            done(
                json,
                &match parent {
                    Some(p) => format!("Added team {} in {p}.", name.trim()),
                    None => format!("Added team {}.", name.trim()),
                },
            )
        }
        TeamCommand::Change {
            name,
            rename,
            parent,
            top,
            json,
        } => {
            let parent = if top {
                None
            } else {
                match parent {
                    Some(p) => Some(p),
                    // Keep where it is.
                    None => store
                        .teams()
                        .await?
                        .into_iter()
                        .find(|t| t.name == name.trim())
                        .and_then(|t| t.parent),
                }
            };
            leap_app::org::change_team(store, &name, rename.as_deref(), parent.as_deref()).await?;
            let now = rename.as_deref().unwrap_or(&name).trim().to_owned();
            done(
                json,
                &match parent {
                    Some(p) => format!("Team {now} is part of {p}."),
                    None => format!("Team {now} is a team of its own."),
                },
            )
        }
        TeamCommand::Remove { name, json } => {
            leap_app::org::remove_team(store, &name).await?;
            done(json, &format!("Removed team {}.", name.trim()))
        }
        TeamCommand::List(a) => {
            let teams = store.teams().await?;
            if a.json {
                return print_json(&teams);
            }
            if teams.is_empty() {
                outln!("No teams yet: `leap org team add NAME` adds one.");
                return Ok(());
            }
            let mut t = table(["Team", "Part of", "People"]);
            for team in &teams {
                t.add_row([
                    team.name.clone(),
                    team.parent.clone().unwrap_or_default(),
                    team.members.to_string(),
                ]);
            }
            outln!("{t}");
            Ok(())
        }
    }
}
