//! Help with writing: the workspace's word list, the British spelling check and the whole
//! check of an account (`account check`).

use super::{Result, Workspace, WorkspaceError, bad_input};
use crate::domain::account::{AccountStatus, word_count};
use crate::domain::readability::Readability;
use crate::domain::spelling::{KnownWords, Misspelling, Speller};
use std::sync::Arc;

/// The longest word the word list takes.
const MAX_WORD_CHARS: usize = 60;

/// A misspelt word with what it might have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggested {
    /// The word and where it is.
    pub misspelling: Misspelling,
    /// Likely corrections, best first (may be empty).
    pub suggestions: Vec<String>,
}

/// Everything `account check` reports about one account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountCheck {
    /// Words in the body.
    pub words: usize,
    /// How much of the page's text area it uses, in percent.
    pub page_use: u32,
    /// Whether it fits on one page.
    pub fits: bool,
    /// How easy it is to read: sentences, long sentences, the reading-ease score.
    pub readability: Readability,
    /// Words the spelling check does not know, with suggestions.
    pub misspellings: Vec<Suggested>,
}

/// Why a word cannot go on the word list, as a sentence; `None` when it can.
fn word_problem(word: &str) -> Option<String> {
    if word.is_empty() {
        return Some("An empty word cannot be added: type the word itself.".to_owned());
    }
    if word.chars().any(char::is_whitespace) {
        return Some(format!("“{word}” is more than one word: add each word on its own (words add first second)."));
    }
    if word.chars().count() > MAX_WORD_CHARS {
        return Some(format!("“{word}” is longer than {MAX_WORD_CHARS} letters: add a real word."));
    }
    if !word.chars().any(char::is_alphabetic) {
        return Some(format!("“{word}” has no letters: only words need adding, numbers are never flagged."));
    }
    if let Some(c) = word.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'))) {
        return Some(format!(
            "“{word}” contains “{c}”: a word holds only letters, with an apostrophe or hyphen inside it."
        ));
    }
    None
}

impl Workspace {
    /// The word list, sorted.
    pub fn words(&self) -> Result<Vec<String>> {
        Ok(self.store.words()?)
    }

    /// Adds words to the word list, so the spelling check accepts them; returns how many were
    /// new. Nothing is added unless every word is one word.
    pub fn add_words(&mut self, words: &[String]) -> Result<usize> {
        let words: Vec<String> = words.iter().map(|w| w.trim().to_owned()).collect();
        if words.is_empty() {
            return bad_input("Give at least one word to add.");
        }
        if let Some(problem) = words.iter().find_map(|w| word_problem(w)) {
            return bad_input(format!("{problem} Nothing was added."));
        }
        Ok(self.store.add_words(&words)?)
    }

    /// Takes a word off the word list; returns whether it was there.
    pub fn remove_word(&self, word: &str) -> Result<bool> {
        Ok(self.store.remove_word(word.trim())?)
    }

    /// The words the spelling check accepts beyond the dictionary: the word list, and every
    /// word of the organisation's name and of its people's names.
    pub fn known_words(&self) -> Result<KnownWords> {
        let mut entries = self.store.words()?;
        if let Some(org) = self.store.organisation()? {
            entries.push(org.name);
        }
        entries.extend(self.store.people()?.into_iter().map(|p| p.name));
        Ok(KnownWords::new(entries))
    }

    /// The British English spelling check (parsed once per process).
    pub fn speller(&self) -> Result<Arc<Speller>> {
        Speller::british().map_err(|e| WorkspaceError::Broken(e.to_string()))
    }

    /// Words, page use, reading ease and misspelt words (with suggestions) of an account.
    pub fn check_account(&mut self, id: i64) -> Result<AccountCheck> {
        let account = self.account(id)?;
        let draft = self.account_status(id)? != AccountStatus::Signed;
        let (_, fit) = self.lay_out(&account, draft)?;
        let speller = self.speller()?;
        let known = self.known_words()?;
        // Suggestions take tens of milliseconds: once for each different word.
        let mut suggested: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        let misspellings = speller
            .check_text(&account.body, &known)
            .into_iter()
            .map(|m| {
                let suggestions = suggested.entry(m.word.clone()).or_insert_with(|| speller.suggest(&m.word)).clone();
                Suggested { suggestions, misspelling: m }
            })
            .collect();
        Ok(AccountCheck {
            words: word_count(&account.body),
            page_use: fit.percent(),
            fits: fit.fits(),
            readability: Readability::of(&account.body),
            misspellings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::word_problem;

    #[test]
    fn only_single_words_are_taken() {
        assert_eq!(word_problem("Dridays"), None);
        assert_eq!(word_problem("Ó’Súilleabháin"), None);
        assert_eq!(word_problem("walk-in"), None);
        for bad in ["", "two words", "1234", "hello!", &"a".repeat(61)] {
            assert!(word_problem(bad).is_some(), "{bad:?} was taken");
        }
    }
}
