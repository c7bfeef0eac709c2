//! British English spelling: finding the words of an account, checking them against the
//! en-GB Hunspell dictionary (`assets/dictionaries/en-GB`, read by the `spellbook` checker)
//! and the workspace's own words, and suggesting corrections.
//!
//! Checking is cheap (a 600-word page in well under a millisecond) and is done whenever the
//! text settles; suggestions are slower (tens of milliseconds a word) and are only worked out
//! for words someone looks at.

use foldhash::fast::FixedState;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

static AFF: &str = include_str!("../../assets/dictionaries/en-GB/en_GB.aff");
static DIC: &str = include_str!("../../assets/dictionaries/en-GB/en_GB.dic");
static EXTRA: &str = include_str!("../../assets/dictionaries/en-GB/extra-words.txt");

/// At most this many suggestions are offered for a word.
pub const MAX_SUGGESTIONS: usize = 5;

/// The built-in dictionary could not be read: only a broken build can cause this.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the built-in British English dictionary could not be read ({0}); reinstall the app")]
pub struct SpellingError(String);

/// A word the check does not know, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelling {
    /// The word as written.
    pub word: String,
    /// Where it is in the text, in bytes (for underlining it).
    pub range: Range<usize>,
    /// Where it starts, in characters (Unicode scalar values) from the start of the text.
    pub start: usize,
    /// Its line, counting from 1.
    pub line: usize,
    /// Its column on that line, in characters, counting from 1.
    pub column: usize,
}

/// Words a workspace knows beyond the dictionary: its word list and the names of the
/// organisation and its people. Matched without regard to case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownWords(HashSet<String>);

impl KnownWords {
    /// Every word of each entry (so "Siobhán Ní Bhriain" makes all three known).
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = S>) -> Self {
        let mut set = HashSet::new();
        for entry in entries {
            for token in tokens(entry.as_ref()) {
                set.insert(fold_case(token.text));
            }
        }
        Self(set)
    }

    /// Whether `word` is one of them.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(&fold_case(word))
    }

    /// How many words are known.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when none are.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `word` as the known words keep it: lower case, with a curly apostrophe made straight, so
/// O’Brien and O'Brien are the same name.
fn fold_case(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// The British English checker: the dictionary, parsed once per process, and the app's few
/// extra words.
pub struct Speller {
    dictionary: spellbook::Dictionary<FixedState>,
    extra: KnownWords,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The parsed dictionary is large and says nothing useful when printed.
        f.debug_struct("Speller").finish_non_exhaustive()
    }
}

impl Speller {
    /// The British English checker, parsed the first time it is asked for (about 13 ms) and
    /// shared after.
    pub fn british() -> Result<Arc<Speller>, SpellingError> {
        static SPELLER: OnceLock<Result<Arc<Speller>, SpellingError>> = OnceLock::new();
        SPELLER.get_or_init(Self::parse).clone()
    }

    /// Parses the dictionary afresh, not shared (for measuring how long that takes).
    #[doc(hidden)]
    pub fn parse() -> Result<Arc<Speller>, SpellingError> {
        // A fixed seed: with spellbook's default random one, suggestions of equal weight came
        // in a different order from one run to the next.
        let dictionary = spellbook::Dictionary::new_with_hasher(AFF, DIC, FixedState::with_seed(0))
            .map_err(|e| SpellingError(e.to_string()))?;
        let extra = KnownWords::new(EXTRA.lines().filter(|l| !l.trim_start().starts_with('#')));
        Ok(Arc::new(Speller { dictionary, extra }))
    }

    /// Whether `word` (one word, as written) is spelt right, or is known to the workspace.
    pub fn check_word(&self, word: &str, known: &KnownWords) -> bool {
        let ok = |w: &str| known.contains(w) || self.extra.contains(w) || self.dictionary.check(w);
        if ok(word) {
            return true;
        }
        // Members’ and Siobhán’s (possessives) are right when members and Siobhán are.
        let stem = stem(word);
        if stem != word && ok(stem) {
            return true;
        }
        // Co-production is right when co and production are.
        if word.contains('-') && word.split('-').all(|part| !part.is_empty() && ok(part)) {
            return true;
        }
        // Borrowed words keep their accents (naïve, café) where the dictionary has none.
        let plain = without_accents(word);
        plain != word && ok(&plain)
    }

    /// Every word of `text` the check does not know, in order.
    pub fn check_text(&self, text: &str, known: &KnownWords) -> Vec<Misspelling> {
        let skipped = addresses(text);
        // Both lists run in text order, so one pass over each tells which words are inside
        // an address.
        let mut next_address = skipped.iter().peekable();
        let mut out = Vec::new();
        let mut at = Position::default();
        for token in tokens(text) {
            while next_address.peek().is_some_and(|r| r.end <= token.range.start) {
                next_address.next();
            }
            let in_address = next_address.peek().is_some_and(|r| r.start <= token.range.start);
            if in_address || !worth_checking(token.text) || self.check_word(token.text, known) {
                continue;
            }
            // A possessive is reported (and corrected, or added to a word list) as its stem:
            // Dridays’ and Siobhán’s are about Dridays and Siobhán.
            let word = stem(token.text);
            let range = token.range.start..token.range.start + word.len();
            at.advance(text, range.start);
            out.push(Misspelling { word: word.to_owned(), range, start: at.chars, line: at.line, column: at.column });
        }
        out
    }

    /// Up to [`MAX_SUGGESTIONS`] corrections for `word`, likeliest first (tens of
    /// milliseconds: call it for words someone looks at, not for every word).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary.suggest(word, &mut out);
        out.truncate(MAX_SUGGESTIONS);
        out
    }
}

/// A word of a text and where it is, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    text: &'a str,
    range: Range<usize>,
}

/// The words of `text`: letters and digits, with apostrophes and hyphens kept inside a word
/// (don’t, co-production) and a trailing apostrophe kept for plural possessives (members’).
fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = chars.next()?;
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_alphanumeric() {
                    end = i + c.len_utf8();
                    chars.next();
                    continue;
                }
                if matches!(c, '\'' | '’' | '-') {
                    let after = text[i + c.len_utf8()..].chars().next();
                    if after.is_some_and(char::is_alphanumeric) {
                        end = i + c.len_utf8();
                        chars.next();
                        continue;
                    }
                    // A trailing apostrophe after an s: members’.
                    if c != '-' && text[..i].ends_with(['s', 'S']) {
                        end = i + c.len_utf8();
                        chars.next();
                    }
                }
                break;
            }
            return Some(Token { text: &text[start..end], range: start..end });
        }
    })
}

/// A word without a possessive ending (’s, 's, or a final apostrophe); the word itself when
/// it has none.
fn stem(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix(['’', '\'']))
        .filter(|s| !s.is_empty())
        .unwrap_or(word)
}

/// Words that are not for a dictionary: anything with a digit (2019, 6pm), and acronyms in
/// capitals (LERO, NHS, GPs).
fn worth_checking(word: &str) -> bool {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let core = match letters.split_last() {
        Some((&'s', rest)) if rest.len() >= 2 => rest,
        _ => &letters[..],
    };
    !(core.len() >= 2 && core.iter().all(|c| c.is_uppercase()))
}

/// Byte ranges of web and email addresses, which are not words to check.
fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let trimmed = chunk.trim_end();
        let lower = trimmed.to_lowercase();
        if lower.contains("://") || lower.starts_with("www.") || (trimmed.contains('@') && trimmed.contains('.')) {
            out.push(offset..offset + trimmed.len());
        }
        offset += chunk.len();
    }
    out
}

/// `word` with the accents of common Latin letters taken off (café → cafe, É → E).
fn without_accents(word: &str) -> String {
    let plain = |c: char| match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    };
    word.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let folded = plain(lower);
            if folded == lower {
                c
            } else if c.is_uppercase() {
                folded.to_ascii_uppercase()
            } else {
                folded
            }
        })
        .collect()
}

/// A running position in a text, moved forward only, so that placing every misspelling
/// costs one pass over the text.
#[derive(Debug, Clone, Copy)]
struct Position {
    byte: usize,
    chars: usize,
    line: usize,
    column: usize,
}

impl Default for Position {
    fn default() -> Self {
        Self { byte: 0, chars: 0, line: 1, column: 1 }
    }
}

impl Position {
    fn advance(&mut self, text: &str, to: usize) {
        for c in text.get(self.byte..to).unwrap_or_default().chars() {
            self.chars += 1;
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.byte = to.max(self.byte);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller() -> Arc<Speller> {
        Speller::british().expect("the built-in dictionary parses")
    }

    fn flagged(text: &str) -> Vec<String> {
        speller().check_text(text, &KnownWords::default()).into_iter().map(|m| m.word).collect()
    }

    #[test]
    fn common_misspellings_are_flagged_and_british_spellings_are_not() {
        assert_eq!(flagged("We recieve, seperate and definately check."), ["recieve", "seperate", "definately"]);
        assert_eq!(
            flagged(
                "Our organisation runs a programme; colour, behaviour, centre, licence and judgement. We recognise it."
            ),
            Vec::<String>::new()
        );
        // The dictionary is the "-ise" British one: American spellings are flagged.
        assert_eq!(flagged("The color of the organization"), ["color", "organization"]);
    }

    #[test]
    fn sentence_capitals_apostrophes_and_hyphens_are_understood() {
        assert_eq!(
            flagged(
                "Peer support. We’re sure you don’t mind; we're peer-led and value co-production and the members’ forum."
            ),
            Vec::<String>::new()
        );
        assert_eq!(flagged("Our wellbeing café is naïve about naloxone. CAFÉ"), Vec::<String>::new());
        assert_eq!(without_accents("Café NAÏVE Łukasz"), "Cafe NAIVE Łukasz");
    }

    #[test]
    fn acronyms_numbers_and_addresses_are_left_alone() {
        assert_eq!(
            flagged(
                "LERO and CLERO members, NHS GPs, at 6pm on 12th May 2024: see https://example.org/xyzzy or mail qwzx@example.org."
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_workspace_words_and_names_are_known_in_any_case() {
        let known = KnownWords::new(["Dridays", "Siobhán Ní Bhriain"]);
        assert_eq!(known.len(), 4);
        let s = speller();
        let found: Vec<String> = s
            .check_text("Siobhán’s group runs dridays with Bhriain's help and Łukasz.", &known)
            .into_iter()
            .map(|m| m.word)
            .collect();
        assert_eq!(found, ["Łukasz"]);
    }

    #[test]
    fn a_possessive_is_reported_as_its_stem_and_apostrophes_match_either_way() {
        let text = "The ‘Dridays’ crew and Qwelly’s group.";
        let found = speller().check_text(text, &KnownWords::new(["O'Brien"]));
        let words: Vec<(&str, &str)> = found.iter().map(|m| (m.word.as_str(), &text[m.range.clone()])).collect();
        assert_eq!(words, [("Dridays", "Dridays"), ("Qwelly", "Qwelly")]);
        assert!(speller().check_word("O’Brien", &KnownWords::new(["O'Brien"])));
        assert!(speller().check_word("o'brien", &KnownWords::new(["O’Brien"])));
    }

    #[test]
    fn words_inside_web_and_mail_addresses_are_skipped_in_one_pass() {
        let text = "Qwz www.qwzx.org then qwzy and mail qwzz@qwz.org, then qwzw.";
        let found: Vec<String> =
            speller().check_text(text, &KnownWords::default()).into_iter().map(|m| m.word).collect();
        assert_eq!(found, ["Qwz", "qwzy", "qwzw"]);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "Łukasz said:\n“we recieve it”";
        let found = speller().check_text(text, &KnownWords::new(["Łukasz"]));
        assert_eq!(found.len(), 1);
        let m = &found[0];
        assert_eq!(&text[m.range.clone()], "recieve");
        assert_eq!((m.start, m.line, m.column), (17, 2, 5));
    }

    #[test]
    fn suggestions_put_the_likely_word_first() {
        let s = speller();
        assert_eq!(s.suggest("recieve").first().map(String::as_str), Some("receive"));
        assert_eq!(s.suggest("seperate").first().map(String::as_str), Some("separate"));
        assert_eq!(s.suggest("definately").first().map(String::as_str), Some("definitely"));
        assert!(s.suggest("recieve").len() <= MAX_SUGGESTIONS);
    }

    #[test]
    fn suggestions_come_in_the_same_order_every_time() {
        let first = Speller::parse().expect("dictionary").suggest("Dridays");
        for _ in 0..3 {
            assert_eq!(Speller::parse().expect("dictionary").suggest("Dridays"), first);
        }
    }

    #[test]
    fn tokens_keep_apostrophes_and_hyphens_inside_words_only() {
        let words: Vec<&str> = tokens("‘Don’t’ - co-op, members’ 'quoted' end-").map(|t| t.text).collect();
        assert_eq!(words, ["Don’t", "co-op", "members’", "quoted", "end"]);
    }
}
