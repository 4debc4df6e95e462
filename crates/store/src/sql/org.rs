//! Teams, the organisation's people and their reporting lines, and what
//! the line sees of each person.

use std::collections::BTreeMap;

use async_trait::async_trait;
use leap_core::org::{would_loop, Member, MAX_DEPTH};
use leap_core::sharing::{Part, Reach};
use sqlx::{AnyConnection, Row};

use super::journal::OPEN_NAMED_GAP;
use super::row::{insert, insert_plain, table, Table, V};
use super::{date, named, Dialect, Scope, SqlStore};
use crate::org::{
    ImportCounts, LineManager, LineSharing, MemberRecord, OrgStore, RatingForm, Report, TeamMember,
    TeamRecord,
};
use crate::sharing::Reader;
use crate::AssessmentStore;
use crate::{AccountId, PersonId, Result, StoreError};
use chrono::NaiveDate;
use leap_core::assessment::{Levels, Source};

pub(super) const TEAMS: Table = table!("teams" { name: Text, parent_id: Int });
pub(super) const MEMBERS: Table =
    table!("members" { email: Text, name: Text, team_id: Int, manager_id: Int });
pub(super) const LINE_SHARING: Table =
    table!("line_sharing" { person_id: Int, part: Text, reach: Text });
pub(super) const ORG_SETTINGS: Table = table!("org_settings" { min_group: Int });
pub(super) const LINE_SHARING_DEFAULTS: Table =
    table!("line_sharing_defaults" { part: Text, reach: Text });

/// The managers above the person `$1` (the member named by their account's
/// username), as `chain(id, depth)`: member ids, 1 for their own manager.
pub(super) const CHAIN: &str = "WITH RECURSIVE chain(id, depth) AS (
        SELECT m.manager_id, 1::int8 FROM members m JOIN accounts a ON lower(a.username) = m.email
        WHERE a.person_id = $1 AND m.manager_id IS NOT NULL
        UNION ALL
        SELECT m.manager_id, c.depth + 1 FROM chain c JOIN members m ON m.id = c.id
        WHERE m.manager_id IS NOT NULL AND c.depth < 64
    )";

/// The people below the reader's account `$1`, as `below(id, depth)`:
/// member ids, 1 for those they manage directly.
///
/// A member's account is the one whose username is their e-mail in any
/// case: `lower(a.username) = lower(m.email)`, both sides lowered (the
/// e-mail is stored lowercase) because SQLite looks an account up by its
/// `lower(username)` index only against another `lower()`; against the
/// bare column it scans every account. What is read of the people below
/// is read by their ids ([`SqlStore::below`]).
pub(super) const BELOW: &str = "WITH RECURSIVE below(id, depth) AS (
        SELECT m.id, 1::int8 FROM members m JOIN members me ON m.manager_id = me.id
        JOIN accounts r ON me.email = lower(r.username)
        WHERE r.id = $1 AND NOT r.disabled
        UNION ALL
        SELECT m.id, b.depth + 1 FROM below b JOIN members m ON m.manager_id = b.id
        WHERE b.depth < 64
    )";

/// A person's row, given the ids of their team and manager.
pub(super) fn member_values(m: &Member, team: Option<i64>, manager: Option<i64>) -> Vec<V> {
    vec![
        V::text(&m.email),
        V::text(&m.name),
        V::opt_int(team),
        V::opt_int(manager),
    ]
}

/// A person's own choice of who in their line sees a part.
pub(super) fn line_sharing_values(person: PersonId, part: Part, reach: Reach) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::text(part.as_str()),
        V::text(reach.as_str()),
    ]
}

/// `(1, 2, 3)`, for `IN`: ids the database gave (whole numbers, so safe
/// to write into a statement); `(NULL)`, which matches nothing, for none.
pub(super) fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|i| i.to_string()).collect();
    if ids.is_empty() {
        "(NULL)".to_owned()
    } else {
        format!("({})", ids.join(", "))
    }
}

/// A person below a reader: their member row, account and profile.
pub(super) struct Below {
    pub person: i64,
    pub depth: u32,
    /// As the organisation knows them.
    pub name: String,
    pub email: String,
    pub team: Option<String>,
    /// As their profile says.
    pub profile_name: String,
}

/// Who in their line each person below a reader lets see each part: the
/// organisation's defaults and the person's own choices.
struct LineChoices {
    defaults: BTreeMap<Part, Reach>,
    own: BTreeMap<(i64, Part), Reach>,
}

impl LineChoices {
    /// Whether `person` lets a manager `depth` steps above them see `part`.
    fn covers(&self, person: i64, part: Part, depth: u32) -> bool {
        Reach::effective(
            self.own.get(&(person, part)).copied(),
            self.defaults.get(&part).copied(),
        )
        .covers(depth)
    }
}

/// Rows of `(person, "competency=number,...")`, by person. Competency
/// ids are letters, digits and hyphens (the framework checks them).
fn unpack(rows: Vec<(i64, String)>) -> Result<BTreeMap<i64, Vec<(String, i64)>>> {
    let mut out = BTreeMap::new();
    for (p, packed) in rows {
        let mut pairs = Vec::new();
        for pair in packed.split(',').filter(|s| !s.is_empty()) {
            let (c, n) = pair
                .rsplit_once('=')
                .and_then(|(c, n)| Some((c.to_owned(), n.parse::<i64>().ok()?)))
                .ok_or_else(|| StoreError::Corrupt(format!("packed levels '{pair}'")))?;
            pairs.push((c, n));
        }
        out.insert(p, pairs);
    }
    Ok(out)
}

fn reach(s: &str) -> Result<Reach> {
    named(Reach::parse, s)
}

fn member_from_row(r: &sqlx::any::AnyRow) -> Result<MemberRecord> {
    Ok(MemberRecord {
        member: Member {
            email: r.try_get("email")?,
            name: r.try_get("name")?,
            team: r.try_get("team")?,
            manager: r.try_get("manager")?,
        },
        manager_name: r.try_get("manager_name")?,
        has_account: r.try_get::<i64, _>("has_account")? > 0,
    })
}

const MEMBER_SELECT: &str = "SELECT m.email, m.name, t.name AS team, b.email AS manager,
        b.name AS manager_name,
        (SELECT COUNT(*) FROM accounts a WHERE lower(a.username) = lower(m.email)) AS has_account
    FROM members m LEFT JOIN teams t ON t.id = m.team_id LEFT JOIN members b ON b.id = m.manager_id";

fn conflict(message: String) -> StoreError {
    StoreError::Conflict(message)
}

fn no_team(name: &str) -> StoreError {
    StoreError::NotFound {
        what: "team",
        id: name.to_owned(),
    }
}

/// What readiness is judged from, for some people: each one's latest
/// self-assessment, latest manager's rating and evidence counts per
/// competency, by person.
pub(super) struct Records {
    pub self_levels: BTreeMap<i64, Vec<(String, i64)>>,
    pub manager_levels: BTreeMap<i64, Vec<(String, i64)>>,
    pub evidence: BTreeMap<i64, Vec<(String, i64)>>,
    /// Feedback entries naming a gap nothing since answers, per competency.
    pub named_gaps: BTreeMap<i64, Vec<(String, i64)>>,
}

impl SqlStore {
    /// The members below the reader's account, each with the fewest steps
    /// down. The reporting lines alone, in one read, so that what follows
    /// reads by a list of ids: PostgreSQL cannot tell how many people a
    /// recursive query yields and would scan whole tables for them.
    pub(super) async fn below(&self, reader: AccountId) -> Result<Vec<(i64, u32)>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(&self.dialect().sql(&format!(
            "{BELOW} SELECT id, MIN(depth) FROM below GROUP BY id"
        )))
        .bind(reader.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, d)| (id, u32::try_from(d).unwrap_or(u32::MAX)))
            .collect())
    }

    /// Of the members below a reader ([`SqlStore::below`]), those with an
    /// enabled account and a profile, in one read.
    pub(super) async fn people_below(&self, reader: AccountId) -> Result<Vec<Below>> {
        let below = self.below(reader).await?;
        if below.is_empty() {
            return Ok(Vec::new());
        }
        let depth: BTreeMap<i64, u32> = below.iter().copied().collect();
        let rows = sqlx::query(&format!(
            "SELECT p.id AS person, m.id AS member, m.name, m.email, t.name AS team,
                    p.name AS profile_name
             FROM members m JOIN accounts a ON lower(a.username) = lower(m.email)
             JOIN people p ON p.id = a.person_id LEFT JOIN teams t ON t.id = m.team_id
             WHERE m.id IN {} AND NOT a.disabled",
            id_list(depth.keys().copied())
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let member: i64 = r.try_get("member")?;
                Ok(Below {
                    person: r.try_get("person")?,
                    depth: depth.get(&member).copied().unwrap_or(u32::MAX),
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                    team: r.try_get("team")?,
                    profile_name: r.try_get("profile_name")?,
                })
            })
            .collect()
    }

    /// [`Records`] of these people, in four reads.
    pub(super) async fn records_of(&self, people: &[i64]) -> Result<Records> {
        let d = self.dialect();
        let ids = id_list(people.iter().copied());
        // A row per person, `id=n` pairs joined by commas: SQLite hands
        // sqlx each row across a thread, so fourteen rows a person cost
        // more than the reading (about 2× for a line of 584 people).
        let read = |sql: String| async move {
            let sql = d.sql(&sql);
            unpack(
                sqlx::query_as::<_, (i64, String)>(&sql)
                    .fetch_all(&self.pool)
                    .await?,
            )
        };
        let latest = |source: &str| {
            format!(
                "SELECT a.person_id, string_agg(l.competency_id || '=' || l.level, ',')
                 FROM assessments a JOIN assessment_levels l ON l.assessment_id = a.id
                 WHERE a.id IN (SELECT MAX(x.id) FROM assessments x
                                WHERE x.source = '{source}' AND x.person_id IN {ids}
                                GROUP BY x.person_id)
                 GROUP BY a.person_id"
            )
        };
        Ok(Records {
            self_levels: read(latest("self")).await?,
            manager_levels: read(latest("manager")).await?,
            evidence: read(format!(
                "SELECT person_id, string_agg(competency_id || '=' || n, ',') FROM (
                     SELECT person_id, competency_id, COUNT(*) AS n FROM (
                         SELECT e.person_id, t.competency_id FROM evidence e
                         JOIN evidence_competencies t ON t.evidence_id = e.id
                         WHERE e.person_id IN {ids} AND e.names_gap = 0
                         UNION ALL
                         SELECT i.person_id, t.competency_id FROM plan_items i
                         JOIN plan_item_competencies t ON t.item_id = i.id
                         WHERE i.status = 'done' AND i.person_id IN {ids}
                     ) AS tagged GROUP BY person_id, competency_id
                 ) AS counted GROUP BY person_id"
            ))
            .await?,
            named_gaps: read(format!(
                "SELECT person_id, string_agg(competency_id || '=' || n, ',') FROM (
                     SELECT e.person_id, t.competency_id, COUNT(*) AS n FROM evidence e
                     JOIN evidence_competencies t ON t.evidence_id = e.id
                     WHERE e.person_id IN {ids} AND {OPEN_NAMED_GAP}
                     GROUP BY e.person_id, t.competency_id
                 ) AS counted GROUP BY person_id"
            ))
            .await?,
        })
    }

    async fn team_id(conn: &mut AnyConnection, name: &str) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT id FROM teams WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?)
    }

    async fn member_id(conn: &mut AnyConnection, email: &str) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM members WHERE email = $1")
                .bind(email)
                .fetch_optional(&mut *conn)
                .await?,
        )
    }

    /// Each person's manager, by e-mail.
    async fn managers(conn: &mut AnyConnection) -> Result<BTreeMap<String, Option<String>>> {
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT m.email, b.email FROM members m LEFT JOIN members b ON b.id = m.manager_id",
        )
        .fetch_all(&mut *conn)
        .await?;
        Ok(rows.into_iter().collect())
    }

    /// Writes one person, whose team and manager exist; whether they were
    /// new.
    async fn write_member(conn: &mut AnyConnection, m: &Member) -> Result<bool> {
        let team = match &m.team {
            Some(t) => Some(Self::team_id(conn, t).await?.ok_or_else(|| no_team(t))?),
            None => None,
        };
        let manager = match &m.manager {
            Some(e) => {
                Some(
                    Self::member_id(conn, e)
                        .await?
                        .ok_or_else(|| StoreError::NotFound {
                            what: "manager",
                            id: e.clone(),
                        })?,
                )
            }
            None => None,
        };
        match Self::member_id(conn, &m.email).await? {
            Some(id) => {
                sqlx::query(
                    "UPDATE members SET name = $1, team_id = $2, manager_id = $3 WHERE id = $4",
                )
                .bind(&m.name)
                .bind(team)
                .bind(manager)
                .bind(id)
                .execute(&mut *conn)
                .await?;
                Ok(false)
            }
            None => {
                insert(conn, &MEMBERS, member_values(m, team, manager)).await?;
                Ok(true)
            }
        }
    }

    /// How many steps up the person's reporting line the reader's account
    /// is (1: their manager); none when it is not in their line.
    pub(super) async fn line_depth(
        conn: &mut AnyConnection,
        reader: AccountId,
        person: PersonId,
    ) -> Result<Option<u32>> {
        let depth: Option<i64> = sqlx::query_scalar(&Dialect::of(conn).sql(&format!(
            "{CHAIN} SELECT MIN(c.depth) FROM chain c JOIN members m ON m.id = c.id
             JOIN accounts r ON lower(r.username) = m.email WHERE r.id = $2 AND NOT r.disabled"
        )))
        .bind(person.0)
        .bind(reader.0)
        .fetch_one(&mut *conn)
        .await?;
        Ok(depth.and_then(|d| u32::try_from(d).ok()))
    }

    /// Who in the person's line sees `part`.
    pub(super) async fn line_reach(
        conn: &mut AnyConnection,
        person: PersonId,
        part: Part,
    ) -> Result<Reach> {
        let row: (Option<String>, Option<String>) = sqlx::query_as(
            "SELECT (SELECT reach FROM line_sharing WHERE person_id = $1 AND part = $2),
                    (SELECT reach FROM line_sharing_defaults WHERE part = $2)",
        )
        .bind(person.0)
        .bind(part.as_str())
        .fetch_one(&mut *conn)
        .await?;
        let own = row.0.as_deref().map(reach).transpose()?;
        let default = row.1.as_deref().map(reach).transpose()?;
        Ok(Reach::effective(own, default))
    }

    /// The organisation's defaults and these people's own choices, in two
    /// reads.
    async fn line_choices(&self, people: &[i64]) -> Result<LineChoices> {
        let defaults = self.line_defaults().await?.into_iter().collect();
        let rows: Vec<(i64, String, String)> = sqlx::query_as(&format!(
            "SELECT person_id, part, reach FROM line_sharing WHERE person_id IN {}",
            id_list(people.iter().copied())
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut own = BTreeMap::new();
        for (p, part, r) in rows {
            own.insert((p, named(Part::parse, &part)?), reach(&r)?);
        }
        Ok(LineChoices { defaults, own })
    }

    /// The people below the reader whose line sharing lets the reader see
    /// a part: each person's id and name with the parts, in two reads
    /// whatever the number of people.
    pub(super) async fn shared_down_the_line(
        &self,
        reader: AccountId,
    ) -> Result<Vec<(i64, String, Vec<Part>)>> {
        let mut people = self.people_below(reader).await?;
        if people.is_empty() {
            return Ok(Vec::new());
        }
        people.sort_by(|a, b| (&a.profile_name, a.person).cmp(&(&b.profile_name, b.person)));
        let ids: Vec<i64> = people.iter().map(|p| p.person).collect();
        let line = self.line_choices(&ids).await?;
        let mut out = Vec::new();
        for p in people {
            let parts: Vec<Part> = Part::VALUES
                .iter()
                .copied()
                .filter(|part| line.covers(p.person, *part, p.depth))
                .collect();
            if !parts.is_empty() {
                out.push((p.person, p.profile_name, parts));
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl OrgStore for SqlStore {
    async fn teams(&self) -> Result<Vec<TeamRecord>> {
        let rows = sqlx::query(
            "SELECT t.name, p.name AS parent,
                    (SELECT COUNT(*) FROM members m WHERE m.team_id = t.id) AS members
             FROM teams t LEFT JOIN teams p ON p.id = t.parent_id ORDER BY t.name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TeamRecord {
                    name: r.try_get("name")?,
                    parent: r.try_get("parent")?,
                    members: r.try_get("members")?,
                })
            })
            .collect()
    }

    async fn add_team(&self, name: &str, parent: Option<&str>) -> Result<()> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        if Self::team_id(&mut tx, name).await?.is_some() {
            return Err(conflict(format!("there is a team named '{name}' already")));
        }
        let parent_id = match parent {
            Some(p) => Some(Self::team_id(&mut tx, p).await?.ok_or_else(|| no_team(p))?),
            None => None,
        };
        insert(&mut tx, &TEAMS, vec![V::text(name), V::opt_int(parent_id)]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn change_team(&self, name: &str, new_name: &str, parent: Option<&str>) -> Result<()> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        let id = Self::team_id(&mut tx, name)
            .await?
            .ok_or_else(|| no_team(name))?;
        if new_name != name && Self::team_id(&mut tx, new_name).await?.is_some() {
            return Err(conflict(format!(
                "there is a team named '{new_name}' already"
            )));
        }
        let parent_id = match parent {
            Some(p) => Some(Self::team_id(&mut tx, p).await?.ok_or_else(|| no_team(p))?),
            None => None,
        };
        // The new parent must not be the team or inside it.
        let mut at = parent_id;
        let mut steps = 0;
        while let Some(t) = at {
            if t == id || steps > MAX_DEPTH {
                return Err(conflict(format!(
                    "team '{name}' cannot be inside '{}': that team is part of '{name}'",
                    parent.unwrap_or_default()
                )));
            }
            at = sqlx::query_scalar("SELECT parent_id FROM teams WHERE id = $1")
                .bind(t)
                .fetch_one(&mut *tx)
                .await?;
            steps += 1;
        }
        sqlx::query("UPDATE teams SET name = $1, parent_id = $2 WHERE id = $3")
            .bind(new_name)
            .bind(parent_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_team(&self, name: &str) -> Result<()> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        let id = Self::team_id(&mut tx, name)
            .await?
            .ok_or_else(|| no_team(name))?;
        let (teams, people): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM teams WHERE parent_id = $1),
                    (SELECT COUNT(*) FROM members WHERE team_id = $1)",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if teams > 0 || people > 0 {
            return Err(conflict(format!(
                "team '{name}' has {teams} sub-team(s) and {people} person(s): move them first"
            )));
        }
        sqlx::query("DELETE FROM teams WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn members(&self) -> Result<Vec<MemberRecord>> {
        let rows = sqlx::query(&format!("{MEMBER_SELECT} ORDER BY m.name, m.email"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(member_from_row).collect()
    }

    async fn member(&self, email: &str) -> Result<Option<MemberRecord>> {
        sqlx::query(&format!("{MEMBER_SELECT} WHERE m.email = $1"))
            .bind(email)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(member_from_row)
            .transpose()
    }

    async fn import_members(&self, people: &[Member]) -> Result<ImportCounts> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        let mut counts = ImportCounts {
            added: 0,
            updated: 0,
        };
        // Everyone first, so that a manager later in the file exists when
        // their reports are given them.
        for m in people {
            let bare = Member {
                manager: None,
                ..m.clone()
            };
            if Self::write_member(&mut tx, &bare).await? {
                counts.added += 1;
            } else {
                counts.updated += 1;
            }
        }
        for m in people.iter().filter(|m| m.manager.is_some()) {
            Self::write_member(&mut tx, m).await?;
        }
        tx.commit().await?;
        Ok(counts)
    }

    async fn put_member(&self, member: &Member) -> Result<()> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        if let Some(manager) = &member.manager {
            let managers = Self::managers(&mut tx).await?;
            if let Some(path) = would_loop(&managers, &member.email, manager) {
                return Err(conflict(format!(
                    "the reporting line would loop: {}",
                    path.join(" → ")
                )));
            }
        }
        Self::write_member(&mut tx, member).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_member(&self, email: &str) -> Result<()> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        let id = Self::member_id(&mut tx, email)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "person of the organisation",
                id: email.to_owned(),
            })?;
        sqlx::query("UPDATE members SET manager_id = NULL WHERE manager_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM members WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn line_defaults(&self) -> Result<Vec<(Part, Reach)>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT part, reach FROM line_sharing_defaults ORDER BY part")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|(p, r)| Ok((named(Part::parse, p)?, reach(r)?)))
            .collect()
    }

    async fn set_line_default(&self, part: Part, reach: Option<Reach>) -> Result<()> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        sqlx::query("DELETE FROM line_sharing_defaults WHERE part = $1")
            .bind(part.as_str())
            .execute(&mut *tx)
            .await?;
        if let Some(r) = reach {
            let values = vec![V::text(part.as_str()), V::text(r.as_str())];
            insert_plain(&mut tx, &LINE_SHARING_DEFAULTS, values, "").await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn line_sharing(&self, person: PersonId) -> Result<Vec<LineSharing>> {
        let defaults: BTreeMap<Part, Reach> = self.line_defaults().await?.into_iter().collect();
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT part, reach FROM line_sharing WHERE person_id = $1")
                .bind(person.0)
                .fetch_all(&self.pool)
                .await?;
        let mut own: BTreeMap<Part, Reach> = BTreeMap::new();
        for (p, r) in &rows {
            own.insert(named(Part::parse, p)?, reach(r)?);
        }
        Ok(Part::VALUES
            .iter()
            .copied()
            .map(|part| {
                let own = own.get(&part).copied();
                let default = defaults.get(&part).copied();
                LineSharing {
                    part,
                    reach: Reach::effective(own, default),
                    own,
                    default,
                }
            })
            .collect())
    }

    async fn set_line_sharing(
        &self,
        person: PersonId,
        part: Part,
        reach: Option<Reach>,
    ) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        sqlx::query("DELETE FROM line_sharing WHERE person_id = $1 AND part = $2")
            .bind(person.0)
            .bind(part.as_str())
            .execute(&mut *tx)
            .await?;
        if let Some(r) = reach {
            insert_plain(
                &mut tx,
                &LINE_SHARING,
                line_sharing_values(person, part, r),
                "",
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn line_of(&self, person: PersonId) -> Result<Vec<LineManager>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(&self.dialect().sql(&format!(
            "{CHAIN} SELECT m.name, m.email, MIN(c.depth) AS depth FROM chain c
             JOIN members m ON m.id = c.id GROUP BY m.name, m.email ORDER BY depth"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(name, email, depth)| LineManager {
                name,
                email,
                depth: u32::try_from(depth).unwrap_or(u32::MAX),
            })
            .collect())
    }

    async fn reports(&self, manager: AccountId) -> Result<Vec<Report>> {
        let mut out: Vec<Report> = self
            .people_below(manager)
            .await?
            .into_iter()
            .map(|p| Report {
                person: p.person,
                name: p.name,
                email: p.email,
                team: p.team,
                depth: p.depth,
            })
            .collect();
        out.sort_by(|a, b| (a.depth, &a.name).cmp(&(b.depth, &b.name)));
        Ok(out)
    }

    async fn min_group(&self) -> Result<usize> {
        let n: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT {} FROM org_settings WHERE id = 1",
            ORG_SETTINGS.select("")
        ))
        .fetch_optional(&self.pool)
        .await?;
        Ok(n.and_then(|n| usize::try_from(n).ok())
            .unwrap_or(leap_core::team::MIN_GROUP)
            .max(leap_core::team::MIN_GROUP))
    }

    async fn set_min_group(&self, n: usize) -> Result<()> {
        let mut tx = self.begin_write(Scope::Organisation).await?;
        sqlx::query(
            "INSERT INTO org_settings (id, min_group) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET min_group = excluded.min_group",
        )
        .bind(i64::try_from(n).unwrap_or(i64::MAX))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn team(&self, manager: AccountId, today: NaiveDate) -> Result<Vec<TeamMember>> {
        let reports = self.reports(manager).await?;
        if reports.is_empty() {
            return Ok(Vec::new());
        }
        let d = self.dialect();
        let ids: Vec<i64> = reports.iter().map(|r| r.person).collect();
        let list = id_list(ids.iter().copied());
        let people: Vec<(i64, String, String, String)> = sqlx::query_as(&format!(
            "SELECT p.id, p.\"current_role\", p.target_role, p.framework_hash FROM people p
             WHERE p.id IN {list}"
        ))
        .fetch_all(&self.pool)
        .await?;
        // What the manager may see: shared one by one, or through the line.
        let line = self.line_choices(&ids).await?;
        let shares: Vec<(i64, String)> =
            sqlx::query_as("SELECT person_id, part FROM shares WHERE account_id = $1")
                .bind(manager.0)
                .fetch_all(&self.pool)
                .await?;
        let mut records = self.records_of(&ids).await?;
        let plans: Vec<(i64, i64, i64, i64)> = sqlx::query_as(&d.sql(&format!(
            "SELECT person_id,
                    SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END)::int8,
                    SUM(CASE WHEN status = 'todo' THEN 1 ELSE 0 END)::int8,
                    SUM(CASE WHEN status = 'todo' AND due_on < $1::date THEN 1 ELSE 0 END)::int8
             FROM plan_items WHERE superseded_on IS NULL AND person_id IN {list}
             GROUP BY person_id"
        )))
        .bind(today.to_string())
        .fetch_all(&self.pool)
        .await?;
        let checkins: Vec<(i64, String, i64)> = sqlx::query_as(&d.sql(&format!(
            "SELECT c.person_id, c.held_on::text, c.readiness FROM checkins c
             WHERE c.id IN (SELECT MAX(x.id) FROM checkins x
                            WHERE x.person_id IN {list} GROUP BY x.person_id)"
        )))
        .fetch_all(&self.pool)
        .await?;

        let people: BTreeMap<i64, (String, String, String)> = people
            .into_iter()
            .map(|(p, c, t, f)| (p, (c, t, f)))
            .collect();
        let plans: BTreeMap<i64, (i64, i64, i64)> = plans
            .into_iter()
            .map(|(p, a, b, c)| (p, (a, b, c)))
            .collect();
        let mut last: BTreeMap<i64, (NaiveDate, i64)> = BTreeMap::new();
        for (p, held_on, readiness) in checkins {
            last.insert(p, (date(&held_on)?, readiness));
        }
        let mut out = Vec::new();
        for report in reports {
            let Some((current_role, target_role, framework_hash)) =
                people.get(&report.person).cloned()
            else {
                continue;
            };
            let id = report.person;
            let parts: Vec<Part> = Part::VALUES
                .iter()
                .copied()
                .filter(|p| {
                    shares.iter().any(|(s, sp)| *s == id && sp == p.as_str())
                        || line.covers(id, *p, report.depth)
                })
                .collect();
            let sees = |part: Part| parts.contains(&part);
            out.push(TeamMember {
                current_role,
                target_role,
                framework_hash,
                self_levels: if sees(Part::Assessments) {
                    records.self_levels.remove(&id).unwrap_or_default()
                } else {
                    Vec::new()
                },
                manager_levels: if sees(Part::Assessments) {
                    records.manager_levels.remove(&id).unwrap_or_default()
                } else {
                    Vec::new()
                },
                evidence: if sees(Part::Assessments) {
                    records.evidence.remove(&id).unwrap_or_default()
                } else {
                    Vec::new()
                },
                named_gaps: if sees(Part::Assessments) {
                    records.named_gaps.remove(&id).unwrap_or_default()
                } else {
                    Vec::new()
                },
                plan: if sees(Part::Plan) {
                    Some(plans.get(&id).copied().unwrap_or((0, 0, 0)))
                } else {
                    None
                },
                last_checkin: if sees(Part::Plan) {
                    last.get(&id).copied()
                } else {
                    None
                },
                parts,
                report,
            });
        }
        Ok(out)
    }

    async fn rating_form(&self, manager: AccountId, person: PersonId) -> Result<RatingForm> {
        let mut conn = self.pool.acquire().await?;
        if Self::line_depth(&mut conn, manager, person).await? != Some(1) {
            return Err(not_a_report(person));
        }
        // The name the organisation knows them by, as on the team page.
        let (name, framework_hash): (String, String) = sqlx::query_as(
            "SELECT m.name, p.framework_hash FROM people p
             JOIN accounts a ON a.person_id = p.id JOIN members m ON m.email = lower(a.username)
             WHERE p.id = $1",
        )
        .bind(person.0)
        .fetch_one(&mut *conn)
        .await?;
        drop(conn);
        let username: Option<String> =
            sqlx::query_scalar("SELECT username FROM accounts WHERE id = $1")
                .bind(manager.0)
                .fetch_optional(&self.pool)
                .await?;
        let last = self.assessments(person).await?.into_iter().rev().find(|a| {
            a.source == Source::Manager
                && a.rated_by.is_some()
                && a.rated_by == username
                && a.framework_hash == framework_hash
        });
        Ok(RatingForm {
            name,
            framework_hash,
            last,
        })
    }

    async fn rate(
        &self,
        manager: Reader<'_>,
        person: PersonId,
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        if Self::line_depth(&mut tx, manager.account, person).await? != Some(1) {
            return Err(not_a_report(person));
        }
        let framework_hash: String =
            sqlx::query_scalar("SELECT framework_hash FROM people WHERE id = $1")
                .bind(person.0)
                .fetch_one(&mut *tx)
                .await?;
        let id = Self::insert_rating(
            &mut tx,
            person,
            &framework_hash,
            (Source::Manager, Some(manager.username)),
            date,
            levels,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Someone who is not the reader's direct report, or no one: the same
/// answer.
fn not_a_report(person: PersonId) -> StoreError {
    StoreError::NotFound {
        what: "direct report",
        id: person.0.to_string(),
    }
}
