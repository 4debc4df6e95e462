//! The packet as a PDF: A4, the standard Helvetica fonts (every reader has
//! them, nothing embedded), text wrapped to the page, and each evidence
//! reference a link to that evidence's heading.

use std::collections::BTreeMap;

use leap_core::packet::Packet;
use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Advance of a character in Helvetica, in ems (close to the font's own
/// metrics; a line wraps a little early rather than run off the page).
fn em(c: char) -> f32 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'i' | 'j' | 'l' | 'I' => 0.28,
        'f' | 't' | 'r' | '(' | ')' | '-' | '[' | ']' | '/' => 0.34,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.86,
        'A'..='Z' | '&' => 0.7,
        _ => 0.56,
    }
}

fn text_width(s: &str, size: f32) -> f32 {
    s.chars().map(em).sum::<f32>() * size
}

/// Text in the fonts' WinAnsi encoding; what it lacks becomes '?'.
fn encode(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '→' => b'>',
            _ => b'?',
        })
        .collect()
}

/// Markdown as plain lines: paragraphs and list items on lines of their
/// own, markup dropped.
fn plain(markdown: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(l) = lines.last_mut() {
                    l.push_str(&t);
                }
            }
            Event::SoftBreak => {
                if let Some(l) = lines.last_mut() {
                    l.push(' ');
                }
            }
            Event::Start(Tag::Item) => lines.push("• ".to_owned()),
            Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                lines.push(String::new())
            }
            _ => {}
        }
    }
    lines.into_iter().filter(|l| !l.trim().is_empty()).collect()
}

struct Page {
    content: Content,
    /// Link rectangles and the anchor each goes to.
    links: Vec<(Rect, String)>,
}

struct Layout {
    pages: Vec<Page>,
    y: f32,
    /// Anchor to (page, top of its heading).
    anchors: BTreeMap<String, (usize, f32)>,
}

impl Layout {
    fn new() -> Self {
        let mut l = Self {
            pages: Vec::new(),
            y: 0.0,
            anchors: BTreeMap::new(),
        };
        l.new_page();
        l
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            content: Content::new(),
            links: Vec::new(),
        });
        self.y = HEIGHT - MARGIN;
    }

    fn room(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.new_page();
        }
    }

    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn put(&mut self, x: f32, font: Name<'static>, size: f32, text: &str) {
        let y = self.y;
        self.page()
            .content
            .begin_text()
            .set_font(font, size)
            .next_line(x, y)
            .show(Str(&encode(text)))
            .end_text();
    }

    /// Wrapped text from `indent`, each line below the last.
    fn text(&mut self, font: Name<'static>, size: f32, indent: f32, text: &str) {
        let leading = size * 1.4;
        let room = WIDTH - 2.0 * MARGIN - indent;
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size) > room && !line.is_empty() {
                self.room(leading);
                self.y -= leading;
                self.put(MARGIN + indent, font, size, &line);
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            self.room(leading);
            self.y -= leading;
            self.put(MARGIN + indent, font, size, &line);
        }
    }

    fn heading(&mut self, size: f32, text: &str, anchor: Option<&str>) {
        self.room(size * 4.0);
        self.y -= size * 0.6;
        if let Some(a) = anchor {
            let page = self.pages.len() - 1;
            self.anchors.insert(a.to_owned(), (page, self.y + size));
        }
        self.text(BOLD, size, 0.0, text);
    }

    /// `label` then each reference, each a link to its anchor.
    fn references(&mut self, size: f32, indent: f32, label: &str, anchors: &[String]) {
        let leading = size * 1.4;
        self.room(leading);
        self.y -= leading;
        let mut x = MARGIN + indent;
        self.put(x, REGULAR, size, label);
        x += text_width(label, size) + size * 0.3;
        for a in anchors {
            let w = text_width(a, size);
            if x + w > WIDTH - MARGIN {
                self.room(leading);
                self.y -= leading;
                x = MARGIN + indent;
            }
            let y = self.y;
            self.page().content.set_fill_rgb(0.02, 0.27, 0.68);
            self.put(x, REGULAR, size, a);
            self.page().content.set_fill_rgb(0.0, 0.0, 0.0);
            let rect = Rect::new(x, y - size * 0.25, x + w, y + size * 0.9);
            self.page().links.push((rect, a.clone()));
            x += w + size * 0.5;
        }
    }

    fn gap(&mut self, h: f32) {
        self.y -= h;
    }
}

/// The packet as a PDF document.
pub fn pdf(p: &Packet) -> Vec<u8> {
    let mut l = Layout::new();
    l.heading(
        18.0,
        &format!("Promotion packet: {} for {}", p.name, p.target),
        None,
    );
    l.text(
        REGULAR,
        10.0,
        0.0,
        &format!(
            "Prepared on {} with leap. Now: {}.",
            p.prepared_on, p.current_role
        ),
    );
    l.heading(14.0, "Readiness", None);
    l.text(BOLD, 10.0, 0.0, &format!("{}%, {}.", p.readiness, p.band));
    l.text(REGULAR, 10.0, 0.0, &p.summary);
    l.heading(14.0, "Competencies", None);
    for c in &p.claims {
        l.gap(3.0);
        l.text(BOLD, 10.0, 0.0, &c.name);
        l.text(
            REGULAR,
            10.0,
            12.0,
            &format!(
                "Expected {}, level {}{}, from {}.",
                c.expected,
                c.level,
                if c.met { " (met)" } else { "" },
                c.from
            ),
        );
        if c.evidence.is_empty() {
            l.text(REGULAR, 10.0, 12.0, "Evidence: none yet.");
        } else {
            l.references(10.0, 12.0, "Evidence:", &c.evidence);
        }
    }
    l.heading(14.0, "Leadership experience", None);
    if p.leadership.is_empty() {
        l.text(REGULAR, 10.0, 0.0, "None recorded yet.");
    }
    for led in &p.leadership {
        l.text(REGULAR, 10.0, 0.0, &format!("• {}: {}", led.date, led.text));
        if let Some(a) = &led.anchor {
            l.references(10.0, 12.0, "See", std::slice::from_ref(a));
        }
    }
    l.heading(14.0, "Development under way", None);
    if p.development.is_empty() {
        l.text(REGULAR, 10.0, 0.0, "Nothing open in the plan.");
    }
    for d in &p.development {
        l.text(
            REGULAR,
            10.0,
            0.0,
            &format!(
                "• {} (due {}; {})",
                d.title,
                d.due,
                d.competencies.join(", ")
            ),
        );
    }
    l.heading(14.0, "Evidence", None);
    for e in &p.evidence {
        l.heading(
            11.0,
            &format!("{}: {} ({})", e.anchor, e.title, e.date),
            Some(&e.anchor),
        );
        l.text(REGULAR, 9.0, 0.0, &e.caption());
        if let Some(t) = &e.text {
            for line in plain(t) {
                l.text(REGULAR, 10.0, 0.0, &line);
            }
        }
    }
    write(l, &format!("Promotion packet: {} for {}", p.name, p.target))
}

fn write(l: Layout, title: &str) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let mut next = 6;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let page_refs: Vec<Ref> = l.pages.iter().map(|_| alloc()).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr("leap"));
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (i, page) in l.pages.into_iter().enumerate() {
        let content_ref = alloc();
        let annots: Vec<(Ref, Rect, Ref, f32)> = page
            .links
            .iter()
            .filter_map(|(rect, anchor)| {
                let (target, top) = l.anchors.get(anchor)?;
                Some((alloc(), *rect, page_refs[*target], *top))
            })
            .collect();
        let mut p = pdf.page(page_refs[i]);
        p.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
            .parent(tree)
            .contents(content_ref);
        p.annotations(annots.iter().map(|a| a.0));
        p.resources()
            .fonts()
            .pair(REGULAR, regular)
            .pair(BOLD, bold);
        p.finish();
        for (id, rect, target, top) in annots {
            let mut a = pdf.annotation(id);
            a.subtype(AnnotationType::Link)
                .rect(rect)
                .border(0.0, 0.0, 0.0, None);
            a.action()
                .action_type(ActionType::GoTo)
                .destination()
                .page(target)
                .xyz(MARGIN, top, None);
        }
        pdf.stream(content_ref, &page.content.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_encoded_for_the_standard_fonts() {
        assert_eq!(encode("a–b “c” €"), b"a\x96b \x93c\x94 \x80");
        assert_eq!(encode("日"), b"?");
        assert_eq!(
            plain("# Title\n\nSome *text*\n- one\n- two"),
            ["Title", "Some text", "• one", "• two"]
        );
    }
}
