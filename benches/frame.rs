//! The window's CPU cost, driven through `egui_kittest` exactly as the app draws itself:
//!
//! - opening a workspace of 10,000 evidence items and 2,000 accounts and drawing the first
//!   frame of its dashboard (open the file, work out the dashboard, lay out and tessellate);
//! - each frame while typing into a 600-word account in that workspace: the editor re-lays
//!   the page out after every keystroke. A frame's cost is the app's UI code and egui's layout
//!   (`Harness::step`, which also builds the accessibility tree a screen reader would read)
//!   plus tessellating the frame's shapes into triangles, as the real window does before
//!   painting. Painting itself is the graphics card's (or llvmpipe's) work and not counted.
//!
//! Prints the median, 95th percentile and worst of each. Run with `cargo bench --bench frame`.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lero_evidence::ui::picker::testing::FakePicker;
use lero_evidence::ui::{App, UiState};
use lero_evidence::workspace::{Workspace, sample_large_workspace};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const EVIDENCE: usize = 10_000;
const ACCOUNTS: usize = 2_000;
/// Keystrokes timed while typing.
const KEYSTROKES: usize = 600;
/// Times the workspace is opened afresh.
const OPENINGS: usize = 20;

/// A laptop-sized window on the workspace at `path`.
fn window(path: &Path) -> Harness<'static, App> {
    let app = App::new(
        Workspace::open(path).map_err(|e| e.to_string()),
        UiState::default(),
        Arc::new(FakePicker::cancelled()),
    );
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// One frame: the UI and egui's layout, then tessellation.
fn frame(h: &mut Harness<'static, App>) -> Duration {
    let started = Instant::now();
    h.step();
    let shapes = h.output().shapes.clone();
    let triangles = h.ctx.tessellate(shapes, h.ctx.pixels_per_point());
    std::hint::black_box(triangles);
    started.elapsed()
}

/// Median, 95th percentile and worst, in milliseconds.
fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times[i].as_secs_f64() * 1000.0
    };
    println!(
        "{what}: median {:.2} ms, p95 {:.2} ms, worst {:.2} ms ({} samples)",
        at(0.5),
        at(0.95),
        at(1.0),
        times.len()
    );
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("large.lero");
    let Ok(ws) = sample_large_workspace(&path, EVIDENCE, ACCOUNTS) else { return };
    drop(ws);

    let mut openings = Vec::new();
    for _ in 0..OPENINGS {
        let started = Instant::now();
        let mut h = window(&path);
        frame(&mut h);
        openings.push(started.elapsed());
    }
    report(
        &format!("open a workspace of {EVIDENCE} evidence items and {ACCOUNTS} accounts and draw its dashboard"),
        openings,
    );

    let mut h = window(&path);
    frame(&mut h);
    h.state_mut().open_account_for_test(1);
    for _ in 0..3 {
        frame(&mut h);
    }
    h.get_by_label("Your account").focus();
    frame(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    frame(&mut h);
    frame(&mut h);
    let mut typing = Vec::with_capacity(KEYSTROKES);
    let text = " and members lead it";
    for c in text.chars().cycle().take(KEYSTROKES) {
        h.event(egui::Event::Text(c.to_string()));
        typing.push(frame(&mut h));
    }
    h.state_mut().flush();
    // Only count frames that really typed: the text must have reached the account.
    let typed: String = text.chars().cycle().take(KEYSTROKES).collect();
    let saved = h.state().workspace().and_then(|ws| ws.account(1).ok()).map(|a| a.body).unwrap_or_default();
    if !saved.contains(&typed) {
        eprintln!("{} words saved: …{}", saved.split_whitespace().count(), &saved[saved.len().saturating_sub(200)..]);
        eprintln!("The typing did not reach the account: the benchmark did not measure typing.");
        std::process::exit(1);
    }
    report(&format!("a frame while typing into a 600-word account ({ACCOUNTS} accounts)"), typing);
}
