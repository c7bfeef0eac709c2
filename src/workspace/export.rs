//! One export job for every kind of file made from a document: what the document is, the
//! file it becomes, and the outcome said in one sentence that the window and the command
//! line both show.
//!
//! A job is prepared by the workspace (checks made, the revision shown kept) and written
//! later, on another thread if need be: it holds everything writing needs, and checks again
//! just before writing that the file asked for is not one of the workspace's own. Adding a
//! new kind of file is one variant of [`Format`] (what it needs to be written) and its arm
//! in [`ExportJob::render`]; adding a new document is one variant of [`Document`] and its
//! sentence in [`Exported`]'s `Display`.

use super::{OwnFiles, Result, WorkspaceError};
use crate::export::email::{Attachment, Message, write_message};
use crate::export::pdf::{PdfMeta, write_pdf};
use crate::export::table::{
    ReportTableRow, Sheet, TableMeta, WorkbookMeta, sheet_csv, workbook_xlsx, write_csv, write_xlsx,
};
use crate::layout::summary::{SUMMARY_PARTS, SummaryInput};
use crate::layout::{FontSet, Layouter, Page};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Which document a file is made from.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// An account's one-page PDF, showing the revision kept when it was prepared.
    Page {
        /// The account.
        account: i64,
        /// The number of the revision the page shows.
        revision: i64,
    },
    /// The collective report.
    Report,
    /// The collective report as a review manifest carries it, laid out by a contributor:
    /// exactly what signing it off approves.
    ReviewDraft,
    /// A draft email to the college carrying a signed-off account's PDF and bundle.
    Email {
        /// The account.
        account: i64,
        /// The number of the revision the page shows.
        revision: i64,
        /// The address it is written to, if any (else the sender types it).
        to: Option<String>,
        /// The fingerprint of the page it carries.
        fingerprint: String,
    },
    /// The collective report as a table for analysts: a row for each contribution.
    ReportTable {
        /// How many rows (contributions) it has.
        rows: usize,
    },
    /// "Where we stand", the self-assessment pack for trustees and commissioners.
    Summary {
        /// Statements assessed (those that do not apply included).
        statements: usize,
        /// Evidence items listed.
        evidence: usize,
        /// Actions in the plan.
        actions: usize,
        /// Of them, overdue.
        overdue: usize,
        /// Characters no font could show, printed as “?”.
        unshown: usize,
    },
    /// The organisation's workbook (its assessments, evidence, actions and accounts), or as
    /// CSV its assessments alone.
    Workbook {
        /// A workbook, or CSV.
        kind: TableKind,
        /// Assessed statements (a row each).
        assessments: usize,
        /// Evidence items (none in a CSV).
        evidence: usize,
        /// Actions (none in a CSV).
        actions: usize,
        /// Accounts (none in a CSV).
        accounts: usize,
    },
}

/// The kinds of file a table is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Comma-separated values, UTF-8 with a byte-order mark.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl TableKind {
    /// The kind a file's name asks for, by its extension in any case: `.csv` or `.xlsx`;
    /// anything else is refused with a sentence naming the two.
    pub fn for_file(path: &Path) -> Result<TableKind> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => Ok(TableKind::Csv),
            Some("xlsx") => Ok(TableKind::Xlsx),
            _ => super::bad_input(format!(
                "The table is written as CSV or as an Excel workbook: give a file name ending .csv or .xlsx. ({})",
                path.display()
            )),
        }
    }
}

/// The kind of file, with what writing it needs.
#[derive(Debug)]
pub(super) enum Format {
    /// A PDF of laid-out pages.
    Pdf {
        /// The pages, as the layout made them.
        pages: Vec<Page>,
        /// The faces they were measured with.
        fonts: Arc<FontSet>,
        /// The logos the pages show, each once.
        logos: Vec<Vec<u8>>,
        /// Title, author, subject and date.
        meta: PdfMeta,
    },
    /// A self-contained web page, already written (it is made from the layout's input in
    /// far less time than a PDF's pages are laid out).
    Html {
        /// The whole page.
        html: String,
    },
    /// An email message carrying a PDF (rendered when written, then attached first) and the
    /// message's other attachments.
    Email {
        /// The PDF attached.
        pdf: Box<Format>,
        /// The PDF's file name in the message.
        pdf_name: String,
        /// The message, without the PDF.
        message: Message,
    },
    /// "Where we stand": its input, laid out when written (a workspace of years takes a
    /// while), with the faces it is measured with, the organisation's logo and the PDF's
    /// description.
    Summary {
        /// What it prints.
        input: Box<SummaryInput>,
        /// The faces.
        fonts: Arc<FontSet>,
        /// The organisation's logo, if any (logo 0).
        logos: Vec<Vec<u8>>,
        /// Title, author, subject and date.
        meta: PdfMeta,
    },
    /// A table with a row for each of the report's contributions.
    Table {
        /// CSV or a workbook.
        kind: TableKind,
        /// The rows, in report order.
        rows: Vec<ReportTableRow>,
        /// The workbook's title and creation time.
        meta: TableMeta,
    },
    /// Named sheets: as a workbook, all of them; as CSV, the first.
    Sheets {
        /// CSV or a workbook.
        kind: TableKind,
        /// The sheets, in order.
        sheets: Vec<Sheet<'static>>,
        /// What the workbook says about itself.
        meta: WorkbookMeta,
    },
}

/// A file ready to be written: everything it needs, so that writing can run on another
/// thread.
#[derive(Debug)]
pub struct ExportJob {
    document: Document,
    format: Format,
    draft: bool,
    own: OwnFiles,
    progress: Arc<Progress>,
}

/// How far a job being written has got, for a window to show while it runs: a step of so
/// many, and what it is doing in words.
#[derive(Debug, Default)]
pub struct Progress {
    step: AtomicUsize,
    steps: AtomicUsize,
    pages: AtomicUsize,
    doing: Mutex<String>,
}

impl Progress {
    /// Says that step `step` of `steps` has started, doing `doing`.
    pub fn set(&self, step: usize, steps: usize, doing: impl Into<String>) {
        if let Ok(mut said) = self.doing.lock() {
            *said = doing.into();
        }
        self.steps.store(steps, Ordering::Relaxed);
        self.step.store(step, Ordering::Relaxed);
    }

    /// The share done (0 to 1) and what is being done; nothing said before it starts.
    pub fn now(&self) -> (f32, String) {
        let (step, steps) = (self.step.load(Ordering::Relaxed), self.steps.load(Ordering::Relaxed));
        #[allow(clippy::cast_precision_loss, reason = "a handful of steps")]
        let share = if steps == 0 { 0.0 } else { step as f32 / steps as f32 };
        (share, self.doing.lock().map(|d| d.clone()).unwrap_or_default())
    }
}

impl ExportJob {
    /// A job writing `document` as `format`; `draft` when it carries the DRAFT mark.
    pub(super) fn new(document: Document, format: Format, draft: bool, own: OwnFiles) -> Self {
        ExportJob { document, format, draft, own, progress: Arc::default() }
    }

    /// The document it is made from.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// How far writing it has got (shared with the thread writing it).
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// What writing it needs, for a job that carries this one inside (an email carrying a
    /// PDF); `None` for anything but a PDF.
    pub(super) fn into_format(self) -> Option<Format> {
        matches!(self.format, Format::Pdf { .. }).then_some(self.format)
    }

    /// Writes the file to `out` (through a temporary file beside it, so a failure never
    /// leaves half a file under the name asked for), unless `out` is the workspace, one of
    /// its own files or another workspace. Returns what was done, to be said.
    pub fn write(&self, out: &Path) -> Result<Exported> {
        self.own.check(out)?;
        let bytes = self.render()?;
        self.own.write(out, &bytes)?;
        Ok(Exported {
            document: self.document.clone(),
            draft: self.draft,
            web_page: matches!(self.format, Format::Html { .. }),
            pages: self.page_count(),
            bytes: bytes.len() as u64,
            path: out.to_path_buf(),
        })
    }

    /// The file's bytes.
    pub fn render(&self) -> Result<Vec<u8>> {
        render(&self.format, &self.progress)
    }

    /// How many pages it has (a web page is one, however long; an email, its PDF's; a
    /// document laid out when written, once written).
    pub fn page_count(&self) -> usize {
        match self.format {
            Format::Summary { .. } => self.progress.pages.load(Ordering::Relaxed),
            _ => page_count(&self.format),
        }
    }
}

fn render(format: &Format, progress: &Progress) -> Result<Vec<u8>> {
    match format {
        Format::Summary { input, fonts, logos, meta } => {
            let steps = SUMMARY_PARTS.len() + 1;
            let mut step = 0;
            let pages = Layouter::new(Arc::clone(fonts)).summary(input, &mut |part| {
                progress.set(step, steps, format!("Laying out {part}…"));
                step += 1;
            });
            progress.pages.store(pages.len(), Ordering::Relaxed);
            progress.set(steps - 1, steps, format!("Writing the PDF ({} pages)…", pages.len()));
            write_pdf(&pages, fonts, logos, meta).map_err(|e| WorkspaceError::Broken(e.to_string()))
        }
        Format::Pdf { pages, fonts, logos, meta } => {
            write_pdf(pages, fonts, logos, meta).map_err(|e| WorkspaceError::Broken(e.to_string()))
        }
        Format::Html { html } => Ok(html.as_bytes().to_vec()),
        Format::Email { pdf, pdf_name, message } => {
            let mut message = message.clone();
            let pdf = Attachment {
                filename: pdf_name.clone(),
                content_type: "application/pdf".into(),
                bytes: render(pdf, progress)?,
            };
            message.attachments.insert(0, pdf);
            Ok(write_message(&message))
        }
        Format::Table { kind: TableKind::Csv, rows, .. } => write_csv(rows).map_err(WorkspaceError::Broken),
        Format::Table { kind: TableKind::Xlsx, rows, meta } => write_xlsx(rows, meta).map_err(WorkspaceError::Broken),
        Format::Sheets { kind: TableKind::Csv, sheets, .. } => match sheets.first() {
            Some(sheet) => sheet_csv(sheet).map_err(WorkspaceError::Broken),
            None => Err(WorkspaceError::Broken("There is no table to write as CSV.".into())),
        },
        Format::Sheets { kind: TableKind::Xlsx, sheets, meta } => {
            workbook_xlsx(sheets, meta).map_err(WorkspaceError::Broken)
        }
    }
}

fn page_count(format: &Format) -> usize {
    match format {
        Format::Pdf { pages, .. } => pages.len(),
        Format::Html { .. } | Format::Table { .. } | Format::Sheets { .. } => 1,
        Format::Summary { .. } => 0,
        Format::Email { pdf, .. } => page_count(pdf),
    }
}

/// What an export did: its `Display` is the sentence the window and the command line show.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The document written.
    pub document: Document,
    /// True when it carries the DRAFT mark.
    pub draft: bool,
    /// True for a web page rather than a PDF.
    pub web_page: bool,
    /// How many pages it has (1 for a web page).
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: u64,
    /// Where it was written.
    pub path: PathBuf,
}

impl Exported {
    /// True for the collective report with every contributor's sign-off on this version.
    pub fn is_final_report(&self) -> bool {
        self.document == Document::Report && !self.draft
    }
}

impl fmt::Display for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, kb) = (self.path.display(), self.bytes.div_ceil(1024));
        match &self.document {
            Document::Page { account, revision } => write!(
                f,
                "Exported the page{} (account {account}, revision {revision}) to {path} ({kb} KB).",
                if self.draft { " as a draft" } else { "" },
            ),
            Document::Report if self.web_page => write!(
                f,
                "Exported the report as a web page to {path} ({kb} KB){}.",
                if self.draft {
                    ", marked DRAFT at the top: not every contributor has signed off this version yet"
                } else {
                    ""
                }
            ),
            Document::Report if self.draft => write!(
                f,
                "Exported the report ({} pages, {kb} KB) to {path}, marked DRAFT on every page: not every contributor has signed off this version yet.",
                self.pages
            ),
            Document::Report => write!(f, "Exported the report ({} pages, {kb} KB) to {path}.", self.pages),
            Document::ReviewDraft => write!(
                f,
                "Wrote the report as signing it approves ({} pages, {kb} KB, marked DRAFT) to {path}.",
                self.pages
            ),
            Document::Email { .. } => write!(f, "{}; open it with your mail program to send it.", self.email_written()),
            Document::ReportTable { rows: 0 } => {
                write!(f, "Wrote the table's header to {path} ({kb} KB): the report has no contributions yet.")
            }
            Document::Summary { statements, evidence, actions, overdue, unshown } => write!(
                f,
                "Exported “Where we stand” ({} pages, {kb} KB) to {path}: {}, {}, {}{}.{}",
                self.pages,
                counted(*statements, "statement assessed", "statements assessed"),
                counted(*evidence, "evidence item", "evidence items"),
                counted(*actions, "action", "actions"),
                if *overdue > 0 { format!(" ({overdue} overdue)") } else { String::new() },
                match unshown {
                    0 => String::new(),
                    n => format!(
                        " {} in a script the PDF's fonts do not cover {} printed as “?”: look for them in the PDF.",
                        counted(*n, "character", "characters"),
                        if *n == 1 { "is" } else { "are" }
                    ),
                }
            ),
            Document::ReportTable { rows: 1 } => write!(f, "Wrote a row for the one contribution to {path} ({kb} KB)."),
            Document::ReportTable { rows } => {
                write!(f, "Wrote a row for each of the {rows} contributions to {path} ({kb} KB).")
            }
            Document::Workbook { kind: TableKind::Csv, assessments: 0, .. } => {
                write!(f, "Wrote the table's header to {path} ({kb} KB): no statement is assessed yet.")
            }
            Document::Workbook { kind: TableKind::Csv, assessments: 1, .. } => {
                write!(f, "Wrote a row for the one assessed statement to {path} ({kb} KB).")
            }
            Document::Workbook { kind: TableKind::Csv, assessments, .. } => write!(
                f,
                "Wrote a row for each of the {} assessed statements to {path} ({}).",
                thousands(*assessments),
                kilobytes(self.bytes)
            ),
            Document::Workbook { kind: TableKind::Xlsx, assessments, evidence, actions, accounts } => write!(
                f,
                "Wrote the workbook ({}, {}, {}, {}) to {path} ({}).",
                counted(*assessments, "assessment", "assessments"),
                counted(*evidence, "evidence item", "evidence items"),
                counted(*actions, "action", "actions"),
                counted(*accounts, "account", "accounts"),
                kilobytes(self.bytes)
            ),
        }
    }
}

/// "1 action", "10,000 evidence items".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

fn thousands(n: usize) -> String {
    crate::domain::text::thousands(n as u64)
}

/// "812 KB", "1,204 KB".
fn kilobytes(bytes: u64) -> String {
    format!("{} KB", crate::domain::text::thousands(bytes.div_ceil(1024)))
}

impl Exported {
    /// For an email: what was written and where, without what to do next.
    fn email_written(&self) -> String {
        let (path, kb) = (self.path.display(), self.bytes.div_ceil(1024));
        let Document::Email { account, to, fingerprint, .. } = &self.document else { return String::new() };
        let to = to
            .as_ref()
            .map_or_else(|| "the college (no address yet: type it in your mail program)".to_owned(), Clone::clone);
        format!(
            "Wrote the email to {to} with the signed page of account {account} (fingerprint {}) and its bundle attached, saved to {path} ({kb} KB)",
            crate::domain::fingerprint::short(fingerprint)
        )
    }

    /// The sentence for an email once the system's mail program was asked to open it.
    pub fn opened_in_mail_program(&self) -> String {
        format!("{}, and opened it in your mail program: check it, then send it.", self.email_written())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exported(document: Document, draft: bool) -> Exported {
        Exported { document, draft, web_page: false, pages: 12, bytes: 2049, path: PathBuf::from("out.pdf") }
    }

    fn web_page(draft: bool) -> Exported {
        Exported { web_page: true, pages: 1, path: PathBuf::from("out.html"), ..exported(Document::Report, draft) }
    }

    #[test]
    fn each_outcome_is_one_sentence_naming_the_file_and_its_size() {
        let page = exported(Document::Page { account: 7, revision: 3 }, true);
        assert_eq!(page.to_string(), "Exported the page as a draft (account 7, revision 3) to out.pdf (3 KB).");
        let signed = exported(Document::Page { account: 7, revision: 3 }, false);
        assert_eq!(signed.to_string(), "Exported the page (account 7, revision 3) to out.pdf (3 KB).");
        assert_eq!(exported(Document::Report, false).to_string(), "Exported the report (12 pages, 3 KB) to out.pdf.");
        assert!(exported(Document::Report, true).to_string().contains("marked DRAFT on every page"));
        assert!(
            exported(Document::ReviewDraft, true).to_string().starts_with("Wrote the report as signing it approves")
        );
        assert!(exported(Document::Report, false).is_final_report());
        assert!(!exported(Document::Report, true).is_final_report());
        assert!(!exported(Document::ReviewDraft, true).is_final_report());
        assert_eq!(web_page(false).to_string(), "Exported the report as a web page to out.html (3 KB).");
        assert_eq!(
            web_page(true).to_string(),
            "Exported the report as a web page to out.html (3 KB), marked DRAFT at the top: not every contributor has signed off this version yet."
        );
        assert!(web_page(false).is_final_report() && !web_page(true).is_final_report());
        let email = |to: Option<&str>| Exported {
            path: PathBuf::from("out.eml"),
            pages: 1,
            ..exported(
                Document::Email {
                    account: 7,
                    revision: 3,
                    to: to.map(Into::into),
                    fingerprint: "0123456789abcdef".into(),
                },
                false,
            )
        };
        assert_eq!(
            email(Some("college@example.org")).to_string(),
            "Wrote the email to college@example.org with the signed page of account 7 (fingerprint 0123 4567 89ab cdef) and its bundle attached, saved to out.eml (3 KB); open it with your mail program to send it."
        );
        assert!(
            email(None)
                .to_string()
                .starts_with("Wrote the email to the college (no address yet: type it in your mail program)")
        );
        assert!(
            email(None)
                .opened_in_mail_program()
                .ends_with("(3 KB), and opened it in your mail program: check it, then send it.")
        );
        assert!(!email(None).is_final_report());
        let table = |rows: usize| Exported {
            path: PathBuf::from("out.xlsx"),
            pages: 1,
            bytes: 12 * 1024,
            ..exported(Document::ReportTable { rows }, false)
        };
        assert_eq!(table(40).to_string(), "Wrote a row for each of the 40 contributions to out.xlsx (12 KB).");
        assert_eq!(table(1).to_string(), "Wrote a row for the one contribution to out.xlsx (12 KB).");
        assert!(table(0).to_string().ends_with("the report has no contributions yet."));
        assert!(!table(3).is_final_report());
    }

    #[test]
    fn the_workbook_says_what_it_holds_and_the_csv_its_rows() {
        let book = |kind, counts: [usize; 4], bytes: u64| Exported {
            path: PathBuf::from("out.xlsx"),
            pages: 1,
            bytes,
            ..exported(
                Document::Workbook {
                    kind,
                    assessments: counts[0],
                    evidence: counts[1],
                    actions: counts[2],
                    accounts: counts[3],
                },
                false,
            )
        };
        assert_eq!(
            book(TableKind::Xlsx, [12, 10_000, 40, 2_000], 812 * 1024).to_string(),
            "Wrote the workbook (12 assessments, 10,000 evidence items, 40 actions, 2,000 accounts) to out.xlsx (812 KB)."
        );
        assert_eq!(
            book(TableKind::Xlsx, [1, 1, 1, 1], 1_300_000).to_string(),
            "Wrote the workbook (1 assessment, 1 evidence item, 1 action, 1 account) to out.xlsx (1,270 KB)."
        );
        assert_eq!(
            book(TableKind::Csv, [12, 0, 0, 0], 3 * 1024).to_string(),
            "Wrote a row for each of the 12 assessed statements to out.xlsx (3 KB)."
        );
        assert_eq!(
            book(TableKind::Csv, [1, 0, 0, 0], 100).to_string(),
            "Wrote a row for the one assessed statement to out.xlsx (1 KB)."
        );
        assert!(book(TableKind::Csv, [0; 4], 100).to_string().ends_with("no statement is assessed yet."));
        assert!(!book(TableKind::Xlsx, [0; 4], 100).is_final_report());
    }

    #[test]
    fn a_table_is_csv_or_a_workbook_by_its_name_in_any_case() {
        assert_eq!(TableKind::for_file(Path::new("out.csv")).unwrap(), TableKind::Csv);
        assert_eq!(TableKind::for_file(Path::new("OUT.CSV")).unwrap(), TableKind::Csv);
        assert_eq!(TableKind::for_file(Path::new("Zoë’s table.XlsX")).unwrap(), TableKind::Xlsx);
        for refused in ["out.xls", "out.txt", "out", "out.csv.pdf"] {
            let e = TableKind::for_file(Path::new(refused)).unwrap_err().to_string();
            assert!(e.contains(".csv or .xlsx") && e.contains(refused), "{e}");
        }
    }
}
