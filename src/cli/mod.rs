//! The headless commands: a thin face over [`crate::workspace`]. Each command prints what
//! it made alone on the last line of stdout; any failure is one sentence on stderr.
//!
//! One file per command group; each command is a clap struct or enum with
//! `run(&self, ws, out)`, which writes to any [`Write`], so that a command runs in-process
//! (in a test, into a `Vec<u8>`) as it runs in the binary. This module parses the command
//! line, opens the workspace, and turns the outcome into the exit code and the sentence on
//! stderr.

mod account;
mod action;
mod assess;
mod bundle;
mod check;
mod evidence;
mod export;
mod org;
mod person;
mod report;
mod signoff;
mod standards;
mod words;

pub use account::AccountCommand;
pub use action::ActionCommand;
pub use assess::{AssessArgs, AssessList};
pub use bundle::BundleCommand;
pub use check::BackupArgs;
pub use evidence::EvidenceCommand;
pub use export::ExportCommand;
pub use org::OrgCommand;
pub use person::PersonCommand;
pub use report::ReportCommand;
pub use signoff::{RuleArgs, SignoffArgs};
pub use standards::StandardsCommand;
pub use words::WordsCommand;

use crate::workspace::{Workspace, WorkspaceError};
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code for a refused or failed command.
pub const EXIT_FAILED: u8 = 1;
/// Exit code for a command line that does not parse.
pub const EXIT_USAGE: u8 = 2;
/// Exit code of `account fit` when the account does not fit on one page.
pub const EXIT_DOES_NOT_FIT: u8 = 3;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "lero-evidence",
    version,
    about = "Evidence, self-assessment and one-page accounts for LEROs. With no command, opens the window."
)]
pub struct Cli {
    /// The workspace file (default: workspace.lero in this computer's data folder).
    #[arg(long, global = true, env = "LERO_EVIDENCE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open a throwaway sample workspace instead.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Open the workspace only for reading: nothing is written to it.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// What to do; nothing opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List or import standard sets.
    #[command(subcommand)]
    Standards(StandardsCommand),
    /// Set the organisation profile.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Manage the people who write and sign off pages.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Record where you stand with a statement, or list what you recorded.
    Assess(AssessArgs),
    /// Add evidence for a statement.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// Add, change and list what you will do about a statement: who, and by when.
    #[command(subcommand)]
    Action(ActionCommand),
    /// Write, list and check one-page accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// The workspace's word list for the spelling check.
    #[command(subcommand)]
    Words(WordsCommand),
    /// Approve a page (or ask for changes) as a person of the organisation; prints the
    /// fingerprint signed.
    Signoff(SignoffArgs),
    /// Show or change the rule for "signed off".
    Rule(RuleArgs),
    /// Export an account (a one-page PDF, a signed contribution bundle, an email), or the
    /// workbook of where you stand.
    #[command(subcommand)]
    Export(ExportCommand),
    /// The coordinator's collective report.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Check a contribution bundle: its format, signature and fingerprint.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Show this workspace's public signing key, to compare by phone with the college.
    Key,
    /// Check the workspace for damage.
    Check,
    /// Write a consistent copy of the workspace to a new file.
    Backup(BackupArgs),
}

/// Opens the workspace the command line names.
pub fn open_workspace(cli: &Cli) -> Result<Workspace, WorkspaceError> {
    if cli.demo {
        return Workspace::open_demo();
    }
    let path = workspace_path(cli)?;
    if cli.read_only { Workspace::open_read_only(&path) } else { Workspace::open(&path) }
}

/// Takes the workspace's lock, then opens it: `exclusive` for the window, shared for a
/// command, so that nothing is read or written while another window has it. The lock is
/// held as long as the returned guard lives.
pub fn open_locked(
    cli: &Cli,
    exclusive: bool,
) -> Result<(Workspace, Option<crate::store::WorkspaceLock>), WorkspaceError> {
    let lock =
        if cli.demo || cli.read_only { None } else { crate::store::lock_workspace(&workspace_path(cli)?, exclusive)? };
    Ok((open_workspace(cli)?, lock))
}

/// The workspace file the command line asks for (`--db`, or the default one).
pub fn workspace_path(cli: &Cli) -> Result<PathBuf, WorkspaceError> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => Workspace::default_path(),
    }
}

/// Reads an account's text from a file: UTF-8, at most the size an account may have.
fn read_body(path: &std::path::Path) -> Result<String, CliError> {
    let limit = crate::domain::account::MAX_BODY_BYTES as u64;
    let bytes = crate::workspace::read_user_file(path, limit, "text file")?;
    let text = String::from_utf8(bytes).map_err(|_| {
        WorkspaceError::BadInput(format!(
            "This file is not plain text (UTF-8): save the account as a .txt file and try again. ({})",
            path.display()
        ))
    })?;
    Ok(text.replace("\r\n", "\n"))
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("lero-evidence: {e}");
    ExitCode::from(EXIT_FAILED)
}

/// Runs one headless command and returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    // A command shares the workspace with other commands, but not with an open window.
    let (mut ws, _lock) = match open_locked(cli, false) {
        Ok(opened) => opened,
        Err(e) => return fail(e),
    };
    let mut out = std::io::stdout().lock();
    match command.run(&mut ws, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e @ CliError::DoesNotFit { .. }) => {
            eprintln!("lero-evidence: {e}");
            ExitCode::from(EXIT_DOES_NOT_FIT)
        }
        Err(e) => fail(e),
    }
}

impl Command {
    /// Runs the command on an open workspace, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::Standards(c) => c.run(ws, out),
            Self::Org(c) => c.run(ws, out),
            Self::Person(c) => c.run(ws, out),
            Self::Assess(c) => c.run(ws, out),
            Self::Evidence(c) => c.run(ws, out),
            Self::Action(c) => c.run(ws, out),
            Self::Account(c) => c.run(ws, out),
            Self::Words(c) => c.run(ws, out),
            Self::Signoff(c) => c.run(ws, out),
            Self::Rule(c) => c.run(ws, out),
            Self::Export(c) => c.run(ws, out),
            Self::Report(c) => c.run(ws, out),
            Self::Bundle(c) => c.run(ws, out),
            Self::Key => bundle::show_key(ws, out),
            Self::Check => check::check(ws, out),
            Self::Backup(c) => c.run(ws, out),
        }
    }
}

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The workspace refused or failed.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// Standard output went away (for example `| head`): not the user's problem.
    #[error("Could not write the output ({0}).")]
    Output(#[from] std::io::Error),
    /// `account fit`: the account is longer than its page (exit code 3).
    #[error("Account {id} does not fit on one page: it is {size}.")]
    DoesNotFit {
        /// The account id.
        id: i64,
        /// How long it is, in words: "2 lines too long".
        size: String,
    },
}

/// Prints a list: a JSON array of `as_json` for each item when asked, else a line of
/// `as_line` for each.
fn print_list<'a, T, J: Serialize>(
    out: &mut dyn Write,
    json: bool,
    items: &'a [T],
    as_json: impl Fn(&'a T) -> J,
    as_line: impl Fn(&'a T) -> String,
) -> Result<(), CliError> {
    if json {
        return json_out(out, &items.iter().map(as_json).collect::<Vec<_>>());
    }
    for item in items {
        write_out(out, &as_line(item))?;
    }
    Ok(())
}

fn refuse<T>(sentence: impl Into<String>) -> Result<T, CliError> {
    Err(CliError::Workspace(WorkspaceError::BadInput(sentence.into())))
}

fn write_out(out: &mut dyn Write, text: &str) -> Result<(), CliError> {
    Ok(writeln!(out, "{text}")?)
}

/// Prints `value` as pretty JSON. It goes through [`serde_json::Value`], whose objects
/// keep their keys in alphabetical order: the order the headless contract has always had.
fn json_out(out: &mut dyn Write, value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_value(value)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .map_err(|e| WorkspaceError::Broken(e.to_string()))?;
    write_out(out, &text)
}

#[cfg(test)]
mod tests;
