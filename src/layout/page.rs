//! The laid-out page: what a writer draws. Positions are in PDF points (1/72 inch) from the
//! page's top-left corner, y growing downwards; a writer converts to its own coordinates.
//! The editor preview and the PDF writer both draw exactly these items, so they agree.
//!
//! Each item also says what it is ([`Role`]), and a page carries its structure tree
//! ([`Page::structure`]): the blocks a reader meets, in reading order, each over a range of
//! the page's items. The builders decide both once, so that a writer of a tagged PDF or of an
//! HTML edition never has to guess what a run of text is.

use std::ops::Range;

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

/// What an item, or a node of the structure tree, is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Role {
    /// A heading of this level (1 is the highest).
    Heading(u8),
    /// Running text.
    Paragraph,
    /// A list (a node whose children are list items).
    List,
    /// One list item (a node: its label, then its body).
    ListItem,
    /// A list item's label (the bullet).
    ListLabel,
    /// A list item's text.
    ListBody,
    /// A quotation.
    Quote,
    /// A picture, with the words that stand for it for a reader who cannot see it.
    Figure {
        /// The alternative text ("Logo of Brighter Futures").
        alt: String,
    },
    /// A table (a node whose children are rows).
    Table,
    /// A row of a table (a node whose children are cells).
    TableRow,
    /// A column heading of a table.
    TableHeader,
    /// A data cell of a table.
    TableCell,
    /// A table of contents (a node whose children are its entries).
    Toc,
    /// One entry of a table of contents.
    TocItem,
    /// A part of a document that groups other nodes (the header, the sign-off block).
    Section,
    /// Page furniture, not content: running headers and footers, page numbers, rules, bars
    /// and bullets' decoration, the watermark.
    Artifact,
}

/// A node of a page's structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node is.
    pub role: Role,
    /// What it holds.
    pub content: Content,
    /// True when the node carries on the one at the same place on the page before (a
    /// paragraph, list or table broken across pages): a writer that builds one tree for the
    /// whole document joins the two.
    pub continued: bool,
}

/// What a structure node holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Nodes below it, in reading order.
    Children(Vec<Node>),
    /// A range of [`Page::items`]. Decoration inside it (a quote's bar) has its own
    /// [`Role::Artifact`].
    Items(Range<usize>),
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
        /// What it is.
        role: Role,
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
        /// What it is (a rule is page furniture).
        role: Role,
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
        /// What it is (a quote's bar is page furniture).
        role: Role,
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
        /// What it is: a figure with its alternative text.
        role: Role,
    },
    /// A large diagonal mark across the page centre (the DRAFT watermark), in the bold face.
    /// Writers draw it as real text too, so that it can be found by searching. Always page
    /// furniture.
    Watermark {
        /// The word.
        text: String,
        /// Font size, points.
        size: f32,
        /// Colour (drawn light).
        colour: Rgb,
        /// Where the word's baseline starts, x.
        x: f32,
        /// Where the word's baseline starts, y (points from the top).
        baseline: f32,
        /// The middle of the word's cap-height box, which lies on the page centre, for
        /// writers that place text by its box rather than by its baseline.
        centre: (f32, f32),
        /// Angle of the baseline, degrees counter-clockwise from horizontal.
        angle: f32,
    },
}

impl Item {
    /// What the item is.
    #[must_use]
    pub fn role(&self) -> &Role {
        match self {
            Item::Text { role, .. } | Item::Line { role, .. } | Item::Rect { role, .. } | Item::Logo { role, .. } => {
                role
            }
            Item::Watermark { .. } => &Role::Artifact,
        }
    }
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
    /// The page's structure tree: its top nodes, in reading order (which need not be the
    /// drawing order). Page furniture is left out.
    pub structure: Vec<Node>,
    /// Where a reader can jump to on this page (a PDF's outline), in reading order.
    pub bookmarks: Vec<Bookmark>,
}

/// An entry of a document's outline: a title to jump to, at a place on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// Depth in the outline, from 1 (the top).
    pub level: u8,
    /// What the entry says.
    pub title: String,
    /// Where on the page it leads, points from the top.
    pub y: f32,
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
