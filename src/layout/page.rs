//! The laid-out page: what a writer draws. Positions are in PDF points (1/72 inch) from the
//! page's top-left corner, y growing downwards; a writer converts to its own coordinates.
//! The editor preview and the PDF writer both draw exactly these items, so they agree.

/// Which face of the embedded font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Body text.
    Regular,
    /// Headings, names.
    Bold,
    /// Members' quotes.
    Italic,
}

impl Style {
    /// Every style, in a fixed order (for writers that register fonts once).
    pub const ALL: [Style; 3] = [Style::Regular, Style::Bold, Style::Italic];
}

/// A colour, 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Body text.
    pub const TEXT: Rgb = Rgb(0x21, 0x21, 0x21);
    /// Quiet text: provenance, footer.
    pub const QUIET: Rgb = Rgb(0x5F, 0x63, 0x68);
    /// Accent: rules and headings.
    pub const ACCENT: Rgb = Rgb(0x2E, 0x7D, 0x32);
    /// The DRAFT mark.
    pub const DRAFT: Rgb = Rgb(0xC6, 0x28, 0x28);
}

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text on one line, starting at `x`, with its baseline at `baseline`.
    Text {
        /// Left edge, points.
        x: f32,
        /// Baseline, points from the top.
        baseline: f32,
        /// Font size, points.
        size: f32,
        /// Face.
        style: Style,
        /// Colour.
        colour: Rgb,
        /// The text exactly as it should read.
        text: String,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke width, points.
        width: f32,
        /// Colour.
        colour: Rgb,
    },
    /// A filled rectangle (top-left corner, size).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Rgb,
    },
    /// A logo, drawn to fill this box (top-left corner, size; the layout keeps the aspect
    /// ratio). `image` indexes the logos handed to the writer, so a logo used on many pages
    /// is stored once.
    Logo {
        /// Which logo.
        image: usize,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// A large diagonal mark across the page centre (the DRAFT watermark). Writers draw it
    /// as real text too, so that it can be found by searching.
    Watermark {
        /// The word.
        text: String,
        /// Font size, points.
        size: f32,
        /// Colour (drawn light).
        colour: Rgb,
    },
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Width, points.
    pub width: f32,
    /// Height, points.
    pub height: f32,
    /// What to draw, in drawing order.
    pub items: Vec<Item>,
}

impl Page {
    /// A4 portrait in points.
    pub const A4: (f32, f32) = (595.276, 841.89);

    /// All text on the page in drawing order, one item per line (for tests and search).
    pub fn text_lines(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|i| match i {
            Item::Text { text, .. } | Item::Watermark { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}
