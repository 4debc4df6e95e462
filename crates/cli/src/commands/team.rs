//! `leap team`: the Team page in the terminal, for the manager whose
//! account the local profile is linked to (`leap user add NAME
//! --link-local`).

use leap_app::team::TeamView;

use crate::context::Ctx;
use crate::error::usage;
use crate::output::{dim, heading, print_json, table};

pub async fn show(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let account = ctx
        .store
        .accounts()
        .await?
        .into_iter()
        .find(|a| a.person == Some(loaded.profile.person))
        .ok_or_else(|| {
            usage(
                "your profile has no account, so no one can report to it: on a server, `leap user add EMAIL --link-local` gives it one named by your e-mail",
            )
        })?;
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
