//! The schema's migrations, embedded in the binary: the list of names is
//! read from `migrations/sqlite` and `migrations/postgres` at build time
//! (`build.rs`), so adding a migration is adding its two files.
//! Built here rather than by `sqlx::migrate!`, which would pull sqlx's
//! macro crates (and a second build of its drivers) into every build; the
//! versions, descriptions and checksums are the ones that macro gives, so
//! databases it migrated carry on.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::sql::Dialect;

/// Every migration's file name and text, oldest first, for each backend:
/// the two folders hold the same names (the schema-parity test compares
/// what they make).
macro_rules! embedded {
    ($($file:literal),* $(,)?) => {
        (
            &[$(($file, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite/", $file)))),*],
            &[$(($file, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres/", $file)))),*],
        )
    };
}

type Files = &'static [(&'static str, &'static str)];

const MIGRATIONS: (Files, Files) = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

pub(crate) fn files(dialect: Dialect) -> &'static [(&'static str, &'static str)] {
    match dialect {
        Dialect::Sqlite => MIGRATIONS.0,
        Dialect::Postgres => MIGRATIONS.1,
    }
}

/// The migrator for a backend: "0005_career.sql" is version 5, "career".
pub(crate) fn migrator(dialect: Dialect) -> Migrator {
    let migrations: Vec<Migration> = files(dialect)
        .iter()
        .filter_map(|(name, sql)| {
            let stem = name.strip_suffix(".sql")?;
            let (version, description) = stem.split_once('_')?;
            Some(Migration::new(
                version.parse().ok()?,
                Cow::Owned(description.replace('_', " ")),
                MigrationType::Simple,
                Cow::Borrowed(*sql),
                false,
            ))
        })
        .collect();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of each folder is in the build, in order, and its name
    /// gives the version and description sqlx expects.
    #[test]
    fn the_lists_are_the_folders() {
        for (dialect, dir) in [(Dialect::Sqlite, "sqlite"), (Dialect::Postgres, "postgres")] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let mut on_disk: Vec<String> = std::fs::read_dir(&path)
                .expect("migrations folder")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort();
            let listed: Vec<&str> = files(dialect).iter().map(|(n, _)| *n).collect();
            assert_eq!(listed, on_disk, "{dir}");
            let m = migrator(dialect);
            assert_eq!(m.migrations.len(), listed.len(), "{dir}: every name parses");
            assert_eq!(m.migrations[4].version, 5);
            assert_eq!(m.migrations[4].description, "career");
            assert_eq!(m.migrations[2].description, "person revision");
        }
    }
}
