//! The paginating flow: text placed down the column from page to page, a new page started
//! when the next line would end below the bottom margin, table headers repeated on every
//! page a table runs onto, and body blocks broken across pages with their structure opened
//! again on the next. Each page starts with the document's page furniture (the watermark
//! of a draft); the running footer is added by the document when it numbers its pages.

use crate::layout::blocks::BlockKind;
use crate::layout::page::{Item, Page, Rgb, Role, Style};
use crate::layout::typeset::{
    BODY_LINE, BODY_SIZE, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Pen, RULE_ABOVE, RULE_WIDTH, Sheet, Typesetter,
    block_shape,
};

/// Width of the text column.
pub(crate) const COLUMN: f32 = Page::A4.0 - 2.0 * MARGIN_X;
/// The lowest a line of text may end.
pub(crate) const BOTTOM: f32 = Page::A4.1 - MARGIN_BOTTOM;
/// Line height as a share of the size, for lines placed one under another.
pub(crate) const LEADING: f32 = 1.3;
/// Below a rule.
const RULE_BELOW: f32 = 10.0;

/// Places text down the column from page to page.
pub(crate) struct Flow<'a> {
    pub(crate) ts: Typesetter<'a>,
    pub(crate) sheet: Sheet,
    sheets: Vec<Sheet>,
    /// What every page starts with (the watermark of a draft).
    first: Option<Item>,
    /// Top of the next line.
    pub(crate) y: f32,
}

impl<'a> Flow<'a> {
    pub(crate) fn new(ts: Typesetter<'a>, first: Option<Item>) -> Self {
        Flow { ts, sheet: Sheet::new(first.clone()), sheets: Vec::new(), first, y: MARGIN_TOP }
    }

    /// Whether `height` more fits on this page.
    pub(crate) fn fits(&self, height: f32) -> bool {
        self.y + height <= BOTTOM + 0.01
    }

    /// Ends this page and starts the next, opening again the blocks still open.
    pub(crate) fn new_page(&mut self) {
        let open = self.sheet.close_all();
        let next = Sheet::new(self.first.clone());
        self.sheets.push(std::mem::replace(&mut self.sheet, next));
        self.sheet.reopen(open);
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` fits here (or this page is still empty, so that
    /// something taller than a page cannot loop).
    pub(crate) fn room(&mut self, height: f32) {
        if !self.fits(height) && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    /// How many pages are finished (the one being filled not counted).
    pub(crate) fn pages(&self) -> usize {
        self.sheets.len()
    }

    /// The pages, the last one included (at least one), still to be numbered.
    pub(crate) fn finish(mut self) -> Vec<Sheet> {
        if !self.sheet.is_empty() || self.sheets.is_empty() {
            self.sheet.close_all();
            self.sheets.push(self.sheet);
        }
        self.sheets
    }

    /// Baseline of `size` text in a line box of `line_height` from the current y.
    pub(crate) fn baseline(&self, line_height: f32, size: f32) -> f32 {
        self.ts.baseline(self.y, line_height, size, Style::Regular)
    }

    /// One line of text at `x` (already fitted to the column), after a page break if needed.
    pub(crate) fn line(&mut self, x: f32, pen: Pen, text: String, role: Role) {
        let height = pen.size * LEADING;
        self.room(height);
        let baseline = self.baseline(height, pen.size);
        self.sheet.text(x, baseline, pen, text, role);
        self.y += height;
    }

    /// Lines one under another, as one node of `role`.
    pub(crate) fn lines(&mut self, lines: Vec<String>, x: f32, pen: Pen, role: &Role) {
        self.sheet.leaf(role.clone());
        for line in lines {
            self.line(x, pen, line, role.clone());
        }
        self.sheet.close();
    }

    /// The accent rule across the column.
    pub(crate) fn rule(&mut self) {
        self.y += RULE_ABOVE;
        self.sheet.rule(MARGIN_X, MARGIN_X + COLUMN, self.y, RULE_WIDTH, Rgb::ACCENT);
        self.y += RULE_BELOW;
    }

    /// Table rows, calling `header` at the top of the first page and of every page the rows
    /// run onto; `lines` says how many lines of `line_height` a row takes.
    pub(crate) fn rows<T>(
        &mut self,
        rows: &[T],
        line_height: f32,
        lines: impl Fn(&T) -> usize,
        mut header: impl FnMut(&mut Self, bool),
        mut row: impl FnMut(&mut Self, &T),
    ) {
        header(self, true);
        for r in rows {
            #[allow(clippy::cast_precision_loss, reason = "a row has one or two lines")]
            if !self.fits(line_height * lines(r) as f32) {
                self.new_page();
                header(self, false);
            }
            row(self, r);
        }
    }

    /// One block of body markup, line by line across pages: bullets hang a glyph, quotes are
    /// italic and indented beside an accent bar.
    pub(crate) fn block(&mut self, kind: BlockKind, text: &str) {
        let (style, indent, right_indent) = block_shape(kind);
        let width = COLUMN - indent - right_indent;
        let mut lines = self.ts.wrap(text, style, BODY_SIZE, width);
        if lines.is_empty() {
            lines.push(String::new());
        }
        let last = lines.len() - 1;
        let inset = (BODY_LINE - BODY_SIZE) / 2.0;
        let role = crate::layout::typeset::block_role(kind);
        self.sheet.open_block(kind);
        for (i, line) in lines.into_iter().enumerate() {
            self.room(BODY_LINE);
            let baseline = self.baseline(BODY_LINE, BODY_SIZE);
            if kind == BlockKind::Bullet && i == 0 {
                self.sheet.bullet(MARGIN_X, baseline);
            }
            if kind == BlockKind::Quote {
                // One bar piece per line, inset at the quote's ends, so a quote broken across
                // pages keeps its bar on both.
                let top = self.y + if i == 0 { inset } else { 0.0 };
                let bottom = self.y + BODY_LINE - if i == last { inset } else { 0.0 };
                self.sheet.quote_bar(MARGIN_X, top, bottom - top);
            }
            self.sheet.text(MARGIN_X + indent, baseline, Pen::new(BODY_SIZE, style, Rgb::TEXT), line, role.clone());
            self.y += BODY_LINE;
        }
        self.sheet.close_block(kind);
    }
}
