//! The promotion packet: built from the person's record toward a role, and
//! written out: print-ready HTML (the same markup as
//! the packet page, with print CSS) and PDF, each claim linked to its
//! evidence. The Markdown form is `leap_core::packet::markdown`.

use askama::Template;
use leap_core::packet::{Format, Packet};

use crate::progress::Record;
use crate::{AppError, Result};
use chrono::NaiveDate;
use leap_core::{Framework, Role};
use leap_store::Backend;

mod fonts;
mod pdf;

pub use pdf::pdf;

#[derive(Template)]
#[template(path = "packet_doc.html")]
struct PacketDocument<'a> {
    p: &'a Packet,
}

impl PacketDocument<'_> {
    fn md(&self, text: &str) -> String {
        crate::markdown::to_html(text)
    }
}

/// A whole HTML document, its CSS inside, to keep or print.
pub fn html(p: &Packet) -> Result<String> {
    PacketDocument { p }
        .render()
        .map_err(|e| AppError::Internal(format!("packet: {e}")))
}

/// The packet written as `format`, with its media type.
pub fn render(p: &Packet, format: Format) -> Result<(Vec<u8>, &'static str)> {
    Ok(match format {
        Format::Markdown => (
            leap_core::packet::markdown(p).into_bytes(),
            "text/markdown; charset=utf-8",
        ),
        Format::Html => (html(p)?.into_bytes(), "text/html; charset=utf-8"),
        Format::Pdf => (pdf(p), "application/pdf"),
    })
}

/// The promotion packet toward `role`; [`AppError::NoSelfAssessment`]
/// before the first self-assessment.
pub async fn packet(
    store: &dyn Backend,
    profile: &leap_store::Profile,
    framework: &Framework,
    role: &Role,
    today: NaiveDate,
) -> Result<leap_core::packet::Packet> {
    use leap_core::packet::{self, Entry, Item, Sources};
    let person = profile.person;
    let record = Record::read(store, person, framework, today).await?;
    let readiness = record
        .readiness(
            store,
            person,
            framework,
            role,
            framework.role(&profile.current_role),
        )
        .await?
        .ok_or(AppError::NoSelfAssessment)?;
    let entries: Vec<Entry<'_>> = record
        .journal
        .iter()
        .map(|e| Entry {
            id: e.id,
            date: e.date,
            text: &e.text,
            competencies: &e.competencies,
            kind: e.kind,
            names_gap: e.names_gap,
        })
        .collect();
    let items: Vec<Item<'_>> = record
        .plan
        .items
        .iter()
        .map(|i| Item {
            id: i.id,
            title: &i.title,
            done_on: i
                .closed_on
                .filter(|_| i.status == leap_core::plan::ItemStatus::Done),
            open: i.status == leap_core::plan::ItemStatus::Todo,
            due: i.due,
            note: i.note.as_deref(),
            competencies: &i.competencies,
        })
        .collect();
    let current = framework
        .role(&profile.current_role)
        .map_or_else(|| profile.current_role.clone(), |r| r.name.clone());
    let leadership = leap_core::progress::leadership(&record.items, &record.entries);
    Ok(packet::build(
        &Sources {
            name: &profile.name,
            current_role: &current,
            readiness: &readiness,
            journal: &entries,
            items: &items,
            feedback: &record.feedback,
            leadership: &leadership,
        },
        today,
    ))
}
