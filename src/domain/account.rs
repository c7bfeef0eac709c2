//! One-page accounts: how a LERO lives a standard day to day, and their revisions.

use super::standards::StatementKey;
use serde::{Deserialize, Serialize};

/// Largest account body accepted, in bytes (far beyond a page, so only nonsense is refused).
pub const MAX_BODY_BYTES: usize = crate::domain::limits::BODY_BYTES;
/// Longest account title, in characters.
pub const MAX_TITLE_CHARS: usize = crate::domain::limits::TITLE;

/// Where an account is on its way to being sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountStatus {
    /// Being written; nobody has signed it off.
    Draft,
    /// Some sign-offs given, the workspace rule not yet met.
    Awaiting,
    /// Signed off, and unchanged since.
    Signed,
    /// Edited after it was signed off: the sign-offs no longer cover the text.
    Changed,
}

impl AccountStatus {
    /// The word used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Draft => "draft",
            AccountStatus::Awaiting => "awaiting",
            AccountStatus::Signed => "signed",
            AccountStatus::Changed => "changed",
        }
    }

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Draft => "Draft",
            AccountStatus::Awaiting => "Awaiting sign-off",
            AccountStatus::Signed => "Signed off",
            AccountStatus::Changed => "Changed since sign-off",
        }
    }
}

/// An account as stored: the working draft of one statement's one-pager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Row id.
    pub id: i64,
    /// The statement it is about, pinned to its set version.
    pub key: StatementKey,
    /// Its title (may be empty: the statement title then heads the page).
    pub title: String,
    /// The text: blank line = paragraph, `- ` = bullet, `> ` = a member's quote.
    pub body: String,
    /// Who wrote it, as free text.
    pub authors: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

impl Account {
    /// What people call it: its title, or, when it has none, the statement's code and title
    /// ("C1 Peer support and support groups"), never an internal reference.
    pub fn name(&self, statement_title: &str) -> String {
        match (self.title.is_empty(), statement_title.is_empty()) {
            (false, _) => self.title.clone(),
            (true, false) => format!("{} {statement_title}", self.key.code),
            (true, true) => self.key.code.clone(),
        }
    }
}

/// Why a revision was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisionReason {
    /// A PDF or bundle was made from it.
    Exported,
    /// Someone signed it off.
    Signed,
}

impl RevisionReason {
    /// Stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionReason::Exported => "exported",
            RevisionReason::Signed => "signed",
        }
    }
}

/// A frozen copy of an account as it was exported or signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Row id.
    pub id: i64,
    /// The account.
    pub account_id: i64,
    /// 1, 2, 3… per account.
    pub number: i64,
    /// Title then.
    pub title: String,
    /// Body then.
    pub body: String,
    /// The fingerprint of the page it showed.
    pub fingerprint: String,
    /// When it was kept.
    pub created_at: String,
}

/// Counts words the way a writer would: runs of non-space characters.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Checks a title and body; returns a sentence saying what is wrong.
pub fn check_text(title: &str, body: &str) -> Result<(), String> {
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(format!("The title is longer than {MAX_TITLE_CHARS} letters: shorten it."));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(format!(
            "The text is {} KB, far more than a page holds: paste only the account (a page holds about 550 words).",
            body.len() / 1024
        ));
    }
    if let Some(c) = body.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(format!(
            "The text contains an invisible control character (U+{:04X}): copy it through a plain text editor and try again.",
            u32::from(c)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_a_writer_would() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("Zoë runs the “Driday” social – every week."), 7);
        assert_eq!(word_count("- one\n- two\n\n> three"), 3);
    }

    #[test]
    fn control_characters_and_huge_texts_are_refused() {
        assert!(check_text("T", "Plain text\n\nwith paragraphs").is_ok());
        assert!(check_text("T", "bad \u{7} bell").is_err());
        assert!(check_text("T", &"word ".repeat(50_000)).is_err());
        assert!(check_text(&"t".repeat(201), "").is_err());
    }
}
