//! "Where we stand" for a LERO after years of use: the 10,000-evidence sample workspace
//! (`sample_large_workspace`: 10,000 evidence items, 2,000 accounts, 200 actions), gathered,
//! laid out and written as a tagged PDF in memory. The size of the PDF is printed.
//!
//! Run with `cargo bench --bench summary`.

use criterion::{Criterion, criterion_group, criterion_main};
use lero_evidence::workspace::{Workspace, sample_large_workspace};
use std::hint::black_box;
use std::time::Duration;

fn summary(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("large.lero");
    let Ok(ws) = sample_large_workspace(&path, 10_000, 2_000) else { return };
    drop(ws);
    let Ok(ws) = Workspace::open(&path) else { return };
    if let Ok(job) = ws.prepare_summary()
        && let Ok(bytes) = job.render()
    {
        eprintln!("“Where we stand” of the 10,000-evidence sample: {} pages, {} bytes", job.page_count(), bytes.len());
    }
    let mut group = c.benchmark_group("where we stand");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("gather (10,000 evidence items)", |b| {
        b.iter(|| black_box(ws.summary_input(time::macros::date!(2026 - 12 - 07)).map(|i| i.evidence.len()).ok()));
    });
    group.bench_function("gather, lay out and write the PDF (10,000 evidence items)", |b| {
        b.iter(|| black_box(ws.prepare_summary().and_then(|j| j.render()).map(|p| p.len()).ok()));
    });
    group.finish();
}

criterion_group!(benches, summary);
criterion_main!(benches);
