//! `export pdf`, `export bundle`, `export email`, `export summary` and `export table`: an
//! account as a one-page PDF, signed for the college, or both in a draft email to the
//! college; "Where we stand" for trustees and commissioners; and the organisation's workbook
//! of where it stands.

use super::{CliError, write_out};
use crate::workspace::{PageFont, Workspace};
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

/// `export …`
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A one-page A4 PDF of an account.
    Pdf {
        /// The account id.
        id: i64,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Export an account that is not signed off, marked DRAFT.
        #[arg(long)]
        draft: bool,
        /// Write it in the reading font (Andika), for someone who finds it easier to read.
        #[arg(long)]
        reading_font: bool,
    },
    /// A signed contribution bundle of a signed-off account, for the college; prints the
    /// fingerprint of the page it carries.
    Bundle {
        /// The account id.
        id: i64,
        /// The bundle file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// "Where we stand": the self-assessment, evidence, action plan and accounts as a PDF
    /// for trustees, funders and commissioners.
    Summary {
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A draft email to the college (an .eml file your mail program opens ready to send),
    /// with the signed-off account's PDF and its bundle attached.
    Email {
        /// The account id.
        id: i64,
        /// The .eml file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Who it goes to; without it, the college's address in the settings (`org set
        /// --college-email`), else nobody (you type it before sending).
        #[arg(long, value_name = "ADDRESS")]
        to: Option<String>,
    },
    /// Where you stand, for trustees and commissioners: an Excel workbook (.xlsx) with the
    /// sheets Assessments, Evidence, Actions and Accounts, or (.csv) the assessments alone.
    Table {
        /// The file to write, ending .xlsx or .csv.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

impl ExportCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::Pdf { id, out: file, draft, reading_font } => {
                // Refused paths are refused before the revision shown is kept.
                ws.check_output(file)?;
                let written = ws.prepare_pdf_in(*id, *draft, PageFont::reading_if(*reading_font))?.write(file)?;
                write_out(out, &written.to_string())?;
                write_out(out, &file.display().to_string())
            }
            Self::Bundle { id, out: file } => {
                let exported = ws.export_bundle(*id, file)?;
                write_out(out, &exported.to_string())?;
                write_out(out, &exported.fingerprint)
            }
            Self::Summary { out: file } => {
                let written = ws.export_summary(file)?;
                write_out(out, &written.to_string())?;
                write_out(out, &file.display().to_string())
            }
            Self::Email { id, out: file, to } => {
                let written = ws.prepare_email(*id, to.as_deref(), file)?.write(file)?;
                write_out(out, &written.to_string())?;
                write_out(out, &file.display().to_string())
            }
            Self::Table { out: file } => {
                let written = ws.export_workbook(file)?;
                write_out(out, &written.to_string())?;
                write_out(out, &file.display().to_string())
            }
        }
    }
}
