//! The organisation's workbook (`export table`) for a LERO after years of use: 10,000
//! evidence items and 2,000 accounts (`sample_large_workspace`), prepared and written to
//! memory as a workbook of four sheets, and its assessments as CSV.
//!
//! Run with `cargo bench --bench workbook`.

use criterion::{Criterion, criterion_group, criterion_main};
use lero_evidence::workspace::{TableKind, Workspace, sample_large_workspace};
use std::hint::black_box;
use std::time::Duration;

const EVIDENCE: usize = 10_000;
const ACCOUNTS: usize = 2_000;

fn workbook(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("large.lero");
    let Ok(ws) = sample_large_workspace(&path, EVIDENCE, ACCOUNTS) else { return };
    drop(ws);
    let Ok(ws) = Workspace::open(&path) else { return };
    if let Some(bytes) = ws.prepare_workbook(TableKind::Xlsx).ok().and_then(|j| j.render().ok()) {
        eprintln!("the workbook of {EVIDENCE} evidence items and {ACCOUNTS} accounts is {} bytes", bytes.len());
    }
    let mut group = c.benchmark_group("workbook");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for (kind, name) in [(TableKind::Xlsx, "workbook of four sheets"), (TableKind::Csv, "assessments as CSV")] {
        group.bench_function(format!("{name} ({EVIDENCE} evidence items, {ACCOUNTS} accounts)"), |b| {
            b.iter(|| {
                let job = ws.prepare_workbook(black_box(kind)).ok();
                black_box(job.and_then(|j| j.render().ok()).map(|bytes| bytes.len()))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, workbook);
criterion_main!(benches);
