//! `leap team` and `leap one-to-ones`: the Team page, rating a direct
//! report and one-to-ones in the terminal, for the account the local
//! profile is linked to (`leap user add EMAIL --link-local`).

use leap_app::team::TeamView;
use leap_core::one_to_one::EntryKind;
use leap_store::sharing::Reader;
use leap_store::{Account, PersonId};

use crate::cli::{OneToOneArgs, OneToOneCommand, ReportsCommand, TeamArgs};
use crate::context::Ctx;
use crate::error::usage;
use crate::output::{dim, heading, print_json, table};

/// The account the local profile is linked to.
async fn linked(ctx: &Ctx) -> anyhow::Result<Account> {
    let loaded = ctx.load().await?;
    ctx.store
        .accounts()
        .await?
        .into_iter()
        .find(|a| a.person == Some(loaded.profile.person))
        .ok_or_else(|| {
            usage(
                "your profile has no account, so no one can report to it: on a server, `leap user add EMAIL --link-local` gives it one named by your e-mail",
            )
        })
}

/// The person whose account is named by `email`.
async fn person(ctx: &Ctx, email: &str) -> anyhow::Result<PersonId> {
    ctx.store
        .account_by_username(email.trim())
        .await?
        .and_then(|a| a.person)
        .ok_or_else(|| {
            usage(format!(
                "invalid email '{email}': no account with a profile has this username"
            ))
        })
}

pub async fn run(ctx: &Ctx, args: TeamArgs) -> anyhow::Result<()> {
    match args.command {
        None => show(ctx, args.json).await,
        Some(ReportsCommand::Rate { email, levels }) => {
            let account = linked(ctx).await?;
            let person = person(ctx, &email).await?;
            // The report's framework: their levels are read against it.
            let form = ctx.store.rating_form(account.id, person).await?;
            let framework = ctx.framework_by_hash(&form.framework_hash).await?;
            let pairs = levels
                .iter()
                .map(|l| {
                    l.split_once('=').ok_or_else(|| {
                        usage(format!(
                            "invalid level '{l}': ID=LEVEL, such as communication=3"
                        ))
                    })
                })
                .collect::<anyhow::Result<Vec<(&str, &str)>>>()?;
            let levels = leap_app::rating::levels(&framework, pairs)?;
            let id = leap_app::rating::rate(
                &*ctx.store,
                Reader::from(&account),
                person,
                &levels,
                ctx.today,
            )
            .await?;
            if args.json {
                return print_json(&serde_json::json!({ "id": id }));
            }
            outln!(
                "Rated {} on {} competencies; they see it beside their own.",
                form.name,
                levels.iter().count()
            );
            Ok(())
        }
    }
}

async fn show(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let account = linked(ctx).await?;
    let view = leap_app::team::view(
        &*ctx.store,
        &leap_app::Frameworks::default(),
        account.id,
        ctx.today,
    )
    .await?;
    if view.people.is_empty() && !json {
        return Err(usage(format!(
            "no one reports to {} with a leap profile: an administrator sets reporting lines with `leap org set` or `leap org import`",
            account.username
        )));
    }
    if json {
        return print_json(&view);
    }
    print_view(&view);
    Ok(())
}

fn print_view(view: &TeamView) {
    let not_shared = || "not shared".to_owned();
    let mut t = table([
        "Name",
        "Team",
        "Target",
        "Readiness",
        "Plan",
        "Last check-in",
    ]);
    for p in &view.people {
        let name = if p.report.depth > 1 {
            format!("{} (through {})", p.report.name, p.report.depth - 1)
        } else {
            p.report.name.clone()
        };
        t.add_row([
            name,
            p.report.team.clone().unwrap_or_default(),
            p.target.clone().unwrap_or_else(not_shared),
            match (p.band, p.readiness) {
                (Some(b), Some(r)) => format!("{} ({r}%)", b.label()),
                _ => not_shared(),
            },
            match (p.plan_done, p.plan_open, p.plan_overdue) {
                (Some(d), Some(o), Some(late)) if late > 0 => {
                    format!("{d} done, {o} open, {late} overdue")
                }
                (Some(d), Some(o), _) => format!("{d} done, {o} open"),
                _ => not_shared(),
            },
            p.last_checkin
                .map_or_else(|| "—".to_owned(), |d| d.to_string()),
        ]);
    }
    outln!(
        "{}",
        heading(&format!(
            "Your team: {} {}",
            view.people.len(),
            if view.people.len() == 1 {
                "person"
            } else {
                "people"
            }
        ))
    );
    outln!("{t}");
    match &view.summary {
        Some(s) => {
            let bands: Vec<String> = s
                .bands
                .iter()
                .map(|b| format!("{} {}", b.band.label(), b.people))
                .collect();
            outln!(
                "Over the {} who share their assessments: average readiness {}%; {}.",
                s.people,
                s.average_readiness,
                bands.join(", ")
            );
        }
        None => outln!(
            "{}",
            dim(&format!(
                "Figures about the team show once at least {} people share their assessments ({} do now).",
                view.min_group, view.sharing_assessments
            ))
        ),
    }
    for g in &view.shared_gaps {
        outln!(
            "Shared gap: {}, {} of {} short of their target{}",
            g.name,
            g.people,
            g.of,
            if g.together.is_empty() {
                ".".to_owned()
            } else {
                format!("; together: {}.", g.together.join("; "))
            }
        );
    }
}

pub async fn one_to_ones(ctx: &Ctx, args: OneToOneArgs) -> anyhow::Result<()> {
    let account = linked(ctx).await?;
    let now = chrono::Utc::now();
    match args.command {
        None => {
            let list = ctx.store.one_to_ones(account.id, None).await?;
            if args.json {
                return print_json(&serde_json::json!({ "one_to_ones": list }));
            }
            if list.is_empty() {
                outln!(
                    "No one-to-ones yet: a manager starts one with `leap one-to-ones start EMAIL`."
                );
                return Ok(());
            }
            let mut t = table(["Id", "Held on", "Report", "Manager"]);
            for o in &list {
                t.add_row([
                    o.id.to_string(),
                    o.held_on.to_string(),
                    o.person_name.clone(),
                    o.manager_name.clone(),
                ]);
            }
            outln!("{t}");
            Ok(())
        }
        Some(OneToOneCommand::Start { email, on }) => {
            let person = person(ctx, &email).await?;
            let held_on = match on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(d) => leap_core::evidence::parse_date("on", d)?,
                None => ctx.today,
            };
            let id = leap_app::one_to_one::start(
                &*ctx.store,
                Reader::from(&account),
                person,
                held_on,
                now,
            )
            .await?;
            if args.json {
                return print_json(&serde_json::json!({ "id": id }));
            }
            outln!("One-to-one {id} on {held_on}: `leap one-to-ones show {id}` for its agenda.");
            Ok(())
        }
        Some(OneToOneCommand::Add { id, text, note }) => {
            let kind = if note {
                EntryKind::Note
            } else {
                EntryKind::Item
            };
            leap_app::one_to_one::add(&*ctx.store, Reader::from(&account), id, kind, &text, now)
                .await?;
            if args.json {
                return print_json(&serde_json::json!({ "done": "added" }));
            }
            outln!("Added to one-to-one {id}.");
            Ok(())
        }
        Some(OneToOneCommand::Show { id }) => {
            let record = ctx.store.one_to_one(account.id, id).await?;
            let owner = ctx.store.profile(PersonId(record.person)).await?;
            let framework = ctx.framework_by_hash(&owner.framework_hash).await?;
            let o = leap_app::one_to_one::open(
                &*ctx.store,
                &account,
                record,
                &owner,
                &framework,
                ctx.today,
                now,
            )
            .await?;
            if args.json {
                return print_json(&serde_json::json!({
                    "one_to_one": o.record,
                    "agenda": o.agenda,
                    "previous": o.previous,
                    "as_manager": o.as_manager,
                }));
            }
            let a = &o.agenda;
            outln!(
                "{}",
                heading(&format!(
                    "One-to-one of {}: {} with {}",
                    o.record.held_on, o.record.person_name, o.record.manager_name
                ))
            );
            for p in &a.overdue {
                outln!("Overdue: {} (due {})", p.title, p.due);
            }
            for p in &a.due {
                outln!("Due soon: {} ({})", p.title, p.due);
            }
            for e in &a.new_evidence {
                outln!("New evidence, {}: {}", e.date, e.text);
            }
            if a.open_feedback > 0 {
                outln!("Open 360 requests: {}", a.open_feedback);
            }
            for d in &a.talk_about {
                outln!(
                    "To talk about: {} ({} by them, {} by the manager)",
                    d.name,
                    d.own.map_or_else(|| "—".to_owned(), |l| l.to_string()),
                    d.manager.map_or_else(|| "—".to_owned(), |l| l.to_string())
                );
            }
            if !a.not_shared.is_empty() {
                let parts: Vec<&str> = a.not_shared.iter().map(|p| p.as_str()).collect();
                outln!(
                    "{}",
                    dim(&format!(
                        "Not on the agenda (not shared): {}.",
                        parts.join(", ")
                    ))
                );
            }
            for e in &o.record.entries {
                let kind = match e.kind {
                    EntryKind::Item => "Item",
                    EntryKind::Note => "Note",
                };
                outln!("{kind} ({}): {}", e.author_name, e.text);
            }
            Ok(())
        }
    }
}
