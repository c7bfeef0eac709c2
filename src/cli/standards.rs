//! `standards list` and `standards import`.

use super::{CliError, json_out, write_out};
use crate::domain::paste::PasteMeta;
use crate::domain::standards::{AppliesTo, StandardSet};
use crate::workspace::Workspace;
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// `standards …`
#[derive(Debug, Subcommand)]
pub enum StandardsCommand {
    /// Sets and statements (REF = `SET_ID/CODE`).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Import a .toml set, or a .txt of statements pasted from a standards PDF.
    Import {
        /// The file.
        file: PathBuf,
        /// Set id for pasted text (default: made from the title).
        #[arg(long)]
        id: Option<String>,
        /// Title for pasted text (default: its first line).
        #[arg(long)]
        title: Option<String>,
        /// Version for pasted text (default: the year in the title, or today).
        #[arg(long = "set-version", value_name = "VERSION")]
        set_version: Option<String>,
        /// Publisher for pasted text.
        #[arg(long)]
        publisher: Option<String>,
        /// Copy self-assessments of unchanged statements from the previous version.
        #[arg(long)]
        carry_over: bool,
    },
}

/// A set as `standards list --json` prints it.
#[derive(Debug, Serialize)]
struct SetJson<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    publisher: &'a str,
    published: &'a str,
    source: &'a str,
    status: &'a str,
    builtin: bool,
    newest: bool,
    statements: Vec<StatementJson<'a>>,
}

/// A statement as `standards list --json` prints it.
#[derive(Debug, Serialize)]
struct StatementJson<'a> {
    #[serde(rename = "ref")]
    reference: String,
    code: &'a str,
    section: &'a str,
    title: &'a str,
    text: &'a str,
    applies_to: &'a str,
    prompts: &'a [String],
    evidence: &'a [String],
    tags: &'a [String],
}

impl StandardsCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::List { json } => list(ws, *json, out),
            Self::Import { file, id, title, set_version, publisher, carry_over } => {
                let meta = PasteMeta {
                    id: id.clone(),
                    title: title.clone(),
                    version: set_version.clone(),
                    publisher: publisher.clone(),
                };
                let set = ws.read_standards_file(file, &meta)?;
                let outcome = ws.import_set(&set)?;
                write_out(out, &outcome.summary())?;
                if let Some(prev) = &outcome.previous {
                    if *carry_over {
                        let n = ws.carry_over(&outcome.id, &prev.version, &outcome.version)?;
                        write_out(out, &format!("Carried {n} self-assessments over from version {}.", prev.version))?;
                    } else if prev.carryable > 0 {
                        write_out(out, "Run the import again with --carry-over to copy them.")?;
                    }
                }
                write_out(out, &format!("{}@{}", outcome.id, outcome.version))
            }
        }
    }
}

/// A statement's reference: `SET_ID/CODE` for the newest version of a set, else with its version.
fn reference(set: &StandardSet, newest: bool, code: &str) -> String {
    if newest { format!("{}/{code}", set.id) } else { format!("{}@{}/{code}", set.id, set.version) }
}

impl<'a> SetJson<'a> {
    fn of(set: &'a StandardSet, builtin: bool, newest: bool) -> Self {
        SetJson {
            id: &set.id,
            version: &set.version,
            title: &set.title,
            publisher: &set.publisher,
            published: &set.published,
            source: &set.source,
            status: &set.status,
            builtin,
            newest,
            statements: set
                .statements()
                .map(|(_, section, s)| StatementJson {
                    reference: reference(set, newest, &s.code),
                    code: &s.code,
                    section: &section.title,
                    title: &s.title,
                    text: &s.text,
                    applies_to: s.applies_to.as_str(),
                    prompts: &s.prompts,
                    evidence: &s.evidence,
                    tags: &s.tags,
                })
                .collect(),
        }
    }
}

fn list(ws: &Workspace, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let summaries = ws.sets()?;
    let mut for_json = Vec::new();
    let mut previous_id: Option<&str> = None;
    for summary in &summaries {
        let newest = previous_id != Some(summary.id.as_str());
        previous_id = Some(summary.id.as_str());
        let set = ws.load_set(&summary.id, &summary.version)?;
        if json {
            for_json.push((set, summary.builtin, newest));
            continue;
        }
        write_out(
            out,
            &format!(
                "{} {}  {} ({} statements){}",
                set.id,
                set.version,
                set.title,
                set.statement_count(),
                if newest { "" } else { "  [older version]" }
            ),
        )?;
        write_out(out, &format!("  {}", set.status))?;
        for section in &set.sections {
            write_out(out, &format!("  {}", section.title))?;
            for s in &section.statements {
                let formal = if s.applies_to == AppliesTo::Formal { "  [formal only]" } else { "" };
                write_out(out, &format!("    {:<28} {}{formal}", reference(&set, newest, &s.code), s.title))?;
            }
        }
    }
    if !json {
        return Ok(());
    }
    let sets: Vec<_> = for_json.iter().map(|(set, builtin, newest)| SetJson::of(set, *builtin, *newest)).collect();
    json_out(out, &sets)
}
