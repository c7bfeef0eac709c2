//! A word-level comparison of two texts, to show what changed since a page was signed off.

/// How a run of text differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In both texts.
    Same,
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Removed,
}

/// A run of words (with the spaces between them) that changed in the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// How.
    pub change: Change,
    /// The words.
    pub text: String,
}

/// Splits text into words and the whitespace after each, so that joining the tokens gives the
/// text back exactly.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if i > start && in_space && !space {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Texts longer than this (in words, either side) are compared as one replaced block, to keep
/// the comparison's cost bounded.
const MAX_WORDS: usize = 4000;

/// The word-level difference from `old` to `new`, as runs in reading order.
#[allow(clippy::many_single_char_names, reason = "the textbook names of the LCS walk read best here")]
pub fn words(old: &str, new: &str) -> Vec<Part> {
    let (a, b) = (tokens(old), tokens(new));
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return [(Change::Removed, old), (Change::Added, new)]
            .into_iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(change, t)| Part { change, text: t.to_owned() })
            .collect();
    }
    // Longest common subsequence over words, compared without their trailing spaces.
    let key = |t: &str| t.trim_end().to_owned();
    let (ka, kb): (Vec<String>, Vec<String>) = (a.iter().map(|t| key(t)).collect(), b.iter().map(|t| key(t)).collect());
    let (n, m) = (ka.len(), kb.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] =
                if ka[i] == kb[j] { table[at(i + 1, j + 1)] + 1 } else { table[at(i + 1, j)].max(table[at(i, j + 1)]) };
        }
    }
    let mut out: Vec<Part> = Vec::new();
    let mut push = |change: Change, text: &str| match out.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => out.push(Part { change, text: text.to_owned() }),
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ka[i] == kb[j] {
            push(Change::Same, b[j]);
            i += 1;
            j += 1;
        } else if j < m && (i == n || table[at(i, j + 1)] >= table[at(i + 1, j)]) {
            push(Change::Added, b[j]);
            j += 1;
        } else {
            push(Change::Removed, a[i]);
            i += 1;
        }
    }
    out
}

/// True when the two texts differ in any word.
pub fn any_change(parts: &[Part]) -> bool {
    parts.iter().any(|p| p.change != Change::Same)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_rebuild_the_text() {
        let t = "Zoë  runs\nthe “Driday” –  social ";
        assert_eq!(tokens(t).concat(), t);
    }

    #[test]
    fn one_changed_word_is_shown() {
        let parts = words("We meet every Friday evening.", "We meet every Saturday evening.");
        let changed: Vec<(Change, &str)> =
            parts.iter().filter(|p| p.change != Change::Same).map(|p| (p.change, p.text.trim())).collect();
        assert_eq!(changed, vec![(Change::Added, "Saturday"), (Change::Removed, "Friday")]);
    }

    #[test]
    fn identical_texts_have_no_change() {
        assert!(!any_change(&words("same words here", "same words here")));
        assert!(any_change(&words("same words here", "same words here.")));
        assert!(words("", "").is_empty());
    }

    #[test]
    fn the_new_text_can_be_read_back_from_the_parts() {
        let (old, new) = ("A b c d e.", "A c d x e. And more.");
        let rebuilt: String =
            words(old, new).iter().filter(|p| p.change != Change::Removed).map(|p| p.text.as_str()).collect();
        assert_eq!(rebuilt, new);
    }
}
