//! The college's side: exporting collective reports of 40, 100 and 500 contributions
//! in-process (lay out every page, subset the fonts, store each logo once, write to memory),
//! the largest as a web page, and importing and verifying one contribution
//! bundle.
//!
//! The contributions come from made-up LEROs (20 accounts each, every one a real signed
//! bundle with its own key and logo), made once before timing. The size of each report's PDF
//! is printed, to show how the file grows with contributions.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lero_evidence::workspace::{Workspace, check_bundle_file, sample_bundles};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// A college workspace whose report holds the first `n` of `bundles`.
fn college(dir: &Path, bundles: &[std::path::PathBuf], n: usize) -> Option<Workspace> {
    let ws = Workspace::open(&dir.join(format!("college-{n}.lero"))).ok()?;
    ws.new_report("How LEROs live the standards", Some("2026"), "Every LERO lives the standards its own way.").ok()?;
    for b in &bundles[..n] {
        ws.import_bundle(b).ok()?;
    }
    Some(ws)
}

fn reports(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let Ok(bundles) = sample_bundles(dir.path(), 25, 20) else { return };
    let mut group = c.benchmark_group("export collective report PDF");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    let mut largest = None;
    for n in [40, 100, 500] {
        let Some(mut ws) = college(dir.path(), &bundles, n) else { return };
        if let Ok(job) = ws.prepare_report_pdf(false)
            && let Ok(bytes) = job.render()
        {
            let (pages, size) = (job.page_count(), bytes.len());
            eprintln!("{n} contributions: {pages} pages, {size} bytes ({} per contribution)", size / n);
        }
        group.bench_with_input(BenchmarkId::from_parameter(format!("{n} contributions")), &n, |b, _| {
            b.iter(|| black_box(ws.prepare_report_pdf(false).and_then(|j| j.render()).map(|p| p.len()).ok()));
        });
        largest = Some((n, ws));
    }
    group.finish();

    // The largest report as one web page, made from the same input without laying out pages.
    let mut group = c.benchmark_group("export collective report web page");
    group.sample_size(10);
    let Some((n, mut ws)) = largest else { return };
    if let Ok(bytes) = ws.prepare_report_html(false).and_then(|j| j.render()) {
        eprintln!("{n} contributions as a web page: {} bytes ({} per contribution)", bytes.len(), bytes.len() / n);
    }
    group.bench_with_input(BenchmarkId::from_parameter(format!("{n} contributions")), &n, |b, _| {
        b.iter(|| black_box(ws.prepare_report_html(false).and_then(|j| j.render()).map(|p| p.len()).ok()));
    });
    group.finish();
}

fn bundles(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let Ok(bundles) = sample_bundles(dir.path(), 1, 1) else { return };
    let Some(ws) = college(dir.path(), &bundles, 1) else { return };
    c.bench_function("verify a bundle (read, open, check signature and fingerprint)", |b| {
        b.iter(|| black_box(check_bundle_file(black_box(&bundles[0])).is_ok()));
    });
    c.bench_function("import a bundle already in the report (verify, pinned key, dedupe)", |b| {
        b.iter(|| black_box(ws.import_bundle(black_box(&bundles[0])).is_ok()));
    });
}

criterion_group!(benches, reports, bundles);
criterion_main!(benches);
