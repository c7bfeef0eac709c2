//! The one-page account: header (logo, organisation, statement), the account's body, the
//! sign-off block and the footer, on one A4 page, and whether the body fits.
//!
//! The body's room never depends on who has signed: the sign-off block always keeps at least
//! three rows and the fingerprint row, and the "DRAFT" label sits beside the set line instead
//! of taking a line of its own. So a page that fits while it is being written still fits
//! once it is signed.

use std::ops::Range;

use crate::layout::Layouter;
use crate::layout::blocks::{self, Block, BlockKind};
use crate::layout::fonts::FontSet;
use crate::layout::page::{Item, Page, Rgb, Style};
use crate::layout::wrap::WrapCache;

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

/// Points per millimetre.
pub(super) const MM: f32 = 72.0 / 25.4;

// Page furniture. Sizes are in points; the body is never set smaller than BODY_SIZE.
pub(super) const MARGIN_X: f32 = 20.0 * MM;
pub(super) const MARGIN_TOP: f32 = 16.0 * MM;
pub(super) const MARGIN_BOTTOM: f32 = 16.0 * MM;

const LOGO_MAX_W: f32 = 45.0 * MM;
const LOGO_MAX_H: f32 = 30.0 * MM;
/// Between the logo and the text beside it.
const LOGO_GAP: f32 = 5.0 * MM;

const ORG_SIZE: f32 = 15.0;
const ORG_LEADING: f32 = 1.2;
const ORG_MAX_LINES: usize = 2;
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
const DRAFT_LABEL: &str = "DRAFT – not signed off";
/// Kept clear beside the set line for the draft label, whether or not the page is a draft,
/// so that signing never re-wraps the header.
const DRAFT_GAP: f32 = 12.0;

pub(super) const RULE_WIDTH: f32 = 1.0;
pub(super) const RULE_ABOVE: f32 = 5.0;
const RULE_BELOW: f32 = 8.0;

const TITLE_SIZE: f32 = 13.0;
const TITLE_LEADING: f32 = 1.25;
const TITLE_MAX_LINES: usize = 3;
const TITLE_GAP: f32 = 4.0;

pub(super) const BODY_SIZE: f32 = 10.0;
const BODY_LEADING: f32 = 1.3;
pub(super) const BODY_LINE: f32 = BODY_SIZE * BODY_LEADING;
/// Before a paragraph (after a blank line).
pub(super) const PARAGRAPH_GAP: f32 = 0.5 * BODY_LINE;
/// Between bullet items, or a list and the line that introduces it.
pub(super) const ITEM_GAP: f32 = 0.2 * BODY_LINE;
pub(super) const BULLET: &str = "•";
pub(super) const BULLET_X: f32 = 3.0;
pub(super) const BULLET_INDENT: f32 = 14.0;
pub(super) const QUOTE_INDENT: f32 = 16.0;
pub(super) const QUOTE_BAR_X: f32 = 3.0;
pub(super) const QUOTE_BAR_W: f32 = 2.5;
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
/// Between the footer's left and right texts.
const FOOTER_GAP: f32 = 16.0;

pub(super) const WATERMARK: &str = "DRAFT";
pub(super) const WATERMARK_SIZE: f32 = 110.0;

impl Layouter {
    /// Lays out a one-page account and says whether its body fits. Body lines that do not fit
    /// are still placed, continuing below the body area (see [`Fit::overflow_items`]).
    /// Never panics, whatever the text.
    pub fn one_pager(&mut self, input: &OnePager<'_>) -> (Page, Fit) {
        let (width, height) = Page::A4;
        let mut page = Builder { fonts: &self.fonts, cache: &mut self.cache, items: Vec::new() };
        if input.draft {
            // First, so that everything else is drawn over it.
            page.items.push(Item::Watermark { text: WATERMARK.to_owned(), size: WATERMARK_SIZE, colour: Rgb::DRAFT });
        }
        let frame = Frame { left: MARGIN_X, right: width - MARGIN_X };

        let body_top = page.header(input, frame, MARGIN_TOP);
        let footer_baseline = height - MARGIN_BOTTOM;
        page.footer(input, frame, footer_baseline);
        let signoff_bottom = footer_baseline - FOOTER_SIZE - SIGNOFF_GAP_BELOW;
        let signoff_top = signoff_bottom - signoff_height(input.signoffs.len());
        let body_bottom = signoff_top - SIGNOFF_GAP_ABOVE;
        page.signoffs(input, frame, signoff_top);

        let blocks = blocks::parse(input.body);
        let body = page.body(&blocks, frame, body_top, body_bottom);
        let fit = Fit {
            words: blocks.iter().map(|b| b.text.split_whitespace().count()).sum(),
            lines: body.lines,
            used_pt: body.used,
            capacity_pt: (body_bottom - body_top).max(0.0),
            overflow_lines: body.overflow_lines,
            overflow_items: body.overflow_items,
        };
        (Page { width, height, items: page.items }, fit)
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

/// A count as `f32`. Counts of lines on a page stay far below 2^24, where `f32` is exact.
#[allow(clippy::cast_precision_loss, reason = "counts of lines stay far below 2^24")]
fn count(n: usize) -> f32 {
    n as f32
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

/// `text` as one printable run: words joined by single spaces, control characters dropped (a
/// writer would draw them as boxes). Header and sign-off fields come from forms and files,
/// not through the body's block reader, so they are cleaned here.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !c.is_control()));
    }
    out
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

/// Collects the page's items while measuring through the shared wrap cache.
struct Builder<'a> {
    fonts: &'a FontSet,
    cache: &'a mut WrapCache,
    items: Vec<Item>,
}

impl Builder<'_> {
    /// `text` wrapped to `width`, through the cache.
    fn lines(&mut self, text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
        self.cache.lines(self.fonts, text, style, size, width).to_vec()
    }

    /// `text` wrapped to `width` in at most `max` lines, the last ending in "…" when cut.
    /// Header fields are capped so that no text, however long, pushes the header off the page.
    fn capped_lines(&mut self, text: &str, style: Style, size: f32, width: f32, max: usize) -> Vec<String> {
        let mut lines = self.lines(&one_line(text), style, size, width);
        if lines.len() > max {
            lines.truncate(max);
            if let Some(last) = lines.last_mut() {
                *last = self.ellipsize(&format!("{last} …"), style, size, width);
            }
        }
        lines
    }

    /// `text` on one line no wider than `width`, cut with "…" when it is too long.
    fn ellipsize(&self, text: &str, style: Style, size: f32, width: f32) -> String {
        let text = one_line(text);
        if self.fonts.width(style, &text, size) <= width {
            return text;
        }
        let budget = width - self.fonts.width(style, "…", size);
        let mut used = 0.0;
        let mut cut = String::new();
        for c in text.chars() {
            used += self.fonts.advance(style, c, size);
            if used > budget {
                break;
            }
            cut.push(c);
        }
        let mut cut = cut.trim_end().to_owned();
        cut.push('…');
        cut
    }

    /// The baseline of a line of `size` text in a line box starting at `top`: cap height
    /// centred in the box, so text sits evenly between its neighbours whatever the leading.
    fn baseline(&self, top: f32, line_height: f32, size: f32, style: Style) -> f32 {
        top + f32::midpoint(line_height, self.fonts.cap_height(style) * size)
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, style: Style, colour: Rgb, text: String) {
        if !text.is_empty() {
            self.items.push(Item::Text { x, baseline, size, style, colour, text });
        }
    }

    /// Places `lines` one under another from `top`; returns the y below them.
    #[allow(clippy::too_many_arguments, reason = "a text run's full description, used only here")]
    fn text_lines(
        &mut self,
        lines: Vec<String>,
        x: f32,
        top: f32,
        size: f32,
        leading: f32,
        style: Style,
        colour: Rgb,
    ) -> f32 {
        let line_height = size * leading;
        let mut y = top;
        for line in lines {
            let baseline = self.baseline(y, line_height, size, style);
            self.text(x, baseline, size, style, colour, line);
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
        if let Some((w, h)) = logo {
            self.items.push(Item::Logo { image: 0, x: frame.left, y: top, w, h });
        }
        let column = Frame { left: logo.map_or(frame.left, |(w, _)| frame.left + w + LOGO_GAP), right: frame.right };

        let mut y = top;
        let name_lines = self.capped_lines(input.org_name, Style::Bold, ORG_SIZE, column.width(), ORG_MAX_LINES);
        if !name_lines.is_empty() {
            y = self.text_lines(name_lines, column.left, y, ORG_SIZE, ORG_LEADING, Style::Bold, Rgb::TEXT);
            y += NAME_GAP;
        }

        y = self.statement_heading(input, column, y);

        // The set line always takes at least one row, so that the draft label beside it never
        // adds height of its own.
        let draft_width = self.fonts.width(Style::Bold, DRAFT_LABEL, SET_SIZE);
        let set_lines = self.capped_lines(
            &set_label(input.set_title, input.set_version),
            Style::Regular,
            SET_SIZE,
            column.width() - draft_width - DRAFT_GAP,
            SET_MAX_LINES,
        );
        let set_rows = set_lines.len().max(1);
        if input.draft {
            let baseline = self.baseline(y, SET_SIZE * SET_LEADING, SET_SIZE, Style::Bold);
            self.text(column.right - draft_width, baseline, SET_SIZE, Style::Bold, Rgb::DRAFT, DRAFT_LABEL.to_owned());
        }
        self.text_lines(set_lines, column.left, y, SET_SIZE, SET_LEADING, Style::Regular, Rgb::QUIET);
        y += count(set_rows) * SET_SIZE * SET_LEADING;
        y = y.max(top + logo.map_or(0.0, |(_, h)| h));

        y += RULE_ABOVE;
        self.items.push(Item::Line {
            x1: frame.left,
            y1: y,
            x2: frame.right,
            y2: y,
            width: RULE_WIDTH,
            colour: Rgb::ACCENT,
        });
        y += RULE_BELOW;

        let title_lines = self.capped_lines(input.title, Style::Bold, TITLE_SIZE, frame.width(), TITLE_MAX_LINES);
        if !title_lines.is_empty() {
            y = self.text_lines(title_lines, frame.left, y, TITLE_SIZE, TITLE_LEADING, Style::Bold, Rgb::TEXT);
            y += TITLE_GAP;
        }
        y
    }

    /// "CODE  Statement title": the code, then the title wrapped in a hanging indent beside it.
    /// Returns the y below it.
    fn statement_heading(&mut self, input: &OnePager<'_>, frame: Frame, top: f32) -> f32 {
        let code = one_line(input.statement_code);
        let code_width = self.fonts.width(Style::Bold, &code, HEADING_SIZE);
        // A code too long to hang beside the title (never in real sets) runs into it instead.
        let (title_x, title_text) = if code.is_empty() {
            (frame.left, input.statement_title.to_owned())
        } else if code_width <= frame.width() / 3.0 {
            let baseline = self.baseline(top, HEADING_SIZE * HEADING_LEADING, HEADING_SIZE, Style::Bold);
            self.text(frame.left, baseline, HEADING_SIZE, Style::Bold, Rgb::ACCENT, code);
            (frame.left + code_width + CODE_GAP, input.statement_title.to_owned())
        } else {
            (frame.left, format!("{code} {}", input.statement_title))
        };
        let lines = self.capped_lines(&title_text, Style::Bold, HEADING_SIZE, frame.right - title_x, HEADING_MAX_LINES);
        // The code's own row counts even when the title is empty.
        let rows = lines.len().max(usize::from(!input.statement_code.trim().is_empty()));
        self.text_lines(lines, title_x, top, HEADING_SIZE, HEADING_LEADING, Style::Bold, Rgb::TEXT);
        top + count(rows) * HEADING_SIZE * HEADING_LEADING
    }

    /// The sign-off block from `top`: rule, "Signed off" with the fingerprint at its right,
    /// one row per person (or "Not yet signed off").
    fn signoffs(&mut self, input: &OnePager<'_>, frame: Frame, top: f32) {
        self.items.push(Item::Line {
            x1: frame.left,
            y1: top,
            x2: frame.right,
            y2: top,
            width: SIGNOFF_RULE_WIDTH,
            colour: Rgb::QUIET,
        });
        let mut y = top + SIGNOFF_RULE_BELOW;
        let heading = "Signed off";
        let baseline = self.baseline(y, SIGNOFF_HEADING_LINE, SIGNOFF_HEADING_SIZE, Style::Bold);
        self.text(frame.left, baseline, SIGNOFF_HEADING_SIZE, Style::Bold, Rgb::ACCENT, heading.to_owned());
        if let Some(fingerprint) = input.fingerprint.map(str::trim).filter(|f| !f.is_empty()) {
            let room = frame.width() - self.fonts.width(Style::Bold, heading, SIGNOFF_HEADING_SIZE) - FOOTER_GAP;
            let text = self.ellipsize(&format!("Fingerprint {fingerprint}"), Style::Regular, FINGERPRINT_SIZE, room);
            let x = frame.right - self.fonts.width(Style::Regular, &text, FINGERPRINT_SIZE);
            self.text(x, baseline, FINGERPRINT_SIZE, Style::Regular, Rgb::QUIET, text);
        }
        y += SIGNOFF_HEADING_LINE;

        let mut rows: Vec<(String, Rgb)> = if input.signoffs.len() > SIGNOFF_MAX_ROWS {
            let shown = SIGNOFF_MAX_ROWS - 1;
            let mut rows: Vec<(String, Rgb)> =
                input.signoffs[..shown].iter().map(|s| (signoff_text(s), Rgb::TEXT)).collect();
            rows.push((format!("… and {} more", input.signoffs.len() - shown), Rgb::QUIET));
            rows
        } else {
            input.signoffs.iter().map(|s| (signoff_text(s), Rgb::TEXT)).collect()
        };
        if rows.is_empty() {
            rows.push(("Not yet signed off".to_owned(), Rgb::QUIET));
        }
        for (text, colour) in rows {
            // One row each, so that the block's height is known before it is laid out.
            let text = self.ellipsize(&text, Style::Regular, SIGNOFF_SIZE, frame.width());
            let baseline = self.baseline(y, SIGNOFF_LINE, SIGNOFF_SIZE, Style::Regular);
            self.text(frame.left, baseline, SIGNOFF_SIZE, Style::Regular, colour, text);
            y += SIGNOFF_LINE;
        }
    }

    /// "Generated on …" at the left and the statement reference at the right, on `baseline`.
    fn footer(&mut self, input: &OnePager<'_>, frame: Frame, baseline: f32) {
        let left = format!("Generated on {} by LERO Evidence {}", input.generated_on.trim(), input.app_version.trim());
        let left = self.ellipsize(&left, Style::Regular, FOOTER_SIZE, frame.width() * 0.6);
        let left_width = self.fonts.width(Style::Regular, &left, FOOTER_SIZE);
        self.text(frame.left, baseline, FOOTER_SIZE, Style::Regular, Rgb::QUIET, left);

        let room = frame.width() - left_width - FOOTER_GAP;
        let reference = self.reference(input, room);
        let width = self.fonts.width(Style::Regular, &reference, FOOTER_SIZE);
        self.text(frame.right - width, baseline, FOOTER_SIZE, Style::Regular, Rgb::QUIET, reference);
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
        if title.is_empty() || self.fonts.width(Style::Regular, &full, FOOTER_SIZE) <= room {
            return self.ellipsize(&full, Style::Regular, FOOTER_SIZE, room);
        }
        let fixed = self.fonts.width(Style::Regular, &format!("{prefix}{suffix}"), FOOTER_SIZE);
        let title = self.ellipsize(&title, Style::Regular, FOOTER_SIZE, (room - fixed).max(0.0));
        // Still too long (a huge code or version): cut the whole line.
        self.ellipsize(&format!("{prefix}{title}{suffix}"), Style::Regular, FOOTER_SIZE, room)
    }

    /// The body's blocks from `top`, counting lines that end below `bottom` as overflowing.
    fn body(&mut self, blocks: &[Block], frame: Frame, top: f32, bottom: f32) -> BodyLayout {
        let mut y = top;
        let mut lines_total = 0;
        let mut overflow_lines = 0;
        let mut overflow_start = None;
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                y += if block.starts_paragraph { PARAGRAPH_GAP } else { ITEM_GAP };
            }
            let (style, text_left, text_right) = match block.kind {
                BlockKind::Paragraph => (Style::Regular, frame.left, frame.right),
                BlockKind::Bullet => (Style::Regular, frame.left + BULLET_INDENT, frame.right),
                BlockKind::Quote => (Style::Italic, frame.left + QUOTE_INDENT, frame.right - QUOTE_INDENT),
            };
            let mut lines = self.lines(&block.text, style, BODY_SIZE, text_right - text_left);
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
            self.block_lines(block.kind, lines, 0, y, text_left, style, frame);
            if !rest.is_empty() {
                overflow_start.get_or_insert(self.items.len());
                overflow_lines += rest.len();
                self.block_lines(block.kind, rest, fitting, y, text_left, style, frame);
            }
            lines_total += lines_in_block;
            y += count(lines_in_block) * BODY_LINE;
        }
        let end = self.items.len();
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
            self.items.push(Item::Rect {
                x: frame.left + QUOTE_BAR_X,
                y: top + inset,
                w: QUOTE_BAR_W,
                h: count(lines.len()) * BODY_LINE - 2.0 * inset,
                fill: Rgb::ACCENT,
            });
        }
        if kind == BlockKind::Bullet && first == 0 {
            let baseline = self.baseline(top, BODY_LINE, BODY_SIZE, Style::Regular);
            self.text(frame.left + BULLET_X, baseline, BODY_SIZE, Style::Regular, Rgb::TEXT, BULLET.to_owned());
        }
        self.text_lines(lines, text_left, top, BODY_SIZE, BODY_LEADING, style, Rgb::TEXT);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::layout::sample_prose;

    /// Realistic English (about 5.5 letters a word), the kind of account a LERO writes: seven
    /// paragraphs, shared with the layout benchmark.
    fn prose() -> Vec<&'static str> {
        include_str!("sample-prose.txt").split("\n\n").map(str::trim).collect()
    }

    fn layouter() -> Layouter {
        Layouter::new(Arc::new(FontSet::embedded().expect("embedded fonts parse")))
    }

    fn three_signoffs() -> Vec<SignoffLine> {
        let person = |name: &str, role: &str, date: &str, lived_experience| SignoffLine {
            name: name.into(),
            role: role.into(),
            date: date.into(),
            lived_experience,
        };
        vec![
            person("Siobhán Ó Súilleabháin", "Chair of trustees", "2026-11-20", true),
            person("Łukasz Nowak", "Peer volunteer coordinator", "2026-11-21", true),
            person("Dafydd Evans", "Chief officer", "2026-11-22", false),
        ]
    }

    /// A signed page with every header field filled: a square logo (the tallest the box
    /// allows) and a long statement title.
    fn signed<'a>(body: &'a str, signoffs: &'a [SignoffLine]) -> OnePager<'a> {
        OnePager {
            org_name: "Brighter Futures Recovery Community",
            logo_px: Some((400, 400)),
            set_title: "CLERO Quality Standards for Lived Experience Recovery Organisations",
            set_version: "2.1",
            statement_code: "2.3",
            statement_title: "People with lived experience of addiction and recovery are meaningfully involved \
                              in designing, delivering and reviewing every part of the organisation's work",
            title: "How our members shape everything we do",
            body,
            signoffs,
            fingerprint: Some("3f2a 9c41 0b7e 55d2"),
            generated_on: "2026-11-22",
            app_version: "0.1.0",
            draft: false,
        }
    }

    /// The first `words` words of the prose, keeping its paragraphs (blank-line separated).
    fn prose_words(paragraphs: &[usize], words: usize) -> String {
        let mut left = words;
        let mut out = Vec::new();
        for &i in paragraphs {
            let taken: Vec<&str> = prose()[i].split_whitespace().take(left).collect();
            left -= taken.len();
            if !taken.is_empty() {
                out.push(taken.join(" "));
            }
        }
        out.join("\n\n")
    }

    fn body_texts(page: &Page) -> Vec<(f32, f32, Style, &str)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, baseline, size, style, text, .. } if (*size - BODY_SIZE).abs() < f32::EPSILON => {
                    Some((*x, *baseline, *style, text.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    pub(in crate::layout) fn texts(page: &Page) -> Vec<(f32, f32, f32, Style, &str)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, baseline, size, style, text, .. } => {
                    Some((*x, *baseline, *size, *style, text.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    /// Every text item sits inside the margins across, and (on a page that fits) down.
    fn assert_within_page(fonts: &FontSet, page: &Page, fits: bool) {
        for (x, baseline, size, style, text) in texts(page) {
            let right = x + fonts.width(style, text, size);
            assert!(x >= MARGIN_X - 0.01 && right <= page.width - MARGIN_X + 0.01, "{text:?} at {x}..{right}");
            if fits {
                assert!(baseline - size >= MARGIN_TOP - 0.01 - size, "{text:?} above the page at {baseline}");
                assert!(baseline <= page.height - MARGIN_BOTTOM + 0.01, "{text:?} below the margin at {baseline}");
            }
        }
    }

    #[allow(clippy::cast_precision_loss, reason = "a few hundred letters")]
    fn letters_per_word(text: &str) -> f32 {
        let words = text.split_whitespace().count();
        text.chars().filter(|c| c.is_alphabetic()).count() as f32 / count(words)
    }

    #[test]
    fn five_hundred_words_fit_beside_a_full_header_and_three_signoffs() {
        let signoffs = three_signoffs();
        let body = prose_words(&[0, 1, 2, 3, 4, 6], 500);
        assert_eq!(body.split_whitespace().count(), 500);
        assert_eq!(body.split("\n\n").count(), 6);
        assert!(letters_per_word(&body) >= 5.4, "{}", letters_per_word(&body));
        let mut layouter = layouter();
        let (page, fit) = layouter.one_pager(&signed(&body, &signoffs));

        // The test's header is as tall as a real one gets: the statement wraps.
        let heading_lines = texts(&page).iter().filter(|t| t.2 == HEADING_SIZE && t.4 != "2.3").count();
        assert!(heading_lines >= 2, "{heading_lines}");
        assert!(page.items.iter().any(|i| matches!(i, Item::Logo { image: 0, .. })));
        assert!(page.text_lines().any(|t| t == "Fingerprint 3f2a 9c41 0b7e 55d2"));

        assert!(fit.fits(), "{fit:?}");
        assert_eq!(fit.words, 500);
        assert_eq!(fit.overflow_items.len(), 0);
        // With room to spare: two more lines would still fit.
        assert!(fit.capacity_pt - fit.used_pt >= 2.0 * BODY_LINE, "{fit:?}");
        assert!(fit.describe().ends_with("% of the page"));
        assert_within_page(layouter.fonts(), &page, true);
    }

    #[test]
    fn fifteen_hundred_words_overflow_by_the_lines_below_the_area() {
        let signoffs = three_signoffs();
        let body = sample_prose(1500);
        let (page, fit) = layouter().one_pager(&signed(&body, &signoffs));
        assert_eq!(fit.words, 1500);
        assert!(!fit.fits());
        assert!(fit.percent() > 250, "{fit:?}");

        // Count independently: a line overflows when its box ends below the body area, whose
        // top is the first line's top.
        let lines = body_texts(&page);
        assert_eq!(lines.len(), fit.lines);
        let top_of = |baseline: f32| baseline - f32::midpoint(BODY_LINE, page_cap(BODY_SIZE));
        let first_top = top_of(lines[0].1);
        let expected =
            lines.iter().filter(|l| top_of(l.1) + BODY_LINE > first_top + fit.capacity_pt + FIT_SLACK).count();
        assert_eq!(fit.overflow_lines, expected);
        assert_eq!(fit.describe(), format!("{expected} lines too long"));
        assert!(fit.lines - fit.overflow_lines >= 36);

        // The overflowing items are exactly the body lines past the area, at the end of the body.
        let overflowing = &page.items[fit.overflow_items.clone()];
        assert_eq!(overflowing.len(), expected);
        assert!(
            overflowing
                .iter()
                .all(|i| matches!(i, Item::Text { size, .. } if (*size - BODY_SIZE).abs() < f32::EPSILON))
        );
        assert_eq!(fit.overflow_items.end, page.items.len());
    }

    fn page_cap(size: f32) -> f32 {
        FontSet::embedded().expect("fonts").cap_height(Style::Regular) * size
    }

    #[test]
    fn one_line_over_says_so() {
        let mut layouter = layouter();
        let signoffs = three_signoffs();
        // Grow the body a word at a time until it first overflows: exactly one line over.
        let mut words = 480;
        let fit = loop {
            let body = sample_prose(words);
            let (_, fit) = layouter.one_pager(&signed(&body, &signoffs));
            if !fit.fits() {
                break fit;
            }
            words += 1;
        };
        assert_eq!(fit.overflow_lines, 1, "{fit:?}");
        assert_eq!(fit.describe(), "1 line too long");
    }

    #[test]
    fn empty_body_fits_at_zero() {
        let (page, fit) = layouter().one_pager(&signed("", &[]));
        assert_eq!((fit.words, fit.lines, fit.overflow_lines), (0, 0, 0));
        assert!(fit.fits());
        assert_eq!(fit.percent(), 0);
        assert_eq!(fit.describe(), "0% of the page");
        assert!(fit.capacity_pt > 500.0);
        assert!(body_texts(&page).is_empty());
        assert!(page.text_lines().any(|t| t == "Not yet signed off"));
    }

    #[test]
    fn a_quote_alone_is_italic_indented_and_barred() {
        let body = "> “I came for a cup of tea and stayed because nobody judged me. Now I run the \
                    Tuesday group,” says Zoë.\n> — a member since 2019";
        let (page, fit) = layouter().one_pager(&signed(body, &[]));
        assert!(fit.fits());
        assert_eq!(fit.lines, 2);
        let lines = body_texts(&page);
        assert_eq!(lines.len(), 2);
        for (x, _, style, _) in &lines {
            assert_eq!(*style, Style::Italic);
            assert!((*x - (MARGIN_X + QUOTE_INDENT)).abs() < 0.01);
        }
        assert!(!lines.iter().any(|l| l.3.contains('>')));
        assert_eq!(lines.iter().map(|l| l.3).collect::<Vec<_>>().join(" "), body.replace("> ", "").replace('\n', " "));
        let bars: Vec<_> = page.items.iter().filter(|i| matches!(i, Item::Rect { fill: Rgb::ACCENT, .. })).collect();
        assert_eq!(bars.len(), 1);
        if let Item::Rect { x, y, h, .. } = bars[0] {
            assert!(*x < MARGIN_X + QUOTE_INDENT && *x >= MARGIN_X);
            // The bar runs beside both lines.
            assert!(*y < lines[0].1 && y + h > lines[1].1 - BODY_SIZE / 2.0);
        }
    }

    #[test]
    fn a_very_long_word_is_broken_inside_the_margins() {
        let word = "abcdefghij".repeat(30);
        let body = format!("Before {word} after, and a long address: https://example.org/{word}");
        let mut layouter = layouter();
        let (page, fit) = layouter.one_pager(&signed(&body, &[]));
        assert!(fit.fits());
        let width = Page::A4.0 - 2.0 * MARGIN_X;
        for (x, _, style, text) in body_texts(&page) {
            assert!(layouter.fonts().width(style, text, BODY_SIZE) <= width + 0.01, "{text}");
            assert!(x >= MARGIN_X);
        }
        let joined: String = body_texts(&page).iter().map(|l| l.3).collect();
        assert!(joined.contains(&word));
        assert_within_page(layouter.fonts(), &page, true);
    }

    #[test]
    fn bullets_hang_a_glyph_in_the_indent() {
        let body = "What members run:\n- the Saturday breakfast club, which has grown from six people to \
                    more than forty regulars and now needs a second cook and a bigger room\n- a gardening \
                    project\n• family days";
        let (page, fit) = layouter().one_pager(&signed(body, &[]));
        assert!(fit.fits());
        let lines = body_texts(&page);
        let bullets: Vec<_> = lines.iter().filter(|l| l.3 == BULLET).collect();
        assert_eq!(bullets.len(), 3);
        let text_x = MARGIN_X + BULLET_INDENT;
        for bullet in &bullets {
            assert!((bullet.0 - (MARGIN_X + BULLET_X)).abs() < 0.01);
            // Each bullet sits on the baseline of its item's first line.
            assert!(
                lines.iter().any(|l| l.3 != BULLET && (l.1 - bullet.1).abs() < 0.01 && (l.0 - text_x).abs() < 0.01)
            );
        }
        let items: Vec<_> = lines.iter().filter(|l| l.3 != BULLET).collect();
        assert_eq!(items[0].3, "What members run:");
        assert!((items[0].0 - MARGIN_X).abs() < 0.01);
        // The long item wraps, and its second line keeps the indent.
        assert!(items.len() >= 5);
        assert!(items[1..].iter().all(|l| (l.0 - text_x).abs() < 0.01));
        assert_eq!(fit.lines, items.len());
        assert!(!lines.iter().any(|l| l.3.starts_with("- ") || l.3.starts_with("• ")));
    }

    #[test]
    fn names_quotes_and_dashes_come_through_exactly_and_in_order() {
        let body = "Zoë welcomed Siobhán and Łukasz – then Dafydd Ó Súilleabháin said: “It’s ours — \
                    ‘really’ ours.”\n\nCafé naïve façade.";
        let signoffs = three_signoffs();
        let (page, fit) = layouter().one_pager(&signed(body, &signoffs));
        assert!(fit.fits());
        let joined = body_texts(&page).iter().map(|l| l.3).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, body.split_whitespace().collect::<Vec<_>>().join(" "));
        let all: Vec<&str> = page.text_lines().collect();
        assert!(all.contains(&"Siobhán Ó Súilleabháin, Chair of trustees — 2026-11-20 · lived experience"));
        assert!(all.contains(&"Łukasz Nowak, Peer volunteer coordinator — 2026-11-21 · lived experience"));
        assert!(all.contains(&"Dafydd Evans, Chief officer — 2026-11-22"));
        let fonts = FontSet::embedded().expect("fonts");
        for (_, _, _, style, text) in texts(&page) {
            assert!(fonts.missing(style, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn every_text_item_stays_on_the_page() {
        let signoffs = three_signoffs();
        let body = prose_words(&[0, 1, 2], 300) + "\n\n- one\n- two\n\n> quoted words";
        let mut layouter = layouter();
        for logo in [None, Some((400, 400)), Some((1200, 100)), Some((50, 900))] {
            for draft in [false, true] {
                let input = OnePager { logo_px: logo, draft, ..signed(&body, &signoffs) };
                let (page, fit) = layouter.one_pager(&input);
                assert!(fit.fits(), "{logo:?} {draft}");
                assert_within_page(layouter.fonts(), &page, true);
                for item in &page.items {
                    if let Item::Logo { x, y, w, h, .. } = item {
                        assert!(*x >= MARGIN_X && *y >= MARGIN_TOP);
                        assert!(*w <= LOGO_MAX_W + 0.01 && *h <= LOGO_MAX_H + 0.01);
                        let (pw, ph) = logo.expect("a logo was given");
                        assert!((w / h - pixels(pw) / pixels(ph)).abs() < 0.01, "aspect kept");
                    }
                }
            }
        }
    }

    #[test]
    fn layout_is_deterministic_and_the_cache_changes_nothing() {
        let signoffs = three_signoffs();
        let body = sample_prose(600);
        let input = signed(&body, &signoffs);
        let cold = layouter().one_pager(&input);
        let mut warm = layouter();
        warm.one_pager(&OnePager { body: "something else", ..input });
        warm.one_pager(&input);
        assert_eq!(warm.one_pager(&input), cold);
        assert_eq!(layouter().one_pager(&input), cold);
    }

    #[test]
    fn a_keystroke_rewraps_only_its_paragraph() {
        let signoffs = three_signoffs();
        let body = sample_prose(600);
        let mut layouter = layouter();
        layouter.one_pager(&signed(&body, &signoffs));
        let misses = layouter.cache.misses();
        layouter.one_pager(&signed(&body, &signoffs));
        assert_eq!(layouter.cache.misses(), misses, "nothing re-wrapped when nothing changed");

        let typed = body.replacen("kettle.", "kettle!", 1);
        assert_ne!(typed, body);
        let (page, _) = layouter.one_pager(&signed(&typed, &signoffs));
        assert_eq!(layouter.cache.misses(), misses + 1);
        assert_eq!(page, Layouter::new(Arc::clone(&layouter.fonts)).one_pager(&signed(&typed, &signoffs)).0);
    }

    #[test]
    fn signing_never_changes_the_room_for_the_body() {
        let signoffs = three_signoffs();
        let body = sample_prose(520);
        let mut layouter = layouter();
        let draft = OnePager { draft: true, signoffs: &[], fingerprint: None, ..signed(&body, &signoffs) };
        let (draft_page, draft_fit) = layouter.one_pager(&draft);
        let (signed_page, signed_fit) = layouter.one_pager(&signed(&body, &signoffs));
        assert_eq!(draft_fit, Fit { overflow_items: draft_fit.overflow_items.clone(), ..signed_fit.clone() });
        assert_eq!(body_texts(&draft_page), body_texts(&signed_page));

        assert!(
            matches!(&draft_page.items[0], Item::Watermark { text, colour: Rgb::DRAFT, size } if text == "DRAFT" && *size >= 100.0)
        );
        assert!(draft_page.text_lines().any(|t| t == DRAFT_LABEL));
        assert!(draft_page.text_lines().any(|t| t == "Not yet signed off"));
        assert!(!signed_page.items.iter().any(|i| matches!(i, Item::Watermark { .. })));
        assert!(!signed_page.text_lines().any(|t| t == DRAFT_LABEL || t == "Not yet signed off"));
    }

    #[test]
    fn header_and_footer_read_as_they_should() {
        let signoffs = three_signoffs();
        let mut layouter = layouter();
        let input = OnePager { set_title: "CLERO Standards", ..signed("Text.", &signoffs) };
        let (page, _) = layouter.one_pager(&input);
        let lines: Vec<&str> = page.text_lines().collect();
        for expected in [
            "Brighter Futures Recovery Community",
            "2.3",
            "CLERO Standards · version 2.1",
            "How our members shape everything we do",
            "Signed off",
            "Generated on 2026-11-22 by LERO Evidence 0.1.0",
            "2.3 · CLERO Standards · version 2.1",
        ] {
            assert!(lines.contains(&expected), "{expected:?} in {lines:?}");
        }
        // The reference is right-aligned on the footer's baseline.
        let (x, baseline, size, style, text) =
            texts(&page).into_iter().find(|t| t.4 == "2.3 · CLERO Standards · version 2.1").expect("reference");
        assert!((x + layouter.fonts().width(style, text, size) - (Page::A4.0 - MARGIN_X)).abs() < 0.01);
        assert!((baseline - (Page::A4.1 - MARGIN_BOTTOM)).abs() < 0.01);

        // No title: no title line, and more room for the body.
        let (untitled, untitled_fit) = layouter.one_pager(&OnePager { title: "  ", ..input });
        assert!(!texts(&untitled).iter().any(|t| (t.2 - TITLE_SIZE).abs() < f32::EPSILON));
        assert!(untitled_fit.capacity_pt > layouter.one_pager(&input).1.capacity_pt);
        // No logo: no logo item.
        let (no_logo, _) = layouter.one_pager(&OnePager { logo_px: None, ..input });
        assert!(!no_logo.items.iter().any(|i| matches!(i, Item::Logo { .. })));
    }

    #[test]
    fn long_footer_reference_keeps_code_and_version() {
        let (page, _) =
            layouter().one_pager(&OnePager { set_title: &"Very long set title ".repeat(20), ..signed("Text.", &[]) });
        let reference = page.text_lines().find(|t| t.starts_with("2.3 · ")).expect("footer reference");
        assert!(reference.starts_with("2.3 · Very long"), "{reference}");
        assert!(reference.ends_with("… · version 2.1"), "{reference}");
    }

    #[test]
    fn fit_percent_and_words() {
        let fit = |used_pt: f32, overflow_lines| Fit {
            words: 0,
            lines: 0,
            used_pt,
            capacity_pt: 400.0,
            overflow_lines,
            overflow_items: 0..0,
        };
        assert_eq!(fit(312.0, 0).percent(), 78);
        assert_eq!(fit(312.0, 0).describe(), "78% of the page");
        assert_eq!(fit(401.9, 0).percent(), 100);
        assert_eq!(fit(460.0, 4).percent(), 115);
        assert_eq!(fit(460.0, 4).describe(), "4 lines too long");
        assert_eq!(Fit { capacity_pt: 0.0, ..fit(10.0, 1) }.describe(), "1 line too long");
        assert_eq!(Fit { capacity_pt: 0.0, ..fit(0.0, 0) }.percent(), 0);

        let (_, words) = layouter().one_pager(&signed("One two\nthree.\n\n- four\n> five — six\n\n-\n", &[]));
        assert_eq!(words.words, 7, "markers are not words; the spaced em dash is, as in any word count");
    }

    #[test]
    fn odd_input_never_panics_and_stays_sensible() {
        let mut layouter = layouter();
        let huge = sample_prose(40_000);
        assert!(huge.len() > 200_000);
        let many: Vec<SignoffLine> = (0..100)
            .map(|i| SignoffLine { name: format!("Person {i}"), role: "x".repeat(500), ..SignoffLine::default() })
            .collect();
        let long_word = "W".repeat(5_000);
        let bodies = [
            "\n\n\n\n".to_owned(),
            "- ".to_owned(),
            "-".to_owned(),
            "> ".to_owned(),
            "\u{0}\u{1}\u{7}\u{1b}[31m\r\r\n\t\u{85}\u{2028}\u{2029}\u{feff}".to_owned(),
            "😀 🎉 \u{10ffff} \u{e000} 한국어 العربية".to_owned(),
            huge.clone(),
            long_word.clone(),
        ];
        for body in &bodies {
            let (page, fit) = layouter.one_pager(&signed(body, &[]));
            assert!(fit.lines >= fit.overflow_lines);
            assert!(!fit.describe().is_empty());
            assert_within_page(layouter.fonts(), &page, false);
        }
        let (_, fit) = layouter.one_pager(&signed(&huge, &[]));
        assert!(fit.words >= 40_000 && fit.overflow_lines > 1000);
        let (_, fit) = layouter.one_pager(&signed("- ", &[]));
        assert_eq!((fit.lines, fit.words), (1, 0));

        // Absurd header fields, sign-offs and logos are capped; the body keeps room.
        let absurd = OnePager {
            org_name: &huge,
            logo_px: Some((0, 10)),
            set_title: &huge,
            set_version: &long_word,
            statement_code: &long_word,
            statement_title: &huge,
            title: &huge,
            body: "Still here.",
            signoffs: &many,
            fingerprint: Some(&long_word),
            generated_on: &long_word,
            app_version: &huge,
            draft: true,
        };
        let (page, fit) = layouter.one_pager(&absurd);
        assert!(fit.fits() && fit.capacity_pt > 100.0, "{fit:?}");
        assert_within_page(layouter.fonts(), &page, true);
        assert!(page.text_lines().any(|t| t == "… and 89 more"));
        let (page, _) = layouter.one_pager(&OnePager {
            org_name: "Bright\u{0}er\u{7} Futures\r\n",
            statement_code: "2.\u{1b}3",
            ..signed("Body\u{0} text", &many[..1])
        });
        assert!(page.text_lines().all(|t| !t.chars().any(char::is_control)));
        assert!(page.text_lines().any(|t| t == "Brighter Futures"));
        assert!(page.text_lines().any(|t| t == "2.3"));
        for logo in [Some((1, u32::MAX)), Some((u32::MAX, 1)), Some((0, 0))] {
            let (page, _) = layouter.one_pager(&OnePager { logo_px: logo, ..absurd });
            assert_within_page(layouter.fonts(), &page, true);
        }
    }
}
