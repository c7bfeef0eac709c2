//! The typesetter every document is built on: the shared frame and body measures, text
//! measured and cut to fit, and the page under construction ([`Sheet`]) that collects drawn
//! items together with their roles and the structure tree.
//!
//! A document builder (the one-pager, the report) decides what goes where; everything that
//! turns text into placed runs (one line, capped lines, the "…" cut, bullets and quote
//! bars) is done here, once.

use crate::domain::text::one_line;
use crate::layout::blocks::BlockKind;
use crate::layout::fonts::FontSet;
use crate::layout::page::{Bookmark, Content, Item, Node, Page, Rgb, Role, Style};
use crate::layout::wrap::WrapCache;

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

// The frame every page shares. Sizes are in points; body text is never set smaller than
// BODY_SIZE.
pub(crate) const MARGIN_X: f32 = 20.0 * MM;
pub(crate) const MARGIN_TOP: f32 = 16.0 * MM;
pub(crate) const MARGIN_BOTTOM: f32 = 16.0 * MM;

pub(crate) const RULE_WIDTH: f32 = 1.0;
pub(crate) const RULE_ABOVE: f32 = 5.0;

pub(crate) const BODY_SIZE: f32 = 10.0;
pub(crate) const BODY_LEADING: f32 = 1.3;
pub(crate) const BODY_LINE: f32 = BODY_SIZE * BODY_LEADING;
/// Before a paragraph (after a blank line).
pub(crate) const PARAGRAPH_GAP: f32 = 0.5 * BODY_LINE;
/// Between bullet items, or a list and the line that introduces it.
pub(crate) const ITEM_GAP: f32 = 0.2 * BODY_LINE;
pub(crate) const BULLET: &str = "•";
pub(crate) const BULLET_X: f32 = 3.0;
pub(crate) const BULLET_INDENT: f32 = 14.0;
pub(crate) const QUOTE_INDENT: f32 = 16.0;
pub(crate) const QUOTE_BAR_X: f32 = 3.0;
pub(crate) const QUOTE_BAR_W: f32 = 2.5;

pub(crate) const WATERMARK: &str = "DRAFT";
pub(crate) const WATERMARK_SIZE: f32 = 110.0;
/// Angle of the watermark's baseline, counter-clockwise from horizontal.
const WATERMARK_ANGLE_DEG: f32 = 45.0;
/// The face the watermark is drawn in (writers draw it in this face too).
const WATERMARK_STYLE: Style = Style::Bold;

/// A count as `f32`. Counts of lines on a page stay far below 2^24, where `f32` is exact.
#[allow(clippy::cast_precision_loss, reason = "counts of lines stay far below 2^24")]
pub(crate) fn count(n: usize) -> f32 {
    n as f32
}

/// How a run of text is drawn: its size, face and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pen {
    /// Font size, points.
    pub(crate) size: f32,
    pub(crate) style: Style,
    pub(crate) colour: Rgb,
}

impl Pen {
    pub(crate) const fn new(size: f32, style: Style, colour: Rgb) -> Pen {
        Pen { size, style, colour }
    }
}

/// What a line cut to fit becomes when not even "…" fits its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    /// "…" alone (the one-pager, whose fields always have room for it).
    Ellipsis,
    /// Nothing at all (the report's margins and table cells).
    Nothing,
}

/// Measures text for one document: the fonts, the shared wrap cache and how lines are cut.
pub(crate) struct Typesetter<'a> {
    pub(crate) fonts: &'a FontSet,
    cache: &'a mut WrapCache,
    cut: Cut,
}

impl<'a> Typesetter<'a> {
    pub(crate) fn new(fonts: &'a FontSet, cache: &'a mut WrapCache, cut: Cut) -> Self {
        Typesetter { fonts, cache, cut }
    }

    /// `text` wrapped to `width`, through the cache.
    pub(crate) fn wrap(&mut self, text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
        self.cache.lines(self.fonts, text, style, size, width).to_vec()
    }

    /// `text` put on one line, wrapped to `width` in at most `max` lines, the last ending in
    /// "…" when cut. Fields are capped so that no text, however long, pushes the rest off
    /// the page.
    pub(crate) fn capped(&mut self, text: &str, style: Style, size: f32, width: f32, max: usize) -> Vec<String> {
        let mut lines = self.wrap(&one_line(text), style, size, width);
        if lines.len() > max {
            lines.truncate(max);
            if let Some(last) = lines.last_mut() {
                *last = self.fit_line(&format!("{last} …"), style, size, width);
            }
        }
        lines
    }

    /// `text` put on one line no wider than `width`, cut with "…" when it is too long (see
    /// [`Cut`] for when not even "…" fits).
    pub(crate) fn fit_line(&self, text: &str, style: Style, size: f32, width: f32) -> String {
        let text = one_line(text);
        if self.fonts.width(style, &text, size) <= width {
            return text;
        }
        let budget = width - self.fonts.width(style, "…", size);
        if budget < 0.0 && self.cut == Cut::Nothing {
            return String::new();
        }
        let mut used = 0.0;
        let end = text
            .char_indices()
            .find_map(|(i, c)| {
                used += self.fonts.advance(style, c, size);
                (used > budget).then_some(i)
            })
            .unwrap_or(text.len());
        format!("{}…", text[..end].trim_end())
    }

    /// How a statement's bold `code` stands before its `title` in a heading `width` wide: hung
    /// beside the title (the code's width, and the title alone to wrap), or, when the code is
    /// empty or too long to hang (wider than a third of the heading, never in real sets), no
    /// hang and the text to wrap with the code run into it.
    pub(crate) fn hang_code(&self, code: &str, title: &str, size: f32, width: f32) -> (Option<f32>, String) {
        let code_width = self.fonts.width(Style::Bold, code, size);
        if code.is_empty() {
            (None, title.to_owned())
        } else if code_width <= width / 3.0 {
            (Some(code_width), title.to_owned())
        } else {
            (None, format!("{code} {title}"))
        }
    }

    /// The baseline of a line of `size` text in a line box starting at `top`: cap height
    /// centred in the box, so text sits evenly between its neighbours whatever the leading.
    pub(crate) fn baseline(&self, top: f32, line_height: f32, size: f32, style: Style) -> f32 {
        top + f32::midpoint(line_height, self.fonts.cap_height(style) * size)
    }

    /// The DRAFT watermark for a page of this size.
    pub(crate) fn watermark(&self, width: f32, height: f32) -> Item {
        watermark(self.fonts, WATERMARK, WATERMARK_SIZE, (width, height))
    }
}

/// A watermark: `text` in the bold face at `size`, turned 45°, the middle of its cap-height
/// box on the centre of a page of size `page` (width, height), measured with `fonts` as a
/// writer will draw it.
#[must_use]
pub fn watermark(fonts: &FontSet, text: &str, size: f32, page: (f32, f32)) -> Item {
    let text_width = fonts.width(WATERMARK_STYLE, text, size);
    let rise = fonts.cap_height(WATERMARK_STYLE) * size;
    let (sin, cos) = WATERMARK_ANGLE_DEG.to_radians().sin_cos();
    let centre = (page.0 / 2.0, page.1 / 2.0);
    Item::Watermark {
        text: text.to_owned(),
        size,
        colour: Rgb::DRAFT,
        x: centre.0 - cos * text_width / 2.0 + sin * rise / 2.0,
        // Page y grows downwards, so the baseline's start lies below the centre.
        baseline: centre.1 + sin * text_width / 2.0 + cos * rise / 2.0,
        centre,
        angle: WATERMARK_ANGLE_DEG,
    }
}

/// How a block of body text is set: its face and its indents from the column's left and
/// right edges.
pub(crate) fn block_shape(kind: BlockKind) -> (Style, f32, f32) {
    match kind {
        BlockKind::Paragraph => (Style::Regular, 0.0, 0.0),
        BlockKind::Bullet => (Style::Regular, BULLET_INDENT, 0.0),
        BlockKind::Quote => (Style::Italic, QUOTE_INDENT, QUOTE_INDENT),
    }
}

/// The role of a block's lines of text.
pub(crate) fn block_role(kind: BlockKind) -> Role {
    match kind {
        BlockKind::Paragraph => Role::Paragraph,
        BlockKind::Bullet => Role::ListBody,
        BlockKind::Quote => Role::Quote,
    }
}

/// A node being built: a group collecting child nodes, or a leaf over items from `start`.
#[derive(Debug)]
enum Open {
    Group(Role, Vec<Node>, bool),
    Leaf(Role, usize, bool),
}

/// A page under construction: its items, each with its role, and its structure tree, built
/// as blocks open and close. Turned into a [`Page`] once, when it is complete.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    items: Vec<Item>,
    /// How many items the sheet started with (its watermark).
    base: usize,
    nodes: Vec<Node>,
    open: Vec<Open>,
    bookmarks: Vec<Bookmark>,
}

impl Sheet {
    /// A sheet starting with `first` (the watermark, drawn under everything else).
    pub(crate) fn new(first: Option<Item>) -> Self {
        let items: Vec<Item> = first.into_iter().collect();
        Sheet { base: items.len(), items, ..Sheet::default() }
    }

    /// How many items are placed so far (the index the next one will have).
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing is placed yet besides what the sheet started with.
    pub(crate) fn is_empty(&self) -> bool {
        self.items.len() == self.base
    }

    pub(crate) fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Adds a run of text starting at `x` on `baseline`, unless the text is empty.
    pub(crate) fn text(&mut self, x: f32, baseline: f32, pen: Pen, text: String, role: Role) {
        if !text.is_empty() {
            let Pen { size, style, colour } = pen;
            self.items.push(Item::Text { x, baseline, size, style, colour, text, role });
        }
    }

    /// One run of text on `baseline`, as a node of its own.
    pub(crate) fn run(&mut self, x: f32, baseline: f32, pen: Pen, text: String, role: Role) {
        self.leaf(role.clone());
        self.text(x, baseline, pen, text, role);
        self.close();
    }

    /// A horizontal rule from `x1` to `x2` at `y` (page furniture).
    pub(crate) fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, colour: Rgb) {
        self.items.push(Item::Line { x1, y1: y, x2, y2: y, width, colour, role: Role::Artifact });
    }

    /// A bullet's glyph, hung in the indent at `left` on `baseline`; the item's text follows.
    pub(crate) fn bullet(&mut self, left: f32, baseline: f32) {
        if self.in_leaf(&Role::ListBody) {
            self.close();
        }
        self.leaf(Role::ListLabel);
        let pen = Pen::new(BODY_SIZE, Style::Regular, Rgb::TEXT);
        self.text(left + BULLET_X, baseline, pen, BULLET.to_owned(), Role::ListLabel);
        self.close();
        self.leaf(Role::ListBody);
    }

    /// Opens the nodes for a block of body text: a paragraph, a quote, or a list item (in
    /// the list that consecutive bullet items share).
    pub(crate) fn open_block(&mut self, kind: BlockKind) {
        let in_list = self.in_group(&Role::List);
        match kind {
            BlockKind::Bullet => {
                if !in_list {
                    self.group(Role::List);
                }
                self.group(Role::ListItem);
                self.leaf(Role::ListBody);
            }
            BlockKind::Paragraph | BlockKind::Quote => {
                if in_list {
                    self.close();
                }
                self.leaf(block_role(kind));
            }
        }
    }

    /// Closes what [`Sheet::open_block`] opened (a list stays open for the next item).
    pub(crate) fn close_block(&mut self, kind: BlockKind) {
        if kind == BlockKind::Bullet {
            while let Some(open) = self.open.last() {
                let item = matches!(open, Open::Group(Role::ListItem, ..));
                self.close();
                if item {
                    break;
                }
            }
        } else {
            self.close();
        }
    }

    /// Closes a list left open by the last block.
    pub(crate) fn end_blocks(&mut self) {
        if self.in_group(&Role::List) {
            self.close();
        }
    }

    /// A piece of a quote's accent bar beside the column's `left` edge, from `top` down
    /// `height` (decoration: the quote's text carries its role).
    pub(crate) fn quote_bar(&mut self, left: f32, top: f32, height: f32) {
        self.items.push(Item::Rect {
            x: left + QUOTE_BAR_X,
            y: top,
            w: QUOTE_BAR_W,
            h: height,
            fill: Rgb::ACCENT,
            role: Role::Artifact,
        });
    }

    /// Opens a node that will hold other nodes (a list, a table, a section).
    pub(crate) fn group(&mut self, role: Role) {
        self.open.push(Open::Group(role, Vec::new(), false));
    }

    /// Opens a node that carries on the last one of the page before (a table whose rows
    /// run onto this page).
    pub(crate) fn group_continued(&mut self, role: Role) {
        self.open.push(Open::Group(role, Vec::new(), true));
    }

    /// Opens a node over the items placed from now until it is closed.
    pub(crate) fn leaf(&mut self, role: Role) {
        self.open.push(Open::Leaf(role, self.items.len(), false));
    }

    /// A node with nothing in it: an empty table cell, which still holds its column's place.
    pub(crate) fn empty(&mut self, role: Role) {
        if role == Role::Artifact {
            return;
        }
        let at = self.items.len();
        let node = Node { role, content: Content::Items(at..at), continued: false };
        match self.open.last_mut() {
            Some(Open::Group(_, children, _)) => children.push(node),
            Some(Open::Leaf(..)) => {}
            None => self.nodes.push(node),
        }
    }

    /// Whether the innermost open node is a leaf with this role.
    fn in_leaf(&self, role: &Role) -> bool {
        matches!(self.open.last(), Some(Open::Leaf(r, ..)) if r == role)
    }

    /// Whether the innermost open node is a group with this role.
    pub(crate) fn in_group(&self, role: &Role) -> bool {
        matches!(self.open.last(), Some(Open::Group(r, ..)) if r == role)
    }

    /// Closes the innermost open node; a node with nothing in it, or over page furniture
    /// only, is left out.
    pub(crate) fn close(&mut self) {
        let node = match self.open.pop() {
            Some(Open::Group(Role::Artifact, ..) | Open::Leaf(Role::Artifact, ..)) => return,
            Some(Open::Group(role, children, continued)) if !children.is_empty() => {
                Node { role, content: Content::Children(children), continued }
            }
            Some(Open::Leaf(role, start, continued)) if start < self.items.len() => {
                Node { role, content: Content::Items(start..self.items.len()), continued }
            }
            _ => return,
        };
        match self.open.last_mut() {
            Some(Open::Group(_, children, _)) => children.push(node),
            // A leaf's items are already the enclosing leaf's.
            Some(Open::Leaf(..)) => {}
            None => self.nodes.push(node),
        }
    }

    /// Closes every open node, returning what they were, outermost first, so that a block
    /// broken across pages can be opened again on the next.
    pub(crate) fn close_all(&mut self) -> Vec<(Role, bool)> {
        let open = self
            .open
            .iter()
            .map(|o| match o {
                Open::Group(role, ..) => (role.clone(), true),
                Open::Leaf(role, ..) => (role.clone(), false),
            })
            .collect();
        while !self.open.is_empty() {
            self.close();
        }
        open
    }

    /// Opens again the nodes `close_all` closed on the previous page, each marked as
    /// carrying on the one it continues.
    pub(crate) fn reopen(&mut self, open: Vec<(Role, bool)>) {
        for (role, group) in open {
            if group {
                self.open.push(Open::Group(role, Vec::new(), true));
            } else {
                self.open.push(Open::Leaf(role, self.items.len(), true));
            }
        }
    }

    /// A place a reader can jump to (an entry of the PDF's outline), at `y` on this page.
    pub(crate) fn bookmark(&mut self, level: u8, title: String, y: f32) {
        self.bookmarks.push(Bookmark { level, title, y });
    }

    /// The top nodes closed since the last call, in the order they were closed.
    pub(crate) fn take_nodes(&mut self) -> Vec<Node> {
        std::mem::take(&mut self.nodes)
    }

    /// Puts back top nodes taken with [`Sheet::take_nodes`], after those still held: a
    /// builder that draws in one order and reads in another (the one-pager draws its
    /// footer before its body) takes each part's nodes and puts them back in reading order.
    pub(crate) fn put_nodes(&mut self, nodes: Vec<Node>) {
        self.nodes.extend(nodes);
    }

    /// The finished page, its structure tree the top nodes in the order they were closed
    /// (or put back).
    pub(crate) fn into_page(mut self) -> Page {
        self.close_all();
        let (width, height) = Page::A4;
        Page { width, height, items: self.items, structure: self.nodes, bookmarks: self.bookmarks }
    }
}
