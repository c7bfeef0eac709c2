//! The collective report: cover, contents, introduction, one section per statement (a divider
//! page, then each contributor's account on a page of its own, laid out by
//! [`Layouter::one_pager`]) and the list of contributors with their sign-off status.
//!
//! Every page has the same running footer ("Title · year" at the left, "Page X of Y" at the
//! right) in the bottom margin, below the one-pager's own footer, so nothing overlaps. A draft
//! report carries the DRAFT watermark and a small "DRAFT – …" line in the top margin of every
//! page, so that the mark can be found by searching any page's text.

use crate::layout::Layouter;
use crate::layout::blocks::{self, BlockKind};
use crate::layout::fonts::FontSet;
use crate::layout::one_pager::{
    BODY_LINE, BODY_SIZE, BULLET, BULLET_INDENT, BULLET_X, ITEM_GAP, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MM, OnePager,
    PARAGRAPH_GAP, QUOTE_BAR_W, QUOTE_BAR_X, QUOTE_INDENT, RULE_ABOVE, RULE_WIDTH, SignoffLine, WATERMARK,
    WATERMARK_SIZE, set_label,
};
use crate::layout::page::{Item, Page, Rgb, Style};
use crate::layout::wrap::WrapCache;

/// Everything printed in a collective report.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportInput<'a> {
    /// The report's title, on the cover and in every footer.
    pub title: &'a str,
    /// The year it covers ("2026").
    pub year: &'a str,
    /// The introduction, in the same light markup as an account's body; no page when empty.
    pub introduction: &'a str,
    /// Date of generation as it should read ("2026-11-22").
    pub generated_on: &'a str,
    /// The app's version.
    pub app_version: &'a str,
    /// Short report fingerprint ("3f2a 9c41 0b7e 55d2"), shown on the cover and the
    /// contributors page.
    pub fingerprint: Option<&'a str>,
    /// Marks every page DRAFT (watermark and a text line) until every contributor has signed.
    pub draft: bool,
    /// One section per statement, in the order to print.
    pub sections: &'a [ReportSection<'a>],
    /// The contributors and their sign-off status, in the order to print.
    pub contributors: &'a [ContributorLine],
}

/// One statement's section: a divider page, then its contributions.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportSection<'a> {
    /// Title of the standard set.
    pub set_title: &'a str,
    /// Version of the set.
    pub set_version: &'a str,
    /// Statement code ("2.3").
    pub code: &'a str,
    /// Statement title.
    pub statement_title: &'a str,
    /// The statement's full text, printed quietly on the divider page.
    pub statement_text: &'a str,
    /// The accounts written against this statement, one page each.
    pub contributions: &'a [ReportContribution<'a>],
}

/// A logo on a report page: its index into the logos handed to the PDF writer (each distinct
/// logo is stored once) and its pixel size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogoRef {
    /// Index into the writer's logos.
    pub index: usize,
    /// Pixel size (width, height).
    pub px: (u32, u32),
}

/// One contributor's account in a section.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportContribution<'a> {
    /// The organisation's name.
    pub org_name: &'a str,
    /// The area it works in, printed in the page's top margin.
    pub area: &'a str,
    /// The organisation's logo, if it has one.
    pub logo: Option<LogoRef>,
    /// The account's title.
    pub title: &'a str,
    /// The account's body (light markup).
    pub body: &'a str,
    /// Who signed the account off.
    pub signoffs: &'a [SignoffLine],
    /// The account's short fingerprint.
    pub fingerprint: &'a str,
}

/// One row of the contributors list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContributorLine {
    /// The organisation's name.
    pub org: String,
    /// Its area.
    pub area: String,
    /// How many accounts it contributed.
    pub contributions: usize,
    /// Its sign-off status as it should read ("Signed off 2026-11-20", "Not yet").
    pub signoff: String,
    /// A line under the row, when a reader needs telling something about this contributor
    /// (that its name looks like another contributor's).
    pub note: Option<String>,
}

// The one-pager's margins (a test checks them against its pages), so every page of the
// report shares one frame.

/// Width of the text column.
const COLUMN: f32 = Page::A4.0 - 2.0 * MARGIN_X;
/// The lowest a line of text may end.
const BOTTOM: f32 = Page::A4.1 - MARGIN_BOTTOM;

/// Running footer and top-margin line: quiet, small, in the margins.
const MARGIN_TEXT_SIZE: f32 = 7.5;
/// Baseline of the running footer, up from the page's bottom edge.
const FOOTER_FROM_BOTTOM: f32 = MARGIN_BOTTOM / 2.0;
/// Baseline of the top-margin line, down from the page's top edge.
const TOP_LINE_BASELINE: f32 = MARGIN_TOP * 0.55;
/// Between texts sharing a line.
const GAP: f32 = 16.0;
const DRAFT_LINE: &str = "DRAFT – not yet signed off by every contributor";

const COVER_TOP: f32 = 70.0 * MM;
const COVER_TITLE_SIZE: f32 = 26.0;
const COVER_TITLE_MAX_LINES: usize = 4;
const COVER_YEAR_SIZE: f32 = 16.0;
const COVER_LINE_SIZE: f32 = 11.0;
const COVER_QUIET_SIZE: f32 = 9.0;

const HEADING_SIZE: f32 = 15.0;
const LEADING: f32 = 1.3;
const HEADING_MAX_LINES: usize = 4;
const RULE_BELOW: f32 = 10.0;

const ROW_SIZE: f32 = 9.5;
const ROW_LINE: f32 = ROW_SIZE * 1.6;
/// Share of the width for the code column of the contents.
const CODE_COLUMN: f32 = 0.12;
/// Left edges of the contributors table's columns, as shares of the width; the count column
/// is right-aligned at its right edge.
const TABLE_COLUMNS: [f32; 4] = [0.0, 0.38, 0.58, 0.72];

/// The pages of one part of the report (cover, contents, introduction, contributors).
struct Part {
    pages: Vec<Page>,
}

impl Layouter {
    /// Lays out the collective report, every page A4 with the one-pager's margins. Contents
    /// page numbers and "Page X of Y" are filled in once every page is placed. Never panics,
    /// whatever the input.
    pub fn report(&mut self, input: &ReportInput<'_>) -> Vec<Page> {
        let cover = self.cover(input);
        let introduction = self.introduction(input.introduction);
        let mut sections = Vec::new();
        // Index of each section's divider within `sections`.
        let mut starts = Vec::with_capacity(input.sections.len());
        for section in input.sections {
            starts.push(sections.len());
            sections.extend(self.divider(section));
            for contribution in section.contributions {
                sections.push(self.contribution(input, section, contribution));
            }
        }
        let contributors = self.contributors(input);

        // The contents' length depends only on how many entries it has, never on the numbers.
        let entries = |first_section: usize| -> Vec<(String, String, usize)> {
            let mut entries: Vec<_> = input
                .sections
                .iter()
                .zip(&starts)
                .map(|(s, start)| (tidy(s.code), tidy(s.statement_title), first_section + start))
                .collect();
            entries.push((String::new(), "Contributors".to_owned(), first_section + sections.len()));
            entries
        };
        let contents_len = self.contents(&entries(0)).pages.len();
        // Page numbers count from 1: the cover, the contents, the introduction.
        let first_section = 1 + cover.pages.len() + contents_len + introduction.pages.len();
        let contents = self.contents(&entries(first_section));

        let mut pages: Vec<Page> = [cover, contents, introduction]
            .into_iter()
            .flat_map(|p| p.pages)
            .chain(sections)
            .chain(contributors.pages)
            .collect();
        let total = pages.len();
        let running = running_title(input);
        for (i, page) in pages.iter_mut().enumerate() {
            self.decorate(page, &running, i + 1, total, input.draft);
        }
        pages
    }

    /// The cover: title, year, who contributed, fingerprint and generation line. One page.
    fn cover(&mut self, input: &ReportInput<'_>) -> Part {
        let mut flow = Flow::new(&self.fonts, &mut self.cache);
        flow.y = COVER_TOP;
        let width = COLUMN;
        let title = flow.capped(input.title, Style::Bold, COVER_TITLE_SIZE, width, COVER_TITLE_MAX_LINES);
        flow.lines(title, MARGIN_X, COVER_TITLE_SIZE, Style::Bold, Rgb::TEXT);
        let year = flow.one_line(input.year, Style::Regular, COVER_YEAR_SIZE, width);
        flow.line(MARGIN_X, COVER_YEAR_SIZE, Style::Regular, Rgb::ACCENT, year);
        flow.rule();

        let accounts: usize = input.sections.iter().map(|s| s.contributions.len()).sum();
        let lines = [
            format!("A collective report from {}", plural(input.contributors.len(), "contributor", "contributors")),
            format!(
                "{} across {}",
                plural(accounts, "account", "accounts"),
                plural(input.sections.len(), "standard", "standards")
            ),
        ];
        for text in lines {
            let text = flow.one_line(&text, Style::Regular, COVER_LINE_SIZE, width);
            flow.line(MARGIN_X, COVER_LINE_SIZE, Style::Regular, Rgb::TEXT, text);
        }
        flow.y += BODY_LINE;
        let mut quiet = Vec::new();
        if let Some(fingerprint) = input.fingerprint.map(tidy).filter(|f| !f.is_empty()) {
            quiet.push(format!("Report fingerprint {fingerprint}"));
        }
        quiet.push(generated(input));
        for text in quiet {
            let text = flow.one_line(&text, Style::Regular, COVER_QUIET_SIZE, width);
            flow.line(MARGIN_X, COVER_QUIET_SIZE, Style::Regular, Rgb::QUIET, text);
        }
        flow.finish()
    }

    /// The contents: one row per entry (code, title, dotted leader, "page P").
    fn contents(&mut self, entries: &[(String, String, usize)]) -> Part {
        let mut flow = Flow::new(&self.fonts, &mut self.cache);
        let width = COLUMN;
        let code_width = width * CODE_COLUMN;
        flow.rows(
            entries,
            |_| 1,
            |flow, first| flow.heading(if first { "Contents" } else { "Contents (continued)" }),
            |flow, (code, title, page)| {
                let label = format!("page {page}");
                let label_width = flow.fonts.width(Style::Regular, &label, ROW_SIZE);
                let code = flow.one_line(code, Style::Bold, ROW_SIZE, code_width - GAP / 2.0);
                let title_left = if code.is_empty() { MARGIN_X } else { MARGIN_X + code_width };
                let title_room = MARGIN_X + width - label_width - GAP - title_left;
                let title = flow.one_line(title, Style::Regular, ROW_SIZE, title_room);
                let title_right = title_left + flow.fonts.width(Style::Regular, &title, ROW_SIZE);
                let leader = flow.leader(title_right + GAP / 2.0, MARGIN_X + width - label_width - GAP / 2.0);
                let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
                flow.put(MARGIN_X, baseline, ROW_SIZE, Style::Bold, Rgb::ACCENT, code);
                flow.put(title_left, baseline, ROW_SIZE, Style::Regular, Rgb::TEXT, title);
                flow.put(leader.0, baseline, ROW_SIZE, Style::Regular, Rgb::QUIET, leader.1);
                flow.put(MARGIN_X + width - label_width, baseline, ROW_SIZE, Style::Regular, Rgb::TEXT, label);
                flow.y += ROW_LINE;
            },
        );
        flow.finish()
    }

    /// "Introduction" and the text, flowing over as many pages as it needs; no pages when
    /// the text is empty.
    fn introduction(&mut self, text: &str) -> Part {
        let blocks = blocks::parse(text);
        if blocks.iter().all(|b| b.text.is_empty()) {
            return Part { pages: Vec::new() };
        }
        let mut flow = Flow::new(&self.fonts, &mut self.cache);
        flow.heading("Introduction");
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                flow.y += if block.starts_paragraph { PARAGRAPH_GAP } else { ITEM_GAP };
            }
            flow.block(block.kind, &block.text);
        }
        flow.finish()
    }

    /// A section's divider: the statement, its set, its text (quiet) and how many accounts
    /// follow. Always one page: a statement too long for it is cut with "…".
    fn divider(&mut self, section: &ReportSection<'_>) -> Vec<Page> {
        let mut flow = Flow::new(&self.fonts, &mut self.cache);
        let width = COLUMN;
        let code = tidy(section.code);
        let code_width = flow.fonts.width(Style::Bold, &code, HEADING_SIZE);
        let hang = if code.is_empty() || code_width > width / 3.0 { 0.0 } else { code_width + GAP };
        let heading = if hang > 0.0 || code.is_empty() {
            tidy(section.statement_title)
        } else {
            format!("{code} {}", tidy(section.statement_title))
        };
        let lines = flow.capped(&heading, Style::Bold, HEADING_SIZE, width - hang, HEADING_MAX_LINES);
        if hang > 0.0 {
            let baseline = flow.baseline(HEADING_SIZE * LEADING, HEADING_SIZE);
            flow.put(MARGIN_X, baseline, HEADING_SIZE, Style::Bold, Rgb::ACCENT, code);
            if lines.is_empty() {
                flow.y += HEADING_SIZE * LEADING;
            }
        }
        flow.lines(lines, MARGIN_X + hang, HEADING_SIZE, Style::Bold, Rgb::TEXT);
        let set = set_label(section.set_title, section.set_version);
        let set = flow.capped(&set, Style::Regular, ROW_SIZE, width, 2);
        flow.lines(set, MARGIN_X, ROW_SIZE, Style::Regular, Rgb::QUIET);
        flow.rule();

        let count_line = plural(section.contributions.len(), "account", "accounts");
        // Room for the statement, keeping a line and a gap for the count.
        let room = BOTTOM - flow.y - 2.0 * BODY_LINE;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped, small")]
        let max_lines = (room / BODY_LINE).floor().clamp(0.0, 1000.0) as usize;
        let statement = flow.capped(section.statement_text, Style::Regular, BODY_SIZE, width, max_lines);
        flow.lines(statement, MARGIN_X, BODY_SIZE, Style::Regular, Rgb::QUIET);
        flow.y += BODY_LINE;
        flow.line(MARGIN_X, BODY_SIZE, Style::Bold, Rgb::TEXT, count_line);
        flow.finish().pages
    }

    /// One account on a page of its own, as the one-pager lays it out, with its logo's index
    /// and its area in the top margin. Body lines past the page (never in a signed account,
    /// which must fit) are left out rather than drawn over the sign-off block.
    fn contribution(
        &mut self,
        input: &ReportInput<'_>,
        section: &ReportSection<'_>,
        contribution: &ReportContribution<'_>,
    ) -> Page {
        let fingerprint = Some(contribution.fingerprint).filter(|f| !f.trim().is_empty());
        let (mut page, fit) = self.one_pager(&OnePager {
            org_name: contribution.org_name,
            logo_px: contribution.logo.map(|l| l.px),
            set_title: section.set_title,
            set_version: section.set_version,
            statement_code: section.code,
            statement_title: section.statement_title,
            title: contribution.title,
            body: contribution.body,
            signoffs: contribution.signoffs,
            fingerprint,
            generated_on: input.generated_on,
            app_version: input.app_version,
            // The report's own DRAFT mark is added to every page; the account itself is signed.
            draft: false,
        });
        page.items.truncate(fit.overflow_items.start.min(page.items.len()));
        let image = contribution.logo.map_or(0, |l| l.index);
        for item in &mut page.items {
            if let Item::Logo { image: i, .. } = item {
                *i = image;
            }
        }
        let area = tidy(contribution.area);
        if !area.is_empty() {
            let room = (page.width - 2.0 * MARGIN_X) / 2.0 - GAP;
            let area = fit_line(&self.fonts, &area, Style::Regular, MARGIN_TEXT_SIZE, room);
            let x = page.width - MARGIN_X - self.fonts.width(Style::Regular, &area, MARGIN_TEXT_SIZE);
            push_text(&mut page.items, x, TOP_LINE_BASELINE, MARGIN_TEXT_SIZE, Style::Regular, Rgb::QUIET, area);
        }
        page
    }

    /// "Contributors", the report's fingerprint, and a table: organisation, area, accounts,
    /// sign-off. The column headings repeat on every page the table runs onto.
    fn contributors(&mut self, input: &ReportInput<'_>) -> Part {
        let mut flow = Flow::new(&self.fonts, &mut self.cache);
        let width = COLUMN;
        let fingerprint = input.fingerprint.map(tidy).filter(|f| !f.is_empty());
        let headings = ["Organisation", "Area", "Accounts", "Sign-off"];
        let cells = |flow: &mut Flow<'_>, texts: [&str; 4], style: Style| {
            let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
            for (i, text) in texts.into_iter().enumerate() {
                let left = MARGIN_X + TABLE_COLUMNS[i] * width;
                let right =
                    TABLE_COLUMNS.get(i + 1).map_or(MARGIN_X + width, |next| MARGIN_X + next * width - GAP / 2.0);
                let text = flow.one_line(text, style, ROW_SIZE, right - left);
                let x = if i == 2 { right - flow.fonts.width(style, &text, ROW_SIZE) } else { left };
                flow.put(x, baseline, ROW_SIZE, style, Rgb::TEXT, text);
            }
            flow.y += ROW_LINE;
        };
        flow.rows(
            input.contributors,
            |c| if c.note.is_some() { 2 } else { 1 },
            |flow, first| {
                flow.heading(if first { "Contributors" } else { "Contributors (continued)" });
                if first && let Some(fingerprint) = &fingerprint {
                    let text =
                        flow.one_line(&format!("Report fingerprint {fingerprint}"), Style::Regular, ROW_SIZE, width);
                    flow.line(MARGIN_X, ROW_SIZE, Style::Regular, Rgb::QUIET, text);
                    flow.y += ITEM_GAP;
                }
                cells(flow, headings, Style::Bold);
            },
            |flow, c| {
                cells(flow, [&c.org, &c.area, &c.contributions.to_string(), &c.signoff], Style::Regular);
                if let Some(note) = &c.note {
                    let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
                    let text = flow.one_line(note, Style::Italic, ROW_SIZE, width);
                    flow.put(MARGIN_X, baseline, ROW_SIZE, Style::Italic, Rgb::TEXT, text);
                    flow.y += ROW_LINE;
                }
            },
        );
        flow.finish()
    }

    /// The watermark and DRAFT line (on a draft) and the running footer.
    fn decorate(&self, page: &mut Page, running: &str, number: usize, total: usize, draft: bool) {
        let (left, right) = (MARGIN_X, page.width - MARGIN_X);
        if draft {
            page.items
                .insert(0, Item::Watermark { text: WATERMARK.to_owned(), size: WATERMARK_SIZE, colour: Rgb::DRAFT });
            let text = fit_line(&self.fonts, DRAFT_LINE, Style::Bold, MARGIN_TEXT_SIZE, (right - left) / 2.0);
            push_text(&mut page.items, left, TOP_LINE_BASELINE, MARGIN_TEXT_SIZE, Style::Bold, Rgb::DRAFT, text);
        }
        let baseline = page.height - FOOTER_FROM_BOTTOM;
        let number = format!("Page {number} of {total}");
        let number_width = self.fonts.width(Style::Regular, &number, MARGIN_TEXT_SIZE);
        let running =
            fit_line(&self.fonts, running, Style::Regular, MARGIN_TEXT_SIZE, right - left - number_width - GAP);
        push_text(&mut page.items, left, baseline, MARGIN_TEXT_SIZE, Style::Regular, Rgb::QUIET, running);
        push_text(
            &mut page.items,
            right - number_width,
            baseline,
            MARGIN_TEXT_SIZE,
            Style::Regular,
            Rgb::QUIET,
            number,
        );
    }
}

/// Places text down the column from page to page, starting a new page when the next line
/// would end below the bottom margin.
struct Flow<'a> {
    fonts: &'a FontSet,
    cache: &'a mut WrapCache,
    pages: Vec<Page>,
    items: Vec<Item>,
    /// Top of the next line.
    y: f32,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a FontSet, cache: &'a mut WrapCache) -> Self {
        Flow { fonts, cache, pages: Vec::new(), items: Vec::new(), y: MARGIN_TOP }
    }

    /// Whether `height` more fits on this page.
    fn fits(&self, height: f32) -> bool {
        self.y + height <= BOTTOM + 0.01
    }

    fn new_page(&mut self) {
        let (width, height) = Page::A4;
        self.pages.push(Page { width, height, items: std::mem::take(&mut self.items) });
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` fits here (or this page is still empty, so that
    /// something taller than a page cannot loop).
    fn room(&mut self, height: f32) {
        if !self.fits(height) && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    /// The pages, the last one included (at least one).
    fn finish(mut self) -> Part {
        if !self.items.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        Part { pages: self.pages }
    }

    /// Baseline of `size` text in a line box of `line_height` from the current y: the cap
    /// height centred in the box, as on the one-pager.
    fn baseline(&self, line_height: f32, size: f32) -> f32 {
        self.y + f32::midpoint(line_height, self.fonts.cap_height(Style::Regular) * size)
    }

    fn put(&mut self, x: f32, baseline: f32, size: f32, style: Style, colour: Rgb, text: String) {
        push_text(&mut self.items, x, baseline, size, style, colour, text);
    }

    /// One line of text at `x` (already fitted to the column), after a page break if needed.
    fn line(&mut self, x: f32, size: f32, style: Style, colour: Rgb, text: String) {
        let height = size * LEADING;
        self.room(height);
        let baseline = self.baseline(height, size);
        self.put(x, baseline, size, style, colour, text);
        self.y += height;
    }

    fn lines(&mut self, lines: Vec<String>, x: f32, size: f32, style: Style, colour: Rgb) {
        for line in lines {
            self.line(x, size, style, colour, line);
        }
    }

    /// `text` on one line within `width`, cut with "…".
    fn one_line(&self, text: &str, style: Style, size: f32, width: f32) -> String {
        fit_line(self.fonts, text, style, size, width)
    }

    /// `text` wrapped to `width` in at most `max` lines, the last cut with "…".
    fn capped(&mut self, text: &str, style: Style, size: f32, width: f32, max: usize) -> Vec<String> {
        let mut lines = self.cache.lines(self.fonts, &tidy(text), style, size, width).to_vec();
        if lines.len() > max {
            lines.truncate(max);
            if let Some(last) = lines.last_mut() {
                *last = fit_line(self.fonts, &format!("{last} …"), style, size, width);
            }
        }
        lines
    }

    /// A page heading with the accent rule under it.
    fn heading(&mut self, text: &str) {
        let lines = self.capped(text, Style::Bold, HEADING_SIZE, COLUMN, HEADING_MAX_LINES);
        self.lines(lines, MARGIN_X, HEADING_SIZE, Style::Bold, Rgb::TEXT);
        self.rule();
    }

    fn rule(&mut self) {
        self.y += RULE_ABOVE;
        let (x1, x2) = (MARGIN_X, MARGIN_X + COLUMN);
        self.items.push(Item::Line { x1, y1: self.y, x2, y2: self.y, width: RULE_WIDTH, colour: Rgb::ACCENT });
        self.y += RULE_BELOW;
    }

    /// A dotted leader filling `from..to`, as (x, dots); empty when there is no room.
    fn leader(&self, from: f32, to: f32) -> (f32, String) {
        let dot = self.fonts.width(Style::Regular, ". ", ROW_SIZE).max(0.1);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped, small")]
        let dots = ((to - from) / dot).floor().clamp(0.0, 500.0) as usize;
        let text = ". ".repeat(dots).trim_end().to_owned();
        let width = self.fonts.width(Style::Regular, &text, ROW_SIZE);
        (to - width, text)
    }

    /// Table rows, calling `header` at the top of the first page and of every page the rows
    /// run onto.
    fn rows<T>(
        &mut self,
        rows: &[T],
        lines: impl Fn(&T) -> usize,
        mut header: impl FnMut(&mut Self, bool),
        mut row: impl FnMut(&mut Self, &T),
    ) {
        header(self, true);
        for r in rows {
            #[allow(clippy::cast_precision_loss, reason = "a row has one or two lines")]
            if !self.fits(ROW_LINE * lines(r) as f32) {
                self.new_page();
                header(self, false);
            }
            row(self, r);
        }
    }

    /// One block of body markup, line by line across pages: bullets hang a glyph, quotes are
    /// italic and indented beside an accent bar.
    fn block(&mut self, kind: BlockKind, text: &str) {
        let (style, indent, right_indent) = match kind {
            BlockKind::Paragraph => (Style::Regular, 0.0, 0.0),
            BlockKind::Bullet => (Style::Regular, BULLET_INDENT, 0.0),
            BlockKind::Quote => (Style::Italic, QUOTE_INDENT, QUOTE_INDENT),
        };
        let width = COLUMN - indent - right_indent;
        let mut lines = self.cache.lines(self.fonts, text, style, BODY_SIZE, width).to_vec();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let last = lines.len() - 1;
        let inset = (BODY_LINE - BODY_SIZE) / 2.0;
        for (i, line) in lines.into_iter().enumerate() {
            self.room(BODY_LINE);
            let baseline = self.baseline(BODY_LINE, BODY_SIZE);
            if kind == BlockKind::Bullet && i == 0 {
                self.put(MARGIN_X + BULLET_X, baseline, BODY_SIZE, Style::Regular, Rgb::TEXT, BULLET.to_owned());
            }
            if kind == BlockKind::Quote {
                // One bar piece per line, inset at the quote's ends, so a quote broken across
                // pages keeps its bar on both.
                let top = self.y + if i == 0 { inset } else { 0.0 };
                let bottom = self.y + BODY_LINE - if i == last { inset } else { 0.0 };
                self.items.push(Item::Rect {
                    x: MARGIN_X + QUOTE_BAR_X,
                    y: top,
                    w: QUOTE_BAR_W,
                    h: bottom - top,
                    fill: Rgb::ACCENT,
                });
            }
            self.put(MARGIN_X + indent, baseline, BODY_SIZE, style, Rgb::TEXT, line);
            self.y += BODY_LINE;
        }
    }
}

/// Adds a text item unless the text is empty.
fn push_text(items: &mut Vec<Item>, x: f32, baseline: f32, size: f32, style: Style, colour: Rgb, text: String) {
    if !text.is_empty() {
        items.push(Item::Text { x, baseline, size, style, colour, text });
    }
}

/// `text` as one printable run: single spaces between words, control characters dropped.
fn tidy(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` tidied onto one line no wider than `width`, cut with "…" when too long (empty when
/// not even "…" fits).
fn fit_line(fonts: &FontSet, text: &str, style: Style, size: f32, width: f32) -> String {
    let text = tidy(text);
    if fonts.width(style, &text, size) <= width {
        return text;
    }
    let mut room = width - fonts.width(style, "…", size);
    if room < 0.0 {
        return String::new();
    }
    let end = text
        .char_indices()
        .find_map(|(i, c)| {
            room -= fonts.advance(style, c, size);
            (room < 0.0).then_some(i)
        })
        .unwrap_or(text.len());
    format!("{}…", text[..end].trim_end())
}

/// "1 account", "3 accounts".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "Title · year" for the running footer.
fn running_title(input: &ReportInput<'_>) -> String {
    [tidy(input.title), tidy(input.year)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
}

/// "Generated on DATE by LERO Evidence VERSION".
fn generated(input: &ReportInput<'_>) -> String {
    format!("Generated on {} by LERO Evidence {}", tidy(input.generated_on), tidy(input.app_version))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::layout::one_pager::tests::texts;

    use super::*;
    use crate::layout::sample_prose;

    fn layouter() -> Layouter {
        Layouter::new(Arc::new(FontSet::embedded().expect("embedded fonts parse")))
    }

    fn signoffs() -> Vec<SignoffLine> {
        vec![
            SignoffLine {
                name: "Siobhán Ó Súilleabháin".into(),
                role: "Chair".into(),
                date: "2026-11-20".into(),
                lived_experience: true,
            },
            SignoffLine {
                name: "Dafydd Evans".into(),
                role: "Chief officer".into(),
                date: "2026-11-21".into(),
                ..Default::default()
            },
        ]
    }

    /// Test data: `sections` sections of `per_section` contributions each.
    struct Data {
        /// One body per organisation, every paragraph different (so nothing comes from the
        /// wrap cache that a real report would not find there).
        bodies: Vec<String>,
        signoffs: Vec<SignoffLine>,
        names: Vec<String>,
        contributions: Vec<Vec<(usize, Option<LogoRef>)>>,
        contributors: Vec<ContributorLine>,
        codes: Vec<String>,
    }

    impl Data {
        fn new(sections: usize, per_section: usize, words: usize) -> Data {
            let orgs = (sections * per_section).max(1);
            Data {
                bodies: (0..orgs)
                    .map(|i| {
                        let body = sample_prose(words) + "\n\n- a bullet item\n\n> a member's quote";
                        format!("{i} {}", body.replace("\n\n", &format!("\n\n{i} ")))
                    })
                    .collect(),
                signoffs: signoffs(),
                names: (0..orgs).map(|i| format!("Recovery Community {i}")).collect(),
                contributions: (0..sections)
                    .map(|s| {
                        (0..per_section)
                            .map(|c| {
                                (s * per_section + c, Some(LogoRef { index: s * per_section + c, px: (400, 200) }))
                            })
                            .collect()
                    })
                    .collect(),
                contributors: (0..orgs)
                    .map(|i| ContributorLine {
                        org: format!("Recovery Community {i}"),
                        area: "Leeds".into(),
                        contributions: 1,
                        signoff: "Signed off 2026-11-20".into(),
                        note: None,
                    })
                    .collect(),
                codes: (0..sections).map(|s| format!("{}.{}", s / 4 + 1, s % 4 + 1)).collect(),
            }
        }

        fn contributions(&self) -> Vec<Vec<ReportContribution<'_>>> {
            self.contributions
                .iter()
                .map(|cs| {
                    cs.iter()
                        .map(|&(org, logo)| ReportContribution {
                            org_name: &self.names[org],
                            area: "Leeds and Wakefield",
                            logo,
                            title: "What our members built this year",
                            body: &self.bodies[org],
                            signoffs: &self.signoffs,
                            fingerprint: "3f2a 9c41 0b7e 55d2",
                        })
                        .collect()
                })
                .collect()
        }
    }

    fn sections<'a>(data: &'a Data, contributions: &'a [Vec<ReportContribution<'a>>]) -> Vec<ReportSection<'a>> {
        contributions
            .iter()
            .zip(&data.codes)
            .map(|(cs, code)| ReportSection {
                set_title: "CLERO Quality Standards",
                set_version: "2.1",
                code,
                statement_title: "People with lived experience are meaningfully involved in the organisation's work",
                statement_text: "The organisation involves people with lived experience of addiction and recovery \
                                 in designing, delivering and reviewing what it does.",
                contributions: cs,
            })
            .collect()
    }

    fn input<'a>(
        sections: &'a [ReportSection<'a>],
        contributors: &'a [ContributorLine],
        draft: bool,
    ) -> ReportInput<'a> {
        ReportInput {
            title: "Recovery in Our Communities",
            year: "2026",
            introduction: "This report gathers the accounts of our members.\n\n- one\n- two\n\n> a quote",
            generated_on: "2026-11-22",
            app_version: "0.1.0",
            fingerprint: Some("3f2a 9c41 0b7e 55d2"),
            draft,
            sections,
            contributors,
        }
    }

    fn report(sections_n: usize, per_section: usize, draft: bool) -> Vec<Page> {
        let data = Data::new(sections_n, per_section, 300);
        let cs = data.contributions();
        let sections = sections(&data, &cs);
        layouter().report(&input(&sections, &data.contributors, draft))
    }

    /// Every text item lies within the side margins and on the page, and no two overlap
    /// (boxes from the font's advances across and the size down: 0.75 above the baseline,
    /// 0.2 below).
    fn assert_clean(fonts: &FontSet, pages: &[Page]) {
        for (n, page) in pages.iter().enumerate() {
            let boxes: Vec<_> = texts(page)
                .into_iter()
                .map(|(x, b, size, style, text)| {
                    (x, x + fonts.width(style, text, size), b - 0.75 * size, b + 0.2 * size, text)
                })
                .collect();
            for &(l, r, t, b, text) in &boxes {
                assert!(l >= MARGIN_X - 0.01 && r <= page.width - MARGIN_X + 0.01, "page {n}: {text:?} at {l}..{r}");
                assert!(t >= 0.0 && b <= page.height, "page {n}: {text:?} at {t}..{b}");
            }
            for (i, a) in boxes.iter().enumerate() {
                for c in &boxes[i + 1..] {
                    let apart = a.1 <= c.0 + 0.01 || c.1 <= a.0 + 0.01 || a.3 <= c.2 + 0.01 || c.3 <= a.2 + 0.01;
                    assert!(apart, "page {n}: {:?} overlaps {:?}", a.4, c.4);
                }
            }
        }
    }

    #[test]
    fn margins_are_the_one_pagers() {
        let mut layouter = layouter();
        let (page, _) = layouter.one_pager(&OnePager { org_name: "Org", generated_on: "x", ..OnePager::default() });
        let footer = texts(&page).into_iter().find(|t| t.4.starts_with("Generated on")).expect("footer");
        assert!((footer.0 - MARGIN_X).abs() < 0.01);
        assert!((footer.1 - (Page::A4.1 - MARGIN_BOTTOM)).abs() < 0.01);
        let rule_y = page.items.iter().find_map(|i| match i {
            Item::Line { x1, .. } => Some(*x1),
            _ => None,
        });
        assert_eq!(rule_y.map(|x| (x - MARGIN_X).abs() < 0.01), Some(true));
        assert!((page.width - Page::A4.0).abs() < 0.01);
    }

    #[test]
    fn page_count_is_cover_contents_intro_dividers_accounts_and_contributors() {
        let pages = report(3, 2, false);
        assert_eq!(pages.len(), 1 + 1 + 1 + 3 * (1 + 2) + 1);
        assert!(pages.iter().all(|p| (p.width, p.height) == Page::A4));
        let cover: Vec<&str> = pages[0].text_lines().collect();
        for expected in [
            "Recovery in Our Communities",
            "2026",
            "A collective report from 6 contributors",
            "6 accounts across 3 standards",
            "Report fingerprint 3f2a 9c41 0b7e 55d2",
            "Generated on 2026-11-22 by LERO Evidence 0.1.0",
        ] {
            assert!(cover.contains(&expected), "{expected:?} in {cover:?}");
        }
        for (i, page) in pages.iter().enumerate() {
            let footer: Vec<&str> = page.text_lines().collect();
            assert!(footer.contains(&format!("Page {} of 13", i + 1).as_str()), "{footer:?}");
            assert!(footer.contains(&"Recovery in Our Communities · 2026"));
        }
        assert!(pages[2].text_lines().any(|t| t == "Introduction"));
        assert!(pages[12].text_lines().any(|t| t == "Contributors"));
        assert!(pages[12].text_lines().any(|t| t == "Report fingerprint 3f2a 9c41 0b7e 55d2"));
        assert!(pages[12].text_lines().any(|t| t == "Signed off 2026-11-20"));
        // Each account page is the one-pager's, with its area in the top margin.
        assert!(pages[4].text_lines().any(|t| t == "Recovery Community 0"));
        assert!(pages[4].text_lines().any(|t| t == "Fingerprint 3f2a 9c41 0b7e 55d2"));
        assert!(pages[4].text_lines().any(|t| t == "Leeds and Wakefield"));
        assert!(pages[3].text_lines().any(|t| t == "2 accounts"));
    }

    #[test]
    fn contents_page_numbers_point_at_the_dividers() {
        for (sections_n, per_section) in [(3, 2), (60, 1), (0, 0)] {
            let pages = report(sections_n, per_section, true);
            let contents: Vec<_> =
                pages.iter().skip(1).take_while(|p| p.text_lines().any(|t| t.starts_with("Contents"))).collect();
            assert!(!contents.is_empty());
            if sections_n == 60 {
                assert!(contents.len() >= 2, "60 entries run onto a second page");
            }
            let mut found = 0;
            for page in &contents {
                let rows = texts(page);
                for &(_, baseline, _, _, label) in &rows {
                    let Some(number) = label.strip_prefix("page ").and_then(|n| n.parse::<usize>().ok()) else {
                        continue;
                    };
                    let target = &pages[number - 1];
                    let same_row: Vec<&str> =
                        rows.iter().filter(|r| (r.1 - baseline).abs() < 0.01).map(|r| r.4).collect();
                    if same_row.contains(&"Contributors") {
                        assert!(target.text_lines().any(|t| t == "Contributors"), "page {number}");
                    } else {
                        let code = same_row[0];
                        assert!(
                            texts(target).iter().any(|t| t.4 == code && (t.2 - HEADING_SIZE).abs() < 0.01),
                            "{code} on page {number}"
                        );
                        assert!(target.text_lines().any(|t| t.ends_with(" account") || t.ends_with(" accounts")));
                    }
                    found += 1;
                }
            }
            assert_eq!(found, sections_n + 1);
        }
    }

    #[test]
    fn draft_marks_every_page_and_only_a_draft() {
        let draft = report(3, 2, true);
        for page in &draft {
            assert!(matches!(&page.items[0], Item::Watermark { text, .. } if text == "DRAFT"));
            assert!(page.text_lines().any(|t| t == DRAFT_LINE));
        }
        let final_pages = report(3, 2, false);
        for page in &final_pages {
            assert!(!page.items.iter().any(|i| matches!(i, Item::Watermark { .. })));
            assert!(!page.text_lines().any(|t| t.contains("DRAFT")), "{:?}", page.text_lines().collect::<Vec<_>>());
        }
    }

    #[test]
    fn logos_keep_their_own_index() {
        let data = Data::new(1, 2, 50);
        let mut cs = data.contributions();
        cs[0][0].logo = Some(LogoRef { index: 5, px: (300, 100) });
        cs[0][1].logo = None;
        let sections = sections(&data, &cs);
        let pages = layouter().report(&input(&sections, &data.contributors, false));
        let logos: Vec<Vec<usize>> = pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Logo { image, .. } => Some(*image),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        // cover, contents, intro, divider, two accounts, contributors.
        assert_eq!(logos, vec![vec![], vec![], vec![], vec![], vec![5], vec![], vec![]]);
    }

    #[test]
    fn no_text_overlaps_and_all_stays_on_the_page() {
        let mut layouter = layouter();
        let data = Data::new(12, 4, 450);
        let cs = data.contributions();
        let sections = sections(&data, &cs);
        let intro = sample_prose(1500)
            + "\n\n- bullet\n\n> a quote long enough to wrap across lines and maybe pages: "
            + &sample_prose(80);
        for draft in [false, true] {
            let pages =
                layouter.report(&ReportInput { introduction: &intro, ..input(&sections, &data.contributors, draft) });
            assert!(pages.len() > 12 * 5 + 4);
            assert_clean(layouter.fonts(), &pages);
        }
        // Long fields are cut, never spilled.
        let long = "Very long words in a title ".repeat(40);
        let many: Vec<ContributorLine> = (0..200)
            .map(|i| ContributorLine {
                org: long.clone(),
                area: long.clone(),
                contributions: i,
                signoff: long.clone(),
                note: None,
            })
            .collect();
        let odd = [ReportSection {
            code: &long,
            statement_title: &long,
            set_title: &long,
            statement_text: &long.repeat(30),
            ..ReportSection::default()
        }];
        let pages = layouter.report(&ReportInput {
            title: &long,
            year: &long,
            fingerprint: Some(&long),
            ..input(&odd, &many, true)
        });
        assert_clean(layouter.fonts(), &pages);
    }

    #[test]
    fn five_hundred_contributions_lay_out() {
        // How fast is measured in benches/report.rs, not here.
        let data = Data::new(20, 25, 450);
        let cs = data.contributions();
        let sections = sections(&data, &cs);
        let input = input(&sections, &data.contributors, true);
        let pages = layouter().report(&input);
        // Cover, contents, introduction, 20 dividers and 500 accounts, then the contributors.
        assert!(pages.len() > 3 + 20 * 26, "{}", pages.len());
    }

    #[test]
    fn forty_contributions_in_twelve_sections() {
        // 40 accounts spread 4,4,4,4,3,3,3,3,3,3,3,3 over 12 statements, 40 contributors.
        let mut data = Data::new(12, 4, 400);
        for (s, cs) in data.contributions.iter_mut().enumerate() {
            if s >= 4 {
                cs.truncate(3);
            }
        }
        data.contributors.truncate(40);
        let cs = data.contributions();
        assert_eq!(cs.iter().map(Vec::len).sum::<usize>(), 40);
        let sections = sections(&data, &cs);
        let pages = layouter().report(&input(&sections, &data.contributors, true));
        println!("40 contributions in 12 sections: {} pages", pages.len());
        assert_eq!(pages.len(), 1 + 1 + 1 + 12 + 40 + 1);
    }

    #[test]
    fn layout_is_deterministic() {
        let data = Data::new(3, 2, 300);
        let cs = data.contributions();
        let sections = sections(&data, &cs);
        let input = input(&sections, &data.contributors, true);
        let mut warm = layouter();
        let first = warm.report(&input);
        warm.one_pager(&OnePager { body: "something else", ..OnePager::default() });
        assert_eq!(warm.report(&input), first);
        assert_eq!(layouter().report(&input), first);
    }

    #[test]
    fn odd_input_never_panics() {
        let mut layouter = layouter();
        let empty = layouter.report(&ReportInput::default());
        // Cover, contents (just "Contributors"), contributors.
        assert_eq!(empty.len(), 3);
        assert!(empty[0].text_lines().any(|t| t == "A collective report from 0 contributors"));
        assert!(empty[0].text_lines().any(|t| t == "0 accounts across 0 standards"));

        let empty_sections = [ReportSection::default(), ReportSection { code: "1.1", ..ReportSection::default() }];
        let pages = layouter.report(&ReportInput { sections: &empty_sections, draft: true, ..ReportInput::default() });
        assert_eq!(pages.len(), 5);
        assert!(pages[2].text_lines().any(|t| t == "0 accounts"));
        assert_clean(layouter.fonts(), &pages);

        let huge = sample_prose(60_000);
        let pages = layouter.report(&ReportInput { introduction: &huge, ..ReportInput::default() });
        assert!(pages.len() > 50, "{}", pages.len());
        assert!(pages[2].text_lines().any(|t| t == "Introduction"));
        assert_clean(layouter.fonts(), &pages[..10]);

        let weird = "\u{0}\u{7}\r\n\t\u{2028}😀 - \n> \n-\n\n\n";
        let contribution = [ReportContribution {
            org_name: weird,
            area: weird,
            logo: Some(LogoRef { index: usize::MAX, px: (0, 0) }),
            title: weird,
            body: &huge,
            signoffs: &[],
            fingerprint: "",
        }];
        let sections = [ReportSection {
            set_title: weird,
            set_version: weird,
            code: weird,
            statement_title: weird,
            statement_text: &huge,
            contributions: &contribution,
        }];
        let contributors = [ContributorLine { org: weird.into(), ..ContributorLine::default() }];
        let pages = layouter.report(&ReportInput {
            title: weird,
            year: weird,
            introduction: weird,
            generated_on: weird,
            app_version: weird,
            fingerprint: Some(weird),
            draft: true,
            sections: &sections,
            contributors: &contributors,
        });
        assert!(pages.iter().flat_map(Page::text_lines).all(|t| !t.chars().any(char::is_control)));
        assert_clean(layouter.fonts(), &pages);
    }
}
