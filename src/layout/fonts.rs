//! The embedded Noto Sans faces and the widths the layout measures with.
//!
//! The PDF writer places text glyph by glyph through each font's cmap, with no shaping and no
//! kerning, so the sum of the cmap glyphs' `hmtx` advances is exactly the width a line takes
//! on paper. Measuring the same way here is what makes the editor's fit check trustworthy.

use ttf_parser::{Face, FaceParsingError, GlyphId};

use crate::layout::page::Style;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");
static READING_REGULAR: &[u8] = include_bytes!("../../assets/fonts/andika/Andika-Regular.ttf");
static READING_BOLD: &[u8] = include_bytes!("../../assets/fonts/andika/Andika-Bold.ttf");
static READING_ITALIC: &[u8] = include_bytes!("../../assets/fonts/andika/Andika-Italic.ttf");
/// Monochrome faces behind every style, in order, for characters the page's face lacks
/// (see `assets/fonts/fallback/README.md`).
static FALLBACKS: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/fallback/NotoEmoji-Regular.ttf"),
    include_bytes!("../../assets/fonts/fallback/NotoSansSymbols2-Regular.ttf"),
];

/// Which face draws a character: a style's own face, or one of the fallback faces every style
/// shares (by its place in the fallback list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaceKey {
    /// The style's own face.
    Own(Style),
    /// A fallback face.
    Fallback(usize),
}

/// The embedded fonts could not be read. Only a broken build can cause this: the files are
/// compiled into the binary.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// A font file is not a font ttf-parser can read.
    #[error("the built-in {style:?} font could not be read ({source}); reinstall the app")]
    Parse {
        /// Which face.
        style: Style,
        /// What the parser said.
        source: FaceParsingError,
    },
    /// A font file reads but has no usable metrics (units per em is zero).
    #[error("the built-in {style:?} font has no usable metrics; reinstall the app")]
    NoMetrics {
        /// Which face.
        style: Style,
    },
}

/// Characters below this (Latin, Greek, Cyrillic) have their advances looked up once at start
/// up, so that measuring a page never walks the cmap for ordinary text.
const TABLE_LOW_END: u32 = 0x0600;
/// General punctuation (dashes, curly quotes, bullet, ellipsis) is tabled as well.
const TABLE_PUNCT: std::ops::Range<u32> = 0x2000..0x2070;

/// One parsed face with its tabled advances.
struct FaceMetrics {
    bytes: &'static [u8],
    face: Face<'static>,
    units_per_em: f32,
    /// Advance of glyph 0 (`.notdef`), which a writer shows for a character the font lacks.
    notdef_advance: u16,
    /// Cap height as a fraction of the em, for placing baselines inside a line box.
    cap_height: f32,
    /// `(advance, has_glyph)` for U+0000 up to `TABLE_LOW_END`, then for `TABLE_PUNCT`.
    table: Vec<(u16, bool)>,
}

impl FaceMetrics {
    fn parse(style: Style, bytes: &'static [u8]) -> Result<Self, FontError> {
        let mut metrics = Self::parse_untabled(style, bytes)?;
        let notdef_advance = metrics.notdef_advance;
        let table: Vec<(u16, bool)> = (0..TABLE_LOW_END)
            .chain(TABLE_PUNCT)
            .map(|cp| char::from_u32(cp).map_or((notdef_advance, false), |c| metrics.lookup(c)))
            .collect();
        metrics.table = table;
        Ok(metrics)
    }

    /// Parses a face that is only consulted for characters another face lacks: no table of
    /// advances is made, which keeps start-up as fast as before.
    fn parse_untabled(style: Style, bytes: &'static [u8]) -> Result<Self, FontError> {
        let face = Face::parse(bytes, 0).map_err(|source| FontError::Parse { style, source })?;
        let upem = face.units_per_em();
        if upem == 0 {
            return Err(FontError::NoMetrics { style });
        }
        let notdef_advance = face.glyph_hor_advance(GlyphId(0)).unwrap_or(0);
        let cap_height = face.capital_height().filter(|h| *h > 0).map_or(0.7, |h| f32::from(h) / f32::from(upem));
        Ok(FaceMetrics { bytes, face, units_per_em: f32::from(upem), notdef_advance, cap_height, table: Vec::new() })
    }

    /// Walks the cmap: `(advance in font units, whether the font has the glyph)`.
    fn lookup(&self, c: char) -> (u16, bool) {
        match self.face.glyph_index(c) {
            Some(glyph) if glyph.0 != 0 => (self.face.glyph_hor_advance(glyph).unwrap_or(self.notdef_advance), true),
            _ => (self.notdef_advance, false),
        }
    }

    fn entry(&self, c: char) -> (u16, bool) {
        let cp = u32::from(c);
        let index = if cp < TABLE_LOW_END {
            Some(cp)
        } else if TABLE_PUNCT.contains(&cp) {
            Some(cp - TABLE_PUNCT.start + TABLE_LOW_END)
        } else {
            None
        };
        match index.and_then(|i| self.table.get(i as usize)) {
            Some(entry) => *entry,
            None => self.lookup(c),
        }
    }
}

/// The three embedded faces of the page (Noto Sans, or Andika for a reading copy) and the
/// fallback faces behind them, parsed once and shared (behind an `Arc`) by the editor preview,
/// the layout and the PDF writer.
pub struct FontSet {
    regular: FaceMetrics,
    bold: FaceMetrics,
    italic: FaceMetrics,
    fallbacks: Vec<FaceMetrics>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The parsed faces are large and say nothing useful when printed.
        f.debug_struct("FontSet").finish_non_exhaustive()
    }
}

impl FontSet {
    /// Parses the fonts compiled into the binary (a few milliseconds; do it once).
    ///
    /// # Errors
    ///
    /// [`FontError`] if a built-in file does not parse, which only a broken build can cause.
    pub fn embedded() -> Result<FontSet, FontError> {
        FontSet::from_faces([REGULAR, BOLD, ITALIC])
    }

    /// Parses the reading font compiled into the binary: Andika, designed for new readers and
    /// letters that are hard to tell apart (see `assets/fonts/andika/README.md`).
    ///
    /// # Errors
    ///
    /// [`FontError`] if a built-in file does not parse, which only a broken build can cause.
    pub fn reading() -> Result<FontSet, FontError> {
        FontSet::from_faces([READING_REGULAR, READING_BOLD, READING_ITALIC])
    }

    /// A set from the regular, bold and italic files of one family, with the shared fallbacks.
    fn from_faces([regular, bold, italic]: [&'static [u8]; 3]) -> Result<FontSet, FontError> {
        Ok(FontSet {
            regular: FaceMetrics::parse(Style::Regular, regular)?,
            bold: FaceMetrics::parse(Style::Bold, bold)?,
            italic: FaceMetrics::parse(Style::Italic, italic)?,
            fallbacks: parse_fallbacks()?,
        })
    }

    fn face(&self, style: Style) -> &FaceMetrics {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
            Style::Italic => &self.italic,
        }
    }

    /// The TrueType file of a face, for a writer or the window to embed.
    #[must_use]
    pub fn bytes(&self, style: Style) -> &'static [u8] {
        self.face(style).bytes
    }

    /// The TrueType file of any face, own or fallback.
    #[must_use]
    pub fn face_bytes(&self, key: FaceKey) -> &'static [u8] {
        match key {
            FaceKey::Own(style) => self.bytes(style),
            FaceKey::Fallback(i) => self.fallbacks.get(i).map_or(self.regular.bytes, |f| f.bytes),
        }
    }

    /// The fallback faces' files, in the order they are tried.
    #[must_use]
    pub fn fallback_bytes(&self) -> Vec<&'static [u8]> {
        self.fallbacks.iter().map(|f| f.bytes).collect()
    }

    /// The face that draws `c` in `style`: the style's own when it has the glyph, else the
    /// first fallback that has it, else the own face (which draws `.notdef`).
    #[must_use]
    pub fn face_for(&self, style: Style, c: char) -> FaceKey {
        // Spaces and control characters are never drawn from a fallback.
        if self.face(style).entry(c).1 || c.is_whitespace() || c.is_control() {
            return FaceKey::Own(style);
        }
        self.fallbacks.iter().position(|f| f.lookup(c).1).map_or(FaceKey::Own(style), FaceKey::Fallback)
    }

    /// `text` cut into runs that one face draws, in order: a writer sets each run's face.
    #[must_use]
    pub fn runs<'t>(&self, style: Style, text: &'t str) -> Vec<(FaceKey, &'t str)> {
        let mut runs: Vec<(FaceKey, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<FaceKey> = None;
        for (i, c) in text.char_indices() {
            // Every character (spaces too) in the face it was measured in.
            let key = self.face_for(style, c);
            match current {
                Some(k) if k != key => {
                    runs.push((k, &text[start..i]));
                    start = i;
                    current = Some(key);
                }
                None => current = Some(key),
                Some(_) => {}
            }
        }
        if let Some(k) = current {
            runs.push((k, &text[start..]));
        }
        runs
    }

    /// `(advance in the style's own font units, whether some face has a glyph)` for `c`: a
    /// character the style's face lacks is measured in the fallback that draws it, scaled to
    /// the own face's units.
    fn entry(&self, style: Style, c: char) -> (u16, bool) {
        let own = self.face(style);
        let entry = own.entry(c);
        if entry.1 || c.is_whitespace() || c.is_control() {
            return entry;
        }
        for fallback in &self.fallbacks {
            let (advance, has) = fallback.lookup(c);
            if has {
                let scaled = (f32::from(advance) * own.units_per_em / fallback.units_per_em).round();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "an advance fits in u16")]
                return (scaled.clamp(0.0, f32::from(u16::MAX)) as u16, true);
            }
        }
        entry
    }

    /// The advance of `c` at `size`, in points: the `hmtx` advance of the glyph the cmap maps
    /// it to (in a fallback face when the style's own lacks it), or of `.notdef` when no face
    /// has it (which is what a writer would draw).
    #[must_use]
    pub fn advance(&self, style: Style, c: char, size: f32) -> f32 {
        let face = self.face(style);
        f32::from(self.entry(style, c).0) * size / face.units_per_em
    }

    /// The width of `text` on one line at `size`, in points: the sum of the advances, with no
    /// kerning, exactly as the PDF writer places it.
    #[must_use]
    pub fn width(&self, style: Style, text: &str, size: f32) -> f32 {
        let face = self.face(style);
        units_to_points(self.width_units(style, text), size, face.units_per_em)
    }

    /// Whether the style's face, or a fallback behind it, has a real glyph (not `.notdef`) for
    /// `c`.
    #[must_use]
    pub fn has_glyph(&self, style: Style, c: char) -> bool {
        self.entry(style, c).1
    }

    /// The characters of `text` no face can show, sorted and deduplicated. Whitespace and
    /// control characters are left out: the layout never draws them.
    #[must_use]
    pub fn missing(&self, style: Style, text: &str) -> Vec<char> {
        let mut missing: Vec<char> =
            text.chars().filter(|c| !c.is_whitespace() && !c.is_control() && !self.has_glyph(style, *c)).collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// Sum of advances in font units. Integer sums keep wrapping exact and deterministic.
    pub(crate) fn width_units(&self, style: Style, text: &str) -> u32 {
        // Saturating, so that even a pathological paste of megabytes cannot overflow.
        text.chars().fold(0u32, |sum, c| sum.saturating_add(u32::from(self.entry(style, c).0)))
    }

    /// Advance of one character in font units.
    pub(crate) fn advance_units(&self, style: Style, c: char) -> u32 {
        u32::from(self.entry(style, c).0)
    }

    /// Font units per em of a face (1000 for Noto Sans).
    pub(crate) fn units_per_em(&self, style: Style) -> f32 {
        self.face(style).units_per_em
    }

    /// Cap height as a fraction of the font size.
    pub(crate) fn cap_height(&self, style: Style) -> f32 {
        self.face(style).cap_height
    }
}

/// Parses the fallback faces (Regular names them in an error; they serve every style).
fn parse_fallbacks() -> Result<Vec<FaceMetrics>, FontError> {
    FALLBACKS.iter().map(|bytes| FaceMetrics::parse_untabled(Style::Regular, bytes)).collect()
}

/// Converts a sum of font units to points.
#[allow(clippy::cast_precision_loss, reason = "a line's width stays far below 2^24 units, where f32 is exact")]
pub(crate) fn units_to_points(units: u32, size: f32, units_per_em: f32) -> f32 {
    units as f32 * size / units_per_em
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The embedded fonts, for the layout's tests.
    pub(crate) fn fonts() -> FontSet {
        FontSet::embedded().expect("embedded fonts parse")
    }

    #[test]
    fn covers_real_names_and_typography_in_every_face() {
        let fonts = fonts();
        let text = "Zoë Siobhán Łukasz Dafydd Ó Súilleabháin ‘ ’ “ ” – — • … é ñ ß ç";
        for style in Style::ALL {
            assert_eq!(fonts.missing(style, text), Vec::<char>::new(), "{style:?}");
        }
    }

    #[test]
    fn the_reading_font_covers_real_names_too() {
        let fonts = FontSet::reading().expect("reading font parses");
        let text = "Zoë Siobhán Łukasz Dafydd Ó Súilleabháin ‘ ’ “ ” – — • … é ñ ß ç";
        for style in Style::ALL {
            assert_eq!(fonts.missing(style, text), Vec::<char>::new(), "{style:?}");
            assert_eq!(&fonts.bytes(style)[..4], &[0, 1, 0, 0], "{style:?} is a TrueType file");
        }
        // It is Andika, not Noto Sans again.
        let noto = FontSet::embedded().expect("fonts");
        assert_ne!(fonts.bytes(Style::Regular), noto.bytes(Style::Regular));
    }

    #[test]
    fn reports_what_no_face_has_once() {
        let fonts = fonts();
        assert!(!fonts.has_glyph(Style::Regular, 'ع'));
        assert_eq!(fonts.missing(Style::Regular, "ok ع and ع again"), vec!['ع']);
        // A missing glyph is measured as the .notdef box a writer would draw, never as zero.
        assert!(fonts.advance(Style::Regular, 'ع', 10.0) > 0.0);
    }

    #[test]
    fn emoji_and_symbols_come_from_the_fallbacks_in_every_style_and_both_fonts() {
        for fonts in [fonts(), FontSet::reading().expect("reading font parses")] {
            for style in Style::ALL {
                assert_eq!(fonts.missing(style, "We meet 😊 ☕ ✈ ★ ✓ 👍 ❤"), Vec::<char>::new(), "{style:?}");
                assert_eq!(fonts.face_for(style, '😊'), FaceKey::Fallback(0));
                assert_eq!(fonts.face_for(style, '★'), FaceKey::Fallback(1));
                assert_eq!(fonts.face_for(style, 'a'), FaceKey::Own(style));
                // An emoji is about as wide as the em, not the .notdef box.
                let em = fonts.advance(style, '😊', 10.0);
                assert!(em > 8.0 && em < 14.0, "{em}");
            }
            let runs = fonts.runs(Style::Regular, "Tea ☕ and cake 😊!");
            let keys: Vec<FaceKey> = runs.iter().map(|(k, _)| *k).collect();
            let texts: Vec<&str> = runs.iter().map(|(_, t)| *t).collect();
            assert_eq!(texts, ["Tea ", "☕", " and cake ", "😊", "!"]);
            assert_eq!(
                keys,
                [
                    FaceKey::Own(Style::Regular),
                    FaceKey::Fallback(0),
                    FaceKey::Own(Style::Regular),
                    FaceKey::Fallback(0),
                    FaceKey::Own(Style::Regular)
                ]
            );
            assert_eq!(texts.concat(), "Tea ☕ and cake 😊!");
        }
    }

    #[test]
    fn width_is_the_sum_of_advances() {
        let fonts = fonts();
        let text = "Siobhán’s “peer” group — Tuesdays";
        for style in Style::ALL {
            let sum: f32 = text.chars().map(|c| fonts.advance(style, c, 10.0)).sum();
            assert!((fonts.width(style, text, 10.0) - sum).abs() < 0.01, "{style:?}");
        }
        assert!(fonts.width(Style::Bold, "Recovery", 10.0) > fonts.width(Style::Regular, "Recovery", 10.0));
        assert!(
            (fonts.width(Style::Regular, "Recovery", 20.0) - 2.0 * fonts.width(Style::Regular, "Recovery", 10.0)).abs()
                < 0.001
        );
        assert!(fonts.width(Style::Regular, "", 10.0).abs() < f32::EPSILON);
    }

    #[test]
    fn tabled_and_looked_up_advances_agree() {
        let fonts = fonts();
        for c in ['a', 'Ł', 'Ж', '—', '•', '€', 'ﬁ', '\u{0}'] {
            let face = fonts.face(Style::Regular);
            assert_eq!(face.entry(c), face.lookup(c), "{c:?}");
        }
    }

    #[test]
    fn bytes_are_the_shipped_files() {
        let fonts = fonts();
        for style in Style::ALL {
            assert_eq!(&fonts.bytes(style)[..4], &[0, 1, 0, 0], "{style:?} is a TrueType file");
        }
    }

    #[test]
    fn font_set_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<FontSet>();
    }
}
