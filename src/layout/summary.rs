//! "Where we stand": the self-assessment pack a LERO hands its trustees, funders and
//! commissioners. A cover (logo, organisation, date and the picture at a glance), a chart of
//! stages per section, every assessed statement with its stage, rung, what is done well and
//! what is to develop, the evidence, the action plan, the one-page accounts and the
//! statements that do not apply, with their reasons.
//!
//! A builder on the same flow, tables and page frame as the collective report: long lists run
//! across pages with their table headings repeated, every page has the running footer, and
//! every item has its role, so the PDF is tagged like every other.

use crate::domain::assessment::Stage;
use crate::domain::text::{one_line as tidy, plural};
use crate::layout::Layouter;
use crate::layout::blocks::BlockKind;
use crate::layout::flow::{COLUMN, Flow};
use crate::layout::one_pager::generated_line;
use crate::layout::page::{Item, Page, Rgb, Role, Style};
use crate::layout::report::numbers::{paragraph, subheading};
use crate::layout::report::{
    COVER_LINE_SIZE, COVER_QUIET_SIZE, COVER_TITLE_SIZE, GAP, QUIET_ROW_PEN, ROW_LINE, ROW_SIZE, finish_page, heading,
};
use crate::layout::table::{Cell, Column, table};
use crate::layout::typeset::{BODY_LINE, Cut, ITEM_GAP, MARGIN_TOP, MARGIN_X, MM, Pen, Sheet, Typesetter};

/// The document's title, on its cover and in every footer.
pub const SUMMARY_TITLE: &str = "Where we stand";

/// The stages in the order the chart draws them, from done to not started, then not
/// applicable and not assessed (`None`).
pub const STAGES_DRAWN: [Option<Stage>; 6] = [
    Some(Stage::Embedded),
    Some(Stage::Developing),
    Some(Stage::Starting),
    Some(Stage::NotYet),
    Some(Stage::NotApplicable),
    None,
];

/// A stage's colour in charts, on screen and on paper; text on it is [`Rgb::TEXT`].
#[must_use]
pub fn stage_colour(stage: Option<Stage>) -> Rgb {
    match stage {
        None => Rgb(0xD6, 0xD6, 0xD6),
        Some(Stage::NotYet) => Rgb(0xE5, 0x73, 0x73),
        Some(Stage::Starting) => Rgb(0xFF, 0xB7, 0x4D),
        Some(Stage::Developing) => Rgb(0x64, 0xB5, 0xF6),
        Some(Stage::Embedded) => Rgb(0x43, 0xA0, 0x47),
        Some(Stage::NotApplicable) => Rgb(0x9E, 0x9E, 0x9E),
    }
}

/// A stage's name as the chart's legend and words say it.
#[must_use]
pub fn stage_name(stage: Option<Stage>) -> &'static str {
    stage.map_or("Not assessed yet", Stage::label)
}

/// Everything the summary prints, already in words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryInput {
    /// The organisation's name.
    pub org_name: String,
    /// The area it serves.
    pub area: String,
    /// The pixel size of its logo (logo 0 of the writer's logos), if it has one.
    pub logo_px: Option<(u32, u32)>,
    /// The date the summary speaks for, as people read it ("7 December 2026").
    pub date: String,
    /// Date of generation for the quiet line ("2026-12-07").
    pub generated_on: String,
    /// The app's version.
    pub app_version: String,
    /// The picture at a glance, a sentence each, on the cover.
    pub overview: Vec<String>,
    /// One chart per standard set the organisation has assessed against.
    pub charts: Vec<StageChart>,
    /// Every assessed statement that applies, in set and statement order.
    pub statements: Vec<SummaryStatement>,
    /// Every evidence item, by statement.
    pub evidence: Vec<SummaryEvidence>,
    /// The action plan, those still to do first, soonest first.
    pub actions: Vec<SummaryAction>,
    /// Every one-page account.
    pub accounts: Vec<SummaryAccount>,
    /// The statements that do not apply, with the reasons.
    pub not_applicable: Vec<NotApplicable>,
    /// How many characters no face could show were printed as “?” (for the outcome to say).
    pub unshown: usize,
}

/// Where the organisation stands with one set, section by section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageChart {
    /// The set, as people name it ("CLERO recovery framework (CHIME) · version 2021-22").
    pub set: String,
    /// One row per section.
    pub rows: Vec<StageRow>,
}

/// One section's statements by stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageRow {
    /// The section's title.
    pub section: String,
    /// How many statements stand at each stage, in [`STAGES_DRAWN`] order.
    pub counts: [usize; 6],
}

/// One assessed statement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryStatement {
    /// Its code ("C1").
    pub code: String,
    /// Its title.
    pub title: String,
    /// Its set, as people name it.
    pub set: String,
    /// The stage and what it means ("Developing: we do this, but not everywhere or every
    /// time."), or that none is chosen yet.
    pub stage: String,
    /// The rung of involvement in words ("4 of 7, Representation: …"), empty when not given.
    pub rung: String,
    /// What the organisation does well.
    pub well: String,
    /// What it wants to develop.
    pub develop: String,
    /// Its evidence and actions in words ("12 evidence items; 3 actions, 1 overdue").
    pub counts: String,
}

/// One evidence item as the summary lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryEvidence {
    /// The statement's code.
    pub statement: String,
    /// Its title.
    pub title: String,
    /// Its kind (empty for personal data, listed by title only).
    pub kind: String,
    /// Its date as people read it (empty for personal data, or when not given).
    pub date: String,
    /// It holds personal data: listed by title only, and said so.
    pub personal: bool,
}

/// One action of the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryAction {
    /// The statement's code.
    pub statement: String,
    /// What.
    pub what: String,
    /// Who.
    pub who: String,
    /// By when, as people read it ("31/03/2026"), empty when no date.
    pub by: String,
    /// Its status in words ("Not started").
    pub status: String,
    /// Not done and its date has passed.
    pub overdue: bool,
}

/// One one-page account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryAccount {
    /// The statement's code.
    pub statement: String,
    /// The account's name.
    pub title: String,
    /// Where it is ("Signed off").
    pub status: String,
    /// Its sign-off in words ("2 of 2 approvals, lived experience included").
    pub signoff: String,
}

/// A statement that does not apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotApplicable {
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Why it does not apply.
    pub reason: String,
}

/// The parts, in order; a progress report names the one being laid out.
pub const SUMMARY_PARTS: [&str; 7] = [
    "the cover",
    "the chart of stages",
    "the statements",
    "the evidence",
    "the action plan",
    "the accounts",
    "the statements that do not apply",
];

/// The parts' headings.
pub(crate) const STAGES_HEADING: &str = "Stages by section";
pub(crate) const STATEMENTS_HEADING: &str = "Statement by statement";
pub(crate) const EVIDENCE_HEADING: &str = "Evidence";
pub(crate) const ACTIONS_HEADING: &str = "Action plan";
pub(crate) const ACCOUNTS_HEADING: &str = "One-page accounts";
pub(crate) const NOT_APPLICABLE_HEADING: &str = "Statements that do not apply";

/// What the evidence part says before its table.
pub(crate) const PERSONAL_DATA_NOTE: &str =
    "Items marked personal data are listed by title only; no attached file is ever part of this document.";
/// The kind cell of an item marked personal data.
pub(crate) const PERSONAL_DATA_CELL: &str = "Personal data: title only";

const LOGO_MAX_W: f32 = 60.0 * MM;
const LOGO_MAX_H: f32 = 35.0 * MM;
const ORG_SIZE: f32 = 16.0;
/// A row of the chart: its bar and the label beside it.
const BAR_ROW: f32 = ROW_LINE * 1.3;
const BAR_HEIGHT: f32 = ROW_LINE;
/// Where bars start and how long they are, as shares of the column.
const BAR_LEFT: f32 = 0.34;
const BAR_WIDTH: f32 = 0.5;
/// The label column of a statement's details, as a share of the column.
const LABEL_WIDTH: f32 = 0.24;

impl Layouter {
    /// Lays out the summary, every page A4 with the report's frame and a running footer
    /// ("Where we stand · organisation · date", "Page X of Y"). `progress` is told the name
    /// of each part (see [`SUMMARY_PARTS`]) as it starts. Never panics, whatever the input.
    pub fn summary(&mut self, input: &SummaryInput, progress: &mut dyn FnMut(&'static str)) -> Vec<Page> {
        // The cover is a page of its own; the parts follow one another down the pages.
        progress(SUMMARY_PARTS[0]);
        let mut sheets: Vec<Sheet> = {
            let mut flow = Flow::new(Typesetter::new(&self.fonts, &mut self.cache, Cut::Nothing), None);
            cover(&mut flow, input);
            flow.finish()
        };
        let mut flow = Flow::new(Typesetter::new(&self.fonts, &mut self.cache, Cut::Nothing), None);
        let parts: [fn(&mut Flow<'_>, &SummaryInput); 6] =
            [stages, statements, evidence, actions, accounts, not_applicable];
        for (name, part) in SUMMARY_PARTS[1..].iter().zip(parts) {
            if *name == SUMMARY_PARTS[6] && input.not_applicable.is_empty() {
                continue;
            }
            progress(name);
            part(&mut flow, input);
        }
        sheets.extend(flow.finish());
        let running = [SUMMARY_TITLE.to_owned(), tidy(&input.org_name), tidy(&input.date)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let total = sheets.len();
        let ts = Typesetter::new(&self.fonts, &mut self.cache, Cut::Nothing);
        sheets
            .into_iter()
            .enumerate()
            .map(|(i, sheet)| finish_page(&ts, sheet, &running, i + 1, total, false))
            .collect()
    }
}

/// A run of text on one line of its own, as a node of `role`.
fn line(flow: &mut Flow<'_>, text: &str, pen: Pen, role: &Role) {
    let text = flow.ts.fit_line(text, pen.style, pen.size, COLUMN);
    flow.lines(vec![text], MARGIN_X, pen, role);
}

/// The cover: logo, title, organisation, area, date, the picture at a glance.
fn cover(flow: &mut Flow<'_>, input: &SummaryInput) {
    flow.y = MARGIN_TOP + 10.0 * MM;
    let logo = input.logo_px.filter(|(w, h)| *w > 0 && *h > 0).map(|(w, h)| {
        #[allow(clippy::cast_precision_loss, reason = "pixel sizes of a checked logo are small")]
        let (w, h) = (w as f32, h as f32);
        let scale = (LOGO_MAX_W / w).min(LOGO_MAX_H / h);
        (w * scale, h * scale)
    });
    if let Some((w, h)) = logo {
        let role = Role::Figure { alt: format!("Logo of {}", tidy(&input.org_name)) };
        flow.sheet.leaf(role.clone());
        flow.sheet.push(Item::Logo { image: 0, x: MARGIN_X, y: flow.y, w, h, role });
        flow.sheet.close();
        flow.y += h + 8.0 * MM;
    } else {
        flow.y += 20.0 * MM;
    }
    flow.sheet.bookmark(1, SUMMARY_TITLE.to_owned(), flow.y);
    line(flow, SUMMARY_TITLE, Pen::new(COVER_TITLE_SIZE, Style::Bold, Rgb::TEXT), &Role::Heading(1));
    flow.y += ITEM_GAP;
    let name = flow.ts.capped(&input.org_name, Style::Bold, ORG_SIZE, COLUMN, 3);
    flow.lines(name, MARGIN_X, Pen::new(ORG_SIZE, Style::Bold, Rgb::ACCENT), &Role::Paragraph);
    let cover_pen = Pen::new(COVER_LINE_SIZE, Style::Regular, Rgb::TEXT);
    if !tidy(&input.area).is_empty() {
        line(flow, &input.area, cover_pen, &Role::Paragraph);
    }
    line(flow, &input.date, cover_pen, &Role::Paragraph);
    flow.rule();
    line(flow, "At a glance", Pen::new(COVER_LINE_SIZE, Style::Bold, Rgb::TEXT), &Role::Heading(2));
    flow.y += ITEM_GAP;
    for sentence in &input.overview {
        flow.block(BlockKind::Bullet, &tidy(sentence));
        flow.y += ITEM_GAP;
    }
    flow.sheet.end_blocks();
    flow.y += BODY_LINE;
    let quiet = generated_line(&input.generated_on, &input.app_version);
    line(flow, &quiet, Pen::new(COVER_QUIET_SIZE, Style::Regular, Rgb::QUIET), &Role::Paragraph);
}

/// A part's heading: on a new page when the page is past its middle, else after a gap.
fn part(flow: &mut Flow<'_>, title: &str) {
    if flow.y > MARGIN_TOP {
        if flow.y > Page::A4.1 / 2.0 {
            flow.new_page();
        } else {
            flow.y += 2.0 * BODY_LINE;
        }
    }
    heading(flow, title);
}

/// The chart of stages per section (a figure per set, its legend inside it), each row then
/// said in words.
fn stages(flow: &mut Flow<'_>, input: &SummaryInput) {
    part(flow, STAGES_HEADING);
    if input.charts.is_empty() {
        paragraph(flow, "No statements assessed yet: choose a stage for a statement under Standards.");
        return;
    }
    paragraph(
        flow,
        "How many of each section's statements stand at each stage, from embedded to not yet; the numbers follow in words under each chart.",
    );
    for chart in &input.charts {
        flow.y += ITEM_GAP * 2.0;
        // The chart, its legend and a line of its words stay together when they fit a page;
        // a longer chart starts here with a few rows at least.
        #[allow(clippy::cast_precision_loss, reason = "a few rows")]
        let height = chart.rows.len() as f32 * BAR_ROW + 3.0 * ROW_LINE;
        let page = crate::layout::flow::BOTTOM - MARGIN_TOP - 40.0;
        flow.room(if height <= page { height } else { 6.0 * BAR_ROW });
        subheading(flow, &chart.set);
        stage_chart(flow, chart);
        flow.y += ITEM_GAP;
        for row in &chart.rows {
            flow.block(BlockKind::Bullet, &row_words(row));
            flow.y += ITEM_GAP / 2.0;
        }
        flow.sheet.end_blocks();
    }
}

/// "Choice (8 statements): 2 embedded, 3 developing, 3 not assessed yet."
pub(crate) fn row_words(row: &StageRow) -> String {
    let total: usize = row.counts.iter().sum();
    let said: Vec<String> = STAGES_DRAWN
        .iter()
        .zip(row.counts)
        .filter(|(_, n)| *n > 0)
        .map(|(stage, n)| format!("{n} {}", stage_name(*stage).to_lowercase()))
        .collect();
    format!("{} ({}): {}.", tidy(&row.section), plural(total, "statement", "statements"), said.join(", "))
}

/// One set's stacked bars: a row per section, each bar the section's statements split by
/// stage, each piece with its count on it when there is room; the legend under them.
fn stage_chart(flow: &mut Flow<'_>, chart: &StageChart) {
    let role = Role::Figure {
        alt: format!(
            "Bar chart of where we stand with each of the {} sections of {}: each bar split by stage, from embedded to not assessed yet; the numbers follow in words.",
            chart.rows.len(),
            tidy(&chart.set)
        ),
    };
    flow.sheet.leaf(role.clone());
    let pen = Pen::new(ROW_SIZE, Style::Regular, Rgb::TEXT);
    let left = MARGIN_X + COLUMN * BAR_LEFT;
    let full = COLUMN * BAR_WIDTH;
    for row in &chart.rows {
        let labels = flow.ts.capped(&row.section, Style::Regular, ROW_SIZE, COLUMN * BAR_LEFT - GAP / 2.0, 2);
        let label_line = ROW_SIZE * 1.25;
        #[allow(clippy::cast_precision_loss, reason = "up to two lines")]
        let row_height = BAR_ROW.max(labels.len() as f32 * label_line + (BAR_ROW - label_line));
        if !flow.fits(row_height) {
            // A chart too long for its page goes on as a figure of its own on the next.
            flow.sheet.close();
            flow.new_page();
            flow.sheet.leaf(role.clone());
        }
        let baseline = flow.baseline(row_height, ROW_SIZE);
        #[allow(clippy::cast_precision_loss, reason = "up to two lines")]
        let first = baseline - (labels.len().max(1) - 1) as f32 * label_line / 2.0;
        for (i, label) in labels.into_iter().enumerate() {
            #[allow(clippy::cast_precision_loss, reason = "up to two lines")]
            flow.sheet.text(MARGIN_X, first + i as f32 * label_line, pen, label, role.clone());
        }
        let total: usize = row.counts.iter().sum();
        let mut x = left;
        let top = flow.y + (row_height - BAR_HEIGHT) / 2.0;
        for (stage, n) in STAGES_DRAWN.iter().zip(row.counts) {
            if n == 0 || total == 0 {
                continue;
            }
            #[allow(clippy::cast_precision_loss, reason = "counts of statements are small")]
            let w = full * n as f32 / total as f32;
            flow.sheet.push(Item::Rect {
                x: x + 0.5,
                y: top,
                w: (w - 1.0).max(0.5),
                h: BAR_HEIGHT,
                fill: stage_colour(*stage),
                role: role.clone(),
            });
            let count = n.to_string();
            let count_width = flow.ts.fonts.width(Style::Bold, &count, ROW_SIZE);
            if count_width + 4.0 <= w {
                let pen = Pen::new(ROW_SIZE, Style::Bold, Rgb::TEXT);
                flow.sheet.text(x + (w - count_width) / 2.0, baseline, pen, count, role.clone());
            }
            x += w;
        }
        let assessed = total - row.counts[5];
        let said = format!("{assessed} of {total}");
        let x = left + full + GAP / 2.0;
        let said = flow.ts.fit_line(&said, Style::Regular, ROW_SIZE, MARGIN_X + COLUMN - x);
        flow.sheet.text(x, baseline, Pen::new(ROW_SIZE, Style::Regular, Rgb::QUIET), said, role.clone());
        flow.y += row_height;
    }
    legend(flow, &role);
    flow.sheet.close();
}

/// The chart's key: a swatch and the stage's name for each stage, wrapping as needed.
fn legend(flow: &mut Flow<'_>, role: &Role) {
    flow.y += ITEM_GAP;
    let swatch = ROW_SIZE;
    let mut x = MARGIN_X;
    // The key stays on one page, in the figure of the chart's last rows.
    let room = |flow: &mut Flow<'_>| {
        if !flow.fits(ROW_LINE) {
            flow.sheet.close();
            flow.new_page();
            flow.sheet.leaf(role.clone());
        }
    };
    room(flow);
    for stage in STAGES_DRAWN {
        let name = stage_name(stage);
        let width = swatch + 4.0 + flow.ts.fonts.width(Style::Regular, name, ROW_SIZE);
        if x + width > MARGIN_X + COLUMN {
            flow.y += ROW_LINE;
            room(flow);
            x = MARGIN_X;
        }
        let baseline = flow.baseline(ROW_LINE, ROW_SIZE);
        let top = flow.y + (ROW_LINE - swatch) / 2.0;
        flow.sheet.push(Item::Rect { x, y: top, w: swatch, h: swatch, fill: stage_colour(stage), role: role.clone() });
        let pen = Pen::new(ROW_SIZE, Style::Regular, Rgb::TEXT);
        flow.sheet.text(x + swatch + 4.0, baseline, pen, name.to_owned(), role.clone());
        x += width + GAP;
    }
    flow.y += ROW_LINE;
}

/// Each assessed statement: its heading, then its details as label and words.
fn statements(flow: &mut Flow<'_>, input: &SummaryInput) {
    part(flow, STATEMENTS_HEADING);
    if input.statements.is_empty() {
        paragraph(flow, "No statement that applies to us has been assessed yet.");
        return;
    }
    for (i, s) in input.statements.iter().enumerate() {
        if i > 0 {
            flow.y += BODY_LINE;
        }
        let name = [tidy(&s.code), tidy(&s.title)].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>();
        let name = name.join(" ");
        flow.room(ROW_LINE * 6.0);
        flow.sheet.bookmark(2, name.clone(), flow.y);
        subheading(flow, &name);
        if !tidy(&s.set).is_empty() {
            let set = flow.ts.capped(&s.set, Style::Regular, ROW_SIZE, COLUMN, 2);
            flow.lines(set, MARGIN_X, QUIET_ROW_PEN, &Role::Paragraph);
            flow.y += ITEM_GAP;
        }
        detail(flow, "Stage", &s.stage);
        detail(flow, "Involvement", if s.rung.is_empty() { "No rung given yet." } else { &s.rung });
        detail(flow, "What we do well", if s.well.trim().is_empty() { "Not written yet." } else { &s.well });
        detail(
            flow,
            "What we want to develop",
            if s.develop.trim().is_empty() { "Not written yet." } else { &s.develop },
        );
        detail(flow, "Evidence and actions", &s.counts);
    }
}

/// One detail of a statement: its label at the left, its words wrapped beside it (each of
/// their paragraphs kept), read as one paragraph: label, then words.
fn detail(flow: &mut Flow<'_>, label: &str, words: &str) {
    let width = COLUMN * (1.0 - LABEL_WIDTH);
    let left = MARGIN_X + COLUMN * LABEL_WIDTH;
    let labels = flow.ts.capped(label, Style::Bold, ROW_SIZE, COLUMN * LABEL_WIDTH - GAP / 2.0, 3);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in words.split('\n').map(tidy).filter(|p| !p.is_empty()) {
        lines.extend(flow.ts.wrap(&paragraph, Style::Regular, ROW_SIZE, width));
    }
    let line_height = ROW_SIZE * 1.35;
    // The label is read first, then the words; the label's lines stay on one page.
    #[allow(clippy::cast_precision_loss, reason = "up to three lines")]
    flow.room(line_height * labels.len().max(1) as f32);
    flow.sheet.leaf(Role::Paragraph);
    let pen = Pen::new(ROW_SIZE, Style::Bold, Rgb::TEXT);
    #[allow(clippy::cast_precision_loss, reason = "up to three lines")]
    let label_bottom = flow.y + line_height * labels.len() as f32;
    for (i, label) in labels.into_iter().enumerate() {
        #[allow(clippy::cast_precision_loss, reason = "up to three lines")]
        let top = flow.y + i as f32 * line_height;
        let baseline = flow.ts.baseline(top, line_height, ROW_SIZE, Style::Regular);
        flow.sheet.text(MARGIN_X, baseline, pen, label, Role::Paragraph);
    }
    let first_page = flow.pages();
    for text in &lines {
        flow.room(line_height);
        let baseline = flow.baseline(line_height, ROW_SIZE);
        flow.sheet.text(left, baseline, Pen::new(ROW_SIZE, Style::Regular, Rgb::TEXT), text.clone(), Role::Paragraph);
        flow.y += line_height;
    }
    flow.sheet.close();
    // Below a label longer than its words.
    if flow.pages() == first_page {
        flow.y = flow.y.max(label_bottom);
    }
    flow.y += ITEM_GAP;
}

/// The evidence as one table, by statement; personal data by title only, said so.
fn evidence(flow: &mut Flow<'_>, input: &SummaryInput) {
    part(flow, EVIDENCE_HEADING);
    if input.evidence.is_empty() {
        paragraph(flow, "No evidence recorded yet.");
        return;
    }
    let personal = input.evidence.iter().filter(|e| e.personal).count();
    let items = plural(input.evidence.len(), "evidence item", "evidence items");
    let said = match personal {
        0 => format!("{items}."),
        1 if input.evidence.len() == 1 => format!("{items}, marked personal data."),
        n => format!("{items}, {n} of them marked personal data."),
    };
    paragraph(flow, &format!("{said} {PERSONAL_DATA_NOTE}"));
    flow.y += ITEM_GAP;
    let columns = [
        Column::new("Statement", 0.0),
        Column::new("Evidence", 0.13),
        Column::new("Kind", 0.58),
        Column::new("Date", 0.84),
    ];
    let rows: Vec<Vec<Cell>> = input
        .evidence
        .iter()
        .map(|e| {
            if e.personal {
                vec![Cell::plain(&e.statement), Cell::plain(&e.title), Cell::aside(PERSONAL_DATA_CELL), Cell::plain("")]
            } else {
                vec![Cell::plain(&e.statement), Cell::plain(&e.title), Cell::plain(&e.kind), Cell::plain(&e.date)]
            }
        })
        .collect();
    table(flow, &format!("{EVIDENCE_HEADING} (continued)"), &columns, &rows, 8);
}

/// The action plan as a table; an overdue action says so in its status, in words.
fn actions(flow: &mut Flow<'_>, input: &SummaryInput) {
    part(flow, ACTIONS_HEADING);
    if input.actions.is_empty() {
        paragraph(flow, "No actions planned yet.");
        return;
    }
    let overdue = input.actions.iter().filter(|a| a.overdue).count();
    let said = if overdue == 0 {
        format!("{}, none overdue.", plural(input.actions.len(), "action", "actions"))
    } else {
        format!("{}, {overdue} overdue: their status says “overdue”.", plural(input.actions.len(), "action", "actions"))
    };
    paragraph(flow, &said);
    flow.y += ITEM_GAP;
    let columns = [
        Column::new("What", 0.0),
        Column::new("Who", 0.36),
        Column::new("By when", 0.5),
        Column::new("Status", 0.64),
        Column::new("Statement", 0.88),
    ];
    let rows: Vec<Vec<Cell>> = input
        .actions
        .iter()
        .map(|a| {
            let status = if a.overdue {
                Cell::marked(format!("{}, overdue", a.status), Rgb::DRAFT)
            } else {
                Cell::plain(&a.status)
            };
            let by = if a.by.is_empty() { Cell::aside("no date") } else { Cell::plain(&a.by) };
            vec![Cell::plain(&a.what), Cell::plain(&a.who), by, status, Cell::plain(&a.statement)]
        })
        .collect();
    table(flow, &format!("{ACTIONS_HEADING} (continued)"), &columns, &rows, 12);
}

/// The one-page accounts and their sign-off.
fn accounts(flow: &mut Flow<'_>, input: &SummaryInput) {
    part(flow, ACCOUNTS_HEADING);
    if input.accounts.is_empty() {
        paragraph(flow, "No one-page accounts written yet.");
        return;
    }
    let columns = [
        Column::new("Statement", 0.0),
        Column::new("Account", 0.13),
        Column::new("Status", 0.55),
        Column::new("Sign-off", 0.73),
    ];
    let rows: Vec<Vec<Cell>> = input
        .accounts
        .iter()
        .map(|a| {
            vec![Cell::plain(&a.statement), Cell::plain(&a.title), Cell::plain(&a.status), Cell::plain(&a.signoff)]
        })
        .collect();
    table(flow, &format!("{ACCOUNTS_HEADING} (continued)"), &columns, &rows, 6);
}

/// The statements that do not apply, each with its reason.
fn not_applicable(flow: &mut Flow<'_>, input: &SummaryInput) {
    part(flow, NOT_APPLICABLE_HEADING);
    for n in &input.not_applicable {
        let name = [tidy(&n.code), tidy(&n.title)].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>();
        let reason = if n.reason.trim().is_empty() { "No reason written yet." } else { &n.reason };
        flow.block(BlockKind::Bullet, &format!("{}: {}", name.join(" "), tidy(reason)));
        flow.y += ITEM_GAP;
    }
    flow.sheet.end_blocks();
}

#[cfg(test)]
mod tests;
