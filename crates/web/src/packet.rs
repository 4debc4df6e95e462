//! The promotion packet written out: print-ready HTML (the same markup as
//! the packet page, with print CSS) and PDF, each claim linked to its
//! evidence. The Markdown form is `leap_core::packet::markdown`.

use askama::Template;
use leap_core::packet::{Format, Packet};

use crate::error::WebError;

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
pub fn html(p: &Packet) -> Result<String, WebError> {
    PacketDocument { p }
        .render()
        .map_err(|e| WebError::internal(format!("packet: {e}")))
}

/// The packet written as `format`, with its media type.
pub fn render(p: &Packet, format: Format) -> Result<(Vec<u8>, &'static str), WebError> {
    Ok(match format {
        Format::Markdown => (
            leap_core::packet::markdown(p).into_bytes(),
            "text/markdown; charset=utf-8",
        ),
        Format::Html => (html(p)?.into_bytes(), "text/html; charset=utf-8"),
        Format::Pdf => (pdf(p), "application/pdf"),
    })
}
