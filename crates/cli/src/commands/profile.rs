//! `leap init` and `leap target`.

use leap_core::Framework;
use leap_store::NewProfile;

use crate::cli::InitArgs;
use crate::context::{builtin, read_file, Ctx};
use crate::error::usage;

fn describe_move(f: &Framework, current: &str, target: &str) -> String {
    let name = |id: &str| f.role(id).map_or(id.to_owned(), |r| r.name.clone());
    let (from, to) = (name(current), name(target));
    match f
        .transitions
        .iter()
        .find(|t| t.from.as_str() == current && t.to.as_str() == target)
    {
        // The kind once, then the framework's note in its own words.
        Some(t) => {
            let kind = match t.kind {
                leap_core::TransitionKind::Up => "a step up",
                leap_core::TransitionKind::Sideways => "a step sideways, not up",
            };
            match t.note.as_deref() {
                Some(note) => format!("{from} → {to}, {kind}: {note}"),
                None => format!("{from} → {to} is {kind}."),
            }
        }
        None if current == target => "Your target is the role you hold: `leap gap` shows how fully you fill it.".to_owned(),
        None => format!(
            "There is no direct transition {from} → {to} in the framework: expect intermediate steps (`leap framework show` draws the paths)."
        ),
    }
}

/// The framework a new profile will use, and its text.
fn new_framework(args: &InitArgs) -> anyhow::Result<(Framework, String)> {
    match &args.framework {
        Some(path) => {
            let text = read_file(path)?;
            Ok((Framework::load(&path.display().to_string(), &text)?, text))
        }
        None => Ok((builtin()?, leap_core::framework::BUILTIN_TOML.to_owned())),
    }
}

fn new_name(args: &InitArgs) -> anyhow::Result<String> {
    match &args.name {
        Some(n) => Ok(leap_core::profile::PersonName::parse(n)?
            .as_str()
            .to_owned()),
        None => Ok("me".to_owned()),
    }
}

/// Validates a first `init` completely, before any file is written.
pub fn check_new(args: &InitArgs) -> anyhow::Result<()> {
    let (framework, _) = new_framework(args)?;
    framework.parse_role("current role", &args.current)?;
    framework.parse_role("target role", &args.target)?;
    new_name(args)?;
    Ok(())
}

pub async fn init(ctx: &Ctx, args: InitArgs) -> anyhow::Result<()> {
    let existing = ctx.store.local_profile().await?;
    if let Some(p) = existing {
        if args.framework.is_some() {
            return Err(usage(
                "a profile exists already: switch its framework with `leap framework use FILE`",
            ));
        }
        let f = ctx.framework_by_hash(&p.framework_hash).await?;
        if args.name.is_some() {
            new_name(&args)?;
        }
        f.parse_role("current role", &args.current)?;
        f.parse_role("target role", &args.target)?;
        ctx.store
            .update_profile(
                p.person,
                args.name.as_deref(),
                Some(&args.current),
                Some(&args.target),
            )
            .await?;
        if args.json {
            return super::status::print_status_json(ctx).await;
        }
        outln!(
            "Profile updated: {}, {} → {}. Your assessments, plan and journal are kept.",
            args.name.as_deref().unwrap_or(&p.name),
            args.current,
            args.target
        );
        outln!("{}", describe_move(&f, &args.current, &args.target));
        return Ok(());
    }
    let (framework, text) = new_framework(&args)?;
    framework.parse_role("current role", &args.current)?;
    framework.parse_role("target role", &args.target)?;
    let name = new_name(&args)?;
    let stored = leap_store::FrameworkText::of(&framework, &text);
    ctx.store
        .create_local_profile(NewProfile {
            name: &name,
            current_role: &args.current,
            target_role: &args.target,
            framework: &stored,
            today: ctx.today,
        })
        .await?;
    if args.json {
        return super::status::print_status_json(ctx).await;
    }
    outln!(
        "Profile created for {name} in {}, on framework '{}' {}.",
        ctx.location,
        framework.id,
        framework.version
    );
    outln!("{}", describe_move(&framework, &args.current, &args.target));
    outln!("Next: `leap fit` (is management for you?), then `leap assess` and `leap gap`.");
    Ok(())
}

pub async fn target(ctx: &Ctx, role: &str, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let r = loaded.framework.parse_role("target role", role)?;
    ctx.store
        .update_profile(loaded.profile.person, None, None, Some(role))
        .await?;
    if json {
        return super::status::print_status_json(ctx).await;
    }
    outln!("Target role: {} ({}, {} track).", r.name, r.id, r.track);
    outln!(
        "{}",
        describe_move(&loaded.framework, &loaded.profile.current_role, role)
    );
    let plan = ctx.store.plan(loaded.profile.person).await?;
    if plan.target_role.as_deref().is_some_and(|t| t != role) {
        outln!("Your plan was made for another target: `leap plan generate` makes a new one (finished items are kept).");
    }
    Ok(())
}

/// `leap demo`: a demo person in an empty database.
pub async fn demo(ctx: &Ctx, json: bool) -> anyhow::Result<()> {
    if ctx.store.local_profile().await?.is_some() {
        return Err(usage(format!(
            "{} has a profile already: the demo needs an empty database (pass --db /tmp/leap-demo.db)",
            ctx.location
        )));
    }
    let framework = builtin()?;
    let stored = leap_store::FrameworkText::of(&framework, leap_core::framework::BUILTIN_TOML);
    let profile = ctx
        .store
        .create_local_profile(NewProfile {
            name: "Jo Demo",
            current_role: "senior-admin",
            target_role: "it-manager",
            framework: &stored,
            today: ctx.today,
        })
        .await?;
    leap_app::demo::fill(
        &*ctx.store,
        profile.person,
        &framework,
        &stored.hash,
        "it-manager",
        ctx.today,
    )
    .await?;
    if json {
        return super::status::print_status_json(ctx).await;
    }
    outln!(
        "Demo person created in {}: Jo Demo, senior administrator aiming at IT manager, five months in.",
        ctx.location
    );
    outln!("Try `leap status`, `leap gap`, `leap plan`, `leap journal`, or `leap serve` for the web pages.");
    Ok(())
}
