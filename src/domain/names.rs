//! One rule for the names people read: organisations, people, roles, report and account
//! titles. A name is stored in Unicode's composed form (NFC) with its spaces trimmed and
//! collapsed, and may not hold characters that change how other text is shown or that cannot
//! be seen at all (bidi controls, zero-width and other invisible format characters, control
//! characters, private-use characters). Names in every script, written in their own
//! direction, stay as they are typed.
//!
//! Two names are the same identity when they look alike: [`looks_alike`] compares Unicode's
//! confusable skeletons (TR39), so "Dear Albеrt" with a Cyrillic е is the same identity as
//! "Dear Albert", and so is "DEAR ALBERT".

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

/// Why a name cannot be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} holds {}, {}: it can make text look like something else. Delete it (retyping the name by hand does that), then try again.",
    capitalised(what),
    hidden.describe(),
    place
)]
pub struct NameError {
    /// What the name is of: "the organisation's name".
    pub what: String,
    /// The character refused.
    pub hidden: Hidden,
    /// Where it is, in words: "after “Dear Al” (character 8)".
    pub place: String,
}

/// A character a name may not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hidden(pub char);

impl Hidden {
    /// What the character is, in words, with its code: "a hidden right-to-left override
    /// (U+202E)".
    pub fn describe(self) -> String {
        let c = self.0;
        let code = format!("U+{:04X}", u32::from(c));
        let named = match c {
            '\u{00AD}' => Some("a hidden soft hyphen"),
            '\u{034F}' => Some("a hidden combining grapheme joiner"),
            '\u{061C}' => Some("a hidden Arabic letter mark"),
            '\u{200B}' => Some("a zero-width space"),
            '\u{200C}' => Some("a zero-width non-joiner"),
            '\u{200D}' => Some("a zero-width joiner"),
            '\u{200E}' => Some("a hidden left-to-right mark"),
            '\u{200F}' => Some("a hidden right-to-left mark"),
            '\u{202A}' => Some("a hidden left-to-right embedding"),
            '\u{202B}' => Some("a hidden right-to-left embedding"),
            '\u{202C}' => Some("a hidden pop-directional-formatting mark"),
            '\u{202D}' => Some("a hidden left-to-right override"),
            '\u{202E}' => Some("a hidden right-to-left override"),
            '\u{2060}' => Some("a hidden word joiner"),
            '\u{2066}' => Some("a hidden left-to-right isolate"),
            '\u{2067}' => Some("a hidden right-to-left isolate"),
            '\u{2068}' => Some("a hidden first-strong isolate"),
            '\u{2069}' => Some("a hidden pop-directional-isolate mark"),
            '\u{FEFF}' => Some("a zero-width no-break space"),
            _ => None,
        };
        if let Some(n) = named {
            return format!("{n} ({code})");
        }
        match get_general_category(c) {
            GeneralCategory::Control => format!("a control character ({code})"),
            GeneralCategory::PrivateUse => format!("a private-use character that no font shows ({code})"),
            _ => format!("a hidden formatting character ({code})"),
        }
    }
}

/// `text` with its first letter in capitals, to start a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Unicode's `Default_Ignorable_Code_Point` ranges (`DerivedCoreProperties.txt`): characters
/// that are drawn as nothing at all.
const DEFAULT_IGNORABLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180F}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF0}', '\u{FFF8}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

/// Format characters that are drawn (signs that span the digits after them), so not hidden.
const VISIBLE_FORMAT: &[(char, char)] = &[
    ('\u{0600}', '\u{0605}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
];

fn in_ranges(c: char, ranges: &[(char, char)]) -> bool {
    ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// True for a character that is drawn as nothing, or changes how the text around it is drawn.
fn is_hidden(c: char) -> bool {
    if in_ranges(c, DEFAULT_IGNORABLE) {
        return true;
    }
    match get_general_category(c) {
        GeneralCategory::Control | GeneralCategory::PrivateUse | GeneralCategory::Surrogate => true,
        GeneralCategory::Format => !in_ranges(c, VISIBLE_FORMAT),
        _ => false,
    }
}

/// Scripts written with joining letters or conjuncts, where a zero-width joiner or non-joiner
/// between two of their letters is part of how a word is spelt (Persian, Hindi, Malayalam…).
fn joins_within(script: Script) -> bool {
    !matches!(
        script,
        Script::Common
            | Script::Inherited
            | Script::Unknown
            | Script::Latin
            | Script::Greek
            | Script::Cyrillic
            | Script::Armenian
            | Script::Georgian
            | Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Hangul
    )
}

/// A zero-width joiner or non-joiner is kept between two letters of one script that needs it.
fn joiner_in_context(prev: Option<char>, c: char, next: Option<char>) -> bool {
    if !matches!(c, '\u{200C}' | '\u{200D}') {
        return false;
    }
    match (prev, next) {
        (Some(p), Some(n)) => p.script() == n.script() && joins_within(p.script()),
        _ => false,
    }
}

/// Emoji and text presentation selectors only choose how a symbol is drawn; pages are printed
/// in one colour, so they are dropped rather than refused.
fn is_presentation_selector(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}')
}

/// The name in its stored form (NFC, presentation selectors dropped, every run of spaces,
/// tabs or line breaks one space, trimmed), without any check.
pub fn tidy(text: &str) -> String {
    let composed: String = text.nfc().filter(|c| !is_presentation_selector(*c)).collect();
    let mut out = String::with_capacity(composed.len());
    for word in composed.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Tidies a name (see [`tidy`]) and refuses one that holds a hidden character, saying which
/// and where. `what` names it in a sentence: "the organisation's name". An empty result is
/// returned as it is: whether a name may be empty is the caller's rule.
pub fn clean(text: &str, what: &str) -> Result<String, NameError> {
    let name = tidy(text);
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if is_hidden(c) && !joiner_in_context(prev, c, next) {
            return Err(NameError { what: what.to_owned(), hidden: Hidden(c), place: place(&chars, i) });
        }
    }
    Ok(name)
}

/// Where character `i` is, in words a person can find it by.
fn place(chars: &[char], i: usize) -> String {
    let before: String = chars[..i].iter().filter(|c| !is_hidden(**c)).collect();
    let shown: String = if before.chars().count() > 24 {
        let tail: Vec<char> = before.chars().rev().take(24).collect();
        format!("…{}", tail.into_iter().rev().collect::<String>())
    } else {
        before
    };
    if shown.trim().is_empty() {
        format!("at its start (character {})", i + 1)
    } else {
        format!("after “{shown}” (character {})", i + 1)
    }
}

/// `text` tidied with every hidden character left out: for copies of names kept before the
/// rule (a signer's name as it was then), which are shown, never typed again.
pub fn visible(text: &str) -> String {
    let kept: String = text.chars().filter(|c| !is_hidden(*c)).collect();
    tidy(&kept)
}

/// The first hidden character in `text`, for checking text that was not typed here (a bundle
/// or receipt from another app), with the same rule as [`clean`].
pub fn check(text: &str, what: &str) -> Result<(), NameError> {
    clean(text, what).map(|_| ())
}

/// What a name looks like, for comparing identities: the TR39 confusable skeleton of the
/// tidied name without hidden characters, as written, case-folded (compatibility form), and
/// the written skeleton case-folded. Two names look alike when any form is the same.
pub fn identity(name: &str) -> [String; 3] {
    let visible: String = tidy(name).chars().filter(|c| !is_hidden(*c)).collect();
    let as_written: String = visible.nfkc().collect();
    let folded: String = as_written.to_lowercase().nfkc().collect();
    let written = skeleton(&as_written);
    // A capital I reads as l before case is ignored: "dear aIbert" is Dear Albert too.
    let both = skeleton(&written.to_lowercase());
    [written, skeleton(&folded), both]
}

fn skeleton(text: &str) -> String {
    unicode_security::skeleton(text).collect()
}

/// How `name` is written differently from `other`, which looks like it, said so a person can
/// find the letters: "е (U+0435) where the other has e (U+0065)". Letter by letter where the
/// two are as long; otherwise the letters `other` does not have. Empty when they differ only in
/// case or spacing.
pub fn letters_not_in(name: &str, other: &str) -> String {
    let code = |c: char| format!("{c} (U+{:04X})", u32::from(c));
    let (mine, theirs): (Vec<char>, Vec<char>) = (tidy(name).chars().collect(), tidy(other).chars().collect());
    let mut said: Vec<String> = Vec::new();
    if mine.len() == theirs.len() {
        for (a, b) in mine.iter().zip(&theirs) {
            let same_letter = a.to_lowercase().eq(b.to_lowercase());
            let shown = format!("{} where the other has {}", code(*a), code(*b));
            if !same_letter && !said.contains(&shown) {
                said.push(shown);
            }
        }
    } else {
        for c in mine.iter().filter(|c| !c.is_whitespace() && !theirs.contains(c)) {
            if !said.contains(&code(*c)) {
                said.push(code(*c));
            }
        }
    }
    said.join(", ")
}

/// True when two names would pass for each other on a page: the same after tidying, or the
/// same confusable skeleton as written or ignoring case.
pub fn looks_alike(a: &str, b: &str) -> bool {
    let (x, y) = (identity(a), identity(b));
    x.iter().zip(&y).any(|(p, q)| p == q)
}

/// Names in a sentence: "Ann", "Ann and Bo", "Ann, Bo and Cy".
pub fn and_list<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_a_sentence_are_joined_with_commas_and_a_last_and() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["Ann"]), "Ann");
        assert_eq!(and_list(&["Ann", "Bo"]), "Ann and Bo");
        assert_eq!(and_list(&["Ann", "Bo", "Cy"]), "Ann, Bo and Cy");
    }

    #[test]
    fn names_people_really_have_are_kept_as_typed() {
        for name in [
            "Zoë Adebayo",
            "Siobhán Ó Súilleabháin",
            "Łukasz Wiśniewski",
            "Nguyễn Thị Minh Khai",
            "Dafydd ap Llŷr",
            "محمد عبد الله",
            "דוד כהן",
            "O’Brien-Smith",
            "Ævar Þór",
            "Мария Иванова",
            "김민준",
            "王秀英",
            "Renée d’Arcy",
            // Persian and Hindi write a zero-width non-joiner / joiner inside words.
            "می\u{200C}خواهم",
            "क्\u{200D}ष",
        ] {
            assert_eq!(clean(name, "the name"), Ok(name.to_owned()), "{name}");
        }
    }

    #[test]
    fn names_are_composed_and_their_spaces_collapsed() {
        assert_eq!(clean("  Zoe\u{0308}   Adebayo\t\n", "the name").unwrap(), "Zoë Adebayo");
        assert_eq!(clean("Dear\u{00A0}Albert", "the name").unwrap(), "Dear Albert");
        assert_eq!(clean("Coffee \u{2615}\u{FE0F} club", "the title").unwrap(), "Coffee \u{2615} club");
        assert_eq!(clean("   ", "the name").unwrap(), "");
    }

    #[test]
    fn hidden_characters_are_refused_with_what_and_where() {
        let e = clean("treb\u{202E}lA", "the organisation's name").unwrap_err();
        assert_eq!(e.hidden, Hidden('\u{202E}'));
        let s = e.to_string();
        assert!(
            s.starts_with(
                "The organisation's name holds a hidden right-to-left override (U+202E), after “treb” (character 5)"
            ),
            "{s}"
        );
        for (text, c) in [
            ("Dear\u{200B}Albert", '\u{200B}'),
            ("Dear Albert\u{200D}", '\u{200D}'),
            ("\u{2066}Dear Albert", '\u{2066}'),
            ("Dear\u{200E} Albert", '\u{200E}'),
            ("Dear\u{200F} Albert", '\u{200F}'),
            ("Dear \u{202A}Albert", '\u{202A}'),
            ("Dear \u{2069}Albert", '\u{2069}'),
            ("Dear Al\u{00AD}bert", '\u{00AD}'),
            ("Dear\u{FEFF}Albert", '\u{FEFF}'),
            ("Dear\u{0007}Albert", '\u{0007}'),
            ("Dear\u{E000}Albert", '\u{E000}'),
            ("Dear\u{3164}Albert", '\u{3164}'),
            ("Dear\u{E0041}Albert", '\u{E0041}'),
            ("Dear\u{2060}Albert", '\u{2060}'),
            ("Latin a\u{200C}b", '\u{200C}'),
        ] {
            let e = clean(text, "the name").unwrap_err();
            assert_eq!(e.hidden, Hidden(c), "{text:?}");
        }
        assert!(clean("\u{202E}Albert", "the name").unwrap_err().to_string().contains("at its start (character 1)"));
        assert!(clean("a\u{0007}", "the name").unwrap_err().to_string().contains("a control character (U+0007)"));
    }

    #[test]
    fn the_letters_that_differ_are_named() {
        assert_eq!(
            letters_not_in("Dear Alb\u{0435}rt", "Dear Albert"),
            "\u{0435} (U+0435) where the other has e (U+0065)"
        );
        assert_eq!(
            letters_not_in("Dear Albert", "Dear Alb\u{0435}rt"),
            "e (U+0065) where the other has \u{0435} (U+0435)"
        );
        assert_eq!(letters_not_in("Dear AIbert", "Dear Albert"), "I (U+0049) where the other has l (U+006C)");
        assert_eq!(letters_not_in("Dear  albert", "Dear Albert"), "");
        assert_eq!(letters_not_in("Dear Albert\u{0430}", "Dear Albert"), "\u{0430} (U+0430)");
    }

    #[test]
    fn look_alikes_share_an_identity() {
        assert!(looks_alike("Dear Albert", "Dear Alb\u{0435}rt"));
        assert!(looks_alike("Dear Albert", "DEAR ALBERT"));
        assert!(looks_alike("Dear Albert", "Dear AIbert"));
        assert!(looks_alike("Dear Albert", "dear aIbert"));
        assert!(looks_alike("Dear Albert", "Dear AIBert"));
        assert!(looks_alike("Dear Albert", "  Dear   Albert "));
        assert!(looks_alike("Dear Albert", "Dear Al\u{200B}bert"));
        assert!(looks_alike("Dear Albert", "Ｄｅａｒ Ａｌｂｅｒｔ"));
        assert!(looks_alike("Zoë's Place", "Zoe\u{0308}'s Place"));
        assert!(looks_alike("Paypal", "Раураl"));
        assert!(!looks_alike("Dear Albert", "Dear Alberta"));
        assert!(!looks_alike("Dear Albert", "Wirral Ways to Recovery"));
        assert!(!looks_alike("Zoë's Place", "Zoe's Place Two"));
    }
}
