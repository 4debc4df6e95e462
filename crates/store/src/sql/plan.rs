//! The SQL of the plan (see [`crate::PlanStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::framework::ActionKind;
use leap_core::plan::ItemStatus;
use leap_core::CompetencyId;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::row::{insert, insert_plain, table, tag_values, Table, V};
use super::Dialect;
use super::{date, day, named, tags, Scope, SqlStore};
use crate::{
    Closing, NewPlan, NewPlanItem, PersonId, PlanItemRecord, PlanRecord, PlanStore, Result,
    StoreError,
};

/// The `plans` table's columns, the one list every path writes and reads.
pub(super) const PLANS: Table = table!("plans" { person_id: Int, target_role: Text, horizon_months: Int, generated_on: Date, at_once: Int, notes: Text, year_starts: Int });

/// The `plan_items` table's columns, the one list every path writes and reads.
pub(super) const PLAN_ITEMS: Table = table!("plan_items" { person_id: Int, plan_id: Int, action_id: Text, title: Text, kind: Text, due_on: Date, status: Text, note: Text, closed_on: Date, superseded_on: Date, created_on: Date, why: Text, starts_on: Date });

/// The `plan_item_competencies` table's columns, the one list every path writes and reads.
pub(super) const PLAN_ITEM_COMPETENCIES: Table =
    table!("plan_item_competencies" { item_id: Int, competency_id: Text });

/// A plan item's competency ids joined by ',', as `tags`.
pub(super) const ITEM_TAGS: &str =
    "(SELECT string_agg(competency_id, ',' ORDER BY competency_id) FROM plan_item_competencies t
     WHERE t.item_id = i.id) AS tags";

/// A plan item's columns (as `i`), with its tags.
pub(super) fn item_columns() -> String {
    format!("i.id, {}, {ITEM_TAGS}", PLAN_ITEMS.select("i"))
}

/// A plan item about to be written.
pub(crate) struct ItemRow<'a> {
    action: Option<&'a str>,
    title: &'a str,
    kind: ActionKind,
    competencies: &'a [CompetencyId],
    due: NaiveDate,
    today: NaiveDate,
    why: Option<&'a str>,
    starts: Option<NaiveDate>,
}

/// A plan item's whole row, as every path writes it.
pub(super) struct PlanItemRow<'a> {
    pub(super) plan_id: Option<i64>,
    pub(super) action_id: Option<&'a str>,
    pub(super) title: &'a str,
    pub(super) kind: ActionKind,
    pub(super) due_on: NaiveDate,
    pub(super) status: ItemStatus,
    pub(super) note: Option<&'a str>,
    pub(super) closed_on: Option<NaiveDate>,
    pub(super) superseded_on: Option<NaiveDate>,
    pub(super) created_on: NaiveDate,
    pub(super) why: Option<&'a str>,
    pub(super) starts_on: Option<NaiveDate>,
}

pub(super) fn item_values(person: PersonId, i: &PlanItemRow<'_>) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::opt_int(i.plan_id),
        V::opt_text(i.action_id),
        V::text(i.title),
        V::text(i.kind.as_str()),
        V::Date(i.due_on),
        V::text(i.status.as_str()),
        V::opt_text(i.note),
        V::opt_date(i.closed_on),
        V::opt_date(i.superseded_on),
        V::Date(i.created_on),
        V::opt_text(i.why),
        V::opt_date(i.starts_on),
    ]
}

/// A month stored as its number: 1 to 12.
pub(super) fn month(n: i64) -> Result<u32> {
    u32::try_from(n)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| StoreError::Corrupt(format!("year_starts {n}")))
}

/// A plan generation's row; `notes` as JSON.
pub(super) fn plan_values(
    person: PersonId,
    target_role: &str,
    horizon_months: u32,
    generated_on: NaiveDate,
    at_once: Option<u32>,
    notes: Option<&str>,
    year_starts: Option<u32>,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::text(target_role),
        V::Int(i64::from(horizon_months)),
        V::Date(generated_on),
        V::opt_int(at_once.map(i64::from)),
        V::opt_text(notes),
        V::opt_int(year_starts.map(i64::from)),
    ]
}

impl SqlStore {
    pub(crate) async fn item(
        conn: &mut AnyConnection,
        person: PersonId,
        id: i64,
    ) -> Result<PlanItemRecord> {
        let row = sqlx::query(&Dialect::of(conn).sql(&format!(
            "SELECT {} FROM plan_items i WHERE id = $1 AND person_id = $2 AND superseded_on IS NULL",
            item_columns()
        )))
        .bind(id)
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "plan item",
            id: id.to_string(),
        })?;
        Self::item_from_row(&row)
    }

    pub(crate) fn item_from_row(row: &AnyRow) -> Result<PlanItemRecord> {
        let id: i64 = row.try_get("id")?;
        let closed: Option<String> = row.try_get("closed_on")?;
        let starts: Option<String> = row.try_get("starts_on")?;
        Ok(PlanItemRecord {
            id,
            action: row.try_get("action_id")?,
            title: row.try_get("title")?,
            kind: named(ActionKind::parse, row.try_get("kind")?)?,
            competencies: tags(row)?,
            due: date(row.try_get::<&str, _>("due_on")?)?,
            status: named(ItemStatus::parse, row.try_get("status")?)?,
            note: row.try_get("note")?,
            closed_on: closed.as_deref().map(date).transpose()?,
            why: row.try_get("why")?,
            starts: starts.as_deref().map(date).transpose()?,
        })
    }

    pub(crate) async fn insert_item(
        conn: &mut AnyConnection,
        person: PersonId,
        plan_id: Option<i64>,
        item: ItemRow<'_>,
    ) -> Result<i64> {
        let ItemRow {
            action,
            title,
            kind,
            competencies,
            due,
            today,
            why,
            starts,
        } = item;
        let row = PlanItemRow {
            plan_id,
            action_id: action,
            title,
            kind,
            due_on: due,
            status: ItemStatus::Todo,
            note: None,
            closed_on: None,
            superseded_on: None,
            created_on: today,
            why,
            starts_on: starts,
        };
        let id = insert(conn, &PLAN_ITEMS, item_values(person, &row)).await?;
        for c in competencies {
            insert_plain(
                conn,
                &PLAN_ITEM_COMPETENCIES,
                tag_values(id, c.as_str()),
                " ON CONFLICT DO NOTHING",
            )
            .await?;
        }
        Ok(id)
    }

    pub(crate) async fn read_plan(
        conn: &mut AnyConnection,
        person: PersonId,
    ) -> Result<PlanRecord> {
        let latest = sqlx::query(&Dialect::of(conn).sql(&format!(
            "SELECT {} FROM plans WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
            PLANS.select("")
        )))
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?;
        let (target_role, horizon_months, generated_on, at_once, notes, year_starts) = match latest
        {
            Some(row) => {
                let h: i64 = row.try_get("horizon_months")?;
                let year: Option<i64> = row.try_get("year_starts")?;
                let at_once: Option<i64> = row.try_get("at_once")?;
                let notes: Option<String> = row.try_get("notes")?;
                (
                    Some(row.try_get::<String, _>("target_role")?),
                    Some(
                        u32::try_from(h)
                            .map_err(|_| StoreError::Corrupt(format!("horizon {h}")))?,
                    ),
                    Some(date(row.try_get::<&str, _>("generated_on")?)?),
                    at_once
                        .map(|n| {
                            u32::try_from(n)
                                .map_err(|_| StoreError::Corrupt(format!("at_once {n}")))
                        })
                        .transpose()?,
                    notes
                        .map(|n| {
                            serde_json::from_str::<Vec<String>>(&n)
                                .map_err(|e| StoreError::Corrupt(format!("plan notes: {e}")))
                        })
                        .transpose()?
                        .unwrap_or_default(),
                    year.map(month).transpose()?,
                )
            }
            None => (None, None, None, None, Vec::new(), None),
        };
        let rows = sqlx::query(&Dialect::of(conn).sql(&format!(
            "SELECT {} FROM plan_items i WHERE person_id = $1 AND superseded_on IS NULL
             ORDER BY due_on, id",
            item_columns()
        )))
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?;
        let items = rows
            .iter()
            .map(Self::item_from_row)
            .collect::<Result<Vec<_>>>()?;
        Ok(PlanRecord {
            target_role,
            horizon_months,
            generated_on,
            at_once,
            notes,
            year_starts,
            items,
        })
    }
}

#[async_trait]
impl PlanStore for SqlStore {
    async fn replace_plan(&self, person: PersonId, plan: NewPlan<'_>) -> Result<PlanRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        sqlx::query(&Dialect::of(&tx).sql(
            "UPDATE plan_items SET superseded_on = $1::date
             WHERE person_id = $2 AND status = 'todo' AND superseded_on IS NULL",
        ))
        .bind(day(plan.today))
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        let notes =
            serde_json::to_string(plan.notes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let plan_id = insert(
            &mut tx,
            &PLANS,
            plan_values(
                person,
                plan.target_role,
                plan.horizon_months,
                plan.today,
                Some(plan.at_once),
                Some(&notes),
                plan.year_starts,
            ),
        )
        .await?;
        for item in plan.items {
            Self::insert_item(
                &mut tx,
                person,
                Some(plan_id),
                ItemRow {
                    action: item.action.as_ref().map(|a| a.as_str()),
                    title: &item.title,
                    kind: item.kind,
                    competencies: &item.competencies,
                    due: item.due,
                    today: plan.today,
                    why: Some(&item.why),
                    starts: Some(item.starts),
                },
            )
            .await?;
        }
        let record = Self::read_plan(&mut tx, person).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn plan(&self, person: PersonId) -> Result<PlanRecord> {
        let mut conn = self.pool.acquire().await?;
        Self::read_plan(&mut conn, person).await
    }

    async fn add_plan_item(
        &self,
        person: PersonId,
        item: NewPlanItem<'_>,
    ) -> Result<PlanItemRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id = Self::insert_item(
            &mut tx,
            person,
            None,
            ItemRow {
                action: None,
                title: item.title,
                kind: item.kind,
                competencies: item.competencies,
                due: item.due,
                today: item.today,
                why: None,
                starts: None,
            },
        )
        .await?;
        let record = Self::item(&mut tx, person, id).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn close_plan_item(
        &self,
        person: PersonId,
        id: i64,
        closing: Closing,
        date: NaiveDate,
        note: Option<&str>,
        note_tags: &[CompetencyId],
    ) -> Result<PlanItemRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let item = Self::item(&mut tx, person, id).await?;
        if item.status != ItemStatus::Todo {
            return Err(StoreError::Conflict(format!(
                "plan item {id} is already {}{}",
                item.status,
                item.closed_on
                    .map(|d| format!(" (since {d})"))
                    .unwrap_or_default()
            )));
        }
        sqlx::query(&Dialect::of(&tx).sql("UPDATE plan_items SET status = $1, closed_on = $2::date, note = $3 WHERE id = $4 AND person_id = $5"))
            .bind(closing.as_str())
            .bind(day(date))
            .bind(note)
            .bind(id)
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        if closing == Closing::Done {
            for c in note_tags {
                insert_plain(
                    &mut tx,
                    &PLAN_ITEM_COMPETENCIES,
                    tag_values(id, c.as_str()),
                    " ON CONFLICT DO NOTHING",
                )
                .await?;
            }
        }
        let item = Self::item(&mut tx, person, id).await?;
        tx.commit().await?;
        Ok(item)
    }
}
