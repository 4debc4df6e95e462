//! The two migration folders must give the same schema: the same tables,
//! columns (type, nullability, default, key), foreign keys, unique and check
//! constraints and indexes. Each backend's catalogue is read and brought to
//! one neutral form, then compared.

use std::collections::{BTreeMap, BTreeSet};

use leap_store::{postgres, testing, Location, SqlStore};
use sqlx::{AnyPool, Row};
use tempfile::TempDir;

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// name → (type, not null, default, part of the primary key)
    columns: BTreeMap<String, (String, bool, Option<String>, bool)>,
    /// (column, referenced table, referenced column, on delete)
    foreign_keys: BTreeSet<(String, String, String, String)>,
    /// Column lists of UNIQUE constraints.
    unique: BTreeSet<Vec<String>>,
    /// Check constraints in a neutral form ("level between 0 and 10").
    checks: BTreeSet<String>,
    /// Explicit indexes: name → (columns, unique, predicate).
    indexes: BTreeMap<String, (Vec<String>, bool, Option<String>)>,
}

type Schema = BTreeMap<String, Table>;

async fn strings(pool: &AnyPool, sql: &str, bind: &str) -> Vec<Vec<Option<String>>> {
    let rows = sqlx::query(sql)
        .bind(bind.to_owned())
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.iter()
        .map(|r| {
            (0..r.len())
                .map(|i| r.try_get::<Option<String>, _>(i).expect("text column"))
                .collect()
        })
        .collect()
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// Removes parentheses, casts and repeated spaces, lower-cases.
fn plain(s: &str) -> String {
    let s = s
        .replace("::bigint", "")
        .replace("::text", "")
        .replace(['(', ')'], " ");
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "x IN (a, b)", "x = ANY (ARRAY[a, b])", "x BETWEEN a AND b" and
/// "x >= a AND x <= b" in one form.
fn neutral_check(expr: &str) -> String {
    let p = plain(expr.trim_start_matches("CHECK"));
    let p = p.replace(" = any array[", " in [").replace(']', "");
    if let Some((col, list)) = p.split_once(" in [").or_else(|| p.split_once(" in ")) {
        let values: Vec<&str> = list.split(',').map(str::trim).collect();
        return format!("{col} in {}", values.join(","));
    }
    let words: Vec<&str> = p.split(' ').collect();
    match words.as_slice() {
        [c, "between", lo, "and", hi] => format!("{c} between {lo} and {hi}"),
        [c, ">=", lo, "and", c2, "<=", hi] if c == c2 => format!("{c} between {lo} and {hi}"),
        _ => p,
    }
}

/// The CHECK (...) clauses of a CREATE TABLE statement.
fn sqlite_checks(create: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = create;
    while let Some(at) = rest.find("CHECK (") {
        let body = &rest[at + "CHECK (".len()..];
        let mut depth = 1;
        let end = body
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(body.len(), |(i, _)| i);
        out.insert(neutral_check(&body[..end]));
        rest = &body[end..];
    }
    out
}

async fn sqlite_schema(pool: &AnyPool) -> Schema {
    let mut schema = Schema::new();
    let tables = strings(
        pool,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND $1 = $1
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
        "",
    )
    .await;
    for t in tables {
        let name = text(&t[0]);
        let mut table = Table {
            checks: sqlite_checks(&text(&t[1])),
            ..Table::default()
        };
        for c in strings(
            pool,
            "SELECT name, type, CAST(\"notnull\" AS TEXT), dflt_value, CAST(pk AS TEXT)
             FROM pragma_table_info($1)",
            &name,
        )
        .await
        {
            let pk = text(&c[4]) != "0";
            table.columns.insert(
                text(&c[0]),
                (
                    text(&c[1]).to_lowercase(),
                    pk || text(&c[2]) == "1",
                    c[3].as_deref().map(plain),
                    pk,
                ),
            );
        }
        for f in strings(
            pool,
            "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list($1)",
            &name,
        )
        .await
        {
            table.foreign_keys.insert((
                text(&f[0]),
                text(&f[1]),
                text(&f[2]),
                text(&f[3]).to_lowercase(),
            ));
        }
        for i in strings(
            pool,
            "SELECT l.name, CAST(l.\"unique\" AS TEXT), l.origin, m.sql
             FROM pragma_index_list($1) l LEFT JOIN sqlite_master m ON m.name = l.name",
            &name,
        )
        .await
        {
            let columns: Vec<String> = strings(
                pool,
                "SELECT name FROM pragma_index_info($1) ORDER BY seqno",
                &text(&i[0]),
            )
            .await
            .iter()
            .map(|c| text(&c[0]))
            .collect();
            match text(&i[2]).as_str() {
                "u" => {
                    table.unique.insert(columns);
                }
                "c" => {
                    let predicate = text(&i[3]).split_once(" WHERE ").map(|(_, p)| plain(p));
                    table
                        .indexes
                        .insert(text(&i[0]), (columns, text(&i[1]) == "1", predicate));
                }
                _ => {} // the primary key, compared with the columns
            }
        }
        schema.insert(name, table);
    }
    schema
}

async fn postgres_schema(pool: &AnyPool) -> Schema {
    let mut schema = Schema::new();
    let tables = strings(
        pool,
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' AND $1 = $1",
        "",
    )
    .await;
    for t in tables {
        let name = text(&t[0]);
        let mut table = Table::default();
        let keys: BTreeSet<String> = strings(
            pool,
            "SELECT a.attname::text FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
             WHERE c.contype = 'p' AND c.conrelid = $1::regclass",
            &name,
        )
        .await
        .iter()
        .map(|r| text(&r[0]))
        .collect();
        for c in strings(
            pool,
            "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
            &name,
        )
        .await
        {
            let column = text(&c[0]);
            let ty = match text(&c[1]).as_str() {
                "bigint" => "integer".to_owned(),
                other => other.to_owned(),
            };
            let pk = keys.contains(&column);
            table.columns.insert(
                column,
                (ty, text(&c[2]) == "NO", c[3].as_deref().map(plain), pk),
            );
        }
        for c in strings(
            pool,
            "SELECT c.contype::text, pg_get_constraintdef(c.oid)::text,
                    a.attname::text, c.confrelid::regclass::text, af.attname::text,
                    c.confdeltype::text, c.conkey::text
             FROM pg_constraint c
             LEFT JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             LEFT JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
             WHERE c.conrelid = $1::regclass",
            &name,
        )
        .await
        {
            match text(&c[0]).as_str() {
                "f" => {
                    let on_delete = match text(&c[5]).as_str() {
                        "c" => "cascade",
                        "n" => "set null",
                        "r" => "restrict",
                        "d" => "set default",
                        _ => "no action",
                    };
                    table.foreign_keys.insert((
                        text(&c[2]),
                        text(&c[3]),
                        text(&c[4]),
                        on_delete.to_owned(),
                    ));
                }
                "u" => {
                    let def = text(&c[1]);
                    let cols = def
                        .trim_start_matches("UNIQUE (")
                        .trim_end_matches(')')
                        .split(", ")
                        .map(str::to_owned)
                        .collect();
                    table.unique.insert(cols);
                }
                "c" => {
                    table.checks.insert(neutral_check(&text(&c[1])));
                }
                _ => {}
            }
        }
        for i in strings(
            pool,
            "SELECT ic.relname::text, CASE WHEN x.indisunique THEN '1' ELSE '0' END,
                    pg_get_expr(x.indpred, x.indrelid)::text,
                    (SELECT string_agg(a.attname::text, ',' ORDER BY k.n)
                     FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                     JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum)
             FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
             WHERE x.indrelid = $1::regclass
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            &name,
        )
        .await
        {
            let columns = text(&i[3]).split(',').map(str::to_owned).collect();
            table.indexes.insert(
                text(&i[0]),
                (columns, text(&i[1]) == "1", i[2].as_deref().map(plain)),
            );
        }
        schema.insert(name, table);
    }
    schema
}

/// The one place the two differ on purpose: PostgreSQL keeps dates as
/// `date`, instants as `timestamptz` and flags as `boolean` (migration
/// 0010), where SQLite keeps ISO 8601 text and 0/1 integers, a flag's
/// range held by a check. Brings PostgreSQL's to SQLite's terms; any other
/// difference still fails.
fn as_sqlite_keeps_them(post: &mut Schema, lite: &mut Schema) {
    for (name, table) in post.iter_mut() {
        let mut flags = Vec::new();
        for (column, (ty, _, default, _)) in table.columns.iter_mut() {
            match ty.as_str() {
                "date" | "timestamp with time zone" => *ty = "text".to_owned(),
                "boolean" => {
                    *ty = "integer".to_owned();
                    *default = default.as_deref().map(|d| match d {
                        "false" => "0".to_owned(),
                        "true" => "1".to_owned(),
                        other => other.to_owned(),
                    });
                    flags.push(column.clone());
                }
                _ => {}
            }
        }
        for (_, _, predicate) in table.indexes.values_mut() {
            if let Some(p) = predicate.as_mut().filter(|p| flags.contains(p)) {
                *p = format!("{p} = 1");
            }
        }
        if let Some(l) = lite.get_mut(name) {
            for f in &flags {
                l.checks.remove(&format!("{f} in 0,1"));
            }
        }
    }
}

async fn migrations(pool: &AnyPool) -> Vec<Vec<Option<String>>> {
    strings(
        pool,
        "SELECT CAST(version AS TEXT), description FROM _sqlx_migrations
         WHERE $1 = $1 ORDER BY _sqlx_migrations.version",
        "",
    )
    .await
}

/// The PostgreSQL server the tests may use; in CI there must be one, and
/// elsewhere a test without it says so and passes.
fn server_or_skip(to: &str) -> Option<String> {
    let server = testing::postgres_server();
    if server.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} must name a PostgreSQL server in CI",
            testing::POSTGRES_ENV
        );
        eprintln!("SKIPPED: set {} to {to}", testing::POSTGRES_ENV);
    }
    server
}

#[tokio::test]
async fn both_backends_have_the_same_schema() {
    let Some(server) = server_or_skip("compare with PostgreSQL") else {
        return;
    };
    let dir = TempDir::new().expect("dir");
    let sqlite = SqlStore::open(Location::Sqlite(dir.path().join("leap.db")))
        .await
        .expect("sqlite");
    let name = testing::unique_name();
    let url = postgres::create_database(&server, &name)
        .await
        .expect("database");
    let pg = SqlStore::open(Location::Postgres(url))
        .await
        .expect("postgres");

    let mut lite = sqlite_schema(sqlite.pool()).await;
    let mut post = postgres_schema(pg.pool()).await;
    let native = post
        .values()
        .flat_map(|t| t.columns.values())
        .filter(|(ty, ..)| ["date", "timestamp with time zone", "boolean"].contains(&ty.as_str()))
        .count();
    assert!(
        native >= 38,
        "PostgreSQL has its own types: {native} columns"
    );
    as_sqlite_keeps_them(&mut post, &mut lite);
    assert!(lite.len() >= 13, "every table is read: {:?}", lite.keys());
    assert!(
        lite.values().map(|t| t.checks.len()).sum::<usize>() >= 10,
        "check constraints are read"
    );
    assert!(lite
        .values()
        .any(|t| !t.indexes.is_empty() && !t.unique.is_empty()));
    for (table, t) in &lite {
        assert_eq!(post.get(table), Some(t), "table {table} differs");
    }
    assert_eq!(
        lite.keys().collect::<Vec<_>>(),
        post.keys().collect::<Vec<_>>()
    );
    assert_eq!(migrations(sqlite.pool()).await, migrations(pg.pool()).await);
}

#[test]
fn checks_read_the_same_in_both_spellings() {
    assert_eq!(
        neutral_check("source IN ('self', 'manager')"),
        neutral_check("CHECK ((source = ANY (ARRAY['self'::text, 'manager'::text])))")
    );
    assert_eq!(
        neutral_check("level BETWEEN 0 AND 10"),
        neutral_check("CHECK (((level >= 0) AND (level <= 10)))")
    );
    assert_ne!(
        neutral_check("level BETWEEN 0 AND 10"),
        neutral_check("CHECK (((level >= 0) AND (level <= 9)))")
    );
    assert_eq!(
        sqlite_checks(
            "CREATE TABLE t (a INTEGER CHECK (a IN (0, 1)), b TEXT CHECK (b BETWEEN 1 AND 2))"
        ),
        BTreeSet::from(["a in 0,1".to_owned(), "b between 1 and 2".to_owned()])
    );
}

/// Migration 0010 gives PostgreSQL its own types, converting what an
/// older leap stored: text dates become dates, RFC 3339 text instants,
/// 0/1 flags booleans; the store reads them back as before, and a
/// reporting tool can compare and sort them as dates.
#[tokio::test]
async fn existing_rows_take_postgresql_s_own_types() {
    let Some(server) = server_or_skip("migrate on PostgreSQL") else {
        return;
    };
    let url = postgres::create_database(&server, &testing::unique_name())
        .await
        .expect("database");
    let old = testing::postgres_at_migration(&url, 9)
        .await
        .expect("migration 9");
    for sql in [
        "INSERT INTO frameworks (hash, framework_id, name, version, content, added_on)
         VALUES ('h', 'f', 'F', '1', '', '2026-01-05')",
        "INSERT INTO people (id, name, is_local, \"current_role\", target_role, framework_hash, created_on)
         VALUES (1, 'Jo', 1, 'sysadmin', 'it-manager', 'h', '2026-01-05')",
        "INSERT INTO accounts (username, password_hash, is_admin, disabled, person_id, created_at)
         VALUES ('jo', 'x', 1, 0, 1, '2026-01-05T09:30:00Z')",
        "INSERT INTO evidence (person_id, entry_on, text, kind, created_on)
         VALUES (1, '2026-02-27', 'Ran the stand-up', 'experience', '2026-02-28')",
        "INSERT INTO opportunities (person_id, organisation, title, company_profile, internal,
         stage, next_step_on, created_on)
         VALUES (1, 'Acme', 'IT manager', 'mid-size', 1, 'applied', NULL, '2026-03-01')",
    ] {
        sqlx::query(sql).execute(&old).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    old.close().await;

    let store = SqlStore::open(Location::Postgres(url))
        .await
        .expect("migrated");
    let pool = store.pool();
    let types = strings(
        pool,
        "SELECT table_name::text || '.' || column_name::text || ' ' || data_type::text
         FROM information_schema.columns WHERE table_schema = 'public' AND $1 = $1
         AND column_name IN ('entry_on', 'is_local', 'created_at', 'internal', 'next_step_on')
         ORDER BY 1",
        "",
    )
    .await;
    let types: Vec<String> = types.iter().map(|r| text(&r[0])).collect();
    for want in [
        "evidence.entry_on date",
        "people.is_local boolean",
        "accounts.created_at timestamp with time zone",
        "opportunities.internal boolean",
        "opportunities.next_step_on date",
    ] {
        assert!(types.iter().any(|t| t == want), "{want} in {types:?}");
    }
    // A reporting tool's query, in PostgreSQL's own terms.
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM evidence e JOIN people p ON p.id = e.person_id
         WHERE p.is_local AND e.entry_on BETWEEN DATE '2026-02-01' AND DATE '2026-02-28'",
    )
    .fetch_one(pool)
    .await
    .expect("count");
    assert_eq!(n, 1);

    use leap_store::{AccountStore, JournalStore, OpportunityStore, ProfileStore};
    let profile = store
        .local_profile()
        .await
        .expect("read")
        .expect("the local person");
    let entries = store.journal(profile.person, None).await.expect("journal");
    assert_eq!(
        entries
            .iter()
            .map(|e| e.date.to_string())
            .collect::<Vec<_>>(),
        ["2026-02-27"]
    );
    let account = store
        .account_by_username("jo")
        .await
        .expect("read")
        .expect("jo");
    assert!(account.is_admin && !account.disabled);
    let opportunities = store.opportunities(profile.person).await.expect("read");
    assert!(opportunities[0].internal);
    assert_eq!(opportunities[0].created_on.to_string(), "2026-03-01");
    assert_eq!(opportunities[0].next_step, None);
}
