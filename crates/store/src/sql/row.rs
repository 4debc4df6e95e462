//! A table's row mapping, written once. Each table names its columns and
//! their types in one [`Table`]; the feature's module turns its record into
//! the values of those columns and back, in one function each. The normal
//! writes, the bulk load and import all insert through [`insert`] and
//! [`insert_many`]; reads and export select [`Table::select`]. A column
//! added to a table is added there and nowhere else in the store.

use chrono::NaiveDate;
use sqlx::AnyConnection;

use super::{day, Dialect};
use crate::Result;

/// A column's type, which decides the cast PostgreSQL needs to and from
/// its own type (SQLite keeps text and integers; [`Dialect::sql`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Int,
    Text,
    Date,
    Instant,
    Flag,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub(crate) name: &'static str,
    pub(crate) ty: Ty,
}

pub(crate) const fn col(name: &'static str, ty: Ty) -> Column {
    Column { name, ty }
}

/// A [`Table`]: `table!("contacts" { person_id: Int, name: Text })`.
macro_rules! table {
    ($name:literal { $($column:ident: $ty:ident),* $(,)? }) => {
        $crate::sql::row::Table {
            name: $name,
            columns: &[$($crate::sql::row::col(
                stringify!($column),
                $crate::sql::row::Ty::$ty,
            )),*],
        }
    };
}
pub(crate) use table;

/// A table and the columns a record is kept in (not `id`, which the
/// database assigns; the bulk load gives it with [`insert_many`]).
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) columns: &'static [Column],
}

impl Table {
    /// The columns to read, prefixed with `alias.` when there is one;
    /// dates and instants as text, under their own names.
    pub(crate) fn select(&self, alias: &str) -> String {
        let prefix = if alias.is_empty() {
            String::new()
        } else {
            format!("{alias}.")
        };
        self.columns
            .iter()
            .map(|c| match c.ty {
                Ty::Date | Ty::Instant => format!("{prefix}{0}::text AS {0}", quoted(c.name)),
                _ => format!("{prefix}{}", quoted(c.name)),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn head(&self, with_id: bool) -> String {
        let names: Vec<String> = with_id
            .then(|| "id".to_owned())
            .into_iter()
            .chain(self.columns.iter().map(|c| quoted(c.name)))
            .collect();
        format!("INSERT INTO {} ({}) ", self.name, names.join(", "))
    }
}

/// `current_role` is a keyword in both dialects.
fn quoted(name: &str) -> String {
    if name == "current_role" {
        "\"current_role\"".to_owned()
    } else {
        name.to_owned()
    }
}

/// A value for one column.
#[derive(Debug, Clone)]
pub(crate) enum V {
    Int(i64),
    Text(String),
    Date(NaiveDate),
    /// An instant, as `stamp` writes it.
    Instant(String),
    Flag(bool),
    /// NULL, bound as the column's type.
    Null,
}

impl V {
    pub(crate) fn text(s: &str) -> Self {
        Self::Text(s.to_owned())
    }

    pub(crate) fn opt_text(s: Option<&str>) -> Self {
        s.map_or(Self::Null, Self::text)
    }

    pub(crate) fn opt_date(d: Option<NaiveDate>) -> Self {
        d.map_or(Self::Null, Self::Date)
    }

    pub(crate) fn opt_int(i: Option<i64>) -> Self {
        i.map_or(Self::Null, Self::Int)
    }

    pub(crate) fn opt_flag(b: Option<bool>) -> Self {
        b.map_or(Self::Null, Self::Flag)
    }
}

/// A row of a tag table (`evidence_competencies` and the like): the
/// tagged row's id and a competency id.
pub(crate) fn tag_values(id: i64, competency: &str) -> Vec<V> {
    vec![V::Int(id), V::text(competency)]
}

/// The cast PostgreSQL needs to a column's type.
fn cast(ty: Ty) -> &'static str {
    match ty {
        Ty::Date => "::date",
        Ty::Instant => "::timestamptz",
        _ => "",
    }
}

fn bind<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    v: V,
    ty: Ty,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    match v {
        V::Int(i) => q.bind(i),
        V::Text(s) | V::Instant(s) => q.bind(s),
        V::Date(d) => q.bind(day(d)),
        V::Flag(b) => q.bind(b),
        V::Null => match ty {
            Ty::Int => q.bind(None::<i64>),
            Ty::Flag => q.bind(None::<bool>),
            _ => q.bind(None::<String>),
        },
    }
}

/// `INSERT ... VALUES ($1, $2::date, ...)` of one row, as the dialect runs it.
fn one_row(table: &Table, dialect: Dialect, tail: &str) -> String {
    let mut sql = table.head(false);
    sql.push_str("VALUES (");
    for (i, c) in table.columns.iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!("${}{}", i + 1, cast(c.ty)));
    }
    sql.push(')');
    sql.push_str(tail);
    dialect.sql(&sql).into_owned()
}

/// One row's `INSERT`, `tail` after it, with `values` bound as their
/// columns' types.
fn one_row_query(
    conn: &AnyConnection,
    table: &Table,
    values: Vec<V>,
    tail: &str,
) -> (String, Vec<(V, Ty)>) {
    debug_assert_eq!(values.len(), table.columns.len(), "{}", table.name);
    let typed = values
        .into_iter()
        .zip(table.columns.iter().map(|c| c.ty))
        .collect();
    (one_row(table, Dialect::of(conn), tail), typed)
}

fn bound_all<'q>(
    sql: &'q str,
    values: Vec<(V, Ty)>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    values
        .into_iter()
        .fold(sqlx::query(sql), |q, (v, ty)| bind(q, v, ty))
}

/// Inserts one row of `table` and returns its id.
pub(crate) async fn insert(conn: &mut AnyConnection, table: &Table, values: Vec<V>) -> Result<i64> {
    let row = insert_returning(conn, table, values, "id").await?;
    Ok(sqlx::Row::try_get(&row, "id")?)
}

/// Inserts one row of `table` and reads back `returning` (columns of the
/// new row).
pub(crate) async fn insert_returning(
    conn: &mut AnyConnection,
    table: &Table,
    values: Vec<V>,
    returning: &str,
) -> std::result::Result<sqlx::any::AnyRow, sqlx::Error> {
    let (sql, values) = one_row_query(conn, table, values, &format!(" RETURNING {returning}"));
    bound_all(&sql, values).fetch_one(&mut *conn).await
}

/// Inserts one row of a table without an id (a tag, a level).
pub(crate) async fn insert_plain(
    conn: &mut AnyConnection,
    table: &Table,
    values: Vec<V>,
    tail: &str,
) -> Result<()> {
    let (sql, values) = one_row_query(conn, table, values, tail);
    bound_all(&sql, values).execute(&mut *conn).await?;
    Ok(())
}

/// Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535
/// bound variables.
const ROWS_PER_STATEMENT: usize = 500;

/// Inserts many rows of `table`, many per statement, then `tail`: each
/// row its id (for tables with one, given while the tables are locked) and
/// its values. PostgreSQL needs numbered placeholders (`$1`). SQLite gets
/// plain `?`: sqlx looks a named parameter up by name, a linear search in
/// SQLite, so 3,000 `$n` in one statement cost 3× the whole load (57 s
/// against 17 s for 10,000 people).
pub(crate) async fn insert_many(
    conn: &mut AnyConnection,
    table: &Table,
    rows: Vec<(Option<i64>, Vec<V>)>,
    tail: &str,
) -> Result<()> {
    let dialect = Dialect::of(conn);
    let ids = rows.first().is_some_and(|(id, _)| id.is_some());
    let types: Vec<Ty> = ids
        .then_some(Ty::Int)
        .into_iter()
        .chain(table.columns.iter().map(|c| c.ty))
        .collect();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<(Option<i64>, Vec<V>)> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        let mut sql = table.head(ids);
        sql.push_str("VALUES ");
        let mut n = 0;
        for (i, (_, values)) in chunk.iter().enumerate() {
            debug_assert_eq!(values.len(), table.columns.len(), "{}", table.name);
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for (j, ty) in types.iter().enumerate() {
                n += 1;
                if j > 0 {
                    sql.push_str(", ");
                }
                match dialect {
                    Dialect::Sqlite => sql.push('?'),
                    Dialect::Postgres => sql.push_str(&format!("${n}{}", cast(*ty))),
                }
            }
            sql.push(')');
        }
        sql.push_str(tail);
        let mut q = sqlx::query(&sql);
        for (id, values) in chunk {
            if ids {
                q = q.bind(id.unwrap_or_default());
            }
            for (v, c) in values.into_iter().zip(table.columns) {
                q = bind(q, v, c.ty);
            }
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::{
        accounts::ACCOUNTS, assessments::*, checkins::*, contacts::*, feedback::*, fit::*,
        journal::*, one_to_one::*, opportunities::*, org::*, plan::*, profile::PEOPLE,
        sharing::COMMENTS,
    };

    /// Every table a person's records are kept in, and the organisation's.
    const TABLES: [&Table; 30] = [
        &PEOPLE,
        &ACCOUNTS,
        &FIT_CHECKS,
        &ASSESSMENTS,
        &ASSESSMENT_LEVELS,
        &EVIDENCE,
        &EVIDENCE_COMPETENCIES,
        &PLANS,
        &PLAN_ITEMS,
        &PLAN_ITEM_COMPETENCIES,
        &FEEDBACK_REQUESTS,
        &FEEDBACK_REQUEST_COMPETENCIES,
        &FEEDBACK_RATERS,
        &FEEDBACK_ANSWERS,
        &OPPORTUNITIES,
        &OPPORTUNITY_STAGES,
        &DEBRIEFS,
        &DEBRIEF_COMPETENCIES,
        &CONTACTS,
        &INTERACTIONS,
        &CHECKINS,
        &CHECKIN_LEVELS,
        &COMMENTS,
        &TEAMS,
        &MEMBERS,
        &LINE_SHARING,
        &LINE_SHARING_DEFAULTS,
        &ONE_TO_ONES,
        &ONE_TO_ONE_ENTRIES,
        &ORG_SETTINGS,
    ];

    /// Columns kept apart from a record on purpose: the id the database
    /// gives, a person's revision counter and calendar key.
    const APART: [(&str, &str); 2] = [("people", "revision"), ("people", "calendar_key")];

    /// A column added by a migration and not to its table's mapping (or
    /// the other way round) fails here: the mapping is the one place the
    /// store writes and reads it.
    #[tokio::test]
    async fn every_column_of_the_schema_is_in_its_table() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = crate::SqlStore::open(crate::Location::Sqlite(dir.path().join("t.db")))
            .await
            .expect("open");
        for table in TABLES {
            let rows: Vec<(String, String)> = sqlx::query_as(&format!(
                "SELECT name, type FROM pragma_table_info('{}')",
                table.name
            ))
            .fetch_all(store.pool())
            .await
            .expect("columns");
            assert!(!rows.is_empty(), "{} is a table", table.name);
            let in_schema: Vec<&str> = rows
                .iter()
                .map(|(n, _)| n.as_str())
                .filter(|n| *n != "id" && !APART.contains(&(table.name, n)))
                .collect();
            let mapped: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
            let (mut a, mut b) = (in_schema.clone(), mapped.clone());
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(
                a, b,
                "{}: the schema's columns against the mapping",
                table.name
            );
            for (name, ty) in &rows {
                if let Some(c) = table.columns.iter().find(|c| c.name == name) {
                    let integer = matches!(c.ty, Ty::Int | Ty::Flag);
                    assert_eq!(
                        ty == "INTEGER",
                        integer,
                        "{}.{name} is {ty} in SQLite, {:?} in the mapping",
                        table.name,
                        c.ty
                    );
                }
            }
        }
    }
}
