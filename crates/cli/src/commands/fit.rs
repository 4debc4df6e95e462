//! `leap fit`: management or the technical track?

use std::path::Path;

use leap_core::fit::{self, FitResult, Recommendation};

use crate::context::{read_file, Ctx};
use crate::error::usage;
use crate::output::{bar, heading, print_json};
use crate::prompt;

pub async fn run(ctx: &Ctx, answers: Option<&Path>, json: bool) -> anyhow::Result<()> {
    let loaded = ctx.load().await?;
    let f = &loaded.framework;
    if f.fit_statements.is_empty() {
        return Err(usage(format!(
            "framework '{}' has no fit statements: add [[fit]] entries to use the fit check",
            f.id
        )));
    }
    let answers = match answers {
        Some(path) => fit::parse_answers(f, &path.display().to_string(), &read_file(path)?)?,
        None => {
            prompt::require_terminal("fit", "[answers] with statement-id = 1..5; `leap framework show --json` lists the statements")?;
            eprintln!("How much do you agree? 1 strongly disagree … 5 strongly agree.");
            let total = f.fit_statements.len();
            let mut pairs = Vec::with_capacity(total);
            for (i, s) in f.fit_statements.iter().enumerate() {
                pairs.push((s.id.clone(), prompt::agreement(i + 1, total, &s.text)?));
            }
            fit::answers_from(f, pairs)?
        }
    };
    let result =
        leap_app::fit::take_fit_check(&*ctx.store, &loaded.profile, f, &answers, ctx.today).await?;
    if json {
        return print_json(&result);
    }
    print_result(&result);
    Ok(())
}

fn print_result(r: &FitResult) {
    outln!("{}", heading("Fit check"));
    outln!(
        "  management pull  {}",
        bar(f64::from(r.management) / 100.0)
    );
    outln!("  technical pull   {}", bar(f64::from(r.technical) / 100.0));
    let rec = match r.recommendation {
        Recommendation::Management => "management: the move looks like a fit",
        Recommendation::Technical => "technical: the specialist track looks like the better fit",
        Recommendation::Explore => "explore: try it before you decide",
    };
    outln!("Recommendation: {rec}");
    outln!();
    outln!("Why:");
    for reason in &r.reasons {
        outln!("  - {reason}");
    }
    outln!();
    outln!("Next: {}", r.next_step);
}
