//! Human output: aligned tables, and colour only on a terminal and never
//! when NO_COLOR is set. JSON output goes through `print_json`.

use std::io::IsTerminal;

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
use serde::Serialize;

/// Decides once, at start-up, whether to colour output.
pub fn init_colour() {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let enabled = !no_color && std::io::stdout().is_terminal();
    console::set_colors_enabled(enabled);
    console::set_colors_enabled_stderr(enabled && std::io::stderr().is_terminal());
}

pub fn colour() -> bool {
    console::colors_enabled()
}

pub fn table<I, S>(headers: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<Cell>,
{
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if std::io::stdout().is_terminal() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    t.set_header(headers);
    t
}

/// A cell in `color` when colour is on.
pub fn tinted(text: impl ToString, color: Color) -> Cell {
    let c = Cell::new(text);
    if colour() {
        c.fg(color)
    } else {
        c
    }
}

pub fn heading(text: &str) -> String {
    console::style(text).bold().to_string()
}

pub fn dim(text: &str) -> String {
    console::style(text).dim().to_string()
}

/// A readiness bar such as `███████░░░ 70%`.
pub fn bar(fraction: f64) -> String {
    let filled = (fraction.clamp(0.0, 1.0) * 20.0).floor() as usize;
    format!(
        "{}{} {:.0}%",
        "█".repeat(filled),
        "░".repeat(20 - filled),
        (fraction * 100.0).floor()
    )
}

pub fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
