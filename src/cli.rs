//! The headless commands: a thin face over [`crate::workspace`]. Each command prints what
//! it made alone on the last line of stdout; any failure is one sentence on stderr.

use crate::domain::assessment::{Stage, rung_name};
use crate::domain::fingerprint::short;
use crate::domain::organisation::Organisation;
use crate::domain::paste::PasteMeta;
use crate::domain::signoff::Decision;
use crate::store::NewEvidence;
use crate::workspace::{Workspace, WorkspaceError};
use clap::{Args, Parser, Subcommand};
use serde_json::json;
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
    /// Write, list and check one-page accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// The workspace's word list for the spelling check.
    #[command(subcommand)]
    Words(WordsCommand),
    /// Approve a page (or ask for changes) as a person of the organisation; prints the
    /// fingerprint signed.
    Signoff {
        /// The account id.
        id: i64,
        /// Who is signing (their name as added with `person add`).
        #[arg(long)]
        person: String,
        /// Ask for changes instead of approving.
        #[arg(long)]
        reject: bool,
        /// What they want to say.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Show or change the rule for "signed off".
    Rule {
        /// How many different people must approve.
        #[arg(long)]
        approvals: Option<u32>,
        /// At least one approval must come from a person with lived experience.
        #[arg(long, conflicts_with = "any_person")]
        lived_experience: bool,
        /// Any person's approval counts towards the rule.
        #[arg(long)]
        any_person: bool,
    },
    /// Export an account as a one-page PDF, or a signed contribution bundle.
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
    Backup {
        /// The new file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

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

/// `org …`
#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Set the profile; fields not given keep their value.
    Set {
        /// Name as it appears on your pages.
        #[arg(long)]
        name: Option<String>,
        /// Logo picture (PNG or JPEG).
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
        /// Contact email.
        #[arg(long)]
        email: Option<String>,
        /// The area you serve.
        #[arg(long)]
        area: Option<String>,
        /// You have a formal structure (board, staff, policies).
        #[arg(long, conflicts_with = "informal")]
        formal: bool,
        /// You have no formal structure.
        #[arg(long)]
        informal: bool,
    },
}

/// `person …`
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person; prints their id.
    Add {
        /// Their name as they want it shown.
        name: String,
        /// What they do, for example "Peer mentor".
        #[arg(long)]
        role: String,
        /// They have lived experience of recovery.
        #[arg(long)]
        lived_experience: bool,
    },
    /// List people.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `assess REF --stage STAGE …` or `assess list`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AssessArgs {
    /// `list`.
    #[command(subcommand)]
    pub list: Option<AssessList>,
    /// The statement, `SET_ID/CODE`.
    #[arg(value_name = "REF")]
    pub reference: Option<String>,
    /// not-yet, starting, developing, embedded or n/a.
    #[arg(long)]
    pub stage: Option<String>,
    /// Involvement rung on the ladder of participation, 1-7.
    #[arg(long)]
    pub rung: Option<u8>,
    /// A note; for n/a, the reason it does not apply.
    #[arg(long)]
    pub note: Option<String>,
    /// What you do well.
    #[arg(long)]
    pub well: Option<String>,
    /// What you want to develop.
    #[arg(long)]
    pub develop: Option<String>,
}

/// `assess list`.
#[derive(Debug, Subcommand)]
pub enum AssessList {
    /// What you recorded.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `account …`
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Start an account for a statement; prints its id.
    New {
        /// The statement, `SET_ID/CODE`.
        #[arg(value_name = "REF")]
        reference: String,
        /// A plain text file with the account (blank line = paragraph, "- " = bullet, "> " = a member's quote).
        #[arg(long, value_name = "FILE")]
        body_file: PathBuf,
        /// The account's title.
        #[arg(long, default_value = "")]
        title: String,
    },
    /// Replace an account's text.
    Update {
        /// The account id.
        id: i64,
        /// A plain text file with the new text.
        #[arg(long, value_name = "FILE")]
        body_file: PathBuf,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
    },
    /// Accounts with their status, words and page use.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the page use in %; exit 0 if it fits on one page, 3 if not.
    Fit {
        /// The account id.
        id: i64,
    },
    /// Words, page use, reading ease and misspelt words (British spelling), with where they
    /// are and suggestions.
    Check {
        /// The account id.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `words …`
#[derive(Debug, Subcommand)]
pub enum WordsCommand {
    /// Add words the spelling check should accept (local names, your own words); the names
    /// of the organisation and its people are known already.
    Add {
        /// The words, each on its own.
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// The workspace's word list.
    List,
    /// Take a word off the list.
    Remove {
        /// The word.
        word: String,
    },
}

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

/// `report …`
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Start a collective report; prints its id.
    New {
        /// Its title.
        title: String,
        /// The year it covers (default: this year).
        #[arg(long)]
        year: Option<String>,
        /// A plain text file with the introduction.
        #[arg(long, value_name = "FILE")]
        introduction_file: Option<PathBuf>,
    },
    /// Import contribution bundles into the report.
    Add {
        /// One or more bundle files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Accept a bundle whose organisation's name looks like one already pinned, sealed
        /// with its own key, after checking by phone that it is a different organisation.
        #[arg(long)]
        new_org: bool,
    },
    /// Contributors, their contributions and sign-off state.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the review pack for contributors: the draft PDF and a signed manifest.
    Pack {
        /// The folder to write them into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// (Contributor) Sign off a report draft from its manifest; writes a signed receipt.
    Receipt {
        /// The manifest from the review pack.
        manifest: PathBuf,
        /// Who is signing for your organisation.
        #[arg(long)]
        person: String,
        /// The receipt file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// (Contributor) Lay out the report a review manifest carries, as signing it approves.
    Review {
        /// The manifest from the review pack.
        manifest: PathBuf,
        /// The PDF to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// (Coordinator) Record a contributor's signed receipt.
    Record {
        /// The receipt file.
        file: PathBuf,
    },
    /// (Coordinator) Record a sign-off given another way (phone, email).
    RecordOther {
        /// The contributing organisation.
        #[arg(long)]
        org: String,
        /// Who gave the sign-off.
        #[arg(long)]
        person: String,
        /// How it was given, for example "by phone".
        #[arg(long)]
        how: String,
        /// Who is recording it.
        #[arg(long)]
        by: String,
    },
    /// Export the report: final if every contributor has signed it off, else marked DRAFT.
    Export {
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// `bundle …`
#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Verify a bundle and say what it holds.
    Check {
        /// The bundle file.
        file: PathBuf,
    },
}

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
    if let Command::Account(AccountCommand::Fit { id }) = command {
        return match account_fit(&mut ws, *id, &mut out) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(EXIT_DOES_NOT_FIT),
            Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(e),
        };
    }
    match execute(&mut ws, command, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

type Out<'a> = std::io::StdoutLock<'a>;

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
enum CliError {
    /// The workspace refused or failed.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// Standard output went away (for example `| head`): not the user's problem.
    #[error("Could not write the output ({0}).")]
    Output(#[from] std::io::Error),
}

fn refuse<T>(sentence: impl Into<String>) -> Result<T, CliError> {
    Err(CliError::Workspace(WorkspaceError::BadInput(sentence.into())))
}

fn write_out(out: &mut Out<'_>, text: &str) -> Result<(), CliError> {
    Ok(writeln!(out, "{text}")?)
}

fn json_out(out: &mut Out<'_>, value: &serde_json::Value) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| WorkspaceError::Broken(e.to_string()))?;
    write_out(out, &text)
}

fn execute(ws: &mut Workspace, command: &Command, out: &mut Out<'_>) -> Result<(), CliError> {
    match command {
        Command::Standards(StandardsCommand::List { json }) => standards_list(ws, *json, out),
        Command::Standards(StandardsCommand::Import { file, id, title, set_version, publisher, carry_over }) => {
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
        Command::Org(OrgCommand::Set { name, logo, email, area, formal, informal }) => {
            let current = ws.organisation()?;
            if current.is_none() && name.is_none() {
                return refuse("Give the organisation's name first: org set --name \"Your LERO\".");
            }
            let mut org = current.unwrap_or(Organisation { formal: true, ..Organisation::default() });
            if let Some(n) = name {
                org.name.clone_from(n);
            }
            if let Some(e) = email {
                org.email.clone_from(e);
            }
            if let Some(a) = area {
                org.area.clone_from(a);
            }
            if *formal {
                org.formal = true;
            }
            if *informal {
                org.formal = false;
            }
            // Check the logo before saving anything, so a bad picture changes nothing.
            let logo_bytes = match logo {
                Some(p) => {
                    let bytes = crate::workspace::read_user_file(
                        p,
                        crate::domain::organisation::MAX_LOGO_BYTES as u64,
                        "picture",
                    )?;
                    crate::domain::organisation::Logo::check(bytes.clone())
                        .map_err(|e| WorkspaceError::in_file(e, p))?;
                    Some(bytes)
                }
                None => None,
            };
            ws.set_organisation(&org)?;
            if let Some(bytes) = logo_bytes {
                ws.set_logo(bytes)?;
            }
            let saved = ws.organisation()?.unwrap_or_default();
            write_out(
                out,
                &format!(
                    "Saved {} ({}{}).",
                    saved.name,
                    if saved.formal { "formal structure" } else { "no formal structure" },
                    if ws.logo()?.is_some() { ", with logo" } else { "" }
                ),
            )
        }
        Command::Words(WordsCommand::Add { words }) => {
            let added = ws.add_words(words)?;
            let already = words.len() - added;
            write_out(
                out,
                &format!(
                    "Added {added} {} to the word list{}.",
                    if added == 1 { "word" } else { "words" },
                    if already > 0 { format!(" ({already} already there)") } else { String::new() }
                ),
            )
        }
        Command::Words(WordsCommand::List) => {
            for w in ws.words()? {
                write_out(out, &w)?;
            }
            Ok(())
        }
        Command::Words(WordsCommand::Remove { word }) => {
            if ws.remove_word(word)? {
                write_out(out, &format!("Took “{}” off the word list.", word.trim()))
            } else {
                refuse(format!("“{}” is not on the word list: see words list.", word.trim()))
            }
        }
        Command::Person(PersonCommand::Add { name, role, lived_experience }) => {
            let id = ws.add_person(name, role, *lived_experience)?;
            write_out(
                out,
                &format!(
                    "Added {} ({}{}).",
                    name.trim(),
                    role.trim(),
                    if *lived_experience { ", lived experience" } else { "" }
                ),
            )?;
            write_out(out, &id.to_string())
        }
        Command::Person(PersonCommand::List { json }) => {
            let people = ws.people()?;
            if *json {
                let v: Vec<_> = people
                    .iter()
                    .map(
                        |p| json!({"id": p.id, "name": p.name, "role": p.role, "lived_experience": p.lived_experience}),
                    )
                    .collect();
                return json_out(out, &serde_json::Value::Array(v));
            }
            for p in people {
                write_out(
                    out,
                    &format!(
                        "{}\t{}\t{}{}",
                        p.id,
                        p.name,
                        p.role,
                        if p.lived_experience { "\tlived experience" } else { "" }
                    ),
                )?;
            }
            Ok(())
        }
        Command::Assess(args) => assess(ws, args, out),
        Command::Evidence(EvidenceCommand::Add { reference, title, file, date, kind, note, personal_data }) => {
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
        Command::Evidence(EvidenceCommand::List { json }) => {
            let items = ws.evidence(None)?;
            if *json {
                let v: Vec<_> = items
                    .iter()
                    .map(|e| {
                        json!({"id": e.id, "ref": e.key.short_ref(), "version": e.key.version, "title": e.details.title,
                               "date": e.details.date, "kind": e.details.kind, "note": e.details.note,
                               "personal_data": e.details.personal_data,
                               "file": e.file.as_ref().map(|f| json!({"name": f.name, "size": f.size, "sha256": f.sha256}))})
                    })
                    .collect();
                return json_out(out, &serde_json::Value::Array(v));
            }
            for e in items {
                write_out(
                    out,
                    &format!(
                        "{}\t{}\t{}\t{}",
                        e.id,
                        e.key.short_ref(),
                        e.details.date.as_deref().unwrap_or("-"),
                        e.details.title
                    ),
                )?;
            }
            Ok(())
        }
        Command::Account(command) => account(ws, command, out),
        Command::Export(ExportCommand::Pdf { id, out: file, draft, reading_font }) => {
            // Refused paths are refused before the revision shown is kept.
            ws.check_output(file)?;
            let job = ws.prepare_pdf_in(*id, *draft, crate::workspace::PageFont::reading_if(*reading_font))?;
            let bytes = job.write(file)?;
            write_out(
                out,
                &format!(
                    "Exported account {id} (revision {}{}) to {} ({} KB).",
                    job.revision.as_ref().map_or(0, |r| r.number),
                    if job.draft { ", marked DRAFT" } else { "" },
                    file.display(),
                    bytes.div_ceil(1024)
                ),
            )?;
            write_out(out, &file.display().to_string())
        }
        Command::Export(ExportCommand::Bundle { id, out: file }) => {
            let fp = ws.export_bundle(*id, file)?;
            let key = ws.public_key()?;
            write_out(
                out,
                &format!(
                    "Wrote the signed bundle of account {id} to {} (page fingerprint {}, signing key {}).",
                    file.display(),
                    short(&fp),
                    key.short()
                ),
            )?;
            write_out(out, &fp)
        }
        Command::Report(command) => report(ws, command, out),
        Command::Bundle(BundleCommand::Check { file }) => {
            let (c, key) = crate::workspace::check_bundle_file(file)?;
            write_out(
                out,
                &format!(
                    "The bundle verifies: {} ({}) on {} {} “{}”, revision {}, signed off by {}; signing key {}.",
                    c.organisation.name,
                    if c.organisation.area.is_empty() { "area not given" } else { c.organisation.area.as_str() },
                    c.statement.set_id,
                    c.statement.code,
                    c.statement.title,
                    c.revision.number,
                    c.signoffs.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
                    key.short()
                ),
            )?;
            write_out(out, &c.fingerprint)
        }
        Command::Key => {
            let key = ws.public_key()?;
            write_out(
                out,
                &format!("This workspace's signing key: {} (read these digits out to compare).", key.short()),
            )?;
            write_out(out, &key.to_base64())
        }
        Command::Signoff { id, person, reject, note } => {
            let decision = if *reject { Decision::ChangesRequested } else { Decision::Approved };
            let decided = ws.decide(*id, person, decision, note)?;
            let fp = decided.fingerprint;
            let state = ws.signoff_state(*id)?;
            let did = if *reject { "asked for changes to" } else { "approved" };
            let said = if decided.recorded {
                format!("{} {did} account {id} (fingerprint {}).", decided.person, short(&fp))
            } else {
                format!(
                    "{} had already {did} this version of account {id} (fingerprint {}), so nothing changed.",
                    decided.person,
                    short(&fp)
                )
            };
            write_out(out, &format!("{said} {}.", state.progress.describe()))?;
            write_out(out, &fp)
        }
        Command::Rule { approvals, lived_experience, any_person } => {
            let mut rule = ws.signoff_rule()?;
            if let Some(n) = approvals {
                rule.approvals = *n;
            }
            if *lived_experience {
                rule.lived_experience = true;
            }
            if *any_person {
                rule.lived_experience = false;
            }
            if approvals.is_some() || *lived_experience || *any_person {
                ws.set_signoff_rule(rule)?;
            }
            write_out(out, &format!("A page is signed off with {}.", rule.describe()))
        }
        Command::Check => {
            let problems = ws.check()?;
            if problems.is_empty() {
                return write_out(out, &format!("The workspace is healthy. ({})", ws.path().display()));
            }
            for p in &problems {
                write_out(out, &p.0)?;
            }
            refuse(format!(
                "The check found {} problem{}: restore a backup, or keep this file and ask for help. ({})",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                ws.path().display()
            ))
        }
        Command::Backup { out: file } => {
            ws.backup(file)?;
            write_out(out, &format!("Backed up the workspace to {}.", file.display()))?;
            write_out(out, &file.display().to_string())
        }
    }
}

fn standards_list(ws: &Workspace, json: bool, out: &mut Out<'_>) -> Result<(), CliError> {
    let summaries = ws.sets()?;
    let mut sets_json = Vec::new();
    let mut previous_id: Option<String> = None;
    for summary in &summaries {
        let newest = previous_id.as_deref() != Some(summary.id.as_str());
        previous_id = Some(summary.id.clone());
        let set = ws.load_set(&summary.id, &summary.version)?;
        let reference = |code: &str| {
            if newest { format!("{}/{code}", set.id) } else { format!("{}@{}/{code}", set.id, set.version) }
        };
        if json {
            let statements: Vec<_> = set
                .statements()
                .map(|(_, section, s)| {
                    json!({"ref": reference(&s.code), "code": s.code, "section": section.title, "title": s.title,
                           "text": s.text, "applies_to": s.applies_to.as_str(), "prompts": s.prompts,
                           "evidence": s.evidence, "tags": s.tags})
                })
                .collect();
            sets_json.push(
                json!({"id": set.id, "version": set.version, "title": set.title, "publisher": set.publisher,
                                  "published": set.published, "source": set.source, "status": set.status,
                                  "builtin": summary.builtin, "newest": newest, "statements": statements}),
            );
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
                let formal =
                    if s.applies_to == crate::domain::standards::AppliesTo::Formal { "  [formal only]" } else { "" };
                write_out(out, &format!("    {:<28} {}{formal}", reference(&s.code), s.title))?;
            }
        }
    }
    if json { json_out(out, &serde_json::Value::Array(sets_json)) } else { Ok(()) }
}

fn assess(ws: &Workspace, args: &AssessArgs, out: &mut Out<'_>) -> Result<(), CliError> {
    if let Some(AssessList::List { json }) = &args.list {
        let all = ws.assessments()?;
        if *json {
            let v: Vec<_> = all
                .iter()
                .map(|(k, a)| {
                    let note = if a.stage == Some(Stage::NotApplicable) { &a.na_reason } else { &a.note };
                    json!({"ref": k.short_ref(), "version": k.version, "stage": a.stage.map(Stage::as_str),
                           "rung": a.rung, "note": note, "well": a.well, "develop": a.develop,
                           "carried_from": a.carried_from})
                })
                .collect();
            return json_out(out, &serde_json::Value::Array(v));
        }
        for (k, a) in all {
            let rung = a.rung.map(|r| format!("rung {r} ({})", rung_name(r).unwrap_or(""))).unwrap_or_default();
            write_out(
                out,
                &format!("{:<28} {:<15} {rung}", k.to_string(), a.stage.map_or("not assessed", Stage::label)),
            )?;
        }
        return Ok(());
    }
    let Some(reference) = &args.reference else {
        return refuse("Name a statement, like: assess clero-chime/C1 --stage developing (or use `assess list`).");
    };
    let key = ws.resolve(reference)?;
    let Some(stage_word) = &args.stage else {
        return refuse(format!(
            "Say where you are with {reference}: add --stage not-yet, starting, developing, embedded or n/a."
        ));
    };
    let Some(stage) = Stage::parse(stage_word) else {
        return refuse(format!("“{stage_word}” is not a stage: use not-yet, starting, developing, embedded or n/a."));
    };
    if let Some(r) = args.rung
        && !(1..=7).contains(&r)
    {
        return refuse(format!("The involvement rung must be between 1 and 7, not {r}."));
    }
    let mut a = ws.assess(&key, stage, args.rung, args.note.as_deref())?;
    if args.well.is_some() || args.develop.is_some() {
        if let Some(w) = &args.well {
            w.trim().clone_into(&mut a.well);
        }
        if let Some(d) = &args.develop {
            d.trim().clone_into(&mut a.develop);
        }
        ws.save_assessment(&key, &a)?;
    }
    write_out(out, &format!("{} is now “{}”.", key.short_ref(), stage.label()))?;
    write_out(out, &key.to_string())
}

/// Says what in a saved account the page cannot print (kept, but to be replaced before signing).
fn unprintable_note(
    ws: &Workspace,
    account: &crate::domain::account::Account,
    out: &mut Out<'_>,
) -> Result<(), CliError> {
    match ws.unprintable_in(account) {
        Some(missing) => write_out(
            out,
            &format!("Note: the page's font cannot print {missing}; replace them before the page is signed off."),
        ),
        None => Ok(()),
    }
}

fn account(ws: &mut Workspace, command: &AccountCommand, out: &mut Out<'_>) -> Result<(), CliError> {
    match command {
        AccountCommand::New { reference, body_file, title } => {
            let key = ws.resolve(reference)?;
            let body = read_body(body_file)?;
            let id = ws.new_account(&key, title, &body)?;
            let account = ws.account(id)?;
            let (_, fit) = ws.lay_out(&account, true)?;
            write_out(out, &format!("Started account {id} for {}: {}.", key.short_ref(), fit.describe()))?;
            unprintable_note(ws, &account, out)?;
            write_out(out, &id.to_string())
        }
        AccountCommand::Update { id, body_file, title } => {
            let current = ws.account(*id)?;
            let body = read_body(body_file)?;
            let title = title.clone().unwrap_or(current.title);
            ws.save_account(*id, &title, &body)?;
            let account = ws.account(*id)?;
            let (_, fit) = ws.lay_out(&account, true)?;
            write_out(out, &format!("Saved account {id}: {}.", fit.describe()))?;
            unprintable_note(ws, &account, out)?;
            write_out(out, &id.to_string())
        }
        AccountCommand::List { json } => {
            let all = ws.account_summaries()?;
            if *json {
                let v: Vec<_> = all
                    .iter()
                    .map(|s| {
                        json!({"id": s.account.id, "ref": s.account.key.short_ref(), "version": s.account.key.version,
                               "title": s.account.title, "status": s.status.as_str(), "words": s.words,
                               "page_use": s.fit.percent(), "fits": s.fit.fits(), "updated": s.account.updated_at})
                    })
                    .collect();
                return json_out(out, &serde_json::Value::Array(v));
            }
            for s in all {
                write_out(
                    out,
                    &format!(
                        "{}\t{:<20}\t{:<22}\t{} words\t{}\t{}",
                        s.account.id,
                        s.account.key.short_ref(),
                        s.status.label(),
                        s.words,
                        s.fit.describe(),
                        s.account.title
                    ),
                )?;
            }
            Ok(())
        }
        AccountCommand::Fit { .. } => Ok(()),
        AccountCommand::Check { id, json } => account_check(ws, *id, *json, out),
    }
}

/// `account check`: the same help the editor gives, as text or JSON.
fn account_check(ws: &mut Workspace, id: i64, json: bool, out: &mut Out<'_>) -> Result<(), CliError> {
    let c = ws.check_account(id)?;
    let ease = c.readability.reading_ease().map(|s| (s * 10.0).round() / 10.0);
    if json {
        let misspellings: Vec<_> = c
            .misspellings
            .iter()
            .map(|s| {
                let m = &s.misspelling;
                json!({"word": m.word, "start": m.start, "line": m.line, "column": m.column,
                       "suggestions": s.suggestions})
            })
            .collect();
        return json_out(
            out,
            &json!({"id": id, "words": c.words, "page_use": c.page_use, "fits": c.fits, "reading_ease": ease,
                    "sentences": c.readability.sentences, "long_sentences": c.readability.long_sentences.len(),
                    "misspellings": misspellings}),
        );
    }
    write_out(
        out,
        &format!(
            "Account {id}: {} words, {}% of the page{}.",
            c.words,
            c.page_use,
            if c.fits { "" } else { " (too long)" }
        ),
    )?;
    write_out(out, &c.readability.describe())?;
    let long = c.readability.long_sentences.len();
    if long > 0 {
        write_out(
            out,
            &format!(
                "{long} {} longer than {} words: splitting them often makes the page clearer.",
                if long == 1 { "sentence is" } else { "sentences are" },
                crate::domain::readability::LONG_SENTENCE
            ),
        )?;
    }
    if c.misspellings.is_empty() {
        return write_out(out, "No spelling mistakes found.");
    }
    write_out(out, &format!("{} words the British spelling check does not know:", c.misspellings.len()))?;
    for s in &c.misspellings {
        let m = &s.misspelling;
        let offer = if s.suggestions.is_empty() {
            "no suggestions".to_owned()
        } else {
            format!("did you mean {}?", s.suggestions.join(", "))
        };
        write_out(out, &format!("  line {}, column {}: {} ({offer})", m.line, m.column, m.word))?;
    }
    write_out(out, "A name or local word that is right can be added with: words add WORD")
}

/// Prints the page use; returns whether the account fits on one page.
fn account_fit(ws: &mut Workspace, id: i64, out: &mut Out<'_>) -> Result<bool, CliError> {
    let account = ws.account(id)?;
    let (_, fit) = ws.lay_out(&account, true)?;
    write_out(out, &format!("{}%", fit.percent()))?;
    if !fit.fits() {
        eprintln!("lero-evidence: Account {id} does not fit on one page: it is {}.", fit.describe());
    }
    Ok(fit.fits())
}

fn report(ws: &mut Workspace, command: &ReportCommand, out: &mut Out<'_>) -> Result<(), CliError> {
    match command {
        ReportCommand::New { title, year, introduction_file } => {
            let introduction = match introduction_file {
                Some(f) => read_body(f)?,
                None => String::new(),
            };
            let id = ws.new_report(title, year.as_deref(), &introduction)?;
            write_out(out, &format!("Started the collective report “{}”.", title.trim()))?;
            write_out(out, &id.to_string())
        }
        ReportCommand::Add { files, new_org } => {
            // Each file is verified and imported on its own, so one bad file does not stop the rest.
            let mut failed = Vec::new();
            for f in files {
                let imported = if *new_org { ws.import_bundle_from_new_org(f) } else { ws.import_bundle(f) };
                match imported {
                    Ok(r) => write_out(out, &r.summary())?,
                    Err(e) => {
                        eprintln!("lero-evidence: {e}");
                        failed.push(f.display().to_string());
                    }
                }
            }
            let status = ws.report_status()?;
            write_out(
                out,
                &format!(
                    "The report has {} contributions from {} contributors.",
                    status.contributions,
                    status.contributors.len()
                ),
            )?;
            if failed.is_empty() {
                write_out(out, &status.fingerprint)
            } else {
                refuse(format!(
                    "{} of {} bundles were not imported (see above); the others were: check those files with the senders.",
                    failed.len(),
                    files.len()
                ))
            }
        }
        ReportCommand::Pack { out: dir } => {
            let (pdf, manifest) = ws.write_review_pack(dir)?;
            let fp = ws.report_fingerprint()?;
            write_out(
                out,
                &format!(
                    "Wrote the review pack: {} and {}. Send both to every contributor; report fingerprint {}.",
                    pdf.display(),
                    manifest.display(),
                    short(&fp)
                ),
            )?;
            write_out(out, &fp)
        }
        ReportCommand::Review { manifest, out: file } => {
            ws.check_output(file)?;
            let review = ws.review_manifest(manifest)?;
            write_out(out, &manifest_sentence(&review))?;
            let job = ws.prepare_manifest_pdf(manifest)?;
            let bytes = job.write(file)?;
            write_out(
                out,
                &format!(
                    "Wrote the report as signing it approves ({} pages, {} KB, marked DRAFT) to {}.",
                    job.page_count(),
                    bytes.div_ceil(1024),
                    file.display()
                ),
            )?;
            write_out(out, &file.display().to_string())
        }
        ReportCommand::Receipt { manifest, person, out: file } => {
            // A refused place to save is refused before anything else happens.
            ws.check_output(file)?;
            // Show the organisation's own pages as the report has them before signing.
            let review = ws.review_manifest(manifest)?;
            write_out(out, &manifest_sentence(&review))?;
            for (e, signed) in &review.own {
                write_out(
                    out,
                    &format!(
                        "Your page in the report: {}/{} {} (page fingerprint {}): {}.",
                        e.set_id,
                        e.code,
                        e.statement_title,
                        short(&e.fingerprint),
                        if *signed { "the page you signed off" } else { "NOT a version you signed off" }
                    ),
                )?;
            }
            let fp = ws.write_receipt(manifest, person, file)?;
            write_out(
                out,
                &format!(
                    "Signed off the report (fingerprint {}) as {}; send {} back to the college.",
                    short(&fp),
                    person.trim(),
                    file.display()
                ),
            )?;
            write_out(out, &fp)
        }
        ReportCommand::Record { file } => {
            let r = ws.record_receipt(file)?;
            write_out(out, &r.summary)?;
            let status = ws.report_status()?;
            write_out(out, &ready_sentence(&status))?;
            write_out(out, &status.fingerprint)
        }
        ReportCommand::RecordOther { org, person, how, by } => {
            let fp = ws.record_signoff_other_way(org, person, how, by)?;
            write_out(out, &format!("Recorded {org}’s sign-off given {how} by {person}, recorded by {by}."))?;
            let status = ws.report_status()?;
            write_out(out, &ready_sentence(&status))?;
            write_out(out, &fp)
        }
        ReportCommand::Export { out: file } => {
            ws.check_output(file)?;
            let (final_report, pages) = ws.export_report_pdf(file, false)?;
            write_out(
                out,
                &if final_report {
                    format!("Exported the final report ({pages} pages) to {}.", file.display())
                } else {
                    format!(
                        "Exported the report ({pages} pages) to {}, marked DRAFT on every page: not every contributor has signed off this version yet.",
                        file.display()
                    )
                },
            )?;
            write_out(out, &file.display().to_string())
        }
        ReportCommand::Status { json } => {
            let status = ws.report_status()?;
            if *json {
                let contributors: Vec<_> = status
                    .contributors
                    .iter()
                    .map(|c| {
                        json!({"org": c.org, "area": c.area, "email": c.email, "contributions": c.contributions,
                               "signoff": c.signoff.as_str(), "signed_at": c.signed_at, "signed_by": c.signed_by,
                               "key": c.key, "looks_like": c.looks_like})
                    })
                    .collect();
                return json_out(
                    out,
                    &json!({"title": status.report.title, "year": status.report.year, "fingerprint": status.fingerprint,
                            "ready": status.ready(), "contributions": status.contributions, "contributors": contributors}),
                );
            }
            write_out(
                out,
                &format!(
                    "{} ({}): {} contributions from {} contributors; fingerprint {}.",
                    status.report.title,
                    status.report.year,
                    status.contributions,
                    status.contributors.len(),
                    short(&status.fingerprint)
                ),
            )?;
            for c in &status.contributors {
                write_out(
                    out,
                    &format!(
                        "  {:<40} {:>3} {}\tsign-off: {}",
                        c.org,
                        c.contributions,
                        if c.contributions == 1 { "account " } else { "accounts" },
                        c.signoff.words()
                    ),
                )?;
                if let Some(note) = crate::workspace::look_alike_note(c) {
                    write_out(out, &format!("    {note}"))?;
                }
            }
            write_out(out, &ready_sentence(&status))
        }
    }
}

/// What opening a review manifest proved, and the college's key when it was seen first.
fn manifest_sentence(review: &crate::workspace::ManifestReview) -> String {
    let checked = if review.complete {
        format!(
            "The review manifest checks out: its report fingerprint {} is that of the {} it carries, each recomputed here.",
            short(&review.manifest.report_fingerprint),
            if review.manifest.pages.len() == 1 {
                "1 page".to_owned()
            } else {
                format!("{} pages", review.manifest.pages.len())
            }
        )
    } else {
        "This review manifest was made by an earlier version: it lists the report's pages by fingerprint only, so only your own pages can be checked.".to_owned()
    };
    if review.key_first_seen {
        format!(
            "{checked} The college's key {} is now remembered; phone the college to compare it, as later manifests must carry the same.",
            review.sender_key
        )
    } else {
        checked
    }
}

fn ready_sentence(status: &crate::workspace::ReportStatus) -> String {
    let waiting: Vec<&str> = status
        .contributors
        .iter()
        .filter(|c| c.signoff != crate::domain::report::ReportSignoff::Valid)
        .map(|c| c.org.as_str())
        .collect();
    if status.ready() {
        "Ready to publish: every contributor has signed off this report.".to_owned()
    } else if waiting.is_empty() {
        "Not ready to publish: the report has no contributions yet.".to_owned()
    } else {
        format!("Not ready to publish: still waiting for {}.", waiting.join(", "))
    }
}
