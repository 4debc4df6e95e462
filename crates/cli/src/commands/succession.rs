//! `leap bench`: the succession bench of the organisation (an
//! administrator's view, as the command line has the whole database), and
//! the roles the local profile asks to be considered for.

use leap_app::succession::{Bench, RoleChoice};
use leap_store::BenchScope;

use crate::cli::{BenchArgs, BenchCommand};
use crate::context::Ctx;
use crate::output::{dim, heading, print_json, table};

pub async fn run(ctx: &Ctx, args: BenchArgs) -> anyhow::Result<()> {
    match args.command {
        None => show(ctx, &args).await,
        Some(BenchCommand::Roles) => {
            let loaded = ctx.load().await?;
            let roles = leap_app::succession::choices(
                &*ctx.store,
                loaded.profile.person,
                &loaded.framework,
            )
            .await?;
            print_choices(&roles, args.json)
        }
        Some(BenchCommand::Consider { role }) => change(ctx, &role, true, args.json).await,
        Some(BenchCommand::Withdraw { role }) => change(ctx, &role, false, args.json).await,
    }
}

async fn change(ctx: &Ctx, role: &str, on: bool, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let now = leap_app::succession::choices(&*ctx.store, loaded.profile.person, &loaded.framework)
        .await?;
    let mut roles: Vec<String> = now
        .iter()
        .filter(|c| c.since.is_some() && c.role.as_str() != role)
        .map(|c| c.role.to_string())
        .collect();
    if on {
        roles.push(role.to_owned());
    } else {
        // Withdrawing names a role of the framework's management track.
        leap_core::succession::parse_role(&loaded.framework, "role", role)?;
    }
    let roles = leap_app::succession::consider(
        &*ctx.store,
        loaded.profile.person,
        &loaded.framework,
        &roles,
        ctx.today,
    )
    .await?;
    print_choices(&roles, json)
}

fn print_choices(roles: &[RoleChoice], json: bool) -> anyhow::Result<()> {
    if json {
        #[derive(serde::Serialize)]
        struct View<'a> {
            roles: &'a [RoleChoice],
        }
        return print_json(&View { roles });
    }
    let mut t = table(["Role", "Id", "Considered since"]);
    for r in roles {
        t.add_row([
            r.name.clone(),
            r.role.to_string(),
            r.since.map_or_else(|| "no".to_owned(), |d| d.to_string()),
        ]);
    }
    outln!("{t}");
    outln!(
        "{}",
        dim("Administrators and the managers above you see your readiness for the roles you ask for, and why; nothing else.")
    );
    Ok(())
}

async fn show(ctx: &Ctx, args: &BenchArgs) -> anyhow::Result<()> {
    let bench = leap_app::succession::bench(
        &*ctx.store,
        &leap_app::Frameworks::default(),
        BenchScope::Organisation,
        args.team.as_deref(),
    )
    .await?;
    if args.csv {
        let text = leap_app::succession::to_csv(&bench)?;
        match &args.out {
            None => out!("{text}"),
            Some(path) => {
                crate::context::write_new_or_replace(path, &text)?;
                eprintln!("Wrote the bench to {}.", path.display());
            }
        }
        return Ok(());
    }
    if args.json {
        return print_json(&bench);
    }
    print_bench(&bench);
    Ok(())
}

fn print_bench(bench: &Bench) {
    if bench.roles.is_empty() {
        outln!("No one has a profile yet, so there are no roles to show.");
        return;
    }
    let mut t = table([
        "Role",
        "Ready now",
        "Within 2 years",
        "Over 2 years",
        "Successor today",
    ]);
    for r in &bench.roles {
        t.add_row([
            r.name.clone(),
            r.ready_now.to_string(),
            r.one_to_two_years.to_string(),
            r.later.to_string(),
            if r.no_successor {
                "NONE ready now"
            } else {
                "yes"
            }
            .to_owned(),
        ]);
    }
    outln!(
        "{}",
        heading(&format!(
            "Bench strength ({} {} asked to be considered)",
            bench.candidates,
            if bench.candidates == 1 {
                "person has"
            } else {
                "people have"
            }
        ))
    );
    outln!("{t}");
    for r in bench.roles.iter().filter(|r| !r.teams.is_empty()) {
        outln!("{}", heading(&r.name));
        let mut t = table(["Team", "Group", "Name", "Readiness", "Why"]);
        for team in &r.teams {
            for c in team
                .ready_now
                .iter()
                .chain(&team.one_to_two_years)
                .chain(&team.later)
            {
                t.add_row([
                    team.team.clone().unwrap_or_else(|| "no team".to_owned()),
                    c.horizon.label().to_owned(),
                    c.name.clone(),
                    // The band within the group: "within 2 years" holds
                    // those ready within a year too.
                    match (c.readiness, c.band) {
                        (Some(p), Some(b)) => format!("{p}%, {}", b.label()),
                        (Some(p), None) => format!("{p}%"),
                        _ => "not assessed".to_owned(),
                    },
                    c.explanation.clone(),
                ]);
            }
        }
        outln!("{t}");
    }
}
