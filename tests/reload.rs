//! Screens reload themselves: what changes in the workspace behind a screen's back shows the
//! next time it is drawn, with nothing asking for it.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::ui::picker::testing::FakePicker;
use lero_evidence::ui::{App, UiState};
use lero_evidence::workspace::Workspace;
use std::path::Path;
use std::sync::Arc;

fn harness(path: &Path) -> Harness<'static, App> {
    let ws = Workspace::open(path).map_err(|e| e.to_string());
    let app = App::new(ws, UiState::default(), Arc::new(FakePicker::cancelled()));
    Harness::builder()
        .with_size(egui::vec2(1280.0, 1600.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

#[test]
fn a_change_made_behind_the_dashboards_back_shows_when_it_is_drawn_next() {
    let dir = common::temp();
    let path = dir.path().join("large.lero");
    drop(lero_evidence::workspace::sample_large_workspace(&path, 40, 30).unwrap());
    let mut h = harness(&path);
    h.run();
    h.get_by_label("30 accounts: 20 signed off, 10 being written.");

    // Through the workspace itself, as another part of the program would.
    let ws = h.state().workspace().unwrap();
    ws.save_account(5, "Edited behind its back", "New words.").unwrap();
    h.run();
    h.get_by_label("30 accounts: 19 signed off, 1 changed since sign-off, 10 being written.");
    h.get_by_label("Edited behind its back");

    // The organisation's name, in the navigation beside every screen.
    let ws = h.state().workspace().unwrap();
    let mut org = ws.organisation().unwrap().unwrap();
    org.name = "Renamed Elsewhere".into();
    ws.set_organisation(&org).unwrap();
    h.run();
    h.get_by_label("Renamed Elsewhere");
}

#[test]
fn a_statement_shows_an_action_added_behind_its_back_and_keeps_what_was_half_typed() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    Workspace::open(&path)
        .unwrap()
        .set_organisation(&lero_evidence::domain::organisation::Organisation {
            name: "Dafydd's Drop-in".into(),
            formal: true,
            ..Default::default()
        })
        .unwrap();
    let mut h = harness(&path);
    h.run();
    h.get_by_label("Standards").click();
    h.run();
    h.get_by_label("H1  Belief in the possibility of recovery").click();
    h.run();
    h.get_by_label("Add evidence").click();
    h.run();
    h.get_by_label("Evidence title").focus();
    h.get_by_label("Evidence title").type_text("Story night");
    h.run();

    let h1 = StatementKey::new("clero-chime", "2021-22", "H1");
    h.state().workspace().unwrap().add_action(&h1, "Ring the council", "Sam", None).unwrap();
    h.run();
    assert!(h.query_all_by_label_contains("Ring the council").count() > 0, "the new action is shown");
    assert_eq!(h.get_by_label("Evidence title").value().as_deref(), Some("Story night"));
}
