//! Any text as an account's title and body: laying out the page (paragraphs, bullets, quotes,
//! line breaking with the real font metrics) never panics, and the fit it reports is sane.
#![no_main]

use lero_evidence::layout::{FontSet, Layouter, OnePager};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

static FONTS: OnceLock<Arc<FontSet>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let fonts = FONTS.get_or_init(|| Arc::new(FontSet::embedded().expect("the embedded fonts load")));
    let (title, body) = text.split_once('\n').unwrap_or(("", text));
    let mut layouter = Layouter::new(Arc::clone(fonts));
    let input = OnePager { org_name: "Brighter Days", title, body, ..OnePager::default() };
    let (_, fit) = layouter.one_pager(&input);
    assert!(fit.used_pt.is_finite() && fit.used_pt >= 0.0, "the page use is a number");
    assert!(fit.overflow_lines <= fit.lines, "no more lines overflow than there are");
});
