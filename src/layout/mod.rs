//! Page layout: one engine places the one-pager for both the editor's live preview and the
//! PDF, so "fits" in the editor means it fits on paper.
//!
//! Text is measured with the embedded Noto Sans faces exactly as the PDF writer places it (cmap
//! glyph advances, no kerning). The module knows nothing of egui or of any PDF library: it
//! turns an account into a [`Page`] of positioned items, and writers draw those items.
//!
//! | file | what it holds |
//! | --- | --- |
//! | `page.rs` | the laid-out page: items in points from the top-left corner, each with its role, and the structure tree |
//! | `fonts.rs` | the embedded faces and their advances |
//! | `blocks.rs` | body text read into paragraphs, bullet items and members' quotes |
//! | `wrap.rs` | greedy line breaking and the per-paragraph cache |
//! | `typeset.rs` | the shared core: frame and body measures, text cut to fit, the page under construction (items, roles, structure), bullets, quote bars, the watermark |
//! | `flow.rs` | the paginating flow: lines down the column across pages, repeated table headers, body blocks broken across pages |
//! | `one_pager.rs` | the one-page account, a builder on the core: header, body, sign-off block, footer, fit |
//! | `report.rs` | the collective report, a builder on the flow: cover, contents, introduction, sections, contributors, running footer |
//! | `table.rs` | tables of wrapped cells on the flow: headings repeated on every page a table runs onto, a row never split |
//! | `summary.rs` | "Where we stand", the self-assessment pack: cover, chart of stages, statements, evidence, action plan, accounts, statements that do not apply |
//!
//! A new document is one more builder: it measures with a `Typesetter`, places items on a
//! `Sheet` (or a `Flow`, when it runs over pages), opens a structure node for each block it
//! places, and gives every item its role.

pub(crate) mod blocks;
mod flow;
pub mod fonts;
pub mod one_pager;
pub mod page;
pub mod report;
pub mod summary;
mod table;
mod typeset;
mod wrap;

use std::sync::Arc;

pub use fonts::{FontError, FontSet};
pub use one_pager::{Fit, OnePager, SignoffLine, set_label};
pub use page::{Bookmark, Content, Item, Node, Page, Rgb, Role, Style};
pub use report::{ContributorLine, ReportContribution, ReportInput, ReportSection};
pub use summary::SummaryInput;
pub use typeset::watermark;

/// Lays out pages, remembering wrapped paragraphs between calls so that a re-layout after a
/// keystroke only re-wraps the paragraph that changed. Keep one per editor (or per export)
/// and call it again with each new text.
#[derive(Debug)]
pub struct Layouter {
    fonts: Arc<FontSet>,
    cache: wrap::WrapCache,
}

impl Layouter {
    /// A layouter measuring with `fonts` (shared with the writer that will draw the pages).
    #[must_use]
    pub fn new(fonts: Arc<FontSet>) -> Self {
        Layouter { fonts, cache: wrap::WrapCache::default() }
    }

    /// The fonts pages are measured with; a writer must draw with these same faces.
    #[must_use]
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }
}

/// About 600 words of realistic English (5.5 letters a word) in seven paragraphs, the kind of
/// account a LERO writes.
const SAMPLE_PROSE: &str = include_str!("sample-prose.txt");

/// `words` words of the sample prose in its paragraphs, repeating it as needed. For tests,
/// benchmarks and made-up workspaces.
#[doc(hidden)]
pub fn sample_prose(words: usize) -> String {
    let mut out = Vec::new();
    let mut left = words;
    for p in SAMPLE_PROSE.split("\n\n").cycle() {
        if left == 0 {
            break;
        }
        let taken: Vec<&str> = p.split_whitespace().take(left).collect();
        left -= taken.len();
        out.push(taken.join(" "));
    }
    out.join("\n\n")
}

/// A one-pager with every header field filled, as a real one gets at its fullest: a square
/// logo (the tallest its box allows) and a long statement title. For tests and benchmarks.
#[doc(hidden)]
#[must_use]
pub fn sample_one_pager<'a>(body: &'a str, signoffs: &'a [SignoffLine]) -> OnePager<'a> {
    OnePager {
        org_name: "Brighter Futures Recovery Community",
        logo_px: Some((400, 400)),
        set_title: "CLERO Quality Standards for Lived Experience Recovery Organisations",
        set_version: "2.1",
        statement_code: "2.3",
        statement_title: "People with lived experience of addiction and recovery are meaningfully involved \
                          in designing, delivering and reviewing every part of the organisation's work",
        title: "How our members shape everything we do",
        body,
        signoffs,
        fingerprint: Some("3f2a 9c41 0b7e 55d2"),
        generated_on: "2026-11-22",
        app_version: "0.1.0",
        draft: false,
    }
}
