//! One-pager PDF export in-process: check, lay out, keep the revision and write the PDF
//! (fonts subset, logo encoded) to memory, on the demo workspace's 456-word account.

use criterion::{Criterion, criterion_group, criterion_main};
use lero_evidence::workspace::Workspace;
use std::hint::black_box;

fn one_pager(c: &mut Criterion) {
    let Ok(mut ws) = Workspace::open_demo() else { return };
    let Some(id) =
        ws.accounts().ok().and_then(|a| a.iter().find(|a| a.title == "Friday nights at the Hub").map(|a| a.id))
    else {
        return;
    };
    c.bench_function("export one-pager PDF (456 words, logo)", |b| {
        b.iter(|| {
            let job = ws.prepare_pdf(black_box(id), true).ok();
            black_box(job.and_then(|j| j.render().ok()).map(|bytes| bytes.len()))
        });
    });
}

criterion_group!(benches, one_pager);
criterion_main!(benches);
