//! A LERO that has used the app for years: opening a workspace with 10,000 evidence items and
//! 2,000 accounts and working out its dashboard; the dashboard's queries alone; the account
//! list; and searching the standards.
//!
//! The workspace is made once before timing (`sample_large_workspace`); its size is printed.
//!
//! Run with `cargo bench --bench workspace`.

use criterion::{Criterion, criterion_group, criterion_main};
use lero_evidence::domain::builtin::builtin_sets;
use lero_evidence::domain::standards::StatementSearch;
use lero_evidence::workspace::{Workspace, sample_large_workspace};
use std::hint::black_box;
use std::time::{Duration, Instant};

const EVIDENCE: usize = 10_000;
const ACCOUNTS: usize = 2_000;

fn large_workspace(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("large.lero");
    let started = Instant::now();
    let Ok(ws) = sample_large_workspace(&path, EVIDENCE, ACCOUNTS) else { return };
    drop(ws);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    eprintln!(
        "made a workspace of {EVIDENCE} evidence items and {ACCOUNTS} accounts in {:.1} s: {size} bytes",
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("large workspace");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("open and work out the dashboard", |b| {
        b.iter(|| {
            let ws = Workspace::open(&path).ok()?;
            black_box(ws.dashboard().ok())
        });
    });
    let Ok(mut ws) = Workspace::open(&path) else { return };
    group.bench_function("dashboard queries", |b| b.iter(|| black_box(ws.dashboard().ok())));
    group.bench_function("account list with statuses and page fit", |b| {
        b.iter(|| black_box(ws.account_summaries().ok()));
    });
    group.finish();
}

fn search(c: &mut Criterion) {
    let Ok(sets) = builtin_sets() else { return };
    let mut group = c.benchmark_group("standards search");
    group.bench_function("prepare the built-in sets", |b| b.iter(|| black_box(StatementSearch::new(&sets))));
    let index = StatementSearch::new(&sets);
    for query in ["peer", "C1", "lived experience recovery", "nothing matches this"] {
        group.bench_function(format!("find “{query}”"), |b| b.iter(|| black_box(index.find(query))));
    }
    group.finish();
}

criterion_group!(benches, large_workspace, search);
criterion_main!(benches);
