//! The organisation's structure as a file: people, their team and their
//! manager, one person a line (issue #20). Checked whole before anything is
//! written: every problem is reported with its line and column, so a dry
//! run tells an admin everything to fix at once.
//!
//! The file is CSV with a header naming the columns `email`, `name`,
//! `team` and `manager` (the manager's e-mail), in any order; `team` and
//! `manager` may be empty. A team must exist already (teams are made
//! first, nested as the organisation is); a manager is a person of the file
//! or one the organisation has.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::{FileError, Located};
use crate::InvalidValue;

/// A person of the organisation: who they are, their team and their
/// manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Member {
    /// Lowercase.
    pub email: String,
    pub name: String,
    pub team: Option<String>,
    /// The manager's e-mail.
    pub manager: Option<String>,
}

/// One person of the file, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonLine {
    /// The line of the file, the header being line 1.
    pub line: usize,
    #[serde(flatten)]
    pub member: Member,
}

/// What is wrong with the file, where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: usize,
    /// The column's name, or none for the line as a whole.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column {c}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

const COLUMNS: [&str; 4] = ["email", "name", "team", "manager"];
const MAX_NAME: usize = 100;
pub const MAX_TEAM_NAME: usize = 100;
/// How far up a reporting line leap looks: deeper than any organisation,
/// and a bound should the data ever loop.
pub const MAX_DEPTH: u32 = 64;

/// A team's name: 1 to [`MAX_TEAM_NAME`] characters.
pub fn team_name(s: &str) -> Result<String, InvalidValue> {
    crate::text::required("team", s, MAX_TEAM_NAME)
}

/// A person's name as the organisation knows it.
pub fn member_name(s: &str) -> Result<String, InvalidValue> {
    crate::text::required("name", s, MAX_NAME)
}

/// An e-mail address, lowercased; `field` names it in the error.
pub fn email(field: &str, s: &str) -> Result<String, InvalidValue> {
    let e = s.trim().to_lowercase();
    if plausible_email(&e) && e.chars().count() <= 254 {
        Ok(e)
    } else {
        Err(InvalidValue::new(
            field,
            s,
            "an e-mail address (name@example.com)",
        ))
    }
}

/// A team and every team inside it, at any depth, from each team's name
/// and parent; empty when there is no such team.
pub fn within<'a>(
    teams: &'a [(String, Option<String>)],
    root: &str,
) -> std::collections::BTreeSet<&'a str> {
    let mut out = std::collections::BTreeSet::new();
    if !teams.iter().any(|(name, _)| name == root) {
        return out;
    }
    let mut todo = vec![root];
    while let Some(t) = todo.pop() {
        if let Some((name, _)) = teams.iter().find(|(name, _)| name == t) {
            if out.insert(name.as_str()) {
                todo.extend(
                    teams
                        .iter()
                        .filter(|(_, parent)| parent.as_deref() == Some(t))
                        .map(|(name, _)| name.as_str()),
                );
            }
        }
    }
    out
}

/// The people as a file [`check`] reads back: the same columns, one person
/// a line, managers by e-mail.
pub fn to_csv(members: &[Member]) -> Result<String, InvalidValue> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>, row: [&str; 4]| {
        w.write_record(row)
            .map_err(|e| InvalidValue::new("file", "", format!("CSV: {e}")))
    };
    write(&mut w, COLUMNS)?;
    for m in members {
        write(
            &mut w,
            [
                &m.email,
                &m.name,
                m.team.as_deref().unwrap_or(""),
                m.manager.as_deref().unwrap_or(""),
            ],
        )?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| InvalidValue::new("file", "", format!("CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| InvalidValue::new("file", "", e.to_string()))
}

/// The loop that making `manager` the manager of `email` would close, as
/// the e-mails along it (`email`, `manager`, ..., `email`); none when the
/// line stays open. `managers` is each person's manager now.
pub fn would_loop(
    managers: &BTreeMap<String, Option<String>>,
    email: &str,
    manager: &str,
) -> Option<Vec<String>> {
    let mut path = vec![email.to_owned(), manager.to_owned()];
    let mut at = manager.to_owned();
    while path.len() as u32 <= MAX_DEPTH + 1 {
        if at == email {
            return Some(path);
        }
        match managers.get(&at).cloned().flatten() {
            Some(next) => {
                path.push(next.clone());
                at = next;
            }
            None => return None,
        }
    }
    Some(path)
}

fn problem(line: usize, column: &str, message: String) -> Problem {
    Problem {
        line,
        column: (!column.is_empty()).then(|| column.to_owned()),
        message,
    }
}

/// An e-mail address as far as a file can show one: something, an `@`,
/// a domain with a dot, no spaces.
fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// The people of `text`, checked against the organisation's `teams` and
/// the people it has (`known`: each e-mail with its manager now); every
/// problem otherwise. A person of the file takes the file's team and
/// manager; the others keep theirs, and a loop through them counts too.
pub fn check(
    text: &str,
    teams: &BTreeSet<String>,
    known: &BTreeMap<String, Option<String>>,
) -> Result<Vec<PersonLine>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_lowercase).collect(),
        Err(e) => return Err(vec![problem(1, "", format!("not CSV: {e}"))]),
    };
    let mut at = BTreeMap::new();
    for (i, h) in header.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            problems.push(problem(
                1,
                h,
                format!("unknown column '{h}': allowed: {}", COLUMNS.join(", ")),
            ));
        } else if at.insert(h.as_str(), i).is_some() {
            problems.push(problem(1, h, format!("column '{h}' given twice")));
        }
    }
    for required in ["email", "name"] {
        if !at.contains_key(required) {
            problems.push(problem(1, "", format!("no '{required}' column")));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut people: Vec<PersonLine> = Vec::new();
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem(line, "", format!("not CSV: {e}")));
                continue;
            }
        };
        let get = |column: &str| -> Option<String> {
            at.get(column)
                .and_then(|&i| record.get(i))
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let bad_chars: Vec<Problem> = COLUMNS
            .iter()
            .filter_map(|c| {
                let value = get(c)?;
                let e = crate::text::check_chars(c, &value).err()?;
                Some(problem(line, c, e.to_string()))
            })
            .collect();
        if !bad_chars.is_empty() {
            problems.extend(bad_chars);
            continue;
        }
        let email = get("email").map(|e| e.to_lowercase());
        let name = get("name");
        let team = get("team");
        let manager = get("manager").map(|m| m.to_lowercase());
        let Some(email) = email else {
            problems.push(problem(
                line,
                "email",
                "empty: every person needs an e-mail address".to_owned(),
            ));
            continue;
        };
        if !plausible_email(&email) {
            problems.push(problem(
                line,
                "email",
                format!("'{email}' is not an e-mail address (name@example.com)"),
            ));
        }
        if let Some(first) = first_line.get(&email) {
            problems.push(problem(
                line,
                "email",
                format!("'{email}' is on line {first} already: one line a person"),
            ));
        } else {
            first_line.insert(email.clone(), line);
        }
        match &name {
            None => problems.push(problem(
                line,
                "name",
                "empty: every person needs a name".to_owned(),
            )),
            Some(n) if n.chars().count() > MAX_NAME => problems.push(problem(
                line,
                "name",
                format!("{} characters: at most {MAX_NAME}", n.chars().count()),
            )),
            Some(_) => {}
        }
        if let Some(t) = &team {
            if !teams.contains(t) {
                problems.push(problem(
                    line,
                    "team",
                    format!("unknown team '{t}': make it first (`leap org team add`)"),
                ));
            }
        }
        if manager.as_deref() == Some(email.as_str()) {
            problems.push(problem(
                line,
                "manager",
                "a person cannot manage themselves".to_owned(),
            ));
        }
        people.push(PersonLine {
            line,
            member: Member {
                email,
                name: name.unwrap_or_default(),
                team,
                manager,
            },
        });
    }
    for p in &people {
        if let Some(m) = &p.member.manager {
            if !first_line.contains_key(m) && !known.contains_key(m) {
                problems.push(problem(
                    p.line,
                    "manager",
                    format!("unknown manager '{m}': not in the file nor in the organisation"),
                ));
            }
        }
    }
    problems.extend(cycles(&people, known));
    if problems.is_empty() {
        Ok(people)
    } else {
        problems.sort_by(|a, b| a.line.cmp(&b.line).then(a.column.cmp(&b.column)));
        Err(problems)
    }
}

/// The problems as a file's problems, each at its line and the column's
/// place in the header (1 for the line as a whole), the message naming
/// the column: `people.csv:3:4: manager: unknown manager ...`.
pub fn file_error(file: &str, text: &str, problems: &[Problem]) -> FileError {
    let header: Vec<String> = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
        .headers()
        .map(|h| h.iter().map(str::to_lowercase).collect())
        .unwrap_or_default();
    let mut located: Vec<Located> = problems
        .iter()
        .map(|p| Located {
            line: p.line,
            column: p
                .column
                .as_ref()
                .and_then(|c| header.iter().position(|h| h == c))
                .map_or(1, |i| i + 1),
            message: match &p.column {
                Some(c) => format!("{c}: {}", p.message),
                None => p.message.clone(),
            },
        })
        .collect();
    located.sort_by_key(|l| (l.line, l.column));
    FileError {
        file: file.to_owned(),
        problems: located,
    }
}

/// Reporting lines that come back to where they started (A manages B
/// manages A), once the file is applied to the organisation: each person
/// of the file on such a loop, once.
fn cycles(people: &[PersonLine], known: &BTreeMap<String, Option<String>>) -> Vec<Problem> {
    let mut manager: BTreeMap<&str, &str> = known
        .iter()
        .filter_map(|(e, m)| Some((e.as_str(), m.as_deref()?)))
        .collect();
    for p in people {
        match p.member.manager.as_deref() {
            Some(m) => manager.insert(p.member.email.as_str(), m),
            None => manager.remove(p.member.email.as_str()),
        };
    }
    let line: BTreeMap<&str, usize> = people
        .iter()
        .map(|p| (p.member.email.as_str(), p.line))
        .collect();
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for p in people {
        let mut seen: Vec<&str> = vec![p.member.email.as_str()];
        let mut at = p.member.email.as_str();
        while let Some(&next) = manager.get(at) {
            if let Some(start) = seen.iter().position(|s| *s == next) {
                let cycle = &seen[start..];
                if cycle.iter().all(|c| !reported.contains(c)) {
                    let names = cycle
                        .iter()
                        .chain(std::iter::once(&next))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" → ");
                    for c in cycle {
                        reported.insert(c);
                        // Someone on the loop who is not in the file is
                        // named in the message of those who are.
                        if let Some(&l) = line.get(c) {
                            out.push(problem(
                                l,
                                "manager",
                                format!("the reporting line loops: {names}"),
                            ));
                        }
                    }
                }
                break;
            }
            seen.push(next);
            at = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_holds_the_teams_inside_it_at_any_depth() {
        let t = |n: &str, p: Option<&str>| (n.to_owned(), p.map(str::to_owned));
        let teams = vec![
            t("IT", None),
            t("Infrastructure", Some("IT")),
            t("Networks", Some("Infrastructure")),
            t("Service Desk", Some("IT")),
            t("Finance", None),
        ];
        let names: Vec<&str> = within(&teams, "Infrastructure").into_iter().collect();
        assert_eq!(names, ["Infrastructure", "Networks"]);
        assert_eq!(within(&teams, "IT").len(), 4);
        assert!(within(&teams, "Nowhere").is_empty());
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    /// People the organisation has, with no manager.
    fn known(items: &[&str]) -> BTreeMap<String, Option<String>> {
        items.iter().map(|s| ((*s).to_owned(), None)).collect()
    }

    #[test]
    fn a_clean_file_reads_whole() {
        let text = "Email,Name,Team,Manager\n\
                    ann@example.com,Ann Lee,Infrastructure,\n\
                    Bo@Example.com, Bo Diaz ,Service desk,ann@example.com\n\
                    cy@example.com,Cy Oduya,,dee@example.com\n";
        let people = check(
            text,
            &set(&["Infrastructure", "Service desk"]),
            &known(&["dee@example.com"]),
        )
        .expect("clean");
        assert_eq!(people.len(), 3);
        assert_eq!(people[1].member.email, "bo@example.com");
        assert_eq!(people[1].member.name, "Bo Diaz");
        assert_eq!(people[1].member.manager.as_deref(), Some("ann@example.com"));
        assert_eq!(people[2].member.team, None);
        assert_eq!(people[2].line, 4);
    }

    /// Every problem at once, each with its line and column.
    #[test]
    fn every_problem_is_reported_by_line_and_column() {
        let text = "email,name,team,manager\n\
                    ann@example.com,Ann,Infrastructure,zed@example.com\n\
                    ann@example.com,Ann again,,\n\
                    not-an-address,Bo,Nowhere,\n\
                    ,Nobody,,\n\
                    cy@example.com,,,cy@example.com\n";
        let problems = check(text, &set(&["Infrastructure"]), &known(&[])).expect_err("problems");
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        for expected in [
            "line 2, column manager: unknown manager 'zed@example.com'",
            "line 3, column email: 'ann@example.com' is on line 2 already",
            "line 4, column email: 'not-an-address' is not an e-mail address",
            "line 4, column team: unknown team 'Nowhere'",
            "line 5, column email: empty",
            "line 6, column name: empty",
            "line 6, column manager: a person cannot manage themselves",
        ] {
            assert!(
                said.iter().any(|s| s.starts_with(expected)),
                "{expected} in {said:#?}"
            );
        }
    }

    #[test]
    fn a_loop_in_the_reporting_lines_names_everyone_on_it() {
        let text = "email,name,manager\n\
                    a@example.com,A,b@example.com\n\
                    b@example.com,B,c@example.com\n\
                    c@example.com,C,a@example.com\n\
                    d@example.com,D,a@example.com\n";
        let problems = check(text, &set(&[]), &known(&[])).expect_err("a loop");
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems.iter().all(|p| p.message.contains("loops")));
        assert_eq!(
            problems.iter().map(|p| p.line).collect::<Vec<_>>(),
            [2, 3, 4],
            "D reports into the loop but is not on it"
        );
    }

    #[test]
    fn the_header_names_the_columns_it_needs() {
        let problems = check("mail,name,boss\nx@example.com,X,\n", &set(&[]), &known(&[]))
            .expect_err("bad header");
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            said.iter()
                .any(|s| s.contains("unknown column 'mail': allowed: email, name, team, manager")),
            "{said:?}"
        );
        assert!(
            said.iter().any(|s| s == "line 1: no 'email' column"),
            "{said:?}"
        );
    }

    #[test]
    fn a_control_character_in_a_field_is_a_problem_of_its_line_and_column() {
        let problems = check(
            "email,name\nx@example.com,Ann\u{1b}Lee\ny@example.com,Bo\n",
            &set(&[]),
            &known(&[]),
        )
        .expect_err("ESC");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].line, problems[0].column.as_deref()),
            (2, Some("name"))
        );
        assert!(
            problems[0].to_string().contains("U+001B"),
            "{}",
            problems[0]
        );
    }

    /// A file that makes someone the manager of their own manager, who is
    /// not in the file, closes a loop through the organisation.
    #[test]
    fn a_loop_through_people_outside_the_file_is_found() {
        let mut org = known(&["boss@example.com"]);
        org.insert(
            "ann@example.com".to_owned(),
            Some("boss@example.com".to_owned()),
        );
        let text = "email,name,manager\nboss@example.com,Boss,ann@example.com\n";
        let problems = check(text, &set(&[]), &org).expect_err("a loop");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0]
                .message
                .contains("boss@example.com → ann@example.com → boss@example.com"),
            "{problems:#?}"
        );
        // The same line without a manager clears it: no loop.
        let text =
            "email,name,manager\nann@example.com,Ann,\nboss@example.com,Boss,ann@example.com\n";
        assert!(check(text, &set(&[]), &org).is_ok());
    }

    #[test]
    fn the_export_reads_back_as_it_was() {
        let members = vec![
            Member {
                email: "ann@example.com".into(),
                name: "Lee, Ann".into(),
                team: Some("Infrastructure".into()),
                manager: None,
            },
            Member {
                email: "bo@example.com".into(),
                name: "Bo \"Bob\" Diaz".into(),
                team: None,
                manager: Some("ann@example.com".into()),
            },
        ];
        let text = to_csv(&members).expect("csv");
        let back = check(&text, &set(&["Infrastructure"]), &known(&[])).expect("reads back");
        let back: Vec<Member> = back.into_iter().map(|p| p.member).collect();
        assert_eq!(back, members);
    }

    #[test]
    fn making_a_report_your_manager_is_a_loop() {
        let mut managers = BTreeMap::new();
        managers.insert("a@x.org".to_owned(), Some("b@x.org".to_owned()));
        managers.insert("b@x.org".to_owned(), Some("c@x.org".to_owned()));
        managers.insert("c@x.org".to_owned(), None);
        assert_eq!(
            would_loop(&managers, "c@x.org", "a@x.org"),
            Some(vec![
                "c@x.org".to_owned(),
                "a@x.org".to_owned(),
                "b@x.org".to_owned(),
                "c@x.org".to_owned()
            ])
        );
        assert_eq!(would_loop(&managers, "a@x.org", "c@x.org"), None);
        assert!(email("email", "Ann@Example.COM").is_ok_and(|e| e == "ann@example.com"));
        assert!(email("manager", "ann").is_err_and(|e| e.to_string().contains("manager")));
    }
}
