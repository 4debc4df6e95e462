//! One module per command group. Each command validates everything it was
//! given before it writes, and writes in one store call (one transaction).

mod agenda;
mod assess;
mod backup;
mod checkin;
mod contact;
mod demo;
mod feedback;
mod fit;
mod framework;
mod gap;
mod install;
mod journal;
mod opportunity;
mod org;
mod plan;
mod profile;
mod progress;
mod serve;
mod status;
mod succession;
mod team;
mod transfer;
mod user;

use crate::cli::{
    AssessCommand, CheckinCommand, Cli, Command, ContactCommand, ExportCommand, FeedbackCommand,
    FrameworkCommand, JournalCommand, OppCommand, PlanCommand, ReportCommand, UserCommand,
};
use crate::context::{database_exists, Ctx};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut new_password = None;
    // Commands that need no database.
    match &cli.command {
        Command::Completions { shell } => return install::completions(*shell),
        Command::Man { dir } => return install::man(dir.as_deref()),
        Command::Framework(FrameworkCommand::Validate { file, json }) => {
            return framework::validate(file, *json)
        }
        Command::Framework(FrameworkCommand::Export) => return framework::export(),
        Command::Framework(FrameworkCommand::Show(a)) => {
            return match Ctx::open_existing(&cli).await? {
                Some(ctx) => {
                    let shown = framework::show(&ctx, a.json).await;
                    finish(ctx.store.as_ref(), shown).await
                }
                None => framework::show_builtin(a.json),
            };
        }
        Command::Serve(args) => {
            // Checked again where used; here, before the database is made.
            serve::parse_addr(args.addr.as_deref())?;
            serve::connection_limits(args)?;
            feedback::mailer(
                args.mail.smtp_url.as_deref(),
                args.mail.mail_from.as_deref(),
            )?;
            if let Some(url) = &args.mail.public_url {
                leap_app::feedback::check_public_url(url)?;
            }
        }
        Command::Demo(args) => demo::check(args)?,
        Command::Restore { file, json } => return backup::restore(&cli, file, *json).await,
        Command::Import(args) => {
            // The file is checked before a database is opened or made.
            let document = transfer::read(&args.file)?;
            return transfer::import(&cli, args, document).await;
        }
        Command::Init(args) if !database_exists(&cli).await? => {
            // Check everything before the database file is created.
            profile::check_new(args)?;
        }
        Command::User(UserCommand::Add { username, .. }) if !database_exists(&cli).await? => {
            // A server's first account may come before its first `serve`.
            new_password = Some(user::check_new(username)?);
        }
        Command::User(_) | Command::Org(_) if !database_exists(&cli).await? => {
            return Err(crate::error::usage(format!(
                "no leap database at {} yet: `leap user add NAME` creates it with its first account",
                crate::context::location(&cli)?
            )));
        }
        _ => {}
    }
    // `init`, `demo`, `serve` and `user add` create the database; nothing
    // else does.
    let create = matches!(
        cli.command,
        Command::Init(_)
            | Command::Serve(_)
            | Command::Demo(_)
            | Command::User(UserCommand::Add { .. })
    );
    let ctx = Ctx::open(&cli, create).await?;
    let store = ctx.store.clone();
    let result = match cli.command {
        Command::Feedback(c) => match c {
            FeedbackCommand::Request(args) => feedback::request(&ctx, args).await,
            FeedbackCommand::List(a) => feedback::list(&ctx, a.json).await,
            FeedbackCommand::Status { id, json } => feedback::status(&ctx, id, json).await,
            FeedbackCommand::Results { id, json } => feedback::results(&ctx, id, json).await,
            FeedbackCommand::Close { id, json } => feedback::close(&ctx, id, json).await,
            FeedbackCommand::Minimums { id, minimums, json } => {
                feedback::minimums(&ctx, id, minimums, json).await
            }
        },
        Command::Init(args) => profile::init(&ctx, args).await,
        Command::Target { role, json } => profile::target(&ctx, &role, json).await,
        Command::Framework(FrameworkCommand::Use {
            file,
            current,
            target,
            json,
        }) => framework::use_file(&ctx, &file, current.as_deref(), target.as_deref(), json).await,
        Command::Framework(
            FrameworkCommand::Validate { .. }
            | FrameworkCommand::Export
            | FrameworkCommand::Show(_),
        ) => Ok(()),
        Command::Fit(args) => fit::run(&ctx, args.answers.as_deref(), args.json).await,
        Command::Assess(args) => match args.command {
            Some(AssessCommand::History(a)) => assess::history(&ctx, a.json).await,
            Some(AssessCommand::Compare(a)) => assess::compare(&ctx, a.json).await,
            None => assess::run(&ctx, args.answers.as_deref(), args.json).await,
        },
        Command::Gap(args) => gap::run(&ctx, args.target.as_deref(), args.json).await,
        Command::Plan(args) => match args.command {
            None => plan::show(&ctx, args.json).await,
            Some(PlanCommand::Generate {
                horizon_months,
                at_once,
                despite_fit,
                year_starts,
            }) => {
                plan::generate(
                    &ctx,
                    horizon_months,
                    at_once,
                    despite_fit,
                    year_starts.as_deref(),
                    args.json,
                )
                .await
            }
            Some(PlanCommand::Done { id, note }) => {
                plan::close(
                    &ctx,
                    &id,
                    leap_store::Closing::Done,
                    note.as_deref(),
                    args.json,
                )
                .await
            }
            Some(PlanCommand::Drop { id, note }) => {
                plan::close(
                    &ctx,
                    &id,
                    leap_store::Closing::Dropped,
                    note.as_deref(),
                    args.json,
                )
                .await
            }
            Some(PlanCommand::Add {
                text,
                competencies,
                kind,
                due,
            }) => plan::add(&ctx, &text, &competencies, &kind, due.as_deref(), args.json).await,
        },
        Command::Log(args) => journal::log(&ctx, args).await,
        Command::Journal(args) => match args.command {
            None => journal::list(&ctx, args.competency.as_deref(), args.json).await,
            Some(JournalCommand::Edit(edit)) => journal::edit(&ctx, edit).await,
            Some(JournalCommand::Delete { id, yes, json }) => {
                journal::delete(&ctx, id, yes, json).await
            }
        },
        Command::Status(a) => status::run(&ctx, a.json).await,
        Command::Opp(c) => match c {
            OppCommand::Add(args) => opportunity::add(&ctx, args).await,
            OppCommand::List(a) => opportunity::list(&ctx, a.json).await,
            OppCommand::Move {
                id,
                stage,
                on,
                next,
                json,
            } => opportunity::move_to(&ctx, id, &stage, on.as_deref(), next, json).await,
            OppCommand::Debrief(args) => opportunity::debrief(&ctx, args).await,
            OppCommand::Show { id, json } => opportunity::show(&ctx, id, json).await,
        },
        Command::Contact(c) => match c {
            ContactCommand::Add(args) => contact::add(&ctx, args).await,
            ContactCommand::List(a) => contact::list(&ctx, a.json).await,
            ContactCommand::Touch {
                id,
                date,
                kind,
                note,
                json,
            } => {
                contact::touch(
                    &ctx,
                    id,
                    date.as_deref(),
                    kind.as_deref(),
                    note.as_deref(),
                    json,
                )
                .await
            }
            ContactCommand::Show { id, json } => contact::show(&ctx, id, json).await,
        },
        Command::Checkin(args) => match args.command {
            None => checkin::run(&ctx, &args).await,
            Some(CheckinCommand::History) => checkin::history(&ctx, args.json).await,
            Some(CheckinCommand::Every { ref days }) => checkin::every(&ctx, days, args.json).await,
        },
        Command::Today(a) => agenda::today(&ctx, a.json).await,
        Command::Progress(a) => progress::run(&ctx, a.json).await,
        Command::Report(ReportCommand::Packet {
            target,
            format,
            out,
        }) => progress::packet(&ctx, target.as_deref(), &format, out.as_deref()).await,
        Command::Export(args) => match args.command {
            Some(ExportCommand::Ics { out }) => agenda::export_ics(&ctx, out.as_deref()).await,
            None => transfer::export(&ctx, args.out.as_deref()).await,
        },
        Command::Import(_) => Ok(()),
        Command::Demo(args) => match args.people {
            None => profile::demo(&ctx, args.json).await,
            Some(n) => demo::generate(&ctx, n, args.seed, args.entries_per_person, args.json).await,
        },
        Command::Serve(args) => serve::run(ctx, args).await,
        Command::Backup { file, json } => backup::backup(&ctx, &file, json).await,
        Command::Restore { .. } | Command::Completions { .. } | Command::Man { .. } => Ok(()),
        Command::User(c) => user::run(&ctx, c, new_password).await,
        Command::Org(c) => org::run(&ctx, c).await,
        Command::Bench(args) => succession::run(&ctx, args).await,
        Command::Team(args) => team::run(&ctx, args).await,
        Command::OneToOnes(args) => team::one_to_ones(&ctx, args).await,
    };
    finish(store.as_ref(), result).await
}

/// Closes the database after a command, so that an SQLite file is whole on
/// its own once leap exits (its write-ahead log folded in). The command's
/// own error, if any, is the one reported.
pub async fn finish(
    store: &dyn leap_store::Backend,
    result: anyhow::Result<()>,
) -> anyhow::Result<()> {
    let closed = store.close().await;
    result?;
    closed?;
    Ok(())
}
