//! The fonts a PDF packet is set in: the system's own (found once per
//! process), a subset of each face used embedded in the document, so every
//! character a person wrote prints as written ("Łukasz Żółć", Greek,
//! Chinese). A sans-serif face sets the text; a character it lacks is taken
//! from the first installed face that has it. On Debian, `fonts-dejavu-core`
//! covers Latin, Greek and Cyrillic, `fonts-droid-fallback` Chinese, Japanese
//! and Korean. A character no installed face has (or a machine with no
//! fonts at all) falls back to the standard Helvetica every reader has,
//! where it prints as "?".
//!
//! Only faces with TrueType outlines are embedded (what those packages and
//! most system fonts are); text is not shaped, so scripts that need shaping
//! (Arabic, Devanagari) print letter by letter.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use fontdb::{Database, Family, Query, Stretch, Style, Weight, ID};
use subsetter::GlyphRemapper;

/// Families tried first, in order, for the body text: common free sans
/// serifs, then whatever the system calls sans-serif.
const PREFERRED: [&str; 5] = [
    "DejaVu Sans",
    "Noto Sans",
    "Liberation Sans",
    "Arial",
    "Helvetica",
];

/// The system's fonts, read once.
pub(super) struct FontBook {
    db: Database,
    /// Faces by preference for regular and for bold text: the body face
    /// first, then every other upright TrueType face, nearest in weight.
    order: [Vec<ID>; 2],
}

static BOOK: OnceLock<FontBook> = OnceLock::new();

impl FontBook {
    /// The fonts installed on this machine.
    pub(super) fn system() -> &'static FontBook {
        BOOK.get_or_init(|| {
            let mut db = Database::new();
            db.load_system_fonts();
            Self::new(db)
        })
    }

    fn new(db: Database) -> Self {
        let order = [Weight::NORMAL, Weight::BOLD].map(|weight| {
            let families: Vec<Family<'_>> = PREFERRED
                .iter()
                .map(|f| Family::Name(f))
                .chain([Family::SansSerif])
                .collect();
            let body = db
                .query(&Query {
                    families: &families,
                    weight,
                    stretch: Stretch::Normal,
                    style: Style::Normal,
                })
                .filter(|id| truetype(&db, *id));
            let mut rest: Vec<&fontdb::FaceInfo> = db
                .faces()
                .filter(|f| {
                    Some(f.id) != body
                        && f.style == Style::Normal
                        && !f.monospaced
                        && truetype(&db, f.id)
                })
                .collect();
            // Nearest weight first, then by name: the same choice on every run.
            rest.sort_by_key(|f| {
                (
                    f.weight.0.abs_diff(weight.0),
                    f.stretch != Stretch::Normal,
                    f.post_script_name.clone(),
                )
            });
            body.into_iter().chain(rest.iter().map(|f| f.id)).collect()
        });
        Self { db, order }
    }
}

/// Whether a face has TrueType outlines, the kind embedded here.
fn truetype(db: &Database, id: ID) -> bool {
    db.with_face_data(id, |data, index| {
        ttf_parser::Face::parse(data, index)
            .map(|f| f.tables().glyf.is_some())
            .unwrap_or(false)
    })
    .unwrap_or(false)
}

/// One face as used by one document: its data, the glyphs used (renumbered
/// for the subset) and the character each stands for.
pub(super) struct Used {
    data: Arc<Vec<u8>>,
    index: u32,
    pub(super) post_script_name: String,
    remapper: GlyphRemapper,
    /// New glyph id to (character, advance in thousandths of an em).
    glyphs: BTreeMap<u16, (char, f32)>,
}

/// Where a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Font {
    /// The n-th face this document embeds.
    Embedded(usize),
    /// The standard Helvetica (bold or not), for what no face has.
    Standard { bold: bool },
}

/// A run of text in one font: the bytes to show and its advance in ems.
pub(super) struct Run {
    pub(super) font: Font,
    pub(super) bytes: Vec<u8>,
    pub(super) width: f32,
}

/// Sets one document's text: picks a face for each character, keeps the
/// glyphs used for the subsets and knows every glyph's width.
pub(super) struct Typesetter {
    book: &'static FontBook,
    pub(super) used: Vec<Used>,
    by_face: HashMap<ID, usize>,
    /// (character, bold) to the face it is set in.
    chosen: HashMap<(char, bool), Font>,
    /// Whether the standard regular and bold fonts set anything.
    pub(super) standard_used: [bool; 2],
}

impl Typesetter {
    pub(super) fn new(book: &'static FontBook) -> Self {
        Self {
            book,
            used: Vec::new(),
            by_face: HashMap::new(),
            chosen: HashMap::new(),
            standard_used: [false; 2],
        }
    }

    fn font_for(&mut self, c: char, bold: bool) -> Font {
        if let Some(f) = self.chosen.get(&(c, bold)) {
            return *f;
        }
        let book = self.book;
        let mut font = Font::Standard { bold };
        for id in &book.order[usize::from(bold)] {
            let has = book
                .db
                .with_face_data(*id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .ok()
                        .and_then(|f| f.glyph_index(c))
                        .is_some()
                })
                .unwrap_or(false);
            if has {
                if let Some(n) = self.embed(*id) {
                    font = Font::Embedded(n);
                    break;
                }
            }
        }
        self.chosen.insert((c, bold), font);
        font
    }

    /// The document's index of a face, reading it on first use.
    fn embed(&mut self, id: ID) -> Option<usize> {
        if let Some(n) = self.by_face.get(&id) {
            return Some(*n);
        }
        let (data, index) = self
            .book
            .db
            .with_face_data(id, |data, index| (Arc::new(data.to_vec()), index))?;
        let name = self
            .book
            .db
            .face(id)
            .map(|f| f.post_script_name.clone())
            .unwrap_or_default();
        self.used.push(Used {
            data,
            index,
            post_script_name: name,
            remapper: GlyphRemapper::new(),
            glyphs: BTreeMap::new(),
        });
        let n = self.used.len() - 1;
        self.by_face.insert(id, n);
        Some(n)
    }

    /// `text` split into runs of one font each, every glyph recorded.
    pub(super) fn runs(&mut self, text: &str, bold: bool) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for c in text.chars() {
            let font = self.font_for(c, bold);
            let (bytes, width) = match font {
                Font::Embedded(n) => self.glyph(n, c),
                Font::Standard { bold } => {
                    self.standard_used[usize::from(bold)] = true;
                    (vec![standard_code(c)], standard_em(c))
                }
            };
            match runs.last_mut() {
                Some(run) if run.font == font => {
                    run.bytes.extend(bytes);
                    run.width += width;
                }
                _ => runs.push(Run { font, bytes, width }),
            }
        }
        runs
    }

    /// The advance of `text` in ems.
    pub(super) fn width(&mut self, text: &str, bold: bool) -> f32 {
        self.runs(text, bold).iter().map(|r| r.width).sum()
    }

    /// A character's glyph in the n-th face: its two-byte code in the
    /// subset and its advance in ems.
    fn glyph(&mut self, n: usize, c: char) -> (Vec<u8>, f32) {
        let used = &mut self.used[n];
        let (gid, advance) = match ttf_parser::Face::parse(&used.data, used.index) {
            Ok(face) => {
                let gid = face.glyph_index(c).map_or(0, |g| g.0);
                let advance = face
                    .glyph_hor_advance(ttf_parser::GlyphId(gid))
                    .map_or(0.0, f32::from)
                    / f32::from(face.units_per_em());
                (gid, advance)
            }
            Err(_) => (0, 0.0),
        };
        let new = used.remapper.remap(gid);
        used.glyphs.entry(new).or_insert((c, advance * 1000.0));
        (new.to_be_bytes().to_vec(), advance)
    }
}

/// A face's subset and what the PDF says about it.
pub(super) struct Subset {
    pub(super) file: Vec<u8>,
    /// Advances of the new glyph ids 0, 1, ... in thousandths of an em.
    pub(super) widths: Vec<f32>,
    /// New glyph id and the character it stands for.
    pub(super) unicode: Vec<(u16, char)>,
    /// In thousandths of an em.
    pub(super) ascent: f32,
    pub(super) descent: f32,
    pub(super) cap_height: f32,
    pub(super) bbox: [f32; 4],
    /// "ABCDEF+DejaVuSans": a subset's name carries a tag of its glyphs.
    pub(super) name: String,
}

impl Used {
    pub(super) fn subset(&self) -> Option<Subset> {
        let face = ttf_parser::Face::parse(&self.data, self.index).ok()?;
        let file = subsetter::subset(&self.data, self.index, &self.remapper).ok()?;
        let em = 1000.0 / f32::from(face.units_per_em());
        let count = self.remapper.num_gids();
        let widths = (0..count)
            .map(|g| self.glyphs.get(&g).map_or(0.0, |(_, w)| *w))
            .collect();
        let unicode = self.glyphs.iter().map(|(g, (c, _))| (*g, *c)).collect();
        let b = face.global_bounding_box();
        let tag: String = {
            let mut h: u32 = 2166136261;
            for (g, (c, _)) in &self.glyphs {
                h = (h ^ u32::from(*g) ^ (*c as u32)).wrapping_mul(16777619);
            }
            (0..6)
                .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
                .collect()
        };
        let base: String = self
            .post_script_name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        Some(Subset {
            file,
            widths,
            unicode,
            ascent: f32::from(face.ascender()) * em,
            descent: f32::from(face.descender()) * em,
            cap_height: face.capital_height().map_or(700.0, |h| f32::from(h) * em),
            bbox: [
                f32::from(b.x_min) * em,
                f32::from(b.y_min) * em,
                f32::from(b.x_max) * em,
                f32::from(b.y_max) * em,
            ],
            name: format!("{tag}+{}", if base.is_empty() { "Font" } else { &base }),
        })
    }
}

/// A character in the standard fonts' WinAnsi encoding; what it lacks
/// becomes '?'.
fn standard_code(c: char) -> u8 {
    match c {
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
        _ => b'?',
    }
}

/// Advance of a character in Helvetica, in ems (close to the font's own
/// metrics; a line wraps a little early rather than run off the page).
fn standard_em(c: char) -> f32 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'i' | 'j' | 'l' | 'I' => 0.28,
        'f' | 't' | 'r' | '(' | ')' | '-' | '[' | ']' | '/' => 0.34,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.86,
        'A'..='Z' | '&' => 0.7,
        _ => 0.56,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No fonts at all: the standard Helvetica, with '?' for what its
    /// encoding lacks.
    #[test]
    fn without_fonts_the_standard_font_sets_the_text() {
        let book: &'static FontBook = Box::leak(Box::new(FontBook::new(Database::new())));
        let mut t = Typesetter::new(book);
        let runs = t.runs("a–b “c” € 日", false);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].font, Font::Standard { bold: false });
        assert_eq!(runs[0].bytes, b"a\x96b \x93c\x94 \x80 ?");
        assert!(t.used.is_empty());
        assert_eq!(t.standard_used, [true, false]);
    }

    /// With fonts installed (the test command installs DejaVu and Droid
    /// Sans Fallback), Polish and Greek come from one face, Chinese from
    /// another, and each glyph is kept with its character.
    #[test]
    fn installed_fonts_set_every_script() {
        let book = FontBook::system();
        if book.order[0].is_empty() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have fonts: the test command installs fonts-dejavu-core"
            );
            eprintln!("no fonts installed: skipped");
            return;
        }
        let mut t = Typesetter::new(book);
        let runs = t.runs("Łukasz Ωμέγα", false);
        assert!(
            runs.iter().all(|r| matches!(r.font, Font::Embedded(_))),
            "Latin and Greek in an embedded face"
        );
        assert!(t.width("Łukasz", false) > 1.0);
        let cjk = t.runs("李雷", true);
        let has_cjk = cjk.iter().all(|r| matches!(r.font, Font::Embedded(_)));
        assert!(
            has_cjk || std::env::var_os("CI").is_none(),
            "CI must have a Chinese font: the test command installs fonts-droid-fallback"
        );
        let subset = t.used[0].subset().expect("subset");
        assert!(subset.unicode.iter().any(|(_, c)| *c == 'Ł'));
        assert!(subset.file.len() < 200_000, "a subset, not the whole face");
        assert!(subset.name.len() > 7 && subset.name.as_bytes()[6] == b'+');
    }
}
