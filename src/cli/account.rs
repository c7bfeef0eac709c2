//! `account …`: write, list and check one-page accounts.

use super::{CliError, json_out, print_list, read_body, write_out};
use crate::domain::account::Account;
use crate::workspace::Workspace;
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

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

/// An account as `account list --json` prints it.
#[derive(Debug, Serialize)]
struct AccountJson<'a> {
    id: i64,
    #[serde(rename = "ref")]
    reference: String,
    version: &'a str,
    title: &'a str,
    status: &'static str,
    words: usize,
    page_use: u32,
    fits: bool,
    updated: &'a str,
}

/// What `account check --json` prints.
#[derive(Debug, Serialize)]
struct CheckJson<'a> {
    id: i64,
    words: usize,
    page_use: u32,
    fits: bool,
    reading_ease: Option<f64>,
    sentences: usize,
    long_sentences: usize,
    misspellings: Vec<MisspellingJson<'a>>,
}

/// A misspelt word, where it is, and what it might be.
#[derive(Debug, Serialize)]
struct MisspellingJson<'a> {
    word: &'a str,
    start: usize,
    line: usize,
    column: usize,
    suggestions: &'a [String],
}

impl AccountCommand {
    /// Runs the command, printing to `out`. `account fit` ends in
    /// [`CliError::DoesNotFit`] when the account is longer than its page.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::New { reference, body_file, title } => {
                let key = ws.resolve(reference)?;
                let body = read_body(body_file)?;
                let id = ws.new_account(&key, title, &body)?;
                let account = ws.account(id)?;
                let (_, fit) = ws.lay_out(&account, true)?;
                write_out(out, &format!("Started account {id} for {}: {}.", key.short_ref(), fit.describe()))?;
                unprintable_note(ws, &account, out)?;
                write_out(out, &id.to_string())
            }
            Self::Update { id, body_file, title } => {
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
            Self::List { json } => list(ws, *json, out),
            Self::Fit { id } => {
                let account = ws.account(*id)?;
                let (_, fit) = ws.lay_out(&account, true)?;
                write_out(out, &format!("{}%", fit.percent()))?;
                if fit.fits() { Ok(()) } else { Err(CliError::DoesNotFit { id: *id, size: fit.describe() }) }
            }
            Self::Check { id, json } => check(ws, *id, *json, out),
        }
    }
}

fn list(ws: &mut Workspace, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    print_list(
        out,
        json,
        &ws.account_summaries()?,
        |s| AccountJson {
            id: s.account.id,
            reference: s.account.key.short_ref(),
            version: &s.account.key.version,
            title: &s.account.title,
            status: s.status.as_str(),
            words: s.words,
            page_use: s.fit.percent(),
            fits: s.fit.fits(),
            updated: &s.account.updated_at,
        },
        |s| {
            format!(
                "{}\t{:<20}\t{:<22}\t{} words\t{}\t{}",
                s.account.id,
                s.account.key.short_ref(),
                s.status.label(),
                s.words,
                s.fit.describe(),
                s.account.title
            )
        },
    )
}

/// Says what in a saved account the page cannot print (kept, but to be replaced before signing).
fn unprintable_note(ws: &Workspace, account: &Account, out: &mut dyn Write) -> Result<(), CliError> {
    match ws.unprintable_in(account) {
        Some(missing) => write_out(
            out,
            &format!("Note: the page's font cannot print {missing}; replace them before the page is signed off."),
        ),
        None => Ok(()),
    }
}

/// `account check`: the same help the editor gives, as text or JSON.
fn check(ws: &mut Workspace, id: i64, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let c = ws.check_account(id)?;
    let ease = c.readability.reading_ease().map(|s| (s * 10.0).round() / 10.0);
    if json {
        let misspellings = c
            .misspellings
            .iter()
            .map(|s| {
                let m = &s.misspelling;
                MisspellingJson {
                    word: &m.word,
                    start: m.start,
                    line: m.line,
                    column: m.column,
                    suggestions: &s.suggestions,
                }
            })
            .collect();
        return json_out(
            out,
            &CheckJson {
                id,
                words: c.words,
                page_use: c.page_use,
                fits: c.fits,
                reading_ease: ease,
                sentences: c.readability.sentences,
                long_sentences: c.readability.long_sentences.len(),
                misspellings,
            },
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
