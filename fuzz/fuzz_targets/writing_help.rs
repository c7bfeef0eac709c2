//! Any text as an account's body, with its first line as a word list entry: the spelling
//! check and the reading-ease figures never panic, every misspelling names exactly the text
//! at its place, and positions only move forward.
#![no_main]

use lero_evidence::domain::readability::Readability;
use lero_evidence::domain::spelling::{KnownWords, Speller};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let speller = Speller::british().expect("the built-in dictionary parses");
    let (words, body) = text.split_once('\n').unwrap_or(("", text));
    let known = KnownWords::new([words]);
    let r = Readability::of(body);
    assert!(r.long_sentences.iter().all(|s| body.get(s.clone()).is_some()), "sentences fall on character boundaries");
    if let Some(ease) = r.reading_ease() {
        assert!(ease.is_finite(), "the score is a number");
    }
    let found = speller.check_text(body, &known);
    let mut last = None;
    for m in &found {
        assert_eq!(body.get(m.range.clone()), Some(m.word.as_str()), "the word is the text at its place");
        assert!(m.line >= 1 && m.column >= 1, "lines and columns count from 1");
        assert!(last.is_none_or(|l| l < m.start), "positions move forward");
        last = Some(m.start);
    }
    // Suggestions are slow (tens of milliseconds): one short word in one input of sixteen
    // keeps the fuzzer on the tokeniser and the checks, where the inputs vary most.
    if data.len() % 16 == 0
        && let Some(m) = found.iter().find(|m| m.word.chars().count() <= 12)
    {
        assert!(speller.suggest(&m.word).len() <= lero_evidence::domain::spelling::MAX_SUGGESTIONS);
    }
});
