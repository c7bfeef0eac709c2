//! How easy an account is to read: sentences, their length, and the Flesch reading-ease
//! score, worked out from the text alone, so the editor and `account check` give the same
//! help.

use std::ops::Range;

/// A sentence longer than this many words is pointed out as long.
pub const LONG_SENTENCE: usize = 25;

/// What the text is like to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    /// Words (runs of letters and digits, apostrophes and hyphens inside them).
    pub words: usize,
    /// Sentences: ended by a full stop, question or exclamation mark, or by the end of a
    /// paragraph, list item or heading line.
    pub sentences: usize,
    /// Syllables, estimated from the spelling.
    pub syllables: usize,
    /// Where each sentence of more than [`LONG_SENTENCE`] words is, in bytes of the text.
    pub long_sentences: Vec<Range<usize>>,
}

impl Readability {
    /// Measures a text.
    pub fn of(text: &str) -> Self {
        let mut r = Self { words: 0, sentences: 0, syllables: 0, long_sentences: Vec::new() };
        for sentence in sentences(text) {
            let words: Vec<&str> = words(&text[sentence.clone()]).collect();
            if words.is_empty() {
                continue;
            }
            r.sentences += 1;
            r.words += words.len();
            r.syllables += words.iter().map(|w| syllables(w)).sum::<usize>();
            if words.len() > LONG_SENTENCE {
                r.long_sentences.push(sentence);
            }
        }
        r
    }

    /// Average words in a sentence; `None` for a text without words.
    pub fn words_per_sentence(&self) -> Option<f64> {
        (self.sentences > 0).then(|| count(self.words) / count(self.sentences))
    }

    /// The Flesch reading-ease score (higher is easier; 60 to 70 is plain English); `None`
    /// for a text without words.
    pub fn reading_ease(&self) -> Option<f64> {
        let per_sentence = self.words_per_sentence()?;
        let per_word = count(self.syllables) / count(self.words);
        Some(206.835 - 1.015 * per_sentence - 84.6 * per_word)
    }

    /// The score in words a new volunteer understands.
    pub fn describe(&self) -> String {
        let Some(score) = self.reading_ease() else { return "Nothing to read yet.".to_owned() };
        let band = match score {
            s if s >= 80.0 => "very easy to read",
            s if s >= 60.0 => "plain English, easy for most people to read",
            s if s >= 50.0 => "fairly hard to read: try shorter sentences and words",
            _ => "hard to read: try shorter sentences and everyday words",
        };
        format!("Reading ease {score:.0}: {band}.")
    }
}

/// Counts as a float for the averages; texts never hold 2^52 words.
#[allow(clippy::cast_precision_loss, reason = "counts of words in one page")]
fn count(n: usize) -> f64 {
    n as f64
}

/// The byte ranges of the sentences of a text.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = match c {
            '\n' => true,
            '.' | '!' | '?' | '…' => next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | ')')),
            _ => false,
        };
        if ends {
            let end = i + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The words of a text: runs of letters and digits, keeping apostrophes and hyphens inside.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(|c: char| matches!(c, '\'' | '’' | '-')))
        .filter(|w| w.chars().any(char::is_alphabetic))
}

/// Syllables in an English word, estimated: groups of vowels, less a silent final "e".
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'è' | 'ë' | 'ó' | 'á' | 'í' | 'ú');
    let mut groups = 0;
    let mut in_vowels = false;
    for &c in &w {
        let v = vowel(c);
        if v && !in_vowels {
            groups += 1;
        }
        in_vowels = v;
    }
    // "time", "make": a final "e" after a consonant is silent, but not in "people", "the".
    let n = w.len();
    if n > 2 && w[n - 1] == 'e' && !vowel(w[n - 2]) && w[n - 2] != 'l' && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_counted_from_the_spelling() {
        for (word, n) in [
            ("cat", 1),
            ("time", 1),
            ("people", 2),
            ("the", 1),
            ("reading", 2),
            ("recovery", 4),
            ("organisation", 5),
            ("community", 4),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn short_plain_sentences_score_high_and_long_ones_are_found() {
        let plain = Readability::of("The cat sat on the mat. We meet on Fridays!");
        assert_eq!((plain.words, plain.sentences), (10, 2));
        let score = plain.reading_ease().unwrap();
        assert!(score > 90.0, "{score}");
        assert!(plain.long_sentences.is_empty());

        let long = "Our organisation's commitment to meaningful participation encompasses \
                    comprehensive consultation mechanisms, representative governance structures, \
                    collaborative evaluation methodologies and co-produced organisational \
                    development initiatives involving volunteers, trustees, commissioners, \
                    partner organisations and everyone else.";
        let text = format!("We meet weekly. {long} Come along.");
        let r = Readability::of(&text);
        assert_eq!(r.sentences, 3);
        assert_eq!(r.long_sentences.len(), 1);
        assert_eq!(&text[r.long_sentences[0].clone()].trim(), &long);
        assert!(r.reading_ease().unwrap() < 30.0, "{}", r.describe());
        assert!(r.describe().contains("hard to read"));
    }

    #[test]
    fn paragraphs_and_list_items_end_sentences_and_an_empty_text_has_no_score() {
        let r = Readability::of("Our groups\n- Monday: walking\n- Friday: Driday social\n\nThat is all.");
        assert_eq!(r.sentences, 4);
        assert_eq!(Readability::of("  \n\n ").reading_ease(), None);
        assert_eq!(Readability::of("").describe(), "Nothing to read yet.");
        assert_eq!(Readability::of("e.g. 3.5 people").sentences, 2, "a stop followed by a space ends a sentence");
    }
}
