//! `export pdf` and `export bundle`: an account as a one-page PDF, or signed for the college.

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
        }
    }
}
