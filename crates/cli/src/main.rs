//! `leap`: the command line of leap.

// First, so that its `out!` and `outln!` macros reach every module.
#[macro_use]
mod output;
mod cli;
mod commands;
mod config;
mod context;
mod error;
mod prompt;

use std::process::ExitCode;

use clap::Parser;

/// jemalloc rather than the C library's allocator: a server pushed past
/// what it serves, then left alone, holds about a quarter less memory,
/// and answers faster (BENCHMARKS.md, issue #22).
#[cfg(all(unix, not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    // No control characters (but newline and tab) in any argument: they
    // would go into the data as they are.
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy();
        if let Err(e) = leap_core::text::check_chars("argument", &arg) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let mut cli = cli::Cli::parse();
    output::init_colour();
    match config::load(&cli) {
        Ok(Some((_, file))) => config::apply(&mut cli, file),
        Ok(None) => {}
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(error::exit_code(&e));
        }
    }
    // `serve` answers many clients at once and uses every core; the other
    // commands do one thing and need no more than one thread.
    let mut builder = if matches!(cli.command, cli::Command::Serve(_)) {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(commands::run(cli));
    if let Some(failure) = output::stdout_failure() {
        eprintln!("error: cannot write the output: {failure}");
        return ExitCode::from(1);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = error::exit_code(&e);
            if let Some(said) = error::fault_message(&e) {
                eprintln!("error: {said} ({e:#})");
            } else if code == 2 {
                // Validation messages are complete on their own.
                eprintln!("error: {e}");
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::from(code)
        }
    }
}
