//! `evidence add` and `evidence list`.

use super::{CliError, print_list, write_out};
use crate::store::NewEvidence;
use crate::workspace::Workspace;
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// `evidence …`
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Add an evidence item; prints its id.
    Add {
        /// The statement, `SET_ID/CODE`.
        #[arg(value_name = "REF")]
        reference: String,
        /// What it is.
        #[arg(long)]
        title: String,
        /// A file to keep in the workspace.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Date of the evidence: day/month/year (31/03/2024) or 2024-03-31.
        #[arg(long)]
        date: Option<String>,
        /// Kind, for example "Minutes".
        #[arg(long, default_value = "")]
        kind: String,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
        /// It holds personal data about members.
        #[arg(long)]
        personal_data: bool,
    },
    /// List evidence.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// An evidence item as `evidence list --json` prints it.
#[derive(Debug, Serialize)]
struct EvidenceJson<'a> {
    id: i64,
    #[serde(rename = "ref")]
    reference: String,
    version: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    kind: &'a str,
    note: &'a str,
    personal_data: bool,
    file: Option<FileJson<'a>>,
}

/// The file kept with an evidence item.
#[derive(Debug, Serialize)]
struct FileJson<'a> {
    name: &'a str,
    size: u64,
    sha256: &'a str,
}

impl EvidenceCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::Add { reference, title, file, date, kind, note, personal_data } => {
                let key = ws.resolve(reference)?;
                let details = NewEvidence {
                    title: title.clone(),
                    date: date.clone(),
                    kind: kind.clone(),
                    note: note.clone(),
                    personal_data: *personal_data,
                };
                let id = ws.add_evidence(&key, &details, file.as_deref())?;
                write_out(out, &format!("Added evidence to {}.", key.short_ref()))?;
                write_out(out, &id.to_string())
            }
            Self::List { json } => print_list(
                out,
                *json,
                &ws.evidence(None)?,
                |e| EvidenceJson {
                    id: e.id,
                    reference: e.key.short_ref(),
                    version: &e.key.version,
                    title: &e.details.title,
                    date: e.details.date.as_deref(),
                    kind: &e.details.kind,
                    note: &e.details.note,
                    personal_data: e.details.personal_data,
                    file: e.file.as_ref().map(|f| FileJson { name: &f.name, size: f.size, sha256: &f.sha256 }),
                },
                |e| {
                    format!(
                        "{}\t{}\t{}\t{}",
                        e.id,
                        e.key.short_ref(),
                        e.details.date.as_deref().unwrap_or("-"),
                        e.details.title
                    )
                },
            ),
        }
    }
}
