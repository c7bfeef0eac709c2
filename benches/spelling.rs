//! The spelling check: parsing the en-GB dictionary (once per run of the app), checking a
//! 600-word account (whenever typing pauses), suggesting corrections for one misspelt word
//! (off the frame, a word at a time), and `account check` of a whole account.
//!
//! Run with `cargo bench --bench spelling`.

use criterion::{Criterion, criterion_group, criterion_main};
use lero_evidence::domain::spelling::{KnownWords, Speller};
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::layout::sample_prose;
use lero_evidence::workspace::Workspace;
use std::hint::black_box;

/// 600 words of ordinary prose with four misspellings and a local name mixed in.
fn account() -> String {
    let mut text = sample_prose(595);
    text.push_str(" We recieve, seperate and definately welcome Dridays.");
    text
}

fn spelling(c: &mut Criterion) {
    let Ok(speller) = Speller::british() else { return };
    let text = account();
    let known = KnownWords::new(["Brighter Days Recovery Community", "Zoë Adebayo", "Dafydd Evans"]);
    let found = speller.check_text(&text, &known);
    eprintln!(
        "{} words, {} misspelt: {:?}",
        text.split_whitespace().count(),
        found.len(),
        found.iter().map(|m| &m.word).collect::<Vec<_>>()
    );

    let mut group = c.benchmark_group("spelling");
    group.sample_size(20);
    group.bench_function("parse the en-GB dictionary", |b| b.iter(|| black_box(Speller::parse().ok())));
    group.bench_function("check a 600-word account", |b| {
        b.iter(|| black_box(speller.check_text(black_box(&text), &known)));
    });
    group.bench_function("suggest for one word (recieve)", |b| {
        b.iter(|| black_box(speller.suggest(black_box("recieve"))));
    });

    let Ok(dir) = tempfile::tempdir() else { return };
    let Ok(mut ws) = Workspace::open(&dir.path().join("ws.lero")) else { return };
    let key = StatementKey::new("clero-chime", "2021-22", "C1");
    let Ok(id) = ws.new_account(&key, "Fridays", &text) else { return };
    group.bench_function("account check of a 600-word account (4 suggestions)", |b| {
        b.iter(|| black_box(ws.check_account(id).ok()));
    });
    group.finish();
}

criterion_group!(benches, spelling);
criterion_main!(benches);
