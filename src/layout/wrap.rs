//! Greedy line breaking by words, measured with the embedded fonts, and a cache of wrapped
//! blocks so that typing one character re-wraps only the paragraph it changed.

use std::collections::HashMap;

use crate::layout::fonts::{FontSet, units_to_points};
use crate::layout::page::Style;

/// How wide a line may be, with a little slack so that a line measured at exactly the width
/// is not pushed over by floating-point rounding.
const SLACK_PT: f32 = 0.001;

/// Breaks `text` into lines no wider than `width` points, greedily by words (runs of
/// whitespace become one space). A word wider than a line is broken between characters, so
/// no line ever crosses the right margin. Empty text gives no lines.
pub(crate) fn wrap(fonts: &FontSet, text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
    let upem = fonts.units_per_em(style);
    let fits = |units: u32| units_to_points(units, size, upem) <= width + SLACK_PT;
    let space = fonts.advance_units(style, ' ');

    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_units = 0u32;
    for word in text.split_whitespace() {
        let word_units = fonts.width_units(style, word);
        if !line.is_empty() {
            if fits(line_units.saturating_add(space).saturating_add(word_units)) {
                line.push(' ');
                line.push_str(word);
                line_units = line_units.saturating_add(space).saturating_add(word_units);
                continue;
            }
            lines.push(std::mem::take(&mut line));
        }
        if fits(word_units) {
            line.push_str(word);
            line_units = word_units;
        } else {
            line_units = break_long_word(fonts, word, style, &fits, &mut lines, &mut line);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Breaks a word too wide for a line into full lines pushed onto `lines`; its last piece is
/// left in `line` (so the next word may join it) and its width in units returned.
fn break_long_word(
    fonts: &FontSet,
    word: &str,
    style: Style,
    fits: &impl Fn(u32) -> bool,
    lines: &mut Vec<String>,
    line: &mut String,
) -> u32 {
    let mut units = 0u32;
    for c in word.chars() {
        let c_units = fonts.advance_units(style, c);
        // A combining accent stays with its letter; every line keeps at least one character,
        // so even a line narrower than one glyph makes progress.
        if !line.is_empty() && !is_combining(c) && !fits(units.saturating_add(c_units)) {
            lines.push(std::mem::take(line));
            units = 0;
        }
        line.push(c);
        units = units.saturating_add(c_units);
    }
    units
}

/// Combining diacritical marks, which must not start a line on their own.
fn is_combining(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Past this many entries the cache is emptied: typing leaves old versions of a paragraph
/// behind, and a clear every few hundred keystrokes costs one cold layout (well under a
/// millisecond), far cheaper than tracking use.
const CACHE_CAP: usize = 512;

/// What a wrap depends on besides the text: face, size and width (as exact bit patterns, so
/// that equal inputs always hit and nothing is rounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct WrapParams {
    style: Style,
    size_bits: u32,
    width_bits: u32,
}

/// Wrapped lines per (text, face, size, width).
#[derive(Debug, Default)]
pub(crate) struct WrapCache {
    // Keyed by parameters first so that a lookup borrows the text instead of copying it.
    entries: HashMap<WrapParams, HashMap<Box<str>, Vec<String>>>,
    len: usize,
    misses: u64,
}

impl WrapCache {
    /// The lines of `text`, wrapped now or remembered from an earlier call.
    pub(crate) fn lines(&mut self, fonts: &FontSet, text: &str, style: Style, size: f32, width: f32) -> &[String] {
        let params = WrapParams { style, size_bits: size.to_bits(), width_bits: width.to_bits() };
        let hit = self.entries.get(&params).is_some_and(|m| m.contains_key(text));
        if !hit {
            if self.len >= CACHE_CAP {
                self.entries.clear();
                self.len = 0;
            }
            let lines = wrap(fonts, text, style, size, width);
            self.entries.entry(params).or_default().insert(text.into(), lines);
            self.len += 1;
            self.misses += 1;
        }
        self.entries.get(&params).and_then(|m| m.get(text)).map_or(&[], Vec::as_slice)
    }

    /// How many wraps were computed rather than remembered (for tests of the cache).
    #[cfg(test)]
    pub(crate) fn misses(&self) -> u64 {
        self.misses
    }

    /// How many wrapped texts are held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::tests::fonts;

    #[test]
    fn wraps_greedily_by_words_within_the_width() {
        let fonts = fonts();
        let text = "Peer mentors meet new members at the door, walk them through the week and stay \
                    in touch after they leave the programme, because recovery does not end at discharge.";
        let width = 200.0;
        let lines = wrap(&fonts, text, Style::Regular, 10.0, width);
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), text);
        for (i, line) in lines.iter().enumerate() {
            assert!(fonts.width(Style::Regular, line, 10.0) <= width + 0.01, "{line}");
            // Greedy: the next line's first word would not have fitted.
            if let Some(next) = lines.get(i + 1) {
                let first = next.split(' ').next().unwrap_or_default();
                assert!(fonts.width(Style::Regular, &format!("{line} {first}"), 10.0) > width);
            }
        }
    }

    #[test]
    fn breaks_a_word_longer_than_the_line() {
        let fonts = fonts();
        let word = "x".repeat(300);
        let lines = wrap(&fonts, &format!("see {word} here"), Style::Bold, 10.0, 120.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat().replace(' ', ""), format!("see{word}here"));
        assert!(lines.iter().all(|l| fonts.width(Style::Bold, l, 10.0) <= 120.0 + 0.01));
    }

    #[test]
    fn keeps_combining_accents_with_their_letter_and_always_progresses() {
        let fonts = fonts();
        let lines = wrap(&fonts, "e\u{301}e\u{301}e\u{301}", Style::Regular, 10.0, 1.0);
        assert_eq!(lines, vec!["e\u{301}", "e\u{301}", "e\u{301}"]);
        assert!(wrap(&fonts, "  \n ", Style::Regular, 10.0, 100.0).is_empty());
        assert_eq!(wrap(&fonts, "ab", Style::Regular, 10.0, 0.0), vec!["a", "b"]);
    }

    #[test]
    fn cache_remembers_and_is_capped() {
        let fonts = fonts();
        let mut cache = WrapCache::default();
        let first = cache.lines(&fonts, "one two three", Style::Regular, 10.0, 50.0).to_vec();
        assert_eq!(cache.lines(&fonts, "one two three", Style::Regular, 10.0, 50.0), first.as_slice());
        assert_eq!(cache.misses(), 1);
        cache.lines(&fonts, "one two three", Style::Italic, 10.0, 50.0);
        cache.lines(&fonts, "one two three", Style::Regular, 10.0, 60.0);
        assert_eq!(cache.misses(), 3);
        for i in 0..2 * CACHE_CAP {
            cache.lines(&fonts, &format!("text {i}"), Style::Regular, 10.0, 50.0);
            assert!(cache.len() <= CACHE_CAP);
        }
    }
}
