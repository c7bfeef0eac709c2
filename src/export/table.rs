//! The collective report as a table for the college's analysts: one row per contribution,
//! written as CSV (with the `csv` crate) or as an Excel workbook (with `rust_xlsxwriter`).
//! Pure functions: rows in, bytes out.
//!
//! The CSV is UTF-8 with a byte-order mark (so Excel reads accents right), a header row and
//! CRLF line ends (RFC 4180). A text cell that a spreadsheet would take for a formula (one
//! starting `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, as
//! OWASP advises against CSV injection; numbers are written as numbers, never touched. A
//! figure not given is an empty cell, never 0.
//!
//! The workbook has one sheet, "Contributions": the header bold, frozen and filtered, the
//! columns sized to their content, words and figures as numbers, the signed-off date as a
//! real date, and the document's creation time taken from the report so the same report
//! gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// One contribution of the report, as a row of the table.
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

/// What the workbook says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableMeta {
    /// The report's title.
    pub title: String,
    /// When the report's content was last made (its newest bundle), as the document's
    /// creation time; `None`: now.
    pub created: Option<time::OffsetDateTime>,
}

/// The columns, in order.
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

/// The workbook's one sheet.
pub const SHEET: &str = "Contributions";

/// One cell of a row, before it is written.
#[derive(Debug, Clone, PartialEq)]
enum Cell<'a> {
    Text(&'a str),
    Number(u32),
    Date(time::Date),
    Empty,
}

impl ReportTableRow {
    fn cells(&self) -> [Cell<'_>; 18] {
        let number = |n: Option<u32>| n.map_or(Cell::Empty, Cell::Number);
        let f = self.figures.as_ref();
        let figure = |pick: fn(&RowFigures) -> Option<u32>| number(f.and_then(pick));
        [
            Cell::Text(&self.organisation),
            Cell::Text(&self.area),
            Cell::Text(&self.statement_set),
            Cell::Text(&self.statement_code),
            Cell::Text(&self.statement_title),
            Cell::Text(&self.account_title),
            Cell::Number(self.words),
            Cell::Text(&self.stage),
            number(self.rung.map(u32::from)),
            self.signed_off.map_or(Cell::Empty, Cell::Date),
            Cell::Text(&self.fingerprint),
            f.map_or(Cell::Empty, |f| Cell::Text(&f.year)),
            figure(|f| f.people_supported),
            figure(|f| f.support_hours),
            figure(|f| f.volunteers),
            figure(|f| f.volunteer_hours),
            figure(|f| f.lived_experience_roles),
            f.map_or(Cell::Empty, |f| Cell::Text(&f.note)),
        ]
    }
}

/// `text` as a CSV cell a spreadsheet will not run: one a spreadsheet would take for a
/// formula gets a leading apostrophe.
fn defused(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}").into() } else { text.into() }
}

/// The rows as CSV: a byte-order mark, the header, one line per row, CRLF line ends.
pub fn write_csv(rows: &[ReportTableRow]) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(HEADERS).map_err(|e| e.to_string())?;
        for row in rows {
            let cells = row.cells().map(|c| match c {
                Cell::Text(t) => defused(t).into_owned(),
                Cell::Number(n) => n.to_string(),
                Cell::Date(d) => iso_date(d),
                Cell::Empty => String::new(),
            });
            w.write_record(&cells).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A date as `2026-12-06`.
fn iso_date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The widest a column is made to fit its content, in pixels (a long title or note wraps
/// off to the right rather than making the sheet unreadably wide).
const MAX_COLUMN_PIXELS: u32 = 360;

/// The rows as an Excel workbook (see the module's documentation).
pub fn write_xlsx(rows: &[ReportTableRow], meta: &TableMeta) -> Result<Vec<u8>, String> {
    xlsx(rows, meta).map_err(|e| e.to_string())
}

fn xlsx(rows: &[ReportTableRow], meta: &TableMeta) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(format!("{}: contributions", meta.title))
        .set_author("College of Lived Experience Recovery Organisations (CLERO)")
        .set_comment("One row per contribution to the collective report, made by LERO Evidence.");
    if let Some(created) = meta.created {
        let utc = created.to_offset(time::UtcOffset::UTC);
        let at = excel_date(utc.date())?.and_hms(u16::from(utc.hour()), utc.minute(), utc.second())?;
        properties = properties.set_creation_datetime(&at);
    }
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, header) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, col, header, &bold)?;
    }
    for (r, row) in (1u32..).zip(rows) {
        for (col, cell) in (0u16..).zip(row.cells()) {
            match cell {
                Cell::Text(t) if !t.is_empty() => {
                    sheet.write_string(r, col, t)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, col, f64::from(n))?;
                }
                Cell::Date(d) => {
                    sheet.write_datetime_with_format(r, col, excel_date(d)?, &date)?;
                }
                Cell::Text(_) | Cell::Empty => {}
            }
        }
    }
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(HEADERS.len() - 1).unwrap_or(u16::MAX);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
    sheet.autofit();
    workbook.save_to_buffer()
}

fn excel_date(d: time::Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(iso_date(d)))?;
    ExcelDateTime::from_ymd(year, u8::from(d.month()), d.day())
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
}
