//! Human output: aligned tables, and colour only on a terminal and never
//! when NO_COLOR is set. JSON output goes through `print_json`.

use std::io::IsTerminal;

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
use serde::Serialize;

/// Set once standard output's reader has gone (`leap … | head -1`): later
/// output is dropped and the command still finishes its work, so a write
/// is never cut off half-way and the database is closed properly.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
/// Any other failure to write standard output (a full disk), reported at
/// the end as a runtime failure.
static STDOUT_FAILED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Writes to standard output without panicking: a closed pipe ends the
/// output quietly, as it does for any Unix tool.
pub fn write_stdout(bytes: &[u8]) {
    use std::io::Write;
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        } else if let Ok(mut failed) = STDOUT_FAILED.lock() {
            failed.get_or_insert_with(|| e.to_string());
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
    }
}

/// What went wrong writing standard output, other than a closed pipe.
pub fn stdout_failure() -> Option<String> {
    STDOUT_FAILED.lock().ok().and_then(|f| f.clone())
}

/// `print!` that a closed pipe cannot panic.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_stdout(format!($($arg)*).as_bytes())
    };
}

/// `println!` that a closed pipe cannot panic.
macro_rules! outln {
    () => {
        $crate::output::write_stdout(b"\n")
    };
    ($($arg:tt)*) => {{
        let mut line = format!($($arg)*);
        line.push('\n');
        $crate::output::write_stdout(line.as_bytes())
    }};
}

/// Decides once, at start-up, whether to colour output.
pub fn init_colour() {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let enabled = !no_color && std::io::stdout().is_terminal();
    console::set_colors_enabled(enabled);
    console::set_colors_enabled_stderr(!no_color && std::io::stderr().is_terminal());
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
    // Rounded down, so that 99.6% never shows as ready at 100%; the nudge
    // keeps 0.58 (a score of 58/100) from showing as 57%.
    let fraction = fraction.clamp(0.0, 1.0) + 1e-9;
    let filled = ((fraction * 20.0).floor() as usize).min(20);
    format!(
        "{}{} {:.0}%",
        "█".repeat(filled),
        "░".repeat(20 - filled),
        (fraction * 100.0).floor()
    )
}

pub fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// The text with its first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::bar;

    /// A score of 58/100 reads 58%, and nothing short of 100 reads 100%.
    #[test]
    fn the_bar_rounds_down_without_losing_a_point() {
        assert!(bar(0.58).ends_with(" 58%"), "{}", bar(0.58));
        assert!(bar(0.996).ends_with(" 99%"), "{}", bar(0.996));
        assert!(bar(1.0).ends_with(" 100%"), "{}", bar(1.0));
    }
}
