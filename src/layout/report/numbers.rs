//! The part "LEROs in numbers": who sent figures, the totals, a bar chart of people supported
//! per contributor (a figure, described in words beside it) and the figures of each
//! contributor as a table whose headings repeat on every page it runs onto.

use super::{COLUMN, Flow, GAP, ITEM_GAP, Layouter, MARGIN_X, Pen, ROW_LINE, ROW_SIZE, ReportInput, ReportNumbers};
use super::{Rgb, Role, Sheet, Style, heading, heading_continued};
use crate::domain::text::{one_line as tidy, thousands};
use crate::layout::page::Item;

/// The part's heading, in the contents and the outline too.
pub(crate) const NUMBERS_HEADING: &str = "LEROs in numbers";
/// The chart's heading.
pub(crate) const CHART_HEADING: &str = "People supported, by contributor";
/// The heading of the chart of accounts per statement.
pub(crate) const ACCOUNTS_HEADING: &str = "Accounts per statement";
/// The per-contributor table's heading.
pub(crate) const TABLE_HEADING: &str = "Figures by contributor";
/// The per-contributor table's columns: where each starts, as a share of the column.
const COLUMNS: [f32; 7] = [0.0, 0.22, 0.4, 0.52, 0.64, 0.76, 0.88];
/// The table's headings are a little smaller than its rows, to fit the narrow columns.
const HEADER_SIZE: f32 = 8.5;
/// The heading of the spread of stages by statement.
pub(crate) const STAGES_HEADING: &str = "Where contributors stand, by statement";
/// What the spread says, before it.
pub(crate) const STAGES_NOTE: &str = "Each LERO's own self-assessment of the statement its account answers: the stage it has reached and, where given, its rung on the ladder of involvement (1 to 7).";
/// Its headings (each may take up to three lines).
pub(crate) const HEADINGS: [&str; 7] = [
    "Organisation",
    "Year",
    "People supported",
    "Support hours",
    "Volunteers",
    "Volunteer hours",
    "Lived experience roles",
];
/// Subheadings: bold, a little larger than a row.
const SUBHEADING_PEN: Pen = Pen::new(11.5, Style::Bold, Rgb::TEXT);
/// A bar's height, within its row.
const BAR_HEIGHT: f32 = ROW_LINE * 0.62;
/// Where bars start, as a share of the column (the labels sit to their left).
const BAR_LEFT: f32 = 0.34;
/// The longest bar, as a share of the column (the number sits after it).
const BAR_MAX: f32 = 0.5;

impl Layouter {
    /// The part's pages.
    pub(super) fn numbers(&mut self, input: &ReportInput<'_>, numbers: &ReportNumbers) -> Vec<Sheet> {
        let mut flow = self.flow(input);
        heading(&mut flow, NUMBERS_HEADING);
        paragraph(&mut flow, &numbers.reporting);
        if !numbers.totals.is_empty() {
            flow.y += ITEM_GAP;
            totals(&mut flow, numbers);
        }
        if !numbers.people.is_empty() {
            flow.y += ITEM_GAP * 2.0;
            chart(&mut flow, &people_bars(&numbers.people));
        }
        if !numbers.rows.is_empty() {
            flow.y += ITEM_GAP * 2.0;
            table(&mut flow, &numbers.rows);
        }
        if !numbers.accounts.is_empty() {
            flow.y += ITEM_GAP * 2.0;
            chart(&mut flow, &accounts_bars(&numbers.accounts));
        }
        if !numbers.statements.is_empty() {
            flow.y += ITEM_GAP * 2.0;
            stages(&mut flow, &numbers.statements);
        }
        flow.finish()
    }
}

/// Running text across the column, as one paragraph.
pub(crate) fn paragraph(flow: &mut Flow<'_>, text: &str) {
    let lines = flow.ts.wrap(&tidy(text), Style::Regular, ROW_SIZE, COLUMN);
    flow.lines(lines, MARGIN_X, Pen::new(ROW_SIZE, Style::Regular, Rgb::TEXT), &Role::Paragraph);
}

/// A subheading (level 3) that keeps a few lines of what follows on its page.
pub(crate) fn subheading(flow: &mut Flow<'_>, text: &str) {
    flow.room(SUBHEADING_PEN.size * 1.3 + ROW_LINE * 3.0);
    let lines = flow.ts.capped(text, Style::Bold, SUBHEADING_PEN.size, COLUMN, 2);
    flow.lines(lines, MARGIN_X, SUBHEADING_PEN, &Role::Heading(3));
    flow.y += ITEM_GAP / 2.0;
}

/// The totals: a two-column table, what each counts and the sum.
fn totals(flow: &mut Flow<'_>, numbers: &ReportNumbers) {
    let value_right = MARGIN_X + COLUMN * 0.62;
    let row = |flow: &mut Flow<'_>, label: &str, value: &str, style: Style, role: &Role| {
        flow.room(ROW_LINE);
        let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
        let pen = Pen::new(ROW_SIZE, style, Rgb::TEXT);
        let label = flow.ts.fit_line(&tidy(label), style, ROW_SIZE, COLUMN * 0.45);
        flow.sheet.run(MARGIN_X, baseline, pen, label, role.clone());
        let value = flow.ts.fit_line(&tidy(value), style, ROW_SIZE, COLUMN * 0.15);
        let x = value_right - flow.ts.fonts.width(style, &value, ROW_SIZE);
        flow.sheet.run(x, baseline, pen, value, role.clone());
        flow.y += ROW_LINE;
    };
    flow.sheet.group(Role::Table);
    flow.sheet.group(Role::TableRow);
    row(flow, "Figure", "Total", Style::Bold, &Role::TableHeader);
    flow.sheet.close();
    for (label, value) in &numbers.totals {
        flow.sheet.group(Role::TableRow);
        row(flow, label, value, Style::Regular, &Role::TableCell);
        flow.sheet.close();
    }
    flow.sheet.close();
}

/// A bar chart of the part: its heading, the alternative text that stands for it, and its
/// bars (label and value); the values are also said in words after it.
pub(crate) struct Bars<'a> {
    /// The heading above it.
    pub(crate) heading: &'static str,
    /// Its alternative text.
    pub(crate) alt: String,
    /// The bars (label and value), in the order drawn.
    pub(crate) values: &'a [(String, u64)],
}

impl Bars<'_> {
    /// Every value in words: what a reader who cannot see the chart reads, and what anyone
    /// can quote.
    pub(crate) fn words(&self) -> String {
        let said: Vec<String> =
            self.values.iter().map(|(label, n)| format!("{} {}", tidy(label), thousands(*n))).collect();
        format!("{}: {}.", self.heading, said.join("; "))
    }
}

/// People supported per contributor that gave the figure.
pub(crate) fn people_bars(people: &[(String, u64)]) -> Bars<'_> {
    Bars {
        heading: CHART_HEADING,
        alt: format!(
            "Bar chart of people supported by each of the {} contributors who gave the figure; the values follow in words.",
            people.len()
        ),
        values: people,
    }
}

/// How many accounts answer each statement.
pub(crate) fn accounts_bars(accounts: &[(String, u64)]) -> Bars<'_> {
    Bars {
        heading: ACCOUNTS_HEADING,
        alt: format!(
            "Bar chart of how many accounts answer each of the {} statements in the report; the values follow in words.",
            accounts.len()
        ),
        values: accounts,
    }
}

/// A bar chart, as one figure whose alternative text points to the words after it, which
/// say every value.
fn chart(flow: &mut Flow<'_>, chart: &Bars<'_>) {
    subheading(flow, chart.heading);
    let most = chart.values.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let role = Role::Figure { alt: chart.alt.clone() };
    flow.sheet.leaf(role.clone());
    for (label, n) in chart.values {
        flow.room(ROW_LINE);
        let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
        let pen = Pen::new(ROW_SIZE, Style::Regular, Rgb::TEXT);
        let label = flow.ts.fit_line(&tidy(label), Style::Regular, ROW_SIZE, COLUMN * BAR_LEFT - GAP / 2.0);
        flow.sheet.text(MARGIN_X, baseline, pen, label, role.clone());
        #[allow(clippy::cast_precision_loss, reason = "a share of the longest bar; rounding is invisible")]
        let share = *n as f32 / most as f32;
        let width = (COLUMN * BAR_MAX * share).max(1.0);
        let left = MARGIN_X + COLUMN * BAR_LEFT;
        let top = flow.y + (ROW_LINE - BAR_HEIGHT) / 2.0;
        flow.sheet.push(Item::Rect { x: left, y: top, w: width, h: BAR_HEIGHT, fill: Rgb::ACCENT, role: role.clone() });
        let x = left + width + GAP / 3.0;
        let value = flow.ts.fit_line(&thousands(*n), Style::Regular, ROW_SIZE, MARGIN_X + COLUMN - x);
        flow.sheet.text(x, baseline, pen, value, role.clone());
        flow.y += ROW_LINE;
    }
    flow.sheet.close();
    flow.y += ITEM_GAP;
    paragraph(flow, &chart.words());
}

/// The figures of each contributor: a table with headings of up to three lines, repeated (as page
/// furniture) on every page it runs onto.
fn table(flow: &mut Flow<'_>, rows: &[[String; 7]]) {
    subheading(flow, TABLE_HEADING);
    let header = |flow: &mut Flow<'_>, role: &Role| {
        let mut lines_used = 1;
        let top = flow.y;
        for (i, text) in HEADINGS.iter().enumerate() {
            let (left, right) = bounds(i);
            let lines = flow.ts.capped(text, Style::Bold, HEADER_SIZE, right - left, 3);
            lines_used = lines_used.max(lines.len());
            flow.sheet.leaf(role.clone());
            for (k, line) in lines.into_iter().enumerate() {
                #[allow(clippy::cast_precision_loss, reason = "up to three lines")]
                let baseline = flow.ts.baseline(top + k as f32 * HEADER_SIZE * 1.2, ROW_LINE, HEADER_SIZE, Style::Bold);
                let x = if i >= 2 { right - flow.ts.fonts.width(Style::Bold, &line, HEADER_SIZE) } else { left };
                flow.sheet.text(x, baseline, Pen::new(HEADER_SIZE, Style::Bold, Rgb::TEXT), line, role.clone());
            }
            flow.sheet.close();
        }
        #[allow(clippy::cast_precision_loss, reason = "up to three lines")]
        let used = ROW_LINE + (lines_used - 1) as f32 * HEADER_SIZE * 1.2;
        flow.y += used;
    };
    flow.rows(
        rows,
        ROW_LINE,
        |_| 1,
        |flow, first| {
            if first {
                flow.sheet.group(Role::Table);
                flow.sheet.group(Role::TableRow);
                header(flow, &Role::TableHeader);
                flow.sheet.close();
            } else {
                flow.sheet.close_all();
                heading_continued(flow, &format!("{TABLE_HEADING} (continued)"));
                flow.sheet.group_continued(Role::Table);
                header(flow, &Role::Artifact);
            }
        },
        |flow, row| {
            flow.sheet.group(Role::TableRow);
            let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
            for (i, text) in row.iter().enumerate() {
                let (left, right) = bounds(i);
                let style =
                    if i == 1 && row[2..].iter().all(String::is_empty) { Style::Italic } else { Style::Regular };
                let text = flow.ts.fit_line(&tidy(text), style, ROW_SIZE, right - left);
                if text.is_empty() {
                    flow.sheet.empty(Role::TableCell);
                    continue;
                }
                let x = if i >= 2 { right - flow.ts.fonts.width(style, &text, ROW_SIZE) } else { left };
                flow.sheet.run(x, baseline, Pen::new(ROW_SIZE, style, Rgb::TEXT), text, Role::TableCell);
            }
            flow.sheet.close();
            flow.y += ROW_LINE;
        },
    );
    flow.sheet.close_all();
}

/// Where contributors stand with each statement: a list, a sentence a statement.
fn stages(flow: &mut Flow<'_>, statements: &[String]) {
    subheading(flow, STAGES_HEADING);
    paragraph(flow, STAGES_NOTE);
    flow.y += ITEM_GAP;
    for sentence in statements {
        flow.block(crate::layout::blocks::BlockKind::Bullet, &tidy(sentence));
        flow.y += ITEM_GAP / 2.0;
    }
    flow.sheet.end_blocks();
}

/// Left and right edges of column `i` of the per-contributor table.
fn bounds(i: usize) -> (f32, f32) {
    let left = MARGIN_X + COLUMNS[i] * COLUMN;
    let right = COLUMNS.get(i + 1).map_or(MARGIN_X + COLUMN, |next| MARGIN_X + next * COLUMN - GAP / 2.0);
    (left, right)
}
