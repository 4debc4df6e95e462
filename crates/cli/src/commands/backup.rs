//! `leap backup` and `leap restore`.

use std::path::Path;

use leap_store::{Location, StoreError};

use crate::cli::Cli;
use crate::context::{location, Ctx};
use crate::error::usage;
use crate::output::print_json;

pub async fn backup(ctx: &Ctx, file: &Path, json: bool) -> anyhow::Result<()> {
    ctx.store.backup_to(file).await.map_err(|e| match e {
        StoreError::Conflict(m) => usage(m),
        e => e.into(),
    })?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if json {
        return print_json(&serde_json::json!({
            "file": file.display().to_string(),
            "bytes": size,
        }));
    }
    outln!(
        "Backed up {} to {} ({size} bytes).",
        ctx.location,
        file.display()
    );
    Ok(())
}

pub async fn restore(cli: &Cli, file: &Path, json: bool) -> anyhow::Result<()> {
    let target = location(cli)?;
    if let Location::Sqlite(db) = &target {
        if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
    }
    leap_store::restore(file, &target)
        .await
        .map_err(|e| match e {
            StoreError::NotFound { id, .. } => {
                usage(format!("invalid backup '{id}': no such file"))
            }
            StoreError::Conflict(m) => usage(m),
            e => e.into(),
        })?;
    if json {
        return print_json(&serde_json::json!({
            "file": file.display().to_string(),
            "database": target.to_string(),
        }));
    }
    outln!("Restored {} into {target}.", file.display());
    Ok(())
}
