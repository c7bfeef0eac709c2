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
    super::frame::export_finished(&mut app.dashboard, &mut app.accounts, &mut app.report, Screen::Report);
    assert!(!app.report.exporting);
}

#[test]
fn an_export_from_the_dashboard_that_ends_stops_only_the_dashboards_spinner() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.dashboard.exporting = true;
    app.report.exporting = true;
    super::frame::export_finished(&mut app.dashboard, &mut app.accounts, &mut app.report, Screen::Dashboard);
    assert!(!app.dashboard.exporting);
    assert!(app.report.exporting, "the Report's export is still running");
}

#[test]
fn typing_in_the_editor_saves_quietly_and_never_loads_the_screen_again() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.lero");
    let ws = Workspace::open(&path).unwrap();
    let org = crate::domain::organisation::Organisation { name: "Zoë's Place".into(), ..Default::default() };
    ws.set_organisation(&org).unwrap();
    let key = crate::domain::standards::StatementKey::new("clero-chime", "2021-22", "C1");
    let id = ws.new_account(&key, "Fridays", "We meet.").unwrap();
    drop(ws);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 1600.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app(&dir));
    h.state_mut().open_account_for_test(id);
    h.run();
    h.get_by_label("Your account").focus();
    h.run();
    let reloads = h.state().loaded.reloads;
    for word in [" Every", " Friday"] {
        h.get_by_label("Your account").type_text(word);
        h.run();
        std::thread::sleep(Duration::from_millis(500));
        h.run();
    }
    let ws = h.state().workspace().unwrap();
    assert!(ws.account(id).unwrap().body.contains("Friday"), "the text was saved as it was typed");
    assert_eq!(h.state().loaded.reloads, reloads, "the editor was never loaded again");
    let changes = ws.total_changes();
    assert_eq!(*h.state_mut().loaded.screen(Screen::Accounts), Some(changes), "and it is up to date");
}
