//! The packet as a PDF: A4, the system's fonts embedded as subsets (see
//! [`super::fonts`]), text wrapped to the page, and each evidence reference
//! a link to that evidence's heading.

use std::collections::BTreeMap;

use leap_core::packet::Packet;
use pdf_writer::types::{
    ActionType, AnnotationType, CidFontType, FontFlags, SystemInfo, UnicodeCmap,
};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::fonts::{Font, FontBook, Typesetter};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const REGULAR: bool = false;
const BOLD: bool = true;

/// A font's resource name on every page.
fn resource(font: Font) -> String {
    match font {
        Font::Embedded(n) => format!("E{n}"),
        Font::Standard { bold: false } => "F1".to_owned(),
        Font::Standard { bold: true } => "F2".to_owned(),
    }
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
    type_setter: Typesetter,
    pages: Vec<Page>,
    y: f32,
    /// Anchor to (page, top of its heading).
    anchors: BTreeMap<String, (usize, f32)>,
}

impl Layout {
    fn new(type_setter: Typesetter) -> Self {
        let mut l = Self {
            type_setter,
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

    fn put(&mut self, x: f32, bold: bool, size: f32, text: &str) {
        let y = self.y;
        let runs = self.type_setter.runs(text, bold);
        let content = &mut self.page().content;
        content.begin_text().next_line(x, y);
        for run in runs {
            content
                .set_font(Name(resource(run.font).as_bytes()), size)
                .show(Str(&run.bytes));
        }
        content.end_text();
    }

    fn width(&mut self, text: &str, bold: bool, size: f32) -> f32 {
        self.type_setter.width(text, bold) * size
    }

    /// Wrapped text from `indent`, each line below the last.
    fn text(&mut self, font: bool, size: f32, indent: f32, text: &str) {
        let leading = size * 1.4;
        let room = WIDTH - 2.0 * MARGIN - indent;
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, font, size) > room && !line.is_empty() {
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
        x += self.width(label, REGULAR, size) + size * 0.3;
        for a in anchors {
            let w = self.width(a, REGULAR, size);
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
    let mut l = Layout::new(Typesetter::new(FontBook::system()));
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
    let info = Ref::new(3);
    let mut next = 4;
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
    // Every font the text used, each page pointing at all of them.
    let mut fonts: Vec<(String, Ref)> = Vec::new();
    for (bold, base) in [(false, "Helvetica"), (true, "Helvetica-Bold")] {
        if !l.type_setter.standard_used[usize::from(bold)] {
            continue;
        }
        let id = alloc();
        pdf.type1_font(id)
            .base_font(Name(base.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        fonts.push((resource(Font::Standard { bold }), id));
    }
    for (n, used) in l.type_setter.used.iter().enumerate() {
        let Some(subset) = used.subset() else {
            continue;
        };
        let (type0, cid, descriptor, file, cmap) = (alloc(), alloc(), alloc(), alloc(), alloc());
        let name = Name(subset.name.as_bytes());
        pdf.type0_font(type0)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        let mut font = pdf.cid_font(cid);
        font.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(system)
            .font_descriptor(descriptor)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        font.widths().consecutive(0, subset.widths.iter().copied());
        font.finish();
        let [x0, y0, x1, y1] = subset.bbox;
        pdf.font_descriptor(descriptor)
            .name(name)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(x0, y0, x1, y1))
            .italic_angle(0.0)
            .ascent(subset.ascent)
            .descent(subset.descent)
            .cap_height(subset.cap_height)
            .stem_v(80.0)
            .font_file2(file);
        pdf.stream(file, &subset.file);
        let mut unicode = UnicodeCmap::new(Name(b"Custom"), system);
        for (glyph, c) in &subset.unicode {
            unicode.pair(*glyph, *c);
        }
        pdf.cmap(cmap, &unicode.finish());
        fonts.push((resource(Font::Embedded(n)), type0));
    }
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
        let mut resources = p.resources();
        let mut dict = resources.fonts();
        for (name, id) in &fonts {
            dict.pair(Name(name.as_bytes()), *id);
        }
        dict.finish();
        resources.finish();
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
    fn markdown_becomes_plain_lines() {
        assert_eq!(
            plain("# Title\n\nSome *text*\n- one\n- two"),
            ["Title", "Some text", "• one", "• two"]
        );
    }
}
