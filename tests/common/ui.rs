//! The window in a test harness, and the steps a person takes in it, driven by label.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lero_evidence::ui::picker::testing::FakePicker;
use lero_evidence::ui::{App, UiState};
use lero_evidence::workspace::Workspace;
use std::path::Path;
use std::sync::Arc;

/// The window under test.
pub type Window = Harness<'static, App>;

/// The window over `ws` (or the sentence saying why it could not be opened), `height` points
/// tall, with `state` remembered and `picker` answering its file dialogs.
pub fn window_over(ws: Result<Workspace, String>, state: UiState, picker: FakePicker, height: f32) -> Window {
    let app = App::new(ws, state, Arc::new(picker));
    Harness::builder()
        .with_size(egui::vec2(1280.0, height))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The window over the workspace at `path`, `height` points tall, with `picker` answering its
/// file dialogs.
pub fn window(path: &Path, picker: FakePicker, height: f32) -> Window {
    window_over(Workspace::open(path).map_err(|e| e.to_string()), UiState::default(), picker, height)
}

/// Clicks the control `label`, then lets the window answer.
pub fn click(h: &mut Window, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Clicks each control in `labels` in turn, letting the window answer after each.
pub fn click_each(h: &mut Window, labels: &[&str]) {
    for label in labels {
        click(h, label);
    }
}

/// Puts the keyboard in the text box `label` and types `text` at its cursor.
pub fn type_into(h: &mut Window, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.get_by_label(label).type_text(text);
}

/// Puts the keyboard in the text box `label`, selects all its text and types `text` in its
/// place.
pub fn replace_text(h: &mut Window, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
}

/// Waits past the pause after which typing is saved, then draws a frame.
pub fn let_it_save(h: &mut Window) {
    std::thread::sleep(std::time::Duration::from_millis(500));
    h.run();
}
