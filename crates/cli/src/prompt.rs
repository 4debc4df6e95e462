//! Interactive questions on a terminal (dialoguer). Without a terminal the
//! commands take an answers file instead.

use std::io::IsTerminal;

use dialoguer::theme::ColorfulTheme;
use dialoguer::Select;
use leap_core::{Competency, Scale};

use crate::error::usage;

pub fn require_terminal(command: &str, format: &str) -> anyhow::Result<()> {
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        Ok(())
    } else {
        Err(usage(format!(
            "`leap {command}` asks its questions on a terminal, and there is none: pass --answers FILE instead ({format})"
        )))
    }
}

fn select(prompt: &str, items: &[String], default: usize) -> anyhow::Result<usize> {
    Select::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .items(items)
        .default(default)
        .interact()
        .map_err(|e| anyhow::anyhow!("cancelled ({e}): nothing was saved"))
}

const AGREEMENT: [&str; 5] = [
    "1  strongly disagree",
    "2  disagree",
    "3  neither agree nor disagree",
    "4  agree",
    "5  strongly agree",
];

/// Agreement 1–5 with a fit statement.
pub fn agreement(position: usize, total: usize, text: &str) -> anyhow::Result<i64> {
    let items: Vec<String> = AGREEMENT.iter().map(|s| (*s).to_owned()).collect();
    let i = select(&format!("[{position}/{total}] {text}"), &items, 2)?;
    Ok(i as i64 + 1)
}

/// A level for one competency, showing every level descriptor.
pub fn level(
    position: usize,
    total: usize,
    competency: &Competency,
    scale: Scale,
    previous: Option<u8>,
) -> anyhow::Result<i64> {
    eprintln!();
    eprintln!(
        "{}",
        console::style(format!("[{position}/{total}] {}", competency.name)).bold()
    );
    eprintln!("{}", console::style(&competency.description).dim());
    let items: Vec<String> = scale
        .levels()
        .map(|l| format!("{l}  {}", competency.descriptor(scale, l)))
        .collect();
    let default = previous.map_or(0, |p| usize::from(p.saturating_sub(scale.min)));
    let prompt = match previous {
        Some(p) => format!("Which describes you best? (last time: {p})"),
        None => "Which describes you best?".to_owned(),
    };
    let i = select(&prompt, &items, default)?;
    Ok(i as i64 + i64::from(scale.min))
}
