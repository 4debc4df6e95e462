//! `leap contact`: contacts, interactions and follow-ups.

use comfy_table::{Cell, Color};
use leap_app::json::{ContactView, ContactsView};
use leap_core::contact::{Contact, ContactInput, Networking, NewInteraction};

use crate::cli::ContactAddArgs;
use crate::context::Ctx;
use crate::output::{dim, heading, print_json, table, tinted};

pub async fn add(ctx: &Ctx, args: ContactAddArgs) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let new = Contact::parse(ContactInput {
        name: &args.name,
        job_title: args.job_title.as_deref(),
        organisation: args.organisation.as_deref(),
        relationship: args.relationship.as_deref(),
        reach: args.reach.as_deref(),
        notes: args.notes.as_deref(),
        cadence_days: args.cadence_days.as_deref(),
    })?;
    let person = loaded.profile.person;
    let id = ctx.store.add_contact(person, &new, ctx.today).await?;
    if args.json {
        let c = ctx.store.contact(person, id).await?;
        return print_json(&ContactView::new(&c, ctx.today));
    }
    outln!(
        "Added contact #{id}: {} ({}). Follow up every {} days; `leap contact touch {id}` records each interaction.",
        new.name, new.relationship, new.cadence_days
    );
    Ok(())
}

fn print_networking(n: &Networking) {
    let weeks: Vec<String> = n.weeks.iter().map(|w| w.interactions.to_string()).collect();
    outln!(
        "Networking: {} interaction(s) this week; streak {} week(s). Last {} weeks: {}",
        n.this_week,
        n.streak_weeks,
        n.weeks.len(),
        weeks.join(" ")
    );
}

pub async fn list(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let person = loaded.profile.person;
    let contacts = ctx.store.contacts(person).await?;
    let dates = leap_app::contact::networking_dates(&*ctx.store, person, ctx.today).await?;
    let view = ContactsView::new(&contacts, &dates, ctx.today);
    if json {
        return print_json(&view);
    }
    if contacts.is_empty() {
        outln!("No contacts yet: `leap contact add NAME --relationship co-manager` adds one.");
        return Ok(());
    }
    let mut t = table([
        "id",
        "name",
        "job title, organisation",
        "relationship",
        "last contact",
        "follow up",
    ]);
    for c in view.contacts.iter().map(|v| &v.contact) {
        let on = c.follow_up_on();
        let follow = if on <= ctx.today {
            tinted(format!("due {on}"), Color::Red)
        } else {
            Cell::new(on)
        };
        t.add_row(vec![
            Cell::new(c.id),
            Cell::new(&c.contact.name),
            Cell::new(c.contact.works_as()),
            Cell::new(c.contact.relationship),
            Cell::new(
                c.last_interaction
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "never".into()),
            ),
            follow,
        ]);
    }
    outln!("{t}");
    let due = contacts
        .iter()
        .filter(|c| c.follow_up_on() <= ctx.today)
        .count();
    outln!("{due} follow-up(s) due.");
    print_networking(&view.networking);
    Ok(())
}

pub async fn touch(
    ctx: &Ctx,
    id: i64,
    date: Option<&str>,
    kind: Option<&str>,
    note: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let person = loaded.profile.person;
    let new = NewInteraction::parse(date, kind, note, ctx.today)?;
    let interaction = ctx.store.add_interaction(person, id, &new).await?;
    let c = ctx.store.contact(person, id).await?;
    if json {
        return print_json(&ContactView::new(&c, ctx.today));
    }
    outln!(
        "Recorded {} with {} on {} (#{interaction}). Next follow-up: {}.",
        new.kind,
        c.contact.name,
        new.on,
        c.follow_up_on()
    );
    Ok(())
}

pub async fn show(ctx: &Ctx, id: i64, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let c = ctx.store.contact(loaded.profile.person, id).await?;
    if json {
        return print_json(&ContactView::new(&c, ctx.today));
    }
    outln!("{}", heading(&format!("#{} {}", c.id, c.contact.name)));
    if let Some(t) = &c.contact.job_title {
        outln!("{t}");
    }
    outln!(
        "{}{}; follow up every {} days, next on {}.",
        c.contact.relationship,
        c.contact
            .organisation
            .as_deref()
            .map(|o| format!(" at {o}"))
            .unwrap_or_default(),
        c.contact.cadence_days,
        c.follow_up_on()
    );
    if let Some(r) = &c.contact.reach {
        outln!("Reach: {r}");
    }
    if let Some(n) = &c.contact.notes {
        outln!("Notes: {n}");
    }
    if c.interactions.is_empty() {
        outln!("{}", dim("No interactions yet."));
        return Ok(());
    }
    let mut t = table(["date", "kind", "note"]);
    for i in &c.interactions {
        t.add_row(vec![
            Cell::new(i.on),
            Cell::new(i.kind),
            Cell::new(i.note.as_deref().unwrap_or("")),
        ]);
    }
    outln!("{t}");
    Ok(())
}
