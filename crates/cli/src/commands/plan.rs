//! `leap plan` and its subcommands.

use comfy_table::Color;
use leap_core::plan::{self, ItemStatus};
use leap_core::InvalidValue;
use leap_store::{Closing, NewPlanItem, PlanItemRecord, PlanRecord, StoreError};

use crate::context::{Ctx, Loaded};
use crate::error::usage;
use crate::output::{dim, heading, print_json, table, tinted};
use leap_app::json::{GeneratedView, PlanItemView, PlanView};

fn print_plan(ctx: &Ctx, loaded: &Loaded, plan: &PlanRecord, json: bool) -> anyhow::Result<()> {
    let target = plan
        .target_role
        .as_deref()
        .unwrap_or(&loaded.profile.target_role);
    if json {
        return print_json(&PlanView::new(plan, &loaded.profile.target_role));
    }
    if plan.items.is_empty() {
        outln!("Your plan is empty: `leap plan generate` builds one from your gaps.");
        return Ok(());
    }
    let role_name = loaded
        .framework
        .role(target)
        .map_or(target, |r| r.name.as_str());
    let mut title = format!("Plan toward {role_name}");
    if let (Some(h), Some(g)) = (plan.horizon_months, plan.generated_on) {
        // The financial year the budget work was placed by, when given.
        let year = plan
            .year_starts
            .and_then(plan::FinancialYear::from_number)
            .map(|y| format!(", financial year from {}", y.month_name()))
            .unwrap_or_default();
        title.push_str(&format!(" ({h} months from {g}{year})"));
    }
    outln!("{}", heading(&title));
    if !plan.notes.is_empty() {
        outln!("{}", heading("Read this first"));
        for n in &plan.notes {
            outln!("- {n}");
        }
    }
    let mut t = table([
        "id",
        "starts",
        "due",
        "status",
        "kind",
        "item",
        "competencies",
    ]);
    for i in &plan.items {
        let status = match i.status {
            ItemStatus::Done => tinted("done", Color::Green),
            ItemStatus::Dropped => tinted("dropped", Color::DarkGrey),
            ItemStatus::Todo if i.due < ctx.today => tinted("overdue", Color::Red),
            ItemStatus::Todo => comfy_table::Cell::new("todo"),
        };
        let names = loaded.framework.competency_names(&i.competencies);
        t.add_row(vec![
            comfy_table::Cell::new(i.id),
            comfy_table::Cell::new(i.starts.map_or(String::new(), |d| d.to_string())),
            comfy_table::Cell::new(i.due),
            status,
            comfy_table::Cell::new(i.kind.as_str()),
            comfy_table::Cell::new(&i.title),
            comfy_table::Cell::new(names),
        ]);
    }
    outln!("{t}");
    let open: Vec<&PlanItemRecord> = plan
        .items
        .iter()
        .filter(|i| i.status == ItemStatus::Todo)
        .collect();
    if open.iter().any(|i| i.why.is_some()) {
        outln!("{}", heading("Why each open item is there"));
        for i in open.iter().filter(|i| i.why.is_some()) {
            outln!(
                "- #{} {}: {}",
                i.id,
                i.title,
                dim(i.why.as_deref().unwrap_or(""))
            );
            let sources = i
                .action
                .as_deref()
                .and_then(|a| loaded.framework.action(a))
                .map(|a| a.sources().line());
            if let Some(s) = sources.filter(|s| !s.is_empty()) {
                outln!("  {}", dim(&format!("Sources: {s}")));
            }
        }
    }
    let kinds = |k: &str| open.iter().filter(|i| i.kind.as_str() == k).count();
    outln!(
        "{} open: {} experience, {} relationship, {} education; {} done.",
        open.len(),
        kinds("experience"),
        kinds("relationship"),
        kinds("education"),
        plan.items
            .iter()
            .filter(|i| i.status == ItemStatus::Done)
            .count()
    );
    Ok(())
}

pub async fn show(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let plan = ctx.store.plan(loaded.profile.person).await?;
    print_plan(ctx, &loaded, &plan, json)
}

pub async fn generate(
    ctx: &Ctx,
    horizon_months: i64,
    at_once: Option<i64>,
    despite_fit: bool,
    year_starts: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let horizon = plan::horizon(horizon_months)?;
    let at_once = at_once.map(plan::at_once).transpose()?;
    let year_starts = year_starts
        .map(|m| plan::FinancialYear::parse_or_unset("year-starts", m))
        .transpose()?;
    let loaded = ctx.load().await?;
    let role = loaded
        .framework
        .parse_role("target", &loaded.profile.target_role)?;
    let options = leap_app::plan::PlanOptions {
        horizon_months: horizon,
        at_once,
        despite_fit,
        year_starts,
    };
    let outcome = leap_app::plan::generate_plan(
        &*ctx.store,
        &loaded.profile,
        &loaded.framework,
        role,
        options,
        ctx.today,
    )
    .await?;
    let (record, proposal, readiness) = match outcome {
        leap_app::plan::PlanOutcome::Made(made) => {
            let leap_app::plan::MadePlan {
                record,
                proposal,
                readiness,
            } = *made;
            (record, proposal, readiness)
        }
        // Not built: the person confirms first. Nothing was changed.
        leap_app::plan::PlanOutcome::Held(hold) => return Err(usage(hold.message)),
    };
    if json {
        return print_json(&GeneratedView::new(
            &record,
            &proposal,
            &loaded.profile.target_role,
        ));
    }
    print_plan(ctx, &loaded, &record, false)?;
    if proposal.items.is_empty() && readiness.gaps().is_empty() {
        outln!(
            "You meet every expectation of {}: no development items needed. Keep logging evidence.",
            role.name
        );
    }
    if !proposal.uncovered.is_empty() {
        outln!(
            "No catalog action builds all of {} within this horizon: add your own with `leap plan add TEXT --competency ID`.",
            loaded.framework.competency_names(&proposal.uncovered)
        );
    }
    let weeks = |kind: Option<leap_core::ActionKind>| -> u32 {
        proposal
            .items
            .iter()
            .filter(|i| kind.is_none_or(|k| i.kind == k))
            .map(|i| i.effort_weeks)
            .sum()
    };
    let total = weeks(None).max(1);
    let share = |k| weeks(Some(k)) * 100 / total;
    // The calendar the items take, as scheduled: the same reckoning as the
    // note on what waits for the next plan (gap's estimate comes from the
    // levels, not from these actions).
    let first = proposal.items.iter().map(|i| i.starts).min();
    let last = proposal.items.iter().map(|i| i.due).max();
    let span = match (first, last) {
        (Some(a), Some(b)) => format!(", from {a} to {b}"),
        _ => String::new(),
    };
    outln!(
        "{}",
        dim(&format!(
            "{} weeks of effort at {} piece{} of work at a time{span}, within your {horizon}-month horizon, most urgent gaps first: {}% experience, {}% relationships, {}% education (the aim is about 70-20-10).",
            weeks(None),
            proposal.at_once,
            if proposal.at_once == 1 { "" } else { "s" },
            share(leap_core::ActionKind::Experience),
            share(leap_core::ActionKind::Relationship),
            share(leap_core::ActionKind::Education),
        ))
    );
    Ok(())
}

fn parse_item_id(id: &str) -> Result<i64, InvalidValue> {
    id.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        InvalidValue::new(
            "plan item id",
            id,
            "the number of an item, as `leap plan` lists them",
        )
    })
}

pub async fn close(
    ctx: &Ctx,
    id: &str,
    closing: Closing,
    note: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let n = parse_item_id(id)?;
    let loaded = ctx.load().await?;
    let closed = leap_app::plan::close_plan_item(
        &*ctx.store,
        loaded.profile.person,
        &loaded.framework,
        n,
        closing,
        ctx.today,
        note,
    )
    .await
    .map_err(|e| match e {
        leap_app::AppError::Store(StoreError::NotFound { .. }) => {
            anyhow::Error::new(InvalidValue::new(
                "plan item id",
                id,
                "no item with that number is in your plan; `leap plan` lists them",
            ))
        }
        e => e.into(),
    })?;
    let item = &closed.item;
    if json {
        let mut v = serde_json::to_value(PlanItemView::from(item))?;
        if let Some(map) = v.as_object_mut() {
            let also: Vec<_> = closed
                .also
                .iter()
                .map(crate::commands::journal::Why::of)
                .collect();
            map.insert("also".to_owned(), serde_json::to_value(also)?);
        }
        return print_json(&v);
    }
    match closing {
        Closing::Done => {
            outln!(
                "Done: #{} {}. It counts as evidence for {}.",
                item.id,
                item.title,
                item.competencies.join(", ")
            );
            for s in &closed.also {
                outln!("  Your note also shows {}: {}", s.competency, s.why());
            }
        }
        Closing::Dropped => outln!(
            "Dropped: #{} {}. It will not be proposed again.",
            item.id,
            item.title
        ),
    }
    Ok(())
}

pub async fn add(
    ctx: &Ctx,
    text: &str,
    competencies: &[String],
    kind: &str,
    due: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let new = plan::NewItem::parse(
        &loaded.framework,
        text,
        competencies,
        Some(kind),
        due,
        ctx.today,
    )?;
    let item = ctx
        .store
        .add_plan_item(
            loaded.profile.person,
            NewPlanItem {
                title: new.title.as_str(),
                kind: new.kind,
                competencies: &new.competencies,
                due: new.due,
                today: ctx.today,
            },
        )
        .await?;
    if json {
        return print_json(&PlanItemView::from(&item));
    }
    outln!("Added #{} {} (due {}).", item.id, item.title, item.due);
    Ok(())
}
