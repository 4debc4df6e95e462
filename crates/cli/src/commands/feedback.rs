//! `leap feedback`: 360 feedback requests, their status and their results.

use comfy_table::Color;
use leap_app::feedback::create_request;
use leap_app::json::{FeedbackRequestView, FeedbackResultsView};
use leap_app::mail::Mailer;
use leap_core::feedback::{Group, Minimums, NewRequest, Results, Signal};
use leap_core::InvalidValue;
use leap_store::feedback::FeedbackRequestRecord;
use serde::Serialize;

use crate::cli::{FeedbackRequestArgs, MinimumArgs};
use crate::context::{Ctx, Loaded};
use crate::error::usage;
use crate::output::{dim, heading, print_json, table, tinted};

/// Every problem of a form, one a line, as one usage error (exit 2).
fn problems(list: Vec<(String, InvalidValue)>) -> anyhow::Error {
    usage(
        list.iter()
            .map(|(_, e)| e.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The mailer from --smtp-url and --mail-from, if set up.
pub fn mailer(cli_smtp: Option<&str>, from: Option<&str>) -> anyhow::Result<Option<Mailer>> {
    match (cli_smtp, from) {
        (None, _) => Ok(None),
        (Some(_), None) => Err(usage(
            "--smtp-url needs --mail-from (LEAP_MAIL_FROM): the address invitations come from",
        )),
        (Some(url), Some(from)) => Ok(Some(Mailer::new(url, from)?)),
    }
}

#[derive(Serialize)]
struct CreatedView<'a> {
    id: i64,
    closes_on: String,
    competencies: &'a [leap_core::CompetencyId],
    minimums: Minimums,
    links: &'a [leap_app::feedback::Link],
}

pub async fn request(ctx: &Ctx, args: FeedbackRequestArgs) -> anyhow::Result<()> {
    let setup = &args.mail;
    let loaded = ctx.load().await?;
    let f = &loaded.framework;
    let public_url = leap_app::feedback::check_public_url(
        setup
            .public_url
            .as_deref()
            .unwrap_or("http://127.0.0.1:7878"),
    )?;
    let mailer = mailer(setup.smtp_url.as_deref(), setup.mail_from.as_deref())?;
    let target = f.parse_role("target", &loaded.profile.target_role)?;
    let new = NewRequest::parse(
        f,
        target,
        &args.competencies,
        &args.raters,
        &args.closes,
        &args.minimums.given(),
        ctx.today,
    )
    .map_err(problems)?;
    let created = create_request(
        &*ctx.store,
        &loaded.profile,
        &new,
        ctx.today,
        &public_url,
        mailer.as_ref(),
    )
    .await?;
    let r = &created.request;
    if args.json {
        return print_json(&CreatedView {
            id: r.id,
            closes_on: r.closes_on.to_string(),
            competencies: &r.competencies,
            minimums: r.minimums,
            links: &created.links,
        });
    }
    outln!(
        "Feedback request #{} on {} competencies, open until {}.",
        r.id,
        r.competencies.len(),
        r.closes_on
    );
    let mut t = table(["rater", "group", "link"]);
    for l in &created.links {
        let how = if l.mailed {
            "e-mailed".to_owned()
        } else if let Some(e) = &l.mail_error {
            format!("not e-mailed ({e}): copy the link")
        } else {
            "copy the link".to_owned()
        };
        t.add_row(vec![
            comfy_table::Cell::new(&l.rater.name),
            comfy_table::Cell::new(l.rater.group),
            comfy_table::Cell::new(format!("{}\n{}", l.url, dim(&how))),
        ]);
    }
    outln!("{t}");
    outln!("Each link is shown only now: leap keeps only a fingerprint of it.");
    for (g, n, min) in new.short_groups() {
        outln!(
            "Note: {n} {} asked, fewer than the {min} needed: their answers will not be shown.",
            g.plural()
        );
    }
    outln!(
        "Results open when the request closes: `leap feedback results {}`.",
        r.id
    );
    Ok(())
}

pub async fn list(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let all = ctx.store.feedback_requests(loaded.profile.person).await?;
    if json {
        let views: Vec<FeedbackRequestView> = all
            .iter()
            .map(|r| FeedbackRequestView::new(r, ctx.today))
            .collect();
        return print_json(&views);
    }
    if all.is_empty() {
        outln!(
            "No feedback requests yet: `leap feedback request --rater GROUP:NAME … --closes DATE`."
        );
        return Ok(());
    }
    let mut t = table(["#", "made", "closes", "state", "answered"]);
    for r in &all {
        t.add_row(vec![
            comfy_table::Cell::new(r.id),
            comfy_table::Cell::new(r.created_on),
            comfy_table::Cell::new(r.closes_on),
            state(ctx, r),
            comfy_table::Cell::new(format!("{} of {}", r.answered_total(), r.raters.len())),
        ]);
    }
    outln!("{t}");
    Ok(())
}

fn state(ctx: &Ctx, r: &FeedbackRequestRecord) -> comfy_table::Cell {
    match r.closed(ctx.today) {
        Some(d) => tinted(format!("closed {d}"), Color::Green),
        None => tinted("open", Color::Cyan),
    }
}

/// The request given, or the latest (the latest closed one when `closed`).
async fn pick(
    ctx: &Ctx,
    loaded: &Loaded,
    id: Option<i64>,
    closed: bool,
) -> anyhow::Result<FeedbackRequestRecord> {
    let person = loaded.profile.person;
    if let Some(id) = id {
        return Ok(ctx.store.feedback_request(person, id).await?);
    }
    let all = ctx.store.feedback_requests(person).await?;
    let found = all
        .into_iter()
        .find(|r| !closed || r.closed(ctx.today).is_some());
    found.ok_or_else(|| {
        usage(if closed {
            "no closed feedback request yet: results open when a request closes (`leap feedback close ID` closes one early)"
        } else {
            "no feedback request yet: `leap feedback request --rater GROUP:NAME … --closes DATE`"
        })
    })
}

pub async fn status(ctx: &Ctx, id: Option<i64>, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let r = pick(ctx, &loaded, id, false).await?;
    if json {
        return print_json(&FeedbackRequestView::new(&r, ctx.today));
    }
    outln!(
        "{}",
        heading(&format!(
            "Feedback request #{} · made {} · {}",
            r.id,
            r.created_on,
            match r.closed(ctx.today) {
                Some(d) => format!("closed {d}"),
                None => format!("open until {}", r.closes_on),
            }
        ))
    );
    let mut t = table(["group", "answered", "asked", "shown from"]);
    for (g, answered, asked) in r.answered_per_group() {
        t.add_row(vec![
            comfy_table::Cell::new(g.plural()),
            comfy_table::Cell::new(answered),
            comfy_table::Cell::new(asked),
            comfy_table::Cell::new(format!("{} answers", r.minimums.get(g))),
        ]);
    }
    outln!("{t}");
    outln!(
        "{}",
        dim("Counts only: leap never shows who answered, or when.")
    );
    Ok(())
}

pub async fn results(ctx: &Ctx, id: Option<i64>, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let r = pick(ctx, &loaded, id, true).await?;
    let results = leap_app::feedback::feedback_results(
        &*ctx.store,
        loaded.profile.person,
        &loaded.framework,
        &r,
        ctx.today,
    )
    .await?;
    if json {
        return print_json(&FeedbackResultsView {
            id: r.id,
            closed_on: r.closed(ctx.today),
            results,
        });
    }
    print_results(r.id, &results);
    Ok(())
}

fn print_results(id: i64, results: &Results) {
    outln!("{}", heading(&format!("Feedback request #{id}: results")));
    let shown: Vec<Group> = Group::EVERY
        .into_iter()
        .filter(|g| results.competencies.iter().any(|c| c.group(*g).is_some()))
        .collect();
    let mut headers = vec!["competency".to_owned(), "self".to_owned()];
    headers.extend(shown.iter().map(|g| g.plural().to_owned()));
    headers.extend(["all others".to_owned(), String::new()]);
    let mut t = table(headers);
    let figure = |x: Option<f64>| x.map_or("–".to_owned(), |v| format!("{v:.1}"));
    for c in &results.competencies {
        let mut row = vec![
            comfy_table::Cell::new(&c.name),
            comfy_table::Cell::new(c.self_level.map_or("–".to_owned(), |l| l.to_string())),
        ];
        for g in &shown {
            row.push(comfy_table::Cell::new(figure(
                c.group(*g).map(|x| x.average),
            )));
        }
        row.push(comfy_table::Cell::new(match c.others {
            Some(o) => format!("{:.1} ({})", o.average, o.raters),
            None => "–".to_owned(),
        }));
        row.push(match c.signal {
            Some(Signal::BlindSpot) => tinted("blind spot", Color::Yellow),
            Some(Signal::HiddenStrength) => tinted("hidden strength", Color::Green),
            None => comfy_table::Cell::new(""),
        });
        t.add_row(row);
    }
    outln!("{t}");
    if results.competencies.iter().all(|c| c.groups.is_empty()) {
        outln!("No group reached its minimum number of answers, so nothing can be shown.");
    }
    for c in &results.competencies {
        for g in &c.groups {
            if !g.comments.is_empty() {
                outln!("\n{} — {}:", c.name, g.group.plural());
                for comment in &g.comments {
                    outln!("  “{comment}”");
                }
            }
        }
    }
    for g in &results.overall {
        outln!("\nOverall — {}:", g.group.plural());
        for comment in &g.comments {
            outln!("  “{comment}”");
        }
    }
    outln!(
        "\n{}",
        dim("A blind spot: you rate yourself more than a level above how others see you; a hidden strength: more than a level below. Groups with fewer answers than their minimum are left out everywhere.")
    );
}

pub async fn close(ctx: &Ctx, id: i64, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    ctx.store
        .close_feedback_request(loaded.profile.person, id, ctx.today)
        .await?;
    if json {
        let r = ctx
            .store
            .feedback_request(loaded.profile.person, id)
            .await?;
        return print_json(&FeedbackRequestView::new(&r, ctx.today));
    }
    outln!("Closed feedback request #{id}: raters can no longer answer; `leap feedback results {id}` shows what can be shown.");
    Ok(())
}

pub async fn minimums(ctx: &Ctx, id: i64, args: MinimumArgs, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let person = loaded.profile.person;
    let current = ctx.store.feedback_request(person, id).await?;
    let m = current
        .minimums
        .raise_all(&args.given())
        .map_err(problems)?;
    ctx.store.set_feedback_minimums(person, id, m).await?;
    if json {
        let r = ctx.store.feedback_request(person, id).await?;
        return print_json(&FeedbackRequestView::new(&r, ctx.today));
    }
    outln!(
        "Feedback request #{id} shows a group from: manager {}, peers {}, direct reports {}, others {}.",
        m.manager, m.peer, m.direct_report, m.other
    );
    Ok(())
}
