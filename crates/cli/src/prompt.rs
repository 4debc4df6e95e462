//! Interactive questions on a terminal. Without a terminal the commands
//! take an answers file instead.

use std::io::IsTerminal;

use console::{measure_text_width, style, truncate_str, Key, Term};
use leap_core::{Competency, Scale};

use crate::error::usage;

pub fn require_terminal(command: &str, format: &str) -> anyhow::Result<()> {
    if on_terminal() {
        Ok(())
    } else {
        Err(usage(format!(
            "`leap {command}` asks its questions on a terminal, and there is none: pass --answers FILE instead ({format})"
        )))
    }
}

/// Whether a person is at a terminal to answer questions.
pub fn on_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// A yes or no question on the terminal, `default` on Enter; Ctrl-C or Esc
/// cancels, saving nothing.
pub fn yes_or_no(question: &str, default: bool) -> anyhow::Result<bool> {
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(default)
        .interact()
        .map_err(|e| anyhow::anyhow!("cancelled ({e}): nothing was saved"))
}

/// Asks a yes/no question on the terminal (no by default). Without a
/// terminal it is a usage error naming the flag that answers it (`hint`).
pub fn confirm(question: &str, hint: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(usage(format!("no terminal to confirm on: {hint}")));
    }
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| anyhow::anyhow!("cancelled ({e}): nothing was deleted"))
}

/// One line per choice, picked with the arrow keys and Enter, or at once
/// with its digit. Each line is cut to the terminal's width, so that a
/// narrow terminal redraws cleanly; the highlighted choice is shown whole
/// underneath. Ctrl-C or Esc cancels, with the cursor given back.
fn select(prompt: &str, items: &[(char, String)], default: usize) -> anyhow::Result<usize> {
    let term = Term::stderr();
    let width = usize::from(term.size().1).max(20);
    let cut = |s: &str| truncate_str(s, width.saturating_sub(1), "…").into_owned();
    let mut at = default.min(items.len().saturating_sub(1));
    let mut drawn = 0;
    term.hide_cursor()?;
    let result = loop {
        term.clear_last_lines(drawn)?;
        let mut lines = vec![cut(&format!("? {prompt}"))];
        for (i, (key, text)) in items.iter().enumerate() {
            let line = cut(&format!(
                "{} {key}  {text}",
                if i == at { '>' } else { ' ' }
            ));
            lines.push(if i == at {
                style(line).cyan().bold().to_string()
            } else {
                line
            });
        }
        let whole = format!("  {}", items[at].1);
        for l in &lines {
            term.write_line(l)?;
        }
        term.write_line(&style(&whole).dim().to_string())?;
        // The full text may wrap: count the rows it takes.
        drawn = lines.len() + measure_text_width(&whole).div_ceil(width).max(1);
        match term.read_key_raw()? {
            Key::ArrowUp | Key::Char('k') => at = at.checked_sub(1).unwrap_or(items.len() - 1),
            Key::ArrowDown | Key::Char('j') | Key::Tab => at = (at + 1) % items.len(),
            Key::Enter | Key::Char(' ') => break Ok(at),
            Key::Char(c) => {
                if let Some(i) = items.iter().position(|(k, _)| *k == c) {
                    break Ok(i);
                }
            }
            Key::CtrlC | Key::Escape => {
                break Err(anyhow::anyhow!("cancelled: nothing was saved"));
            }
            _ => {}
        }
    };
    term.clear_last_lines(drawn)?;
    term.show_cursor()?;
    if let Ok(i) = result {
        term.write_line(&cut(&format!("✔ {prompt} · {}", items[i].1)))?;
    }
    result
}

const AGREEMENT: [&str; 5] = [
    "strongly disagree",
    "disagree",
    "neither agree nor disagree",
    "agree",
    "strongly agree",
];

/// Agreement 1–5 with a fit statement (a digit picks it at once).
pub fn agreement(position: usize, total: usize, text: &str) -> anyhow::Result<i64> {
    let items: Vec<(char, String)> = ('1'..='5')
        .zip(AGREEMENT)
        .map(|(k, s)| (k, s.to_owned()))
        .collect();
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
    let items: Vec<(char, String)> = scale
        .levels()
        .map(|l| {
            let key = char::from_digit(u32::from(l.value()), 10).unwrap_or('?');
            (key, competency.descriptor(scale, l).to_owned())
        })
        .collect();
    let default = previous.map_or(0, |p| usize::from(p.saturating_sub(scale.min)));
    let prompt = match previous {
        Some(p) => format!("Which describes you best? (last time: {p})"),
        None => "Which describes you best?".to_owned(),
    };
    let i = select(&prompt, &items, default)?;
    Ok(i as i64 + i64::from(scale.min))
}
