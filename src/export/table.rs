//! Tables as files: any number of named sheets (a header row, then rows of typed cells: text,
//! numbers, dates, empty) as an Excel workbook (with `rust_xlsxwriter`), or one sheet as CSV
//! (with the `csv` crate). Pure functions: rows in, bytes out. The collective report's table
//! for the college's analysts ([`ReportTableRow`]) is one user; the organisation's own
//! workbook (`workspace::workbook`) another.
//!
//! The CSV is UTF-8 with a byte-order mark (so Excel reads accents right), a header row and
//! CRLF line ends (RFC 4180). A text cell that a spreadsheet would take for a formula (one
//! starting `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, as
//! OWASP advises against CSV injection; numbers are written as numbers, never touched. A
//! value not given is an empty cell, never 0.
//!
//! In the workbook each sheet's header is bold, frozen and filtered, its columns sized to
//! their content (up to a widest), numbers are numbers and dates real dates (dd/mm/yyyy); the
//! document's creation time is given by the caller, so the same content gives the same bytes.

use crate::domain::assessment::iso_date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use std::borrow::Cow;

/// One cell of a row, before it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Words (an empty text is an empty cell).
    Text(Cow<'a, str>),
    /// A number, written as a number.
    Number(f64),
    /// A calendar date, written as a real date.
    Date(time::Date),
    /// Nothing.
    Empty,
}

impl<'a> Cell<'a> {
    /// Borrowed text.
    pub fn text(t: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(t))
    }

    /// A whole number.
    #[allow(clippy::cast_precision_loss, reason = "counts and sizes stay far below 2^53")]
    pub fn int(n: impl Into<i64>) -> Self {
        Cell::Number(n.into() as f64)
    }

    /// A count of things.
    pub fn count(n: usize) -> Self {
        Cell::int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// A whole number, or an empty cell when there is none.
    pub fn int_or_empty(n: Option<impl Into<i64>>) -> Self {
        n.map_or(Cell::Empty, Cell::int)
    }

    /// A date, or an empty cell when there is none.
    pub fn date_or_empty(d: Option<time::Date>) -> Self {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

/// One named sheet: its header row and its rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet<'a> {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: &'a str,
    /// The column headers, in order.
    pub headers: &'a [&'a str],
    /// The rows, each as long as the header (or shorter: the rest is empty).
    pub rows: Vec<Vec<Cell<'a>>>,
}

/// What a workbook says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkbookMeta {
    /// Its title.
    pub title: String,
    /// Who made it.
    pub author: String,
    /// One sentence on what it holds.
    pub comment: String,
    /// The document's creation time; `None`: now.
    pub created: Option<time::OffsetDateTime>,
}

/// `text` as a CSV cell a spreadsheet will not run: one a spreadsheet would take for a
/// formula gets a leading apostrophe.
fn defused(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}").into() } else { text.into() }
}

/// One sheet as CSV: a byte-order mark, the header, one line per row, CRLF line ends.
pub fn sheet_csv(sheet: &Sheet<'_>) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(&mut out);
        w.write_record(sheet.headers).map_err(|e| e.to_string())?;
        for row in &sheet.rows {
            let mut cells: Vec<Cow<'_, str>> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => defused(t),
                    Cell::Number(n) => n.to_string().into(),
                    Cell::Date(d) => iso_date(*d).into(),
                    Cell::Empty => Cow::Borrowed(""),
                })
                .collect();
            cells.resize(sheet.headers.len().max(cells.len()), Cow::Borrowed(""));
            w.write_record(cells.iter().map(|c| c.as_bytes())).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// The widest a column is made to fit its content, in pixels (a long title or note wraps
/// off to the right rather than making the sheet unreadably wide).
const MAX_COLUMN_PIXELS: u32 = 360;

/// The most characters a cell of a workbook holds; longer text is cut, marked with "…".
const MAX_CELL_CHARS: usize = 32_767;

/// Sheets as an Excel workbook, in order (see the module's documentation).
pub fn workbook_xlsx(sheets: &[Sheet<'_>], meta: &WorkbookMeta) -> Result<Vec<u8>, String> {
    xlsx(sheets, meta).map_err(|e| e.to_string())
}

fn xlsx(sheets: &[Sheet<'_>], meta: &WorkbookMeta) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut properties =
        DocProperties::new().set_title(&meta.title).set_author(&meta.author).set_comment(&meta.comment);
    if let Some(created) = meta.created {
        let utc = created.to_offset(time::UtcOffset::UTC);
        let at = excel_date(utc.date())?.and_hms(u16::from(utc.hour()), utc.minute(), utc.second())?;
        properties = properties.set_creation_datetime(&at);
    }
    workbook.set_properties(&properties);
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for s in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(s.name)?;
        for (col, header) in (0u16..).zip(s.headers) {
            sheet.write_string_with_format(0, col, *header, &bold)?;
        }
        for (r, row) in (1u32..).zip(&s.rows) {
            for (col, cell) in (0u16..).zip(row) {
                match cell {
                    Cell::Text(t) if !t.is_empty() => {
                        sheet.write_string(r, col, fitted(t))?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, col, *n)?;
                    }
                    // A date a spreadsheet cannot hold as a date (before 1900, kept by an
                    // earlier version) is written as it reads, rather than losing the workbook.
                    Cell::Date(d) if !(1900..=9999).contains(&d.year()) => {
                        sheet.write_string(r, col, iso_date(*d))?;
                    }
                    Cell::Date(d) => {
                        sheet.write_datetime_with_format(r, col, excel_date(*d)?, &date)?;
                    }
                    Cell::Text(_) | Cell::Empty => {}
                }
            }
        }
        let last_row = u32::try_from(s.rows.len()).unwrap_or(u32::MAX);
        let last_col = u16::try_from(s.headers.len().saturating_sub(1)).unwrap_or(u16::MAX);
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last_row, last_col)?;
        sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
        sheet.autofit();
    }
    workbook.save_to_buffer()
}

/// `text` cut to what a cell holds.
fn fitted(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_CELL_CHARS - 1) {
        Some((at, _)) if text[at..].chars().nth(1).is_some() => format!("{}…", &text[..at]).into(),
        _ => text.into(),
    }
}

fn excel_date(d: time::Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(iso_date(d)))?;
    ExcelDateTime::from_ymd(year, u8::from(d.month()), d.day())
}

/// One contribution of the collective report, as a row of the college's table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportTableRow {
    /// The organisation, as the report names it.
    pub organisation: String,
    /// The area it serves.
    pub area: String,
    /// The standard set and its version ("CLERO recovery framework (CHIME) · version 2021-22").
    pub statement_set: String,
    /// The statement's code.
    pub statement_code: String,
    /// The statement's title.
    pub statement_title: String,
    /// The account's title.
    pub account_title: String,
    /// Words in the account's text.
    pub words: u32,
    /// The sender's stage for the statement, in words ("Developing"); empty when not sent.
    pub stage: String,
    /// The sender's rung of involvement, 1 to 7, when sent.
    pub rung: Option<u8>,
    /// The date of the newest approval among the page's sign-offs.
    pub signed_off: Option<time::Date>,
    /// The page's fingerprint, in the short form the page prints.
    pub fingerprint: String,
    /// The sender's figures, when its bundle carries any.
    pub figures: Option<RowFigures>,
}

/// The figures a contribution's bundle carries: each optional, never 0 for "not given".
pub use crate::domain::bundle::FiguresData as RowFigures;

/// What the report's workbook says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableMeta {
    /// The report's title.
    pub title: String,
    /// When the report's content was last made (its newest bundle), as the document's
    /// creation time; `None`: now.
    pub created: Option<time::OffsetDateTime>,
}

/// The columns of the report's table, in order.
pub const HEADERS: [&str; 18] = [
    "Organisation",
    "Area",
    "Statement set",
    "Statement code",
    "Statement title",
    "Account title",
    "Words",
    "Stage",
    "Involvement rung",
    "Signed off",
    "Page fingerprint",
    "Figures for year",
    "People supported",
    "Hours of recovery support",
    "Volunteers",
    "Volunteer hours",
    "Paid roles held by people with lived experience",
    "How the figures were counted",
];

/// The report's workbook's one sheet.
pub const SHEET: &str = "Contributions";

impl ReportTableRow {
    fn cells(&self) -> Vec<Cell<'_>> {
        let f = self.figures.as_ref();
        let figure = |pick: fn(&RowFigures) -> Option<u32>| Cell::int_or_empty(f.and_then(pick));
        vec![
            Cell::text(&self.organisation),
            Cell::text(&self.area),
            Cell::text(&self.statement_set),
            Cell::text(&self.statement_code),
            Cell::text(&self.statement_title),
            Cell::text(&self.account_title),
            Cell::int(self.words),
            Cell::text(&self.stage),
            Cell::int_or_empty(self.rung),
            Cell::date_or_empty(self.signed_off),
            Cell::text(&self.fingerprint),
            f.map_or(Cell::Empty, |f| Cell::text(&f.year)),
            figure(|f| f.people_supported),
            figure(|f| f.support_hours),
            figure(|f| f.volunteers),
            figure(|f| f.volunteer_hours),
            figure(|f| f.lived_experience_roles),
            f.map_or(Cell::Empty, |f| Cell::text(&f.note)),
        ]
    }
}

/// The report's rows as its one sheet.
fn report_sheet(rows: &[ReportTableRow]) -> Sheet<'_> {
    Sheet { name: SHEET, headers: &HEADERS, rows: rows.iter().map(ReportTableRow::cells).collect() }
}

/// The report's rows as CSV: a byte-order mark, the header, one line per row, CRLF line ends.
pub fn write_csv(rows: &[ReportTableRow]) -> Result<Vec<u8>, String> {
    sheet_csv(&report_sheet(rows))
}

/// The report's rows as an Excel workbook of one sheet, "Contributions".
pub fn write_xlsx(rows: &[ReportTableRow], meta: &TableMeta) -> Result<Vec<u8>, String> {
    let meta = WorkbookMeta {
        title: format!("{}: contributions", meta.title),
        author: "College of Lived Experience Recovery Organisations (CLERO)".into(),
        comment: "One row per contribution to the collective report, made by LERO Evidence.".into(),
        created: meta.created,
    };
    workbook_xlsx(&[report_sheet(rows)], &meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ReportTableRow {
        ReportTableRow {
            organisation: "Zoë’s Place".into(),
            area: "+44 Wirral".into(),
            statement_code: "C1".into(),
            account_title: "@home, =1+1".into(),
            words: 12,
            stage: "Developing".into(),
            rung: Some(4),
            signed_off: Some(time::macros::date!(2026 - 03 - 09)),
            figures: Some(RowFigures { year: "2025-26".into(), volunteers: Some(0), ..RowFigures::default() }),
            ..ReportTableRow::default()
        }
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_defused_and_numbers_left_as_numbers() {
        let csv = write_csv(&[row()]).unwrap();
        let text = std::str::from_utf8(csv.strip_prefix(b"\xEF\xBB\xBF").unwrap()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines.len(), 3, "header, one row, and the final line end: {text:?}");
        assert_eq!(
            lines[1],
            "Zoë’s Place,'+44 Wirral,,C1,,\"'@home, =1+1\",12,Developing,4,2026-03-09,,2025-26,,,0,,,"
        );
        for (cell, defused) in [("=A1", "'=A1"), ("-2", "'-2"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b")] {
            assert_eq!(defused_cell(cell), defused);
        }
    }

    fn defused_cell(text: &str) -> String {
        defused(text).into_owned()
    }

    #[test]
    fn the_workbook_is_a_zip_and_the_same_rows_give_the_same_bytes() {
        let meta = TableMeta {
            title: "How LEROs live the standards".into(),
            created: Some(time::macros::datetime!(2026-03-09 10:00 +01:00)),
        };
        let a = write_xlsx(&[row(), ReportTableRow::default()], &meta).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(write_xlsx(&[row(), ReportTableRow::default()], &meta).unwrap(), a);
        assert!(!write_xlsx(&[], &meta).unwrap().is_empty(), "a header alone is a workbook too");
    }

    #[test]
    fn any_number_of_named_sheets_make_one_workbook_and_one_sheet_makes_a_csv() {
        let headers = ["Name", "Count", "When"];
        let first = Sheet {
            name: "First",
            headers: &headers,
            rows: vec![
                vec![Cell::text("Zoë"), Cell::count(3), Cell::Date(time::macros::date!(2026 - 01 - 31))],
                vec![Cell::text("=cmd"), Cell::Empty],
                // Kept by an earlier version that let any year through: written as text.
                vec![Cell::text("old"), Cell::Empty, Cell::Date(time::macros::date!(0202 - 03 - 31))],
            ],
        };
        let second = Sheet { name: "Second", headers: &headers[..1], rows: vec![] };
        let meta = WorkbookMeta { title: "Where we stand".into(), ..WorkbookMeta::default() };
        let book = workbook_xlsx(&[first.clone(), second], &meta).unwrap();
        assert!(book.starts_with(b"PK"));
        let csv = sheet_csv(&first).unwrap();
        assert_eq!(
            std::str::from_utf8(&csv).unwrap(),
            "\u{feff}Name,Count,When\r\nZoë,3,2026-01-31\r\n'=cmd,,\r\nold,,0202-03-31\r\n",
            "a short row is padded to the header"
        );
    }

    #[test]
    fn text_longer_than_a_cell_holds_is_cut_and_marked() {
        let long = "a".repeat(MAX_CELL_CHARS + 10);
        let cut = fitted(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        let exact = "é".repeat(MAX_CELL_CHARS);
        assert_eq!(fitted(&exact), exact.as_str(), "text that fits is left as it is");
        let sheet = Sheet { name: "Long", headers: &["Text"], rows: vec![vec![Cell::text(&long)]] };
        assert!(workbook_xlsx(&[sheet], &WorkbookMeta::default()).is_ok());
    }
}
