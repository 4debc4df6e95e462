//! `leap today` and `leap export ics`: the agenda, on the terminal and as a
//! calendar file.

use std::path::Path;

use comfy_table::{Cell, Color};
use leap_core::agenda;
use serde::Serialize;

use crate::context::Ctx;
use crate::output::{heading, print_json, table, tinted};

pub async fn today(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let sources =
        leap_app::agenda::agenda_sources(&*ctx.store, loaded.profile.person, ctx.today).await?;
    let items = agenda::this_week(&sources, ctx.today);
    if json {
        #[derive(Serialize)]
        struct Today<'a> {
            today: chrono::NaiveDate,
            items: &'a [agenda::Item],
        }
        return print_json(&Today {
            today: ctx.today,
            items: &items,
        });
    }
    outln!("{}", heading(&format!("This week, from {}", ctx.today)));
    if items.is_empty() {
        outln!("Nothing due this week.");
        return Ok(());
    }
    let mut t = table(["date", "what", "kind"]);
    for i in &items {
        let date = if i.overdue {
            tinted(format!("{} overdue", i.date), Color::Red)
        } else {
            Cell::new(i.date)
        };
        t.add_row(vec![date, Cell::new(&i.title), Cell::new(i.kind)]);
    }
    outln!("{t}");
    Ok(())
}

pub async fn export_ics(ctx: &Ctx, out: Option<&Path>) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let sources =
        leap_app::agenda::agenda_sources(&*ctx.store, loaded.profile.person, ctx.today).await?;
    let items = agenda::all(&sources, ctx.today);
    let key = leap_app::calendar::key(&*ctx.store, loaded.profile.person).await?;
    let text =
        leap_app::calendar::ics(&items, &loaded.profile.name, &key, None, chrono::Utc::now());
    match out {
        None => out!("{text}"),
        Some(path) => {
            crate::context::write_new_or_replace(path, &text)?;
            eprintln!("Wrote {} event(s) to {}.", items.len(), path.display());
        }
    }
    Ok(())
}
