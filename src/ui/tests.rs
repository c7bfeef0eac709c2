//! The app's own bookkeeping, below what the window shows.

use super::picker::testing::FakePicker;
use super::task::Task;
use super::{App, Screen, UiState};
use crate::workspace::Workspace;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn app(dir: &tempfile::TempDir) -> App {
    let ws = Workspace::open(&dir.path().join("ws.lero")).map_err(|e| e.to_string());
    App::new(ws, UiState::default(), Arc::new(FakePicker::cancelled()))
}

#[test]
fn an_export_that_ends_tells_only_the_screen_that_started_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.report.exporting = true;
    let ctx = egui::Context::default();
    let task = Task::spawn(&ctx, "export", || Ok("Exported account 1.".to_owned())).unwrap();
    app.exports.push(Screen::Accounts, task);
    let started = Instant::now();
    while app.notices.is_empty() && started.elapsed() < Duration::from_secs(10) {
        app.poll_exports();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(app.notices.len(), 1);
    assert!(app.report.exporting, "the Report's export is still running");
}

#[test]
fn an_export_from_the_report_that_could_not_start_stops_the_reports_spinner() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.report.exporting = true;
    super::frame::export_finished(&mut app.accounts, &mut app.report, Screen::Report);
    assert!(!app.report.exporting);
}
