//! The promotion packet: the case for the target role, each claim linked
//! to the dated evidence behind it. Built here from what the person
//! recorded; written out as Markdown, print-ready HTML or PDF by the
//! presentation layer.
//!
//! A packet is an argument for the role, so it cites what is evidence: a
//! journal entry or a plan item tagged to at least one competency. An
//! untagged entry (a doubt, a note to self) stays in the journal, and so
//! does one that names a gap ("needs to let go of the keyboard"): it is
//! about its competencies, never evidence of them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::evidence::EvidenceKind;
use crate::feedback::Results;
use crate::named::named_enum;
use crate::progress::Mention;
use crate::readiness::Readiness;
use crate::CompetencyId;

named_enum! {
    /// What the packet is written as.
    pub enum Format {
        Markdown = "md",
        Html = "html",
        Pdf = "pdf",
    }
}

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Journal,
    PlanItem,
    Feedback,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Self::Journal => "Journal entry",
            Self::PlanItem => "Finished plan item",
            Self::Feedback => "360 feedback",
        }
    }
}

/// One dated piece of evidence, with the anchor claims link to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Evidence {
    /// `j<id>`, `p<id>` or `f<n>`: unique in the packet.
    pub anchor: String,
    pub source: Source,
    pub date: NaiveDate,
    pub title: String,
    /// The person's own words (Markdown, rendered safely), if any.
    pub text: Option<String>,
    /// Names of the competencies it supports.
    pub competencies: Vec<String>,
    /// A journal entry's kind: feedback received is someone else's word,
    /// and the packet says so.
    pub kind: Option<EvidenceKind>,
}

impl Evidence {
    /// Where it comes from and what it supports, as the packet says it
    /// (the packet cites nothing untagged).
    pub fn caption(&self) -> String {
        let from = match (self.source, self.kind) {
            (Source::Journal, Some(EvidenceKind::Feedback)) => "Feedback received (journal entry)",
            (Source::Journal, Some(EvidenceKind::Result)) => "A result (journal entry)",
            (Source::Journal, Some(EvidenceKind::Education)) => "Learning (journal entry)",
            (Source::Journal, Some(EvidenceKind::Relationship)) => {
                "A working relationship (journal entry)"
            }
            (source, _) => source.label(),
        };
        format!("{from}; supports: {}", self.competencies.join(", "))
    }
}

/// One claim: where the person stands on a competency, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Claim {
    pub id: String,
    pub name: String,
    pub expected: u8,
    pub level: u8,
    /// Whose judgement the level is (`self+manager+others`, …).
    pub from: String,
    pub met: bool,
    /// Anchors of the evidence that supports it, newest first.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Development {
    pub title: String,
    pub due: NaiveDate,
    pub competencies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Led {
    pub date: NaiveDate,
    pub text: String,
    /// The evidence anchor it comes from.
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Packet {
    pub name: String,
    pub current_role: String,
    pub target: String,
    pub prepared_on: NaiveDate,
    pub readiness: u32,
    pub band: String,
    pub summary: String,
    pub claims: Vec<Claim>,
    pub leadership: Vec<Led>,
    pub development: Vec<Development>,
    pub evidence: Vec<Evidence>,
}

/// A journal entry, as the packet needs it.
pub struct Entry<'a> {
    pub id: i64,
    pub date: NaiveDate,
    pub text: &'a str,
    pub competencies: &'a [CompetencyId],
    pub kind: EvidenceKind,
    /// It names a gap: about its competencies, never evidence of them.
    pub names_gap: bool,
}

/// A plan item, as the packet needs it.
pub struct Item<'a> {
    pub id: i64,
    pub title: &'a str,
    pub done_on: Option<NaiveDate>,
    pub open: bool,
    pub due: NaiveDate,
    pub note: Option<&'a str>,
    pub competencies: &'a [CompetencyId],
}

pub struct Sources<'a> {
    pub name: &'a str,
    pub current_role: &'a str,
    pub readiness: &'a Readiness,
    pub journal: &'a [Entry<'a>],
    pub items: &'a [Item<'a>],
    /// Closed requests' visible results with their closing day, oldest first.
    pub feedback: &'a [(NaiveDate, Results)],
    pub leadership: &'a [Mention],
}

fn title_of(text: &str) -> String {
    let line = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() > 100 {
        let mut s: String = line.chars().take(99).collect();
        s.push('…');
        s
    } else {
        line.to_owned()
    }
}

pub fn build(s: &Sources<'_>, today: NaiveDate) -> Packet {
    let r = s.readiness;
    let name_of = |id: &str| {
        r.competencies
            .iter()
            .find(|c| c.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    };
    let mut evidence = Vec::new();
    for e in s
        .journal
        .iter()
        .filter(|e| !e.competencies.is_empty() && !e.names_gap)
    {
        evidence.push(Evidence {
            anchor: format!("j{}", e.id),
            source: Source::Journal,
            date: e.date,
            title: title_of(e.text),
            text: Some(e.text.to_owned()),
            competencies: e.competencies.iter().map(|c| name_of(c.as_str())).collect(),
            kind: Some(e.kind),
        });
    }
    for i in s.items.iter().filter(|i| !i.competencies.is_empty()) {
        if let Some(done) = i.done_on {
            evidence.push(Evidence {
                anchor: format!("p{}", i.id),
                source: Source::PlanItem,
                date: done,
                title: i.title.to_owned(),
                text: i.note.map(str::to_owned),
                competencies: i.competencies.iter().map(|c| name_of(c.as_str())).collect(),
                kind: None,
            });
        }
    }
    for (n, (date, results)) in s.feedback.iter().enumerate() {
        // Only competencies with a visible group: never one below its minimum.
        let seen: Vec<&crate::feedback::CompetencyResult> = results
            .competencies
            .iter()
            .filter(|c| !c.groups.is_empty())
            .collect();
        if seen.is_empty() {
            continue;
        }
        let lines: Vec<String> = seen
            .iter()
            .map(|c| {
                let groups: Vec<String> = c
                    .groups
                    .iter()
                    .map(|g| {
                        format!(
                            "{} {:.1} ({} raters)",
                            g.group.plural(),
                            g.average,
                            g.raters
                        )
                    })
                    .collect();
                format!("- {}: {}", c.name, groups.join(", "))
            })
            .collect();
        evidence.push(Evidence {
            anchor: format!("f{}", n + 1),
            source: Source::Feedback,
            date: *date,
            title: format!("360 feedback closed on {date}"),
            text: Some(lines.join("\n")),
            competencies: seen.iter().map(|c| c.name.clone()).collect(),
            kind: None,
        });
    }
    evidence.sort_by(|a, b| b.date.cmp(&a.date).then(a.anchor.cmp(&b.anchor)));

    let claims = r
        .competencies
        .iter()
        .map(|c| Claim {
            id: c.id.as_str().to_owned(),
            name: c.name.clone(),
            expected: c.expected,
            level: c.current,
            from: c.source.as_str().to_owned(),
            met: c.current >= c.expected,
            evidence: evidence
                .iter()
                .filter(|e| e.competencies.contains(&c.name))
                .map(|e| e.anchor.clone())
                .collect(),
        })
        .collect();
    let leadership = s
        .leadership
        .iter()
        .map(|m| Led {
            date: m.date,
            text: m.text.clone(),
            anchor: m
                .entry
                .map(|id| format!("j{id}"))
                .or_else(|| {
                    s.items
                        .iter()
                        .find(|i| i.done_on == Some(m.date) && i.title == m.text)
                        .map(|i| format!("p{}", i.id))
                })
                // Only to what the packet cites.
                .filter(|a| evidence.iter().any(|e| &e.anchor == a)),
        })
        .collect();
    let mut development: Vec<Development> = s
        .items
        .iter()
        .filter(|i| i.open && !i.competencies.is_empty())
        .map(|i| Development {
            title: i.title.to_owned(),
            due: i.due,
            competencies: i.competencies.iter().map(|c| name_of(c.as_str())).collect(),
        })
        .collect();
    development.sort_by_key(|d| d.due);
    Packet {
        name: s.name.to_owned(),
        current_role: s.current_role.to_owned(),
        target: r.target_name.clone(),
        prepared_on: today,
        readiness: r.percent(),
        band: r.band.describe().to_owned(),
        summary: r.explanation.clone(),
        claims,
        leadership,
        development,
        evidence,
    }
}

/// The packet as Markdown: claims link to the evidence headings below.
pub fn markdown(p: &Packet) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "# Promotion packet: {} for {}\n", p.name, p.target);
    let _ = writeln!(
        out,
        "Prepared on {} by leap. Now: {}.\n",
        p.prepared_on, p.current_role
    );
    let _ = writeln!(
        out,
        "## Readiness\n\n**{}%**, {}.\n\n{}\n",
        p.readiness, p.band, p.summary
    );
    let _ = writeln!(out, "## Competencies\n");
    let _ = writeln!(out, "| Competency | Expected | Level | From | Evidence |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for c in &p.claims {
        let links: Vec<String> = c.evidence.iter().map(|a| format!("[{a}](#{a})")).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {}{} | {} | {} |",
            cell(&c.name),
            c.expected,
            c.level,
            if c.met { " (met)" } else { "" },
            c.from,
            if links.is_empty() {
                "none yet".to_owned()
            } else {
                links.join(" ")
            }
        );
    }
    let _ = writeln!(out, "\n## Leadership experience\n");
    if p.leadership.is_empty() {
        let _ = writeln!(out, "None recorded yet.");
    }
    for l in &p.leadership {
        let link = l
            .anchor
            .as_ref()
            .map(|a| format!(" ([{a}](#{a}))"))
            .unwrap_or_default();
        let _ = writeln!(out, "- {}: {}{}", l.date, l.text, link);
    }
    let _ = writeln!(out, "\n## Development under way\n");
    if p.development.is_empty() {
        let _ = writeln!(out, "Nothing open in the plan.");
    }
    for d in &p.development {
        let _ = writeln!(
            out,
            "- {} (due {}; {})",
            d.title,
            d.due,
            d.competencies.join(", ")
        );
    }
    let _ = writeln!(out, "\n## Evidence\n");
    for e in &p.evidence {
        let _ = writeln!(
            out,
            "### <a id=\"{}\"></a>{}: {} ({})\n",
            e.anchor, e.anchor, e.title, e.date
        );
        let _ = writeln!(out, "*{}*\n", e.caption());
        if let Some(t) = &e.text {
            let _ = writeln!(out, "{t}\n");
        }
    }
    out
}

/// A table cell: a `|` would end it.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

#[cfg(test)]
mod tests;
