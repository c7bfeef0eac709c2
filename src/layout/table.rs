//! A table of wrapped cells on the paginating flow: column headings, rows whose cells wrap
//! to their column (a row as tall as its longest cell, up to a cap), a row never split
//! between pages, and the headings repeated, as page furniture under a "(continued)"
//! heading, on every page the table runs onto. Tagged as one table (header cells, data
//! cells) however many pages it takes.

use crate::domain::text::one_line;
use crate::layout::flow::{COLUMN, Flow};
use crate::layout::page::{Rgb, Role, Style};
use crate::layout::report::{GAP, ROW_SIZE, heading_continued};
use crate::layout::typeset::{MARGIN_X, Pen};

/// One line of a cell, down its row.
const CELL_LINE: f32 = ROW_SIZE * 1.3;
/// Above and below a row's text.
const ROW_PAD: f32 = ROW_SIZE * 0.3;
/// The headings' size, a little smaller than the rows so long headings fit narrow columns.
const HEADER_SIZE: f32 = 8.5;

/// A column: its heading, where it starts (a share of the column's width) and whether its
/// text sits at its right edge (numbers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub(crate) heading: &'static str,
    pub(crate) left: f32,
    pub(crate) right_aligned: bool,
}

impl Column {
    pub(crate) const fn new(heading: &'static str, left: f32) -> Column {
        Column { heading, left, right_aligned: false }
    }
}

/// One cell: its words and how they are set.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) style: Style,
    pub(crate) colour: Rgb,
}

impl Cell {
    /// Words in the regular face.
    pub(crate) fn plain(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: Style::Regular, colour: Rgb::TEXT }
    }

    /// Words set apart: bold and in `colour` (a warning, always said in words too).
    pub(crate) fn marked(text: impl Into<String>, colour: Rgb) -> Cell {
        Cell { text: text.into(), style: Style::Bold, colour }
    }

    /// Words in italic (a note standing in for what is left out).
    pub(crate) fn aside(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: Style::Italic, colour: Rgb::TEXT }
    }
}

/// Left and right edges of column `i`.
fn bounds(columns: &[Column], i: usize) -> (f32, f32) {
    let left = MARGIN_X + columns[i].left * COLUMN;
    let right = columns.get(i + 1).map_or(MARGIN_X + COLUMN, |next| MARGIN_X + next.left * COLUMN - GAP / 2.0);
    (left, right)
}

/// Lines down a row or a heading row, as a height.
#[allow(clippy::cast_precision_loss, reason = "a few lines")]
fn height(lines: usize, line: f32) -> f32 {
    lines.max(1) as f32 * line + 2.0 * ROW_PAD
}

/// Places a table: `columns` and `rows` (a cell per column), each cell wrapped to at most
/// `max_lines` lines (the last cut with "…"). On every page after the first, `continued`
/// ("Evidence (continued)") heads the page and the headings are repeated.
pub(crate) fn table(flow: &mut Flow<'_>, continued: &str, columns: &[Column], rows: &[Vec<Cell>], max_lines: usize) {
    let headings: Vec<Vec<String>> = (0..columns.len())
        .map(|i| {
            let (left, right) = bounds(columns, i);
            flow.ts.capped(columns[i].heading, Style::Bold, HEADER_SIZE, right - left, 3)
        })
        .collect();
    let header_height = height(headings.iter().map(Vec::len).max().unwrap_or(1), HEADER_SIZE * 1.2);
    let header = |flow: &mut Flow<'_>, role: &Role| {
        let top = flow.y + ROW_PAD;
        for (i, lines) in headings.iter().enumerate() {
            let (left, right) = bounds(columns, i);
            flow.sheet.leaf(role.clone());
            for (k, line) in lines.iter().enumerate() {
                #[allow(clippy::cast_precision_loss, reason = "up to three lines")]
                let line_top = top + k as f32 * HEADER_SIZE * 1.2;
                let baseline = flow.ts.baseline(line_top, HEADER_SIZE * 1.2, HEADER_SIZE, Style::Bold);
                let x = aligned(flow, columns[i].right_aligned, left, right, line, Style::Bold, HEADER_SIZE);
                let pen = Pen::new(HEADER_SIZE, Style::Bold, Rgb::TEXT);
                flow.sheet.text(x, baseline, pen, line.clone(), role.clone());
            }
            flow.sheet.close();
        }
        flow.y += header_height;
        flow.sheet.rule(MARGIN_X, MARGIN_X + COLUMN, flow.y - ROW_PAD / 2.0, 0.5, Rgb::QUIET);
    };

    let wrap = |flow: &mut Flow<'_>, row: &[Cell]| -> Vec<Vec<String>> {
        row.iter()
            .enumerate()
            .take(columns.len())
            .map(|(i, cell)| {
                let (left, right) = bounds(columns, i);
                flow.ts.capped(&one_line(&cell.text), cell.style, ROW_SIZE, right - left, max_lines)
            })
            .collect()
    };
    let row_height = |wrapped: &[Vec<String>]| height(wrapped.iter().map(Vec::len).max().unwrap_or(1), CELL_LINE);
    // The headings never stand alone at the foot of a page: the first row comes with them.
    let first = rows.first().map_or(height(1, CELL_LINE), |row| row_height(&wrap(flow, row)));
    flow.room(header_height + first);
    flow.sheet.group(Role::Table);
    flow.sheet.group(Role::TableRow);
    header(flow, &Role::TableHeader);
    flow.sheet.close();
    for row in rows {
        let wrapped = wrap(flow, row);
        let row_height = row_height(&wrapped);
        if !flow.fits(row_height) {
            flow.new_page();
            flow.sheet.close_all();
            heading_continued(flow, continued);
            flow.sheet.group_continued(Role::Table);
            header(flow, &Role::Artifact);
        }
        flow.sheet.group(Role::TableRow);
        let top = flow.y + ROW_PAD;
        for (i, (lines, cell)) in wrapped.into_iter().zip(row).enumerate() {
            if lines.is_empty() {
                // Still a cell, so that the row's cells stay under their headings.
                flow.sheet.empty(Role::TableCell);
                continue;
            }
            let (left, right) = bounds(columns, i);
            flow.sheet.leaf(Role::TableCell);
            for (k, line) in lines.into_iter().enumerate() {
                #[allow(clippy::cast_precision_loss, reason = "a few lines")]
                let baseline = flow.ts.baseline(top + k as f32 * CELL_LINE, CELL_LINE, ROW_SIZE, cell.style);
                let x = aligned(flow, columns[i].right_aligned, left, right, &line, cell.style, ROW_SIZE);
                flow.sheet.text(x, baseline, Pen::new(ROW_SIZE, cell.style, cell.colour), line, Role::TableCell);
            }
            flow.sheet.close();
        }
        for _ in row.len()..columns.len() {
            flow.sheet.empty(Role::TableCell);
        }
        flow.sheet.close();
        flow.y += row_height;
    }
    flow.sheet.close_all();
}

/// Where a line starts in its column: at the left edge, or ending at the right one.
fn aligned(flow: &Flow<'_>, right_aligned: bool, left: f32, right: f32, line: &str, style: Style, size: f32) -> f32 {
    if right_aligned { right - flow.ts.fonts.width(style, line, size) } else { left }
}
