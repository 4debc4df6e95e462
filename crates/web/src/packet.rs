//! The promotion packet written out: print-ready HTML (the same markup as
//! the packet page, with print CSS) and PDF, each claim linked to its
//! evidence. The Markdown form is `leap_core::packet::markdown`.

use askama::Template;
use leap_core::packet::Packet;

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
