//! The one-page account: header (logo, organisation, statement), the account's body, the
//! sign-off block and the footer, on one A4 page, and whether the body fits.
//!
//! The body's room never depends on who has signed: the sign-off block always keeps at least
//! three rows and the fingerprint row, and the "DRAFT" label sits beside the set line instead
//! of taking a line of its own. So a page that fits while it is being written still fits
//! once it is signed.

use std::ops::Range;

use crate::domain::text::one_line;
use crate::layout::Layouter;
use crate::layout::blocks::{self, Block, BlockKind};
use crate::layout::page::{Item, Page, Rgb, Role, Style};
use crate::layout::typeset::{
    BODY_LEADING, BODY_LINE, BODY_SIZE, Cut, ITEM_GAP, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MM, PARAGRAPH_GAP, Pen,
    RULE_ABOVE, RULE_WIDTH, Sheet, Typesetter, block_role, block_shape, count,
};

/// One person's sign-off, as printed in the sign-off block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignoffLine {
    /// Full name, as the person writes it.
    pub name: String,
    /// Role in the organisation ("Peer mentor", "Chair").
    pub role: String,
    /// Date of sign-off, as it should read ("2026-11-22").
    pub date: String,
    /// Whether the person signs as someone with lived experience (co-production).
    pub lived_experience: bool,
}

impl SignoffLine {
    /// A sign-off as printed, dated from the day part of its timestamp ("2026-11-22T…").
    pub fn at(name: &str, role: &str, timestamp: &str, lived_experience: bool) -> SignoffLine {
        SignoffLine {
            name: name.to_owned(),
            role: role.to_owned(),
            date: timestamp.get(..10).unwrap_or(timestamp).to_owned(),
            lived_experience,
        }
    }
}

/// Everything printed on a one-pager.
#[derive(Debug, Clone, Copy, Default)]
pub struct OnePager<'a> {
    /// The organisation's name, beside the logo.
    pub org_name: &'a str,
    /// Pixel size of logo 0, if the organisation has one.
    pub logo_px: Option<(u32, u32)>,
    /// Title of the standard set ("CLERO Quality Standards").
    pub set_title: &'a str,
    /// Version of the set ("2.1").
    pub set_version: &'a str,
    /// Statement code ("2.3").
    pub statement_code: &'a str,
    /// Statement title.
    pub statement_title: &'a str,
    /// The account's own title; omitted when empty.
    pub title: &'a str,
    /// The account: a blank line starts a paragraph, "- " a bullet item, "> " a member's quote.
    pub body: &'a str,
    /// Who has signed off, in the order to print.
    pub signoffs: &'a [SignoffLine],
    /// Short fingerprint shown on the page, e.g. "3f2a 9c41 0b7e 55d2".
    pub fingerprint: Option<&'a str>,
    /// Date of generation as it should read ("2026-11-22").
    pub generated_on: &'a str,
    /// The app's version, printed in the footer.
    pub app_version: &'a str,
    /// Adds the DRAFT watermark and a "DRAFT – not signed off" label.
    pub draft: bool,
}

/// How the body fits the room the page has for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Words in the body (markers such as "- " and "> " are not words).
    pub words: usize,
    /// Lines the body takes.
    pub lines: usize,
    /// Height the body needs, points.
    pub used_pt: f32,
    /// Height of the body area, points.
    pub capacity_pt: f32,
    /// Body lines that fall below the body area (0 when it fits).
    pub overflow_lines: usize,
    /// Indices into [`Page::items`] of the body items that fall below the body area (empty
    /// when it fits), so the editor can show them in red. They are still placed, continuing
    /// down the page, but a page that does not fit must never be written as a PDF.
    pub overflow_items: Range<usize>,
}

impl Fit {
    /// Whether the whole body fits its area.
    #[must_use]
    pub fn fits(&self) -> bool {
        self.overflow_lines == 0
    }

    /// How full the body area is, in percent, rounded; above 100 when it overflows.
    #[must_use]
    pub fn percent(&self) -> u32 {
        if self.used_pt <= 0.0 {
            return 0;
        }
        let percent = (self.used_pt / self.capacity_pt.max(f32::EPSILON) * 100.0).round();
        // Clamped first, so the conversion cannot wrap or lose a sign.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to u32's range")]
        let percent = percent.clamp(0.0, 1.0e9) as u32;
        percent
    }

    /// The fit in words for the editor: "78% of the page", "1 line too long", "4 lines too long".
    #[must_use]
    pub fn describe(&self) -> String {
        match self.overflow_lines {
            0 => format!("{}% of the page", self.percent().min(100)),
            1 => "1 line too long".to_owned(),
            n => format!("{n} lines too long"),
        }
    }
}

// The header, sign-off block and footer. Sizes are in points; the frame and the body's
// measures are the shared ones of `typeset`.

const LOGO_MAX_W: f32 = 45.0 * MM;
const LOGO_MAX_H: f32 = 30.0 * MM;
/// Between the logo and the text beside it.
const LOGO_GAP: f32 = 5.0 * MM;

const ORG_SIZE: f32 = 15.0;
const ORG_LEADING: f32 = 1.2;
const ORG_MAX_LINES: usize = 2;
const ORG_PEN: Pen = Pen::new(ORG_SIZE, Style::Bold, Rgb::TEXT);
/// Between the organisation's name and the statement.
const NAME_GAP: f32 = 4.0;

const HEADING_SIZE: f32 = 11.5;
const HEADING_LEADING: f32 = 1.25;
const HEADING_MAX_LINES: usize = 4;
/// Between the statement code and its title.
const CODE_GAP: f32 = 8.0;

const SET_SIZE: f32 = 8.5;
const SET_LEADING: f32 = 1.35;
const SET_MAX_LINES: usize = 2;
const SET_PEN: Pen = Pen::new(SET_SIZE, Style::Regular, Rgb::QUIET);
const DRAFT_LABEL: &str = "DRAFT – not signed off";
/// Kept clear beside the set line for the draft label, whether or not the page is a draft,
/// so that signing never re-wraps the header.
const DRAFT_GAP: f32 = 12.0;

const RULE_BELOW: f32 = 8.0;

const TITLE_SIZE: f32 = 13.0;
const TITLE_LEADING: f32 = 1.25;
const TITLE_MAX_LINES: usize = 3;
const TITLE_GAP: f32 = 4.0;
const TITLE_PEN: Pen = Pen::new(TITLE_SIZE, Style::Bold, Rgb::TEXT);

/// A line counts as fitting when it ends this close below the body area (rounding only).
const FIT_SLACK: f32 = 0.01;

/// Between the body area and the sign-off block's rule.
const SIGNOFF_GAP_ABOVE: f32 = 8.0;
const SIGNOFF_RULE_WIDTH: f32 = 0.5;
const SIGNOFF_RULE_BELOW: f32 = 5.0;
const SIGNOFF_HEADING_SIZE: f32 = 8.5;
const SIGNOFF_HEADING_LINE: f32 = SIGNOFF_HEADING_SIZE * 1.4;
const SIGNOFF_SIZE: f32 = 9.0;
const SIGNOFF_LINE: f32 = SIGNOFF_SIZE * 1.35;
/// Rows always kept for sign-offs, so that signing does not change the body's room.
const SIGNOFF_ROWS: usize = 3;
/// Past this, the last row says how many more signed (an absurd count must not eat the page).
const SIGNOFF_MAX_ROWS: usize = 12;
/// The fingerprint stands at the right of the "Signed off" heading, in no row of its own.
const FINGERPRINT_SIZE: f32 = 8.0;
/// Between the sign-off block and the footer's text.
const SIGNOFF_GAP_BELOW: f32 = 7.0;

const FOOTER_SIZE: f32 = 7.5;
const FOOTER_PEN: Pen = Pen::new(FOOTER_SIZE, Style::Regular, Rgb::QUIET);
/// Between the footer's left and right texts.
const FOOTER_GAP: f32 = 16.0;

/// How a one-pager is placed in the document it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    /// Index of the organisation's logo among the logos handed to the writer.
    pub(crate) logo_image: usize,
    /// Whether the page starts with the DRAFT watermark.
    pub(crate) watermark: bool,
    /// Whether body lines below the body area are placed (the editor shows them in red) or
    /// left out (a page in a report, which must never draw over its sign-off block).
    pub(crate) overflow: bool,
    /// Whether the page sits under its statement's heading in a larger document (the
    /// report): its own statement line is then not a heading, and its headings start a
    /// level further down.
    pub(crate) nested: bool,
}

impl Layouter {
    /// Lays out a one-page account and says whether its body fits. Body lines that do not fit
    /// are still placed, continuing below the body area (see [`Fit::overflow_items`]).
    /// Never panics, whatever the text.
    pub fn one_pager(&mut self, input: &OnePager<'_>) -> (Page, Fit) {
        let placement = Placement { logo_image: 0, watermark: input.draft, overflow: true, nested: false };
        let (sheet, fit) = self.one_pager_sheet(input, &placement);
        (sheet.into_page(), fit)
    }

    /// The one-pager as a page still open for what the document around it adds (the report's
    /// top-margin line and running footer), its structure tree already in reading order.
    pub(crate) fn one_pager_sheet(&mut self, input: &OnePager<'_>, placement: &Placement) -> (Sheet, Fit) {
        let (width, height) = Page::A4;
        let ts = Typesetter::new(&self.fonts, &mut self.cache, Cut::Ellipsis);
        // First, so that everything else is drawn over it.
        let watermark = placement.watermark.then(|| ts.watermark(width, height));
        let mut page = Builder {
            ts,
            sheet: Sheet::new(watermark),
            logo_image: placement.logo_image,
            nested: placement.nested,
            titled: false,
        };
        let frame = Frame { left: MARGIN_X, right: width - MARGIN_X };

        let body_top = page.header(input, frame, MARGIN_TOP);
        let header = page.sheet.take_nodes();
        let footer_baseline = height - MARGIN_BOTTOM;
        page.footer(input, frame, footer_baseline);
        let signoff_bottom = footer_baseline - FOOTER_SIZE - SIGNOFF_GAP_BELOW;
        let signoff_top = signoff_bottom - signoff_height(input.signoffs.len());
        let body_bottom = signoff_top - SIGNOFF_GAP_ABOVE;
        page.signoffs(input, frame, signoff_top);
        let signoffs = page.sheet.take_nodes();

        let blocks = blocks::parse(input.body);
        let body = page.body(&blocks, frame, (body_top, body_bottom), placement.overflow);
        let fit = Fit {
            words: blocks.iter().map(|b| b.text.split_whitespace().count()).sum(),
            lines: body.lines,
            used_pt: body.used,
            capacity_pt: (body_bottom - body_top).max(0.0),
            overflow_lines: body.overflow_lines,
            overflow_items: body.overflow_items,
        };
        // Read in order: the header, the body, then who signed it.
        let body = page.sheet.take_nodes();
        page.sheet.put_nodes(header.into_iter().chain(body).chain(signoffs).collect());
        (page.sheet, fit)
    }
}

/// The horizontal extent of the text column.
#[derive(Debug, Clone, Copy)]
struct Frame {
    left: f32,
    right: f32,
}

impl Frame {
    fn width(self) -> f32 {
        self.right - self.left
    }
}

/// What laying out the body found.
struct BodyLayout {
    lines: usize,
    used: f32,
    overflow_lines: usize,
    overflow_items: Range<usize>,
}

/// A pixel size as `f32`; only its ratio matters, and a rounding of huge sizes changes nothing.
#[allow(clippy::cast_precision_loss, reason = "only the ratio of the sizes is used")]
fn pixels(n: u32) -> f32 {
    n as f32
}

/// Height of the sign-off block (rule to last row) for this many sign-offs.
fn signoff_height(signoffs: usize) -> f32 {
    let rows = signoffs.clamp(SIGNOFF_ROWS, SIGNOFF_MAX_ROWS);
    SIGNOFF_RULE_BELOW + SIGNOFF_HEADING_LINE + count(rows) * SIGNOFF_LINE
}

/// "Set title · version V", leaving out what is empty.
pub fn set_label(set_title: &str, set_version: &str) -> String {
    let (title, version) = (set_title.trim(), set_version.trim());
    match (title.is_empty(), version.is_empty()) {
        (false, false) => format!("{title} · version {version}"),
        (false, true) => title.to_owned(),
        (true, false) => format!("version {version}"),
        (true, true) => String::new(),
    }
}

/// "Generated on DATE by LERO Evidence VERSION", as the one-pager's footer and the report's
/// cover say it.
pub(crate) fn generated_line(generated_on: &str, app_version: &str) -> String {
    format!("Generated on {} by LERO Evidence {}", one_line(generated_on), one_line(app_version))
}

/// "Name, Role — date · lived experience", leaving out what is empty.
fn signoff_text(signoff: &SignoffLine) -> String {
    let mut text = one_line(&signoff.name);
    let role = one_line(&signoff.role);
    if !role.is_empty() {
        text.push_str(", ");
        text.push_str(&role);
    }
    let date = signoff.date.trim();
    if !date.is_empty() {
        text.push_str(" — ");
        text.push_str(date);
    }
    if signoff.lived_experience {
        text.push_str(" · lived experience");
    }
    text
}

/// The lines of a sign-off block, as every edition prints them: one per person, the last
/// saying how many more when there are too many for the block, or "Not yet signed off".
/// Each comes with whether it is a quiet line (not a person).
pub(crate) fn signoff_rows(signoffs: &[SignoffLine]) -> Vec<(String, bool)> {
    let mut rows: Vec<(String, bool)> = if signoffs.len() > SIGNOFF_MAX_ROWS {
        let shown = SIGNOFF_MAX_ROWS - 1;
        let mut rows: Vec<(String, bool)> = signoffs[..shown].iter().map(|s| (signoff_text(s), false)).collect();
        rows.push((format!("… and {} more", signoffs.len() - shown), true));
        rows
    } else {
        signoffs.iter().map(|s| (signoff_text(s), false)).collect()
    };
    if rows.is_empty() {
        rows.push(("Not yet signed off".to_owned(), true));
    }
    rows
}

/// Builds the page on the shared typesetter.
struct Builder<'a> {
    ts: Typesetter<'a>,
    sheet: Sheet,
    logo_image: usize,
    nested: bool,
    /// Whether the account's title has been placed (the sign-off heading's level follows it).
    titled: bool,
}

impl Builder<'_> {
    /// The role of the page's heading of `level` (the statement is level 1 on a page of its
    /// own; in the report, where the statement heads the section and the organisation's
    /// name heads the account, the page's statement line is a paragraph and its other
    /// headings move two levels down).
    fn heading(&self, level: u8) -> Role {
        match (self.nested, level) {
            (true, 1) => Role::Paragraph,
            (true, level) => Role::Heading(level + 2),
            (false, level) => Role::Heading(level),
        }
    }

    /// The organisation's name: a heading in the report, where it says whose account
    /// follows (between the statement's heading and the account's title), and a paragraph
    /// on a page of its own.
    fn org_role(&self) -> Role {
        if self.nested { Role::Heading(3) } else { Role::Paragraph }
    }

    /// Places `lines` one under another from `top`, `leading` times the size apart, as one
    /// node of `role`; returns the y below them.
    fn text_lines(&mut self, lines: Vec<String>, x: f32, top: f32, leading: f32, pen: Pen, role: &Role) -> f32 {
        self.sheet.leaf(role.clone());
        let y = self.place_lines(lines, x, top, leading, pen, role);
        self.sheet.close();
        y
    }

    /// Places lines as [`Builder::text_lines`] does, in the node already open.
    fn place_lines(&mut self, lines: Vec<String>, x: f32, top: f32, leading: f32, pen: Pen, role: &Role) -> f32 {
        let line_height = pen.size * leading;
        let mut y = top;
        for line in lines {
            let baseline = self.ts.baseline(y, line_height, pen.size, pen.style);
            self.sheet.text(x, baseline, pen, line, role.clone());
            y += line_height;
        }
        y
    }

    /// Logo at the left; beside it the organisation's name, the statement and the set line;
    /// then the rule and the account's title. Returns the top of the body area.
    ///
    /// The text stands beside the logo rather than under it because a logo is tall and
    /// narrow: stacked, the header would cost the body about five lines.
    fn header(&mut self, input: &OnePager<'_>, frame: Frame, top: f32) -> f32 {
        // The logo keeps its aspect ratio inside its box.
        let logo = input.logo_px.filter(|(w, h)| *w > 0 && *h > 0).map(|(w, h)| {
            let (w, h) = (pixels(w), pixels(h));
            let scale = (LOGO_MAX_W / w).min(LOGO_MAX_H / h);
            (w * scale, h * scale)
        });
        self.sheet.group(Role::Section);
        if let Some((w, h)) = logo {
            let alt = format!("Logo of {}", one_line(input.org_name));
            let role = Role::Figure { alt };
            self.sheet.leaf(role.clone());
            self.sheet.push(Item::Logo { image: self.logo_image, x: frame.left, y: top, w, h, role });
            self.sheet.close();
        }
        let column = Frame { left: logo.map_or(frame.left, |(w, _)| frame.left + w + LOGO_GAP), right: frame.right };

        let mut y = top;
        let name_lines = self.ts.capped(input.org_name, Style::Bold, ORG_SIZE, column.width(), ORG_MAX_LINES);
        if !name_lines.is_empty() {
            let role = self.org_role();
            y = self.text_lines(name_lines, column.left, y, ORG_LEADING, ORG_PEN, &role);
            y += NAME_GAP;
        }

        y = self.statement_heading(input, column, y);

        // The set line always takes at least one row, so that the draft label beside it never
        // adds height of its own.
        let draft_width = self.ts.fonts.width(Style::Bold, DRAFT_LABEL, SET_SIZE);
        let set_lines = self.ts.capped(
            &set_label(input.set_title, input.set_version),
            Style::Regular,
            SET_SIZE,
            column.width() - draft_width - DRAFT_GAP,
            SET_MAX_LINES,
        );
        let set_rows = set_lines.len().max(1);
        if input.draft {
            let baseline = self.ts.baseline(y, SET_SIZE * SET_LEADING, SET_SIZE, Style::Bold);
            let pen = Pen::new(SET_SIZE, Style::Bold, Rgb::DRAFT);
            self.sheet.run(column.right - draft_width, baseline, pen, DRAFT_LABEL.to_owned(), Role::Paragraph);
        }
        self.text_lines(set_lines, column.left, y, SET_LEADING, SET_PEN, &Role::Paragraph);
        y += count(set_rows) * SET_SIZE * SET_LEADING;
        y = y.max(top + logo.map_or(0.0, |(_, h)| h));

        y += RULE_ABOVE;
        self.sheet.rule(frame.left, frame.right, y, RULE_WIDTH, Rgb::ACCENT);
        y += RULE_BELOW;
        self.sheet.close();

        let title_lines = self.ts.capped(input.title, Style::Bold, TITLE_SIZE, frame.width(), TITLE_MAX_LINES);
        if !title_lines.is_empty() {
            let role = self.heading(2);
            y = self.text_lines(title_lines, frame.left, y, TITLE_LEADING, TITLE_PEN, &role);
            self.titled = true;
            y += TITLE_GAP;
        }
        y
    }

    /// "CODE  Statement title": the code, then the title wrapped in a hanging indent beside it.
    /// Returns the y below it.
    fn statement_heading(&mut self, input: &OnePager<'_>, frame: Frame, top: f32) -> f32 {
        let code = one_line(input.statement_code);
        let (code_width, title_text) = self.ts.hang_code(&code, input.statement_title, HEADING_SIZE, frame.width());
        let role = self.heading(1);
        self.sheet.leaf(role.clone());
        let title_x = match code_width {
            Some(code_width) => {
                let baseline = self.ts.baseline(top, HEADING_SIZE * HEADING_LEADING, HEADING_SIZE, Style::Bold);
                self.sheet.text(
                    frame.left,
                    baseline,
                    Pen::new(HEADING_SIZE, Style::Bold, Rgb::ACCENT),
                    code,
                    role.clone(),
                );
                frame.left + code_width + CODE_GAP
            }
            None => frame.left,
        };
        let lines = self.ts.capped(&title_text, Style::Bold, HEADING_SIZE, frame.right - title_x, HEADING_MAX_LINES);
        // The code's own row counts even when the title is empty.
        let rows = lines.len().max(usize::from(!input.statement_code.trim().is_empty()));
        self.place_lines(lines, title_x, top, HEADING_LEADING, Pen::new(HEADING_SIZE, Style::Bold, Rgb::TEXT), &role);
        self.sheet.close();
        top + count(rows) * HEADING_SIZE * HEADING_LEADING
    }

    /// The sign-off block from `top`: rule, "Signed off" with the fingerprint at its right,
    /// one row per person (or "Not yet signed off").
    fn signoffs(&mut self, input: &OnePager<'_>, frame: Frame, top: f32) {
        self.sheet.group(Role::Section);
        self.sheet.rule(frame.left, frame.right, top, SIGNOFF_RULE_WIDTH, Rgb::QUIET);
        let mut y = top + SIGNOFF_RULE_BELOW;
        let heading = "Signed off";
        let baseline = self.ts.baseline(y, SIGNOFF_HEADING_LINE, SIGNOFF_HEADING_SIZE, Style::Bold);
        // Below the title's level, or in its place when the account has no title, so that
        // no level is skipped.
        let (size, role) = (SIGNOFF_HEADING_SIZE, self.heading(if self.titled { 3 } else { 2 }));
        self.sheet.run(frame.left, baseline, Pen::new(size, Style::Bold, Rgb::ACCENT), heading.to_owned(), role);
        if let Some(fingerprint) = input.fingerprint.map(str::trim).filter(|f| !f.is_empty()) {
            let room = frame.width() - self.ts.fonts.width(Style::Bold, heading, SIGNOFF_HEADING_SIZE) - FOOTER_GAP;
            let text = self.ts.fit_line(&format!("Fingerprint {fingerprint}"), Style::Regular, FINGERPRINT_SIZE, room);
            let x = frame.right - self.ts.fonts.width(Style::Regular, &text, FINGERPRINT_SIZE);
            self.sheet.run(x, baseline, Pen::new(FINGERPRINT_SIZE, Style::Regular, Rgb::QUIET), text, Role::Paragraph);
        }
        y += SIGNOFF_HEADING_LINE;

        let rows = signoff_rows(input.signoffs)
            .into_iter()
            .map(|(text, quiet)| (text, if quiet { Rgb::QUIET } else { Rgb::TEXT }));
        self.sheet.group(Role::List);
        for (text, colour) in rows {
            // One row each, so that the block's height is known before it is laid out.
            let text = self.ts.fit_line(&text, Style::Regular, SIGNOFF_SIZE, frame.width());
            let baseline = self.ts.baseline(y, SIGNOFF_LINE, SIGNOFF_SIZE, Style::Regular);
            self.sheet.group(Role::ListItem);
            self.sheet.run(frame.left, baseline, Pen::new(SIGNOFF_SIZE, Style::Regular, colour), text, Role::ListBody);
            self.sheet.close();
            y += SIGNOFF_LINE;
        }
        self.sheet.close();
        self.sheet.close();
    }

    /// "Generated on …" at the left and the statement reference at the right, on `baseline`.
    fn footer(&mut self, input: &OnePager<'_>, frame: Frame, baseline: f32) {
        let left = generated_line(input.generated_on, input.app_version);
        let left = self.ts.fit_line(&left, Style::Regular, FOOTER_SIZE, frame.width() * 0.6);
        let left_width = self.ts.fonts.width(Style::Regular, &left, FOOTER_SIZE);
        self.sheet.text(frame.left, baseline, FOOTER_PEN, left, Role::Artifact);

        let room = frame.width() - left_width - FOOTER_GAP;
        let reference = self.reference(input, room);
        let width = self.ts.fonts.width(Style::Regular, &reference, FOOTER_SIZE);
        let x = frame.right - width;
        self.sheet.text(x, baseline, FOOTER_PEN, reference, Role::Artifact);
    }

    /// "CODE · Set title · version V" in at most `room` points. When it is too long the set's
    /// title is cut, never the code or the version, which are what identify the statement.
    fn reference(&self, input: &OnePager<'_>, room: f32) -> String {
        let code = one_line(input.statement_code);
        let version = input.set_version.trim();
        let prefix = if code.is_empty() { String::new() } else { format!("{code} · ") };
        let suffix = if version.is_empty() { String::new() } else { format!(" · version {version}") };
        let title = one_line(input.set_title);
        let full = match (code.is_empty(), title.is_empty()) {
            (_, false) => format!("{prefix}{title}{suffix}"),
            (false, true) => format!("{code}{suffix}"),
            (true, true) => suffix.trim_start_matches(" · ").to_owned(),
        };
        if title.is_empty() || self.ts.fonts.width(Style::Regular, &full, FOOTER_SIZE) <= room {
            return self.ts.fit_line(&full, Style::Regular, FOOTER_SIZE, room);
        }
        let fixed = self.ts.fonts.width(Style::Regular, &format!("{prefix}{suffix}"), FOOTER_SIZE);
        let title = self.ts.fit_line(&title, Style::Regular, FOOTER_SIZE, (room - fixed).max(0.0));
        // Still too long (a huge code or version): cut the whole line.
        self.ts.fit_line(&format!("{prefix}{title}{suffix}"), Style::Regular, FOOTER_SIZE, room)
    }

    /// The body's blocks from `top`, counting lines that end below `bottom` as overflowing;
    /// those are placed only when `overflow` says so.
    fn body(&mut self, blocks: &[Block], frame: Frame, (top, bottom): (f32, f32), overflow: bool) -> BodyLayout {
        let mut y = top;
        let mut lines_total = 0;
        let mut overflow_lines = 0;
        let mut overflow_start = None;
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                y += if block.starts_paragraph { PARAGRAPH_GAP } else { ITEM_GAP };
            }
            let (style, indent, right_indent) = block_shape(block.kind);
            let (text_left, text_right) = (frame.left + indent, frame.right - right_indent);
            let mut lines = self.ts.wrap(&block.text, style, BODY_SIZE, text_right - text_left);
            if lines.is_empty() {
                // A bullet or quote marker typed with no text yet still shows, on a line.
                lines.push(String::new());
            }
            let lines_in_block = lines.len();
            // Lines from `fitting` on end below the area; since each line is lower than the
            // last, the overflow is always a tail of the body.
            let fitting =
                (0..lines_in_block).take_while(|j| y + count(*j + 1) * BODY_LINE <= bottom + FIT_SLACK).count();

            let rest = lines.split_off(fitting);
            self.sheet.open_block(block.kind);
            self.block_lines(block.kind, lines, 0, y, text_left, style, frame);
            if !rest.is_empty() {
                overflow_start.get_or_insert(self.sheet.len());
                overflow_lines += rest.len();
                if overflow {
                    self.block_lines(block.kind, rest, fitting, y, text_left, style, frame);
                }
            }
            self.sheet.close_block(block.kind);
            lines_total += lines_in_block;
            y += count(lines_in_block) * BODY_LINE;
        }
        self.sheet.end_blocks();
        let end = self.sheet.len();
        BodyLayout {
            lines: lines_total,
            used: y - top,
            overflow_lines,
            overflow_items: overflow_start.unwrap_or(end)..end,
        }
    }

    /// Places lines `first..` of one block whose first line starts at `block_top`, with the
    /// block's bullet (on its first line) or quote bar (beside these lines).
    #[allow(clippy::too_many_arguments, reason = "a block's full placement, used only by body()")]
    fn block_lines(
        &mut self,
        kind: BlockKind,
        lines: Vec<String>,
        first: usize,
        block_top: f32,
        text_left: f32,
        style: Style,
        frame: Frame,
    ) {
        if lines.is_empty() {
            return;
        }
        let top = block_top + count(first) * BODY_LINE;
        if kind == BlockKind::Quote {
            // Inset by the half-leading, so that two quotes in a row show two bars.
            let inset = (BODY_LINE - BODY_SIZE) / 2.0;
            self.sheet.quote_bar(frame.left, top + inset, count(lines.len()) * BODY_LINE - 2.0 * inset);
        }
        if kind == BlockKind::Bullet && first == 0 {
            let baseline = self.ts.baseline(top, BODY_LINE, BODY_SIZE, Style::Regular);
            self.sheet.bullet(frame.left, baseline);
        }
        self.place_lines(lines, text_left, top, BODY_LEADING, Pen::new(BODY_SIZE, style, Rgb::TEXT), &block_role(kind));
    }
}

#[cfg(test)]
pub(super) mod tests;
