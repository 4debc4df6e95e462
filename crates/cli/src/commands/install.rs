//! What a shell and `man` need from leap: completion scripts and the
//! manual page, both made from the command line's own definition.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::usage;
use crate::output::write_stdout;

/// `leap completions SHELL`: the completion script on standard output.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    // Written whole afterwards: the generator panics on a closed pipe
    // (`leap completions bash | head`), leap's own output does not.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "leap", &mut script);
    write_stdout(&script);
    Ok(())
}

/// `leap man`: the manual page, in roff, on standard output; with `dir`,
/// every page (leap.1 and one per command, which it refers to) written
/// there.
pub fn man(dir: Option<&Path>) -> anyhow::Result<()> {
    let Some(dir) = dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(Cli::command()).render(&mut page)?;
        write_stdout(&page);
        return Ok(());
    };
    if !dir.is_dir() {
        return Err(usage(format!(
            "--dir {}: not a directory (create it first, for example ~/.local/share/man/man1)",
            dir.display()
        )));
    }
    clap_mangen::generate_to(Cli::command(), dir)
        .map_err(|e| anyhow::anyhow!("writing the manual pages to {}: {e}", dir.display()))?;
    let pages = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("leap") && name.ends_with(".1")
        })
        .count();
    outln!(
        "Wrote {pages} manual pages to {}: `man leap` reads them when the directory is on MANPATH.",
        dir.display()
    );
    Ok(())
}
