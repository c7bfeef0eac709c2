//! The collective report: cover, contents, introduction, one section per statement (a divider
//! page, then each contributor's account on a page of its own, laid out by
//! [`Layouter::one_pager`]) and the list of contributors with their sign-off status.
//!
//! Every page has the same running footer ("Title · year" at the left, "Page X of Y" at the
//! right) in the bottom margin, below the one-pager's own footer, so nothing overlaps. A draft
//! report carries the DRAFT watermark and a small "DRAFT – …" line in the top margin of every
//! page, so that the mark can be found by searching any page's text.
//!
//! Each part is laid out into sheets (pages under construction) on the shared [`Flow`]; the
//! running footer is added as each sheet becomes a page, once the page count is known.

use crate::domain::text::{one_line as tidy, plural};
use crate::layout::Layouter;
use crate::layout::blocks;
use crate::layout::flow::{BOTTOM, COLUMN, Flow, LEADING};
use crate::layout::one_pager::{OnePager, Placement, SignoffLine, generated_line, set_label};
use crate::layout::page::{Page, Rgb, Role, Style};
use crate::layout::typeset::{
    BODY_LINE, BODY_SIZE, Cut, ITEM_GAP, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MM, PARAGRAPH_GAP, Pen, Sheet, Typesetter,
};

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
    /// The part "LEROs in numbers", when at least one contributor sent figures.
    pub numbers: Option<&'a ReportNumbers>,
}

/// What the part "LEROs in numbers" prints, every number already written as it reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportNumbers {
    /// Who sent figures, and for which years: "2 of 4 contributors sent figures, for …".
    pub reporting: String,
    /// Each total: what it counts and the number ("People supported", "1,212").
    pub totals: Vec<(String, String)>,
    /// One row per contributor: organisation, year and the five figures as they read (empty
    /// where a figure was not given; the year says "no figures sent" when none were).
    pub rows: Vec<[String; 7]>,
    /// People supported, per contributor that gave the figure, largest first: the chart.
    pub people: Vec<(String, u64)>,
    /// How many accounts answer each statement ("C1 Peer support and support groups", 3), in
    /// report order: the second chart.
    pub accounts: Vec<(String, u64)>,
    /// Where contributors stand with each statement, one sentence a statement ("C1 Peer
    /// support (3 accounts): 1 starting, 2 embedded; rungs of involvement 4, 5, 7.").
    pub statements: Vec<String>,
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

/// The column headings of the contributors' table.
pub(crate) const CONTRIBUTOR_COLUMNS: [&str; 4] = ["Organisation", "Area", "Accounts", "Sign-off"];

/// Running footer and top-margin line: quiet, small, in the margins.
const MARGIN_TEXT_SIZE: f32 = 7.5;
const MARGIN_PEN: Pen = Pen::new(MARGIN_TEXT_SIZE, Style::Regular, Rgb::QUIET);
/// Baseline of the running footer, up from the page's bottom edge.
const FOOTER_FROM_BOTTOM: f32 = MARGIN_BOTTOM / 2.0;
/// Baseline of the top-margin line, down from the page's top edge.
const TOP_LINE_BASELINE: f32 = MARGIN_TOP * 0.55;
/// Between texts sharing a line.
pub(crate) const GAP: f32 = 16.0;
pub(crate) const DRAFT_LINE: &str = "DRAFT – not yet signed off by every contributor";

const COVER_TOP: f32 = 70.0 * MM;
pub(crate) const COVER_TITLE_SIZE: f32 = 26.0;
const COVER_TITLE_MAX_LINES: usize = 4;
const COVER_YEAR_SIZE: f32 = 16.0;
pub(crate) const COVER_LINE_SIZE: f32 = 11.0;
pub(crate) const COVER_QUIET_SIZE: f32 = 9.0;

const HEADING_SIZE: f32 = 15.0;
const HEADING_MAX_LINES: usize = 4;
const HEADING_PEN: Pen = Pen::new(HEADING_SIZE, Style::Bold, Rgb::TEXT);

pub(crate) const ROW_SIZE: f32 = 9.5;
pub(crate) const ROW_LINE: f32 = ROW_SIZE * 1.6;
pub(crate) const QUIET_ROW_PEN: Pen = Pen::new(ROW_SIZE, Style::Regular, Rgb::QUIET);
/// Share of the width for the code column of the contents.
const CODE_COLUMN: f32 = 0.12;
/// Left edges of the contributors table's columns, as shares of the width; the count column
/// is right-aligned at its right edge.
const TABLE_COLUMNS: [f32; 4] = [0.0, 0.38, 0.58, 0.72];

impl Layouter {
    /// Lays out the collective report, every page A4 with the one-pager's margins. Contents
    /// page numbers and "Page X of Y" are filled in once every page is placed. Never panics,
    /// whatever the input.
    pub fn report(&mut self, input: &ReportInput<'_>) -> Vec<Page> {
        let cover = self.cover(input);
        let introduction = self.introduction(input);
        let numbers = input.numbers.map(|n| self.numbers(input, n)).unwrap_or_default();
        let mut sections = Vec::new();
        // Index of each section's divider within `sections`.
        let mut starts = Vec::with_capacity(input.sections.len());
        for section in input.sections {
            starts.push(sections.len());
            sections.extend(self.divider(input, section));
            for contribution in section.contributions {
                sections.push(self.contribution(input, section, contribution));
            }
        }
        let contributors = self.contributors(input);

        // The contents' length depends only on how many entries it has, never on the numbers.
        let entries = |first_section: usize| -> Vec<(String, String, usize)> {
            let mut entries: Vec<_> = Vec::new();
            if !numbers.is_empty() {
                entries.push((String::new(), NUMBERS_HEADING.to_owned(), first_section.saturating_sub(numbers.len())));
            }
            entries.extend(
                input
                    .sections
                    .iter()
                    .zip(&starts)
                    .map(|(s, start)| (tidy(s.code), tidy(s.statement_title), first_section + start)),
            );
            entries.push((String::new(), "Contributors".to_owned(), first_section + sections.len()));
            entries
        };
        let contents_len = self.contents(input, &entries(0)).len();
        // Page numbers count from 1: the cover, the contents, the introduction, the numbers.
        let first_section = 1 + cover.len() + contents_len + introduction.len() + numbers.len();
        let contents = self.contents(input, &entries(first_section));

        let sheets: Vec<Sheet> = [cover, contents, introduction, numbers]
            .into_iter()
            .flatten()
            .chain(sections)
            .chain(contributors)
            .collect();
        let total = sheets.len();
        let running = running_title(input);
        let ts = Typesetter::new(&self.fonts, &mut self.cache, Cut::Nothing);
        sheets
            .into_iter()
            .enumerate()
            .map(|(i, sheet)| finish_page(&ts, sheet, &running, i + 1, total, input.draft))
            .collect()
    }

    /// A flow for one part of the report, each page starting with the watermark of a draft.
    fn flow(&mut self, input: &ReportInput<'_>) -> Flow<'_> {
        let ts = Typesetter::new(&self.fonts, &mut self.cache, Cut::Nothing);
        let watermark = input.draft.then(|| ts.watermark(Page::A4.0, Page::A4.1));
        Flow::new(ts, watermark)
    }

    /// The cover: title, year, who contributed, fingerprint and generation line. One page.
    fn cover(&mut self, input: &ReportInput<'_>) -> Vec<Sheet> {
        let mut flow = self.flow(input);
        flow.y = COVER_TOP;
        let width = COLUMN;
        let title = flow.ts.capped(input.title, Style::Bold, COVER_TITLE_SIZE, width, COVER_TITLE_MAX_LINES);
        flow.lines(title, MARGIN_X, Pen::new(COVER_TITLE_SIZE, Style::Bold, Rgb::TEXT), &Role::Heading(1));
        let year = flow.ts.fit_line(input.year, Style::Regular, COVER_YEAR_SIZE, width);
        flow.lines(vec![year], MARGIN_X, Pen::new(COVER_YEAR_SIZE, Style::Regular, Rgb::ACCENT), &Role::Paragraph);
        flow.rule();
        if input.draft {
            // Said once as the report's own words; the line in every page's margin and the
            // watermark are page furniture.
            let text = flow.ts.fit_line(DRAFT_LINE, Style::Bold, COVER_LINE_SIZE, width);
            flow.lines(vec![text], MARGIN_X, Pen::new(COVER_LINE_SIZE, Style::Bold, Rgb::DRAFT), &Role::Paragraph);
            flow.y += ITEM_GAP;
        }

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
            let text = flow.ts.fit_line(&text, Style::Regular, COVER_LINE_SIZE, width);
            flow.lines(vec![text], MARGIN_X, Pen::new(COVER_LINE_SIZE, Style::Regular, Rgb::TEXT), &Role::Paragraph);
        }
        flow.y += BODY_LINE;
        let mut quiet = Vec::new();
        if let Some(fingerprint) = input.fingerprint.map(tidy).filter(|f| !f.is_empty()) {
            quiet.push(format!("Report fingerprint {fingerprint}"));
        }
        quiet.push(generated_line(input.generated_on, input.app_version));
        for text in quiet {
            let text = flow.ts.fit_line(&text, Style::Regular, COVER_QUIET_SIZE, width);
            flow.lines(vec![text], MARGIN_X, Pen::new(COVER_QUIET_SIZE, Style::Regular, Rgb::QUIET), &Role::Paragraph);
        }
        flow.finish()
    }

    /// The contents: one row per entry (code, title, dotted leader, "page P").
    fn contents(&mut self, input: &ReportInput<'_>, entries: &[(String, String, usize)]) -> Vec<Sheet> {
        let mut flow = self.flow(input);
        let width = COLUMN;
        let code_width = width * CODE_COLUMN;
        flow.rows(
            entries,
            ROW_LINE,
            |_| 1,
            |flow, first| {
                flow.sheet.close_all();
                if first {
                    heading(flow, "Contents");
                    flow.sheet.group(Role::Toc);
                } else {
                    heading_continued(flow, "Contents (continued)");
                    flow.sheet.group_continued(Role::Toc);
                }
            },
            |flow, (code, title, page)| {
                let label = format!("page {page}");
                let label_width = flow.ts.fonts.width(Style::Regular, &label, ROW_SIZE);
                let code = flow.ts.fit_line(code, Style::Bold, ROW_SIZE, code_width - GAP / 2.0);
                let title_left = if code.is_empty() { MARGIN_X } else { MARGIN_X + code_width };
                let title_room = MARGIN_X + width - label_width - GAP - title_left;
                let title = flow.ts.fit_line(title, Style::Regular, ROW_SIZE, title_room);
                let title_right = title_left + flow.ts.fonts.width(Style::Regular, &title, ROW_SIZE);
                let leader = leader(&flow.ts, title_right + GAP / 2.0, MARGIN_X + width - label_width - GAP / 2.0);
                let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
                // One entry, read as one line: code, title, page.
                flow.sheet.leaf(Role::TocItem);
                cell(flow, MARGIN_X, baseline, Style::Bold, Rgb::ACCENT, code, Role::TocItem);
                cell(flow, title_left, baseline, Style::Regular, Rgb::TEXT, title, Role::TocItem);
                flow.sheet.text(leader.0, baseline, QUIET_ROW_PEN, leader.1, Role::Artifact);
                cell(flow, MARGIN_X + width - label_width, baseline, Style::Regular, Rgb::TEXT, label, Role::TocItem);
                flow.sheet.close();
                flow.y += ROW_LINE;
            },
        );
        flow.finish()
    }

    /// "Introduction" and the text, flowing over as many pages as it needs; no pages when
    /// the text is empty.
    fn introduction(&mut self, input: &ReportInput<'_>) -> Vec<Sheet> {
        let blocks = blocks::parse(input.introduction);
        if blocks.iter().all(|b| b.text.is_empty()) {
            return Vec::new();
        }
        let mut flow = self.flow(input);
        heading(&mut flow, "Introduction");
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                flow.y += if block.starts_paragraph { PARAGRAPH_GAP } else { ITEM_GAP };
            }
            flow.block(block.kind, &block.text);
        }
        flow.sheet.end_blocks();
        flow.finish()
    }

    /// A section's divider: the statement, its set, its text (quiet) and how many accounts
    /// follow. Always one page: a statement too long for it is cut with "…".
    fn divider(&mut self, input: &ReportInput<'_>, section: &ReportSection<'_>) -> Vec<Sheet> {
        let mut flow = self.flow(input);
        let width = COLUMN;
        let code = tidy(section.code);
        let (code_width, heading) = flow.ts.hang_code(&code, &tidy(section.statement_title), HEADING_SIZE, width);
        let hang = code_width.map_or(0.0, |code_width| code_width + GAP);
        let lines = flow.ts.capped(&heading, Style::Bold, HEADING_SIZE, width - hang, HEADING_MAX_LINES);
        let entry = if code_width.is_some() { format!("{code} {heading}") } else { heading.clone() };
        flow.sheet.bookmark(1, entry, flow.y);
        flow.sheet.leaf(Role::Heading(2));
        if hang > 0.0 {
            let baseline = flow.baseline(HEADING_SIZE * LEADING, HEADING_SIZE);
            flow.sheet.text(
                MARGIN_X,
                baseline,
                Pen::new(HEADING_SIZE, Style::Bold, Rgb::ACCENT),
                code,
                Role::Heading(2),
            );
            if lines.is_empty() {
                flow.y += HEADING_SIZE * LEADING;
            }
        }
        for line in lines {
            flow.line(MARGIN_X + hang, HEADING_PEN, line, Role::Heading(2));
        }
        flow.sheet.close();
        let set = set_label(section.set_title, section.set_version);
        let set = flow.ts.capped(&set, Style::Regular, ROW_SIZE, width, 2);
        flow.lines(set, MARGIN_X, QUIET_ROW_PEN, &Role::Paragraph);
        flow.rule();

        let count_line = plural(section.contributions.len(), "account", "accounts");
        // Room for the statement, keeping a line and a gap for the count.
        let room = BOTTOM - flow.y - 2.0 * BODY_LINE;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped, small")]
        let max_lines = (room / BODY_LINE).floor().clamp(0.0, 1000.0) as usize;
        let statement = flow.ts.capped(section.statement_text, Style::Regular, BODY_SIZE, width, max_lines);
        flow.lines(statement, MARGIN_X, Pen::new(BODY_SIZE, Style::Regular, Rgb::QUIET), &Role::Paragraph);
        flow.y += BODY_LINE;
        flow.lines(vec![count_line], MARGIN_X, Pen::new(BODY_SIZE, Style::Bold, Rgb::TEXT), &Role::Paragraph);
        flow.finish()
    }

    /// One account on a page of its own, as the one-pager lays it out, with its logo's index
    /// and its area in the top margin. Body lines past the page (never in a signed account,
    /// which must fit) are left out rather than drawn over the sign-off block.
    fn contribution(
        &mut self,
        input: &ReportInput<'_>,
        section: &ReportSection<'_>,
        contribution: &ReportContribution<'_>,
    ) -> Sheet {
        let fingerprint = Some(contribution.fingerprint).filter(|f| !f.trim().is_empty());
        let account = OnePager {
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
            // The report's own DRAFT mark is on every page; the account itself is signed.
            draft: false,
        };
        let placement = Placement {
            logo_image: contribution.logo.map_or(0, |l| l.index),
            watermark: input.draft,
            overflow: false,
            nested: true,
        };
        let (mut sheet, _) = self.one_pager_sheet(&account, &placement);
        let entry = [tidy(contribution.org_name), tidy(contribution.title)];
        let entry = entry.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
        sheet.bookmark(2, entry.join(": "), MARGIN_TOP);
        let ts = Typesetter::new(&self.fonts, &mut self.cache, Cut::Nothing);
        let area = tidy(contribution.area);
        if !area.is_empty() {
            let (width, _) = Page::A4;
            let room = (width - 2.0 * MARGIN_X) / 2.0 - GAP;
            let area = ts.fit_line(&area, Style::Regular, MARGIN_TEXT_SIZE, room);
            let x = width - MARGIN_X - ts.fonts.width(Style::Regular, &area, MARGIN_TEXT_SIZE);
            sheet.text(x, TOP_LINE_BASELINE, MARGIN_PEN, area, Role::Artifact);
        }
        sheet
    }

    /// "Contributors", the report's fingerprint, and a table: organisation, area, accounts,
    /// sign-off. The column headings repeat on every page the table runs onto.
    fn contributors(&mut self, input: &ReportInput<'_>) -> Vec<Sheet> {
        let mut flow = self.flow(input);
        let width = COLUMN;
        let fingerprint = input.fingerprint.map(tidy).filter(|f| !f.is_empty());
        let headings = CONTRIBUTOR_COLUMNS;
        // A row's cells; a note about the contributor is drawn on the line below the row but
        // read as part of its first cell, right after the organisation's name.
        let cells = |flow: &mut Flow<'_>, texts: [&str; 4], note: Option<&str>, style: Style, role: &Role| {
            let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
            for (i, text) in texts.into_iter().enumerate() {
                let left = MARGIN_X + TABLE_COLUMNS[i] * width;
                let right =
                    TABLE_COLUMNS.get(i + 1).map_or(MARGIN_X + width, |next| MARGIN_X + next * width - GAP / 2.0);
                let text = flow.ts.fit_line(text, style, ROW_SIZE, right - left);
                let note = note.filter(|_| i == 0).map(|n| flow.ts.fit_line(n, Style::Italic, ROW_SIZE, width));
                if text.is_empty() && note.is_none() {
                    // Still a cell, so that the row's cells stay under their headings.
                    flow.sheet.empty(role.clone());
                    continue;
                }
                let x = if i == 2 { right - flow.ts.fonts.width(style, &text, ROW_SIZE) } else { left };
                flow.sheet.leaf(role.clone());
                flow.sheet.text(x, baseline, Pen::new(ROW_SIZE, style, Rgb::TEXT), text, role.clone());
                if let Some(note) = note {
                    let pen = Pen::new(ROW_SIZE, Style::Italic, Rgb::TEXT);
                    flow.sheet.text(MARGIN_X, baseline + ROW_LINE, pen, note, role.clone());
                }
                flow.sheet.close();
            }
            flow.y += if note.is_some() { 2.0 * ROW_LINE } else { ROW_LINE };
        };
        flow.rows(
            input.contributors,
            ROW_LINE,
            |c| if c.note.is_some() { 2 } else { 1 },
            |flow, first| {
                flow.sheet.close_all();
                if !first {
                    // The same table carries on; its headings are repeated for the eye only.
                    heading_continued(flow, "Contributors (continued)");
                    flow.sheet.group_continued(Role::Table);
                    cells(flow, headings, None, Style::Bold, &Role::Artifact);
                    return;
                }
                heading(flow, "Contributors");
                if let Some(fingerprint) = &fingerprint {
                    let text =
                        flow.ts.fit_line(&format!("Report fingerprint {fingerprint}"), Style::Regular, ROW_SIZE, width);
                    flow.lines(vec![text], MARGIN_X, QUIET_ROW_PEN, &Role::Paragraph);
                    flow.y += ITEM_GAP;
                }
                flow.sheet.group(Role::Table);
                flow.sheet.group(Role::TableRow);
                cells(flow, headings, None, Style::Bold, &Role::TableHeader);
                flow.sheet.close();
            },
            |flow, c| {
                flow.sheet.group(Role::TableRow);
                let texts = [c.org.as_str(), &c.area, &c.contributions.to_string(), &c.signoff];
                cells(flow, texts, c.note.as_deref(), Style::Regular, &Role::TableCell);
                flow.sheet.close();
            },
        );
        flow.finish()
    }
}

/// A part's heading with the accent rule under it, and its entry in the outline.
pub(crate) fn heading(flow: &mut Flow<'_>, text: &str) {
    flow.sheet.bookmark(1, text.to_owned(), flow.y);
    let lines = flow.ts.capped(text, Style::Bold, HEADING_SIZE, COLUMN, HEADING_MAX_LINES);
    flow.lines(lines, MARGIN_X, HEADING_PEN, &Role::Heading(2));
    flow.rule();
}

/// The heading of a page a part runs onto ("Contents (continued)"): the same look, but page
/// furniture, since the part's heading has been read already.
pub(crate) fn heading_continued(flow: &mut Flow<'_>, text: &str) {
    let lines = flow.ts.capped(text, Style::Bold, HEADING_SIZE, COLUMN, HEADING_MAX_LINES);
    flow.lines(lines, MARGIN_X, HEADING_PEN, &Role::Artifact);
    flow.rule();
}

/// One table cell of row text at `x` on `baseline`, as a node of its own.
fn cell(flow: &mut Flow<'_>, x: f32, baseline: f32, style: Style, colour: Rgb, text: String, role: Role) {
    flow.sheet.run(x, baseline, Pen::new(ROW_SIZE, style, colour), text, role);
}

/// A dotted leader filling `from..to`, as (x, dots); empty when there is no room.
fn leader(ts: &Typesetter<'_>, from: f32, to: f32) -> (f32, String) {
    let dot = ts.fonts.width(Style::Regular, ". ", ROW_SIZE).max(0.1);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped, small")]
    let dots = ((to - from) / dot).floor().clamp(0.0, 500.0) as usize;
    let text = ". ".repeat(dots).trim_end().to_owned();
    let width = ts.fonts.width(Style::Regular, &text, ROW_SIZE);
    (to - width, text)
}

/// The page `sheet` becomes as page `number` of `total`: the DRAFT line (on a draft) and
/// the running footer, all page furniture.
pub(crate) fn finish_page(
    ts: &Typesetter<'_>,
    mut sheet: Sheet,
    running: &str,
    number: usize,
    total: usize,
    draft: bool,
) -> Page {
    let (width, height) = Page::A4;
    let (left, right) = (MARGIN_X, width - MARGIN_X);
    if draft {
        let text = ts.fit_line(DRAFT_LINE, Style::Bold, MARGIN_TEXT_SIZE, (right - left) / 2.0);
        sheet.text(left, TOP_LINE_BASELINE, Pen::new(MARGIN_TEXT_SIZE, Style::Bold, Rgb::DRAFT), text, Role::Artifact);
    }
    let baseline = height - FOOTER_FROM_BOTTOM;
    let number = format!("Page {number} of {total}");
    let number_width = ts.fonts.width(Style::Regular, &number, MARGIN_TEXT_SIZE);
    let running = ts.fit_line(running, Style::Regular, MARGIN_TEXT_SIZE, right - left - number_width - GAP);
    sheet.text(left, baseline, MARGIN_PEN, running, Role::Artifact);
    sheet.text(right - number_width, baseline, MARGIN_PEN, number, Role::Artifact);
    sheet.into_page()
}

/// "Title · year" for the running footer.
fn running_title(input: &ReportInput<'_>) -> String {
    [tidy(input.title), tidy(input.year)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
}

pub(crate) mod numbers;
use numbers::NUMBERS_HEADING;

#[cfg(test)]
mod tests;
