//! Lists the schema's migrations from the folders, so a migration is added
//! by adding its file (one to `migrations/sqlite`, one of the same name to
//! `migrations/postgres`) and nothing else.

use std::fmt::Write as _;
use std::path::Path;

fn names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    Ok(names)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    println!("cargo::rerun-if-changed=migrations");
    let sqlite = names(&root.join("sqlite"))?;
    let postgres = names(&root.join("postgres"))?;
    // The schema-parity test compares what the two make; here, that each
    // backend has each migration.
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must hold the same file names"
    );
    let mut out = String::from("embedded!(\n");
    for name in &sqlite {
        let _ = writeln!(out, "    {name:?},");
    }
    out.push_str(")\n");
    let dest = Path::new(&std::env::var("OUT_DIR")?).join("migrations.rs");
    std::fs::write(dest, out)?;
    Ok(())
}
