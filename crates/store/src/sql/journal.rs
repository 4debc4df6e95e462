//! The SQL of the journal (see [`crate::JournalStore`]).

use std::collections::BTreeMap;

use async_trait::async_trait;
use leap_core::evidence::EvidenceKind;
use leap_core::CompetencyId;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::row::{insert, insert_plain, table, tag_values, Table, V};
use super::Dialect;
use super::{date, day, named, tags, Scope, SqlStore};
use crate::{EvidenceRecord, JournalStore, NewEvidence, PersonId, Result, StoreError};
use chrono::NaiveDate;

/// The `evidence` table's columns, the one list every path writes and reads.
pub(super) const EVIDENCE: Table = table!("evidence" { person_id: Int, entry_on: Date, text: Text, kind: Text, created_on: Date, names_gap: Int });

/// The `evidence_competencies` table's columns, the one list every path writes and reads.
pub(super) const EVIDENCE_COMPETENCIES: Table =
    table!("evidence_competencies" { evidence_id: Int, competency_id: Text });

/// A journal entry's competency ids joined by ',' (ids never hold a comma).
pub(super) const EVIDENCE_TAGS: &str =
    "(SELECT string_agg(competency_id, ',' ORDER BY competency_id)
     FROM evidence_competencies t WHERE t.evidence_id = e.id) AS tags";

pub(super) fn evidence_from_row(row: &AnyRow) -> Result<EvidenceRecord> {
    Ok(EvidenceRecord {
        id: row.try_get("id")?,
        date: date(row.try_get::<&str, _>("entry_on")?)?,
        text: row.try_get("text")?,
        kind: named(EvidenceKind::parse, row.try_get("kind")?)?,
        competencies: tags(row)?,
        names_gap: super::flag(row, "names_gap")?,
    })
}

/// A `tag_corrections` row.
pub(crate) fn correction_from_row(row: &AnyRow) -> Result<leap_core::tagging::Correction> {
    let ids = |column: &str| -> Result<Vec<String>> {
        Ok(row
            .try_get::<String, _>(column)?
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect())
    };
    Ok(leap_core::tagging::Correction {
        text: row.try_get("text")?,
        chosen: ids("chosen")?,
        removed: ids("removed")?,
        reasons: super::flag(row, "reasons")?,
    })
}

/// `competency_id, n` rows as counts by competency.
fn counts(rows: &[AnyRow]) -> Result<BTreeMap<CompetencyId, u32>> {
    let mut out = BTreeMap::new();
    for row in rows {
        let n: i64 = row.try_get("n")?;
        let id: &str = row.try_get("competency_id")?;
        out.insert(
            named(|_, s| CompetencyId::stored(s), id)?,
            u32::try_from(n).unwrap_or(u32::MAX),
        );
    }
    Ok(out)
}

pub(super) fn evidence_values(
    person: PersonId,
    entry_on: NaiveDate,
    text: &str,
    kind: EvidenceKind,
    created_on: NaiveDate,
    names_gap: bool,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::Date(entry_on),
        V::text(text),
        V::text(kind.as_str()),
        V::Date(created_on),
        V::Int(i64::from(names_gap)),
    ]
}

impl SqlStore {
    pub(crate) async fn tag_evidence(
        conn: &mut AnyConnection,
        id: i64,
        competencies: &[CompetencyId],
    ) -> Result<()> {
        for c in competencies {
            insert_plain(
                conn,
                &EVIDENCE_COMPETENCIES,
                tag_values(id, c.as_str()),
                " ON CONFLICT DO NOTHING",
            )
            .await?;
        }
        Ok(())
    }
}

/// A journal entry `e`, tagged `t`, of feedback that names a gap in the
/// competency which nothing recorded since answers: no entry of evidence
/// tagged to it written later (a later date, or later the same day), and
/// no plan item tagged to it finished after it.
pub(super) const OPEN_NAMED_GAP: &str = "e.names_gap = 1
    AND NOT EXISTS (SELECT 1 FROM evidence x
        JOIN evidence_competencies u ON u.evidence_id = x.id
        WHERE x.person_id = e.person_id AND x.names_gap = 0
          AND u.competency_id = t.competency_id
          AND (x.entry_on > e.entry_on OR (x.entry_on = e.entry_on AND x.id > e.id)))
    AND NOT EXISTS (SELECT 1 FROM plan_items i
        JOIN plan_item_competencies u ON u.item_id = i.id
        WHERE i.person_id = e.person_id AND i.status = 'done'
          AND u.competency_id = t.competency_id AND i.closed_on > e.entry_on)";

#[async_trait]
impl JournalStore for SqlStore {
    async fn add_evidence(&self, person: PersonId, new: NewEvidence<'_>) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id = insert(
            &mut tx,
            &EVIDENCE,
            evidence_values(
                person,
                new.date,
                new.text,
                new.kind,
                new.today,
                new.names_gap,
            ),
        )
        .await?;
        Self::tag_evidence(&mut tx, id, new.competencies).await?;
        if let Some(c) = new.correction {
            Self::keep_correction(&mut tx, person, c, new.today).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn tag_corrections(
        &self,
        person: PersonId,
    ) -> Result<Vec<leap_core::tagging::Correction>> {
        let rows = sqlx::query(
            "SELECT text, chosen, removed, reasons FROM tag_corrections
             WHERE person_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(person.0)
        .bind(crate::TAG_CORRECTIONS_KEPT)
        .fetch_all(&self.pool)
        .await?;
        let mut out = rows
            .iter()
            .map(correction_from_row)
            .collect::<Result<Vec<_>>>()?;
        out.reverse();
        Ok(out)
    }

    async fn journal(
        &self,
        person: PersonId,
        competency: Option<&str>,
    ) -> Result<Vec<EvidenceRecord>> {
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "SELECT e.id, {}, {EVIDENCE_TAGS} FROM evidence e
             WHERE person_id = $1 AND ($2 IS NULL OR EXISTS (
                 SELECT 1 FROM evidence_competencies t WHERE t.evidence_id = e.id AND t.competency_id = $2))
             ORDER BY entry_on DESC, id DESC",
            EVIDENCE.select("e")
        )))
        .bind(person.0)
        .bind(competency)
        .fetch_all(&self.pool)
        .await?;
        let out = rows
            .iter()
            .map(evidence_from_row)
            .collect::<Result<Vec<_>>>()?;
        Ok(out)
    }

    async fn recent_evidence(&self, person: PersonId, n: u32) -> Result<Vec<EvidenceRecord>> {
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "SELECT e.id, {}, {EVIDENCE_TAGS} FROM evidence e
             WHERE person_id = $1 AND names_gap = 0 ORDER BY entry_on DESC, id DESC LIMIT $2",
            EVIDENCE.select("e")
        )))
        .bind(person.0)
        .bind(i64::from(n))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(evidence_from_row).collect()
    }

    async fn evidence(&self, person: PersonId, id: i64) -> Result<EvidenceRecord> {
        let row = sqlx::query(&self.dialect().sql(&format!(
            "SELECT e.id, {}, {EVIDENCE_TAGS} FROM evidence e WHERE id = $1 AND person_id = $2",
            EVIDENCE.select("e")
        )))
        .bind(id)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "journal entry",
            id: id.to_string(),
        })?;
        evidence_from_row(&row)
    }

    async fn update_evidence(&self, person: PersonId, id: i64, new: NewEvidence<'_>) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let done = sqlx::query(
            &Dialect::of(&tx).sql("UPDATE evidence SET entry_on = $1::date, text = $2, kind = $3, names_gap = $6 WHERE id = $4 AND person_id = $5"),
        )
        .bind(day(new.date))
        .bind(new.text)
        .bind(new.kind.as_str())
        .bind(id)
        .bind(person.0)
        .bind(i64::from(new.names_gap))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "journal entry",
                id: id.to_string(),
            });
        }
        sqlx::query("DELETE FROM evidence_competencies WHERE evidence_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Self::tag_evidence(&mut tx, id, new.competencies).await?;
        if let Some(c) = new.correction {
            Self::keep_correction(&mut tx, person, c, new.today).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn delete_evidence(&self, person: PersonId, id: i64) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        Self::delete_owned_in(&mut tx, person, "evidence", "journal entry", id).await?;
        // Comments on the entry go with it: SQLite gives a new entry the
        // highest id again, and it must not show another entry's comments.
        sqlx::query(
            "DELETE FROM comments WHERE person_id = $1 AND target = 'journal-entry' AND target_id = $2",
        )
        .bind(person.0)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn evidence_counts(&self, person: PersonId) -> Result<BTreeMap<CompetencyId, u32>> {
        let rows = sqlx::query(
            "SELECT competency_id, COUNT(*) AS n FROM (
                 SELECT t.competency_id FROM evidence e
                 JOIN evidence_competencies t ON t.evidence_id = e.id
                 WHERE e.person_id = $1 AND e.names_gap = 0
                 UNION ALL
                 SELECT t.competency_id FROM plan_items i
                 JOIN plan_item_competencies t ON t.item_id = i.id
                 WHERE i.person_id = $1 AND i.status = 'done'
             ) AS tagged GROUP BY competency_id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        counts(&rows)
    }

    async fn named_gap_counts(&self, person: PersonId) -> Result<BTreeMap<CompetencyId, u32>> {
        let rows = sqlx::query(&format!(
            "SELECT t.competency_id, COUNT(*) AS n FROM evidence e
             JOIN evidence_competencies t ON t.evidence_id = e.id
             WHERE e.person_id = $1 AND {OPEN_NAMED_GAP}
             GROUP BY t.competency_id"
        ))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        counts(&rows)
    }
}
