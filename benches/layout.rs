//! Layout speed of a one-page account: from cold, and after one keystroke with a warm cache
//! (the editor re-lays the page out on every change, so this must stay far under a frame).
//!
//! Run with `cargo bench --bench layout`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lero_evidence::layout::{FontSet, Layouter, OnePager, SignoffLine};

/// About 600 words of realistic English in seven paragraphs (shared with the layout tests).
const PROSE: &str = include_str!("../src/layout/sample-prose.txt");

fn signoffs() -> Vec<SignoffLine> {
    [
        ("Siobhán Ó Súilleabháin", "Chair of trustees", true),
        ("Łukasz Nowak", "Peer volunteer coordinator", true),
        ("Dafydd Evans", "Chief officer", false),
    ]
    .into_iter()
    .map(|(name, role, lived_experience)| SignoffLine {
        name: name.to_owned(),
        role: role.to_owned(),
        date: "2026-11-22".to_owned(),
        lived_experience,
    })
    .collect()
}

fn page<'a>(body: &'a str, signoffs: &'a [SignoffLine]) -> OnePager<'a> {
    lero_evidence::layout::sample_one_pager(body, signoffs)
}

/// The first 600 words of the prose, paragraphs kept.
fn body_600() -> String {
    let mut left = 600;
    let mut paragraphs = Vec::new();
    for paragraph in PROSE.split("\n\n").map(str::trim) {
        let words: Vec<&str> = paragraph.split_whitespace().take(left).collect();
        left -= words.len();
        paragraphs.push(words.join(" "));
    }
    paragraphs.join("\n\n")
}

fn layout(c: &mut Criterion) {
    let Ok(fonts) = FontSet::embedded() else {
        eprintln!("the embedded fonts did not parse; nothing to measure");
        return;
    };
    let fonts = Arc::new(fonts);
    let signoffs = signoffs();
    let body = body_600();
    assert_eq!(body.split_whitespace().count(), 600);

    c.bench_function("fonts_parse_embedded", |b| b.iter(|| black_box(FontSet::embedded().is_ok())));

    c.bench_function("one_pager_600_words_cold", |b| {
        b.iter_batched(
            || Layouter::new(Arc::clone(&fonts)),
            |mut layouter| black_box(layouter.one_pager(&page(&body, &signoffs))),
            BatchSize::SmallInput,
        );
    });

    // Each iteration types one more character into the middle of the third paragraph, as a
    // writer does, so the changed paragraph is new to the cache every time.
    let mut layouter = Layouter::new(Arc::clone(&fonts));
    layouter.one_pager(&page(&body, &signoffs));
    let at = body.find("Volunteering is").unwrap_or(0) + 40;
    let mut typed = 0usize;
    c.bench_function("one_pager_600_words_keystroke", |b| {
        b.iter_batched(
            || {
                typed += 1;
                let mut edited = body.clone();
                let letter = char::from(b'a' + u8::try_from(typed % 26).unwrap_or(0));
                edited.insert_str(at, &letter.to_string().repeat(1 + typed / 26 % 8));
                edited
            },
            |edited| black_box(layouter.one_pager(&page(&edited, &signoffs))),
            BatchSize::SmallInput,
        );
    });
}

criterion_group!(benches, layout);
criterion_main!(benches);
