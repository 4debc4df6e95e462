//! `leap opp`: opportunities, their stages and interview debriefs.

use leap_app::json::{OpportunitiesView, OpportunityView};
use leap_core::opportunity::{
    self, DebriefInput, DebriefSummary, NewDebrief, NewOpportunity, OpportunityInput, Stage,
};
use leap_core::Framework;
use leap_store::OpportunityRecord;
use serde::Serialize;

use crate::cli::{DebriefArgs, NextStepArgs, OppAddArgs};
use crate::context::Ctx;
use crate::output::{dim, heading, print_json, table};

fn next_step_text(o: &OpportunityRecord) -> String {
    match &o.next_step {
        Some(s) => match s.on {
            Some(d) => format!("{} ({d})", s.text),
            None => s.text.clone(),
        },
        None => String::new(),
    }
}

pub async fn add(ctx: &Ctx, args: OppAddArgs) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let on = leap_core::text::past_date("on", args.on.as_deref(), ctx.today)?;
    let new = NewOpportunity::parse(
        &loaded.framework,
        OpportunityInput {
            organisation: &args.organisation,
            title: &args.title,
            role: args.role.as_deref(),
            company_profile: args.company_profile.as_deref(),
            internal: args.internal,
            source: args.source.as_deref(),
            stage: args.stage.as_deref(),
            next_step: args.next.next_step.as_deref(),
            next_step_on: args.next.next_step_on.as_deref(),
        },
    )?;
    let id = ctx
        .store
        .add_opportunity(loaded.profile.person, &new, on)
        .await?;
    if args.json {
        let o = ctx.store.opportunity(loaded.profile.person, id).await?;
        return print_show(&loaded.framework, &o, true);
    }
    outln!(
        "Added opportunity #{id}: {} at {} ({}).",
        new.title,
        new.organisation,
        new.stage
    );
    if let Some(a) = loaded.framework.company_advice(new.company_profile) {
        if args.company_profile.is_some() {
            outln!(
                "{}",
                dim(&format!("{}: {}", a.name, a.for_opening(new.internal)))
            );
        } else {
            // Advice for a company size the person did not choose would
            // read as if they had: only what holds for any size.
            if let (true, Some(i)) = (new.internal, &a.internal) {
                outln!("{}", dim(i));
            }
            outln!(
                "{}",
                dim(&format!(
                    "Advice for the size of the company comes with --company-profile (small-growing, mid-size or large-enterprise); {} is assumed.",
                    new.company_profile
                ))
            );
        }
    }
    Ok(())
}

fn print_summary(s: &DebriefSummary) {
    if s.debriefs == 0 {
        return;
    }
    outln!();
    outln!(
        "{}",
        heading(&format!(
            "What keeps coming up in {} debrief(s)",
            s.debriefs
        ))
    );
    for c in &s.cited {
        outln!(
            "  {} ({}): cited in {} debrief(s)",
            c.name,
            c.competency,
            c.debriefs
        );
    }
    for e in &s.chosen_experience {
        outln!("  The chosen candidate had: {e}");
    }
    if !s.cited.is_empty() {
        outln!(
            "{}",
            dim("`leap plan generate` raises the priority of what debriefs cite.")
        );
    }
}

pub async fn list(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let all = ctx.store.opportunities(loaded.profile.person).await?;
    let view = OpportunitiesView::new(&loaded.framework, &all);
    if json {
        return print_json(&view);
    }
    let summary = view.summary;
    if all.is_empty() {
        outln!("No opportunities yet: `leap opp add --organisation ORG --title TITLE` adds one.");
        return Ok(());
    }
    let mut t = table([
        "id",
        "organisation",
        "role",
        "stage",
        "since",
        "next step",
        "debriefs",
    ]);
    for o in &all {
        let since = o
            .stages
            .last()
            .map(|s| s.on.to_string())
            .unwrap_or_default();
        t.add_row(vec![
            o.id.to_string(),
            o.organisation.clone(),
            o.title.clone(),
            o.stage.to_string(),
            since,
            next_step_text(o),
            o.debriefs.len().to_string(),
        ]);
    }
    outln!("{t}");
    print_summary(&summary);
    Ok(())
}

pub async fn move_to(
    ctx: &Ctx,
    id: i64,
    stage: &str,
    on: Option<&str>,
    next: NextStepArgs,
    json: bool,
) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let stage = Stage::parse("stage", stage)?;
    let on = leap_core::text::past_date("on", on, ctx.today)?;
    let step = opportunity::next_step(next.next_step.as_deref(), next.next_step_on.as_deref())?;
    let o = ctx
        .store
        .move_opportunity(loaded.profile.person, id, stage, on, step.as_ref())
        .await?;
    if json {
        return print_show(&loaded.framework, &o, true);
    }
    outln!("Opportunity #{id} is at '{}' since {on}.", o.stage);
    if o.next_step.is_some() {
        outln!("Next step: {}", next_step_text(&o));
    }
    if o.stage == Stage::Rejected {
        outln!(
            "Ask what experience the chosen candidate had, then: leap opp debrief {id} --reasons TEXT --chosen-experience TEXT"
        );
    }
    Ok(())
}

pub async fn debrief(ctx: &Ctx, args: DebriefArgs) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let person = loaded.profile.person;
    let o = ctx.store.opportunity(person, args.id).await?;
    let corrections = ctx.store.tag_corrections(person).await?;
    let new = NewDebrief::parse(
        &loaded.framework,
        o.stage,
        DebriefInput {
            held_on: args.date.as_deref(),
            questions: args.questions.as_deref(),
            went_well: args.went_well.as_deref(),
            went_badly: args.went_badly.as_deref(),
            reasons: args.reasons.as_deref(),
            chosen_experience: args.chosen_experience.as_deref(),
            competencies: &args.competencies,
            too_technical: args.too_technical.as_deref(),
            corrections: &corrections,
        },
        ctx.today,
    )?;
    let id = ctx.store.add_debrief(person, o.id, &new, ctx.today).await?;
    if args.json {
        #[derive(Serialize)]
        struct Debriefed<'a> {
            id: i64,
            opportunity: i64,
            competencies: Vec<&'a str>,
            suggested: bool,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            why: Vec<crate::commands::journal::Why<'a>>,
        }
        return print_json(&Debriefed {
            id,
            opportunity: o.id,
            competencies: new.competencies.iter().map(|c| c.as_str()).collect(),
            suggested: new.suggested,
            why: new
                .suggestions
                .iter()
                .map(crate::commands::journal::Why::of)
                .collect(),
        });
    }
    outln!(
        "Debrief #{id} recorded for {} at {}.",
        o.title,
        o.organisation
    );
    let ids: Vec<&str> = new.competencies.iter().map(|c| c.as_str()).collect();
    if ids.is_empty() {
        outln!("No competency recognised in the reasons: add --competency ID to tag them.");
    } else if new.suggested {
        outln!("Tagged from the reasons, and why:");
        for s in &new.suggestions {
            outln!("  {}: {}", s.competency, s.why());
        }
        outln!("Not right? Give --competency ID to choose yourself; leap learns how you tag.");
    } else {
        outln!("Tagged: {}.", ids.join(", "));
    }
    Ok(())
}

fn print_show(f: &Framework, o: &OpportunityRecord, json: bool) -> anyhow::Result<()> {
    let advice = f.company_advice(o.company_profile);
    if json {
        return print_json(&OpportunityView::new(f, o));
    }
    outln!(
        "{}",
        heading(&format!("#{} {} at {}", o.id, o.title, o.organisation))
    );
    let role = o
        .role
        .as_deref()
        .map(|r| f.role(r).map_or(r.to_owned(), |x| x.name.clone()))
        .unwrap_or_else(|| "not matched to a framework role".to_owned());
    outln!(
        "Role: {role}. {} company, {}{}.",
        o.company_profile,
        if o.internal { "internal" } else { "external" },
        o.source
            .as_deref()
            .map(|s| format!(", via {s}"))
            .unwrap_or_default()
    );
    let stages: Vec<String> = o
        .stages
        .iter()
        .map(|s| format!("{} {}", s.stage, s.on))
        .collect();
    outln!("Stages: {}", stages.join(" → "));
    if o.next_step.is_some() {
        outln!("Next step: {}", next_step_text(o));
    }
    if let Some(a) = advice {
        outln!();
        outln!("{}", heading(&a.name));
        outln!("{}", a.for_opening(o.internal));
        outln!("{}", dim(&format!("Source: {}", a.source)));
    }
    for d in &o.debriefs {
        outln!();
        outln!(
            "{}",
            heading(&format!("Debrief #{} on {}", d.id, d.held_on))
        );
        for (label, text) in [
            ("Questions", &d.questions),
            ("Went well", &d.went_well),
            ("Went badly", &d.went_badly),
            ("Reasons given", &d.reasons),
            ("The chosen candidate had", &d.chosen_experience),
        ] {
            if let Some(t) = text {
                outln!("{label}: {t}");
            }
        }
        if !d.competencies.is_empty() {
            outln!("Cites: {}", d.competencies.join(", "));
        }
    }
    Ok(())
}

pub async fn show(ctx: &Ctx, id: i64, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let o = ctx.store.opportunity(loaded.profile.person, id).await?;
    print_show(&loaded.framework, &o, json)
}
