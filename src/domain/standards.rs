//! Standard sets: the data a LERO assesses itself against.
//!
//! A set is identified by a stable `id` and a `version`; a statement inside it by a stable
//! `code`. Work is always pinned to all three, so importing a new version never rewrites old
//! work. Sets arrive as TOML (see `standards/README.md` for the format) or as text pasted out
//! of a standards PDF (see [`crate::domain::paste`]).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Who a statement applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AppliesTo {
    /// Every LERO.
    #[default]
    All,
    /// Only LEROs with a formal organisational structure (a board, staff, policies).
    Formal,
}

impl AppliesTo {
    /// The word used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            AppliesTo::All => "all",
            AppliesTo::Formal => "formal",
        }
    }

    /// Reads the word used in files; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "all" => Some(AppliesTo::All),
            "formal" => Some(AppliesTo::Formal),
            _ => None,
        }
    }
}

/// One statement of a standard set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable code, unique within the set (for example `C1` or `2.3`).
    pub code: String,
    /// Short title.
    pub title: String,
    /// The statement text.
    pub text: String,
    /// Who it applies to.
    #[serde(default)]
    pub applies_to: AppliesTo,
    /// Questions that help a writer say how the LERO lives this statement.
    #[serde(default)]
    pub prompts: Vec<String>,
    /// Kinds of evidence that typically show it.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Free tags for search.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A titled group of statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Section title, for example "Culture and values".
    pub title: String,
    /// Optional short introduction.
    #[serde(default)]
    pub summary: String,
    /// Statements in the order the publisher gives them.
    #[serde(default)]
    pub statements: Vec<Statement>,
}

/// A whole standard set at one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardSet {
    /// Stable identifier: lowercase letters, digits and `-`.
    pub id: String,
    /// Version label, for example `2024` or `1.1`.
    pub version: String,
    /// Title as the publisher gives it.
    pub title: String,
    /// Who published the standards.
    pub publisher: String,
    /// Publication date as known (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default)]
    pub published: String,
    /// Where the text comes from.
    #[serde(default)]
    pub source: String,
    /// An honest line about provenance: whose wording this is.
    pub status: String,
    /// Sections in order.
    pub sections: Vec<Section>,
}

/// A statement's full reference: set id, version and code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StatementKey {
    /// Set id.
    pub set_id: String,
    /// Set version.
    pub version: String,
    /// Statement code.
    pub code: String,
}

impl StatementKey {
    /// Builds a key from its parts.
    pub fn new(set_id: &str, version: &str, code: &str) -> Self {
        Self { set_id: set_id.to_owned(), version: version.to_owned(), code: code.to_owned() }
    }

    /// The short reference `SET_ID/CODE`, as used on the command line.
    pub fn short_ref(&self) -> String {
        format!("{}/{}", self.set_id, self.code)
    }
}

impl fmt::Display for StatementKey {
    /// The full reference `SET_ID@VERSION/CODE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}/{}", self.set_id, self.version, self.code)
    }
}

/// A reference as a user types it: `SET_ID/CODE` (newest version) or `SET_ID@VERSION/CODE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRef {
    /// Set id.
    pub set_id: String,
    /// Version, if the user named one.
    pub version: Option<String>,
    /// Statement code.
    pub code: String,
}

impl StatementRef {
    /// Parses `SET_ID/CODE` or `SET_ID@VERSION/CODE`; `None` when the shape is wrong.
    pub fn parse(s: &str) -> Option<Self> {
        let (set_part, code) = s.trim().split_once('/')?;
        let (set_id, version) = match set_part.split_once('@') {
            Some((id, v)) => (id, Some(v.to_owned())),
            None => (set_part, None),
        };
        if set_id.is_empty() || code.is_empty() || version.as_deref() == Some("") {
            return None;
        }
        Some(Self { set_id: set_id.to_owned(), version, code: code.to_owned() })
    }
}

impl StandardSet {
    /// Every statement with the index of its section, in order.
    pub fn statements(&self) -> impl Iterator<Item = (usize, &Section, &Statement)> {
        self.sections.iter().enumerate().flat_map(|(i, s)| s.statements.iter().map(move |st| (i, s, st)))
    }

    /// The statement with this code, if any.
    pub fn statement(&self, code: &str) -> Option<&Statement> {
        self.statements().map(|(_, _, s)| s).find(|s| s.code == code)
    }

    /// Number of statements in all sections.
    pub fn statement_count(&self) -> usize {
        self.sections.iter().map(|s| s.statements.len()).sum()
    }
}

/// Finds statements by words, codes or tags. Built once from the sets shown; each search
/// then only compares lower-case text already prepared.
#[derive(Debug, Clone, Default)]
pub struct StatementSearch {
    /// Each statement with its code, title, text, section title and tags in lower case.
    entries: Vec<(StatementKey, String)>,
}

impl StatementSearch {
    /// Prepares the statements of `sets` for searching.
    pub fn new(sets: &[StandardSet]) -> Self {
        let mut entries = Vec::new();
        for set in sets {
            for (_, section, s) in set.statements() {
                let mut text = [s.code.as_str(), &s.title, &s.text, &section.title].join("\n");
                for tag in &s.tags {
                    text.push('\n');
                    text.push_str(tag);
                }
                entries.push((StatementKey::new(&set.id, &set.version, &s.code), text.to_lowercase()));
            }
        }
        Self { entries }
    }

    /// The statements holding every word of `query`, ignoring case; every statement when the
    /// query has no words.
    pub fn find(&self, query: &str) -> std::collections::HashSet<StatementKey> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.entries
            .iter()
            .filter(|(_, text)| words.iter().all(|w| text.contains(w.as_str())))
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// How many statements there are to search.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Compares two version labels naturally: `2` < `10`, `1.9` < `1.10`, `2021` < `2024`.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, text)) if *d == digit => text.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(cb.iter()) {
        let ord = match (x.0, y.0) {
            (true, true) => {
                let xa = x.1.trim_start_matches('0');
                let yb = y.1.trim_start_matches('0');
                xa.len().cmp(&yb.len()).then_with(|| xa.cmp(yb))
            }
            _ => x.1.cmp(&y.1),
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn refs_parse_with_and_without_version() {
        let r = StatementRef::parse("clero-chime/C1").unwrap();
        assert_eq!((r.set_id.as_str(), r.version, r.code.as_str()), ("clero-chime", None, "C1"));
        let r = StatementRef::parse("national@2024/1.2").unwrap();
        assert_eq!(r.version.as_deref(), Some("2024"));
        assert!(StatementRef::parse("nocode").is_none());
        assert!(StatementRef::parse("/C1").is_none());
        assert!(StatementRef::parse("x@/C1").is_none());
    }

    #[test]
    fn versions_compare_naturally() {
        assert_eq!(compare_versions("2", "10"), Ordering::Less);
        assert_eq!(compare_versions("1.10", "1.9"), Ordering::Greater);
        assert_eq!(compare_versions("2024", "2024"), Ordering::Equal);
        assert_eq!(compare_versions("2021-22", "2024"), Ordering::Less);
    }

    #[test]
    fn search_finds_every_word_in_any_case_and_all_for_no_words() {
        let sets = crate::domain::builtin::builtin_sets().unwrap();
        let search = StatementSearch::new(&sets);
        let all: usize = sets.iter().map(StandardSet::statement_count).sum();
        assert_eq!(search.len(), all);
        assert_eq!(search.find("   ").len(), all, "no words shows everything");
        let peer = search.find("PEER");
        assert!(!peer.is_empty() && peer.len() < all, "{} of {all}", peer.len());
        let narrower = search.find("peer  recovery");
        assert!(narrower.is_subset(&peer) && !narrower.is_empty());
        let chime = sets.iter().find(|s| s.id == "clero-chime").unwrap();
        assert!(search.find("c1").contains(&StatementKey::new("clero-chime", &chime.version, "C1")));
        assert!(search.find("zzqxj").is_empty());
    }
}
