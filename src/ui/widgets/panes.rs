//! A screen of a list and the item chosen in it.

use super::narrow;
use egui::Ui;

/// One side of a list-and-detail screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The list to choose from.
    List,
    /// The item chosen (or what is said when none is).
    Detail,
}

/// The list in `panel` (on the left) beside the detail; in a narrow window (large text) one
/// at a time, never both squeezed: the list until an item is `open`, then the detail under a
/// `back` button. `pane` draws each side. Returns true when `back` was clicked (the detail
/// is not drawn then).
pub fn list_and_detail_ui(
    ui: &mut Ui,
    panel: egui::Panel,
    open: bool,
    back: &str,
    mut pane: impl FnMut(&mut Ui, Pane),
) -> bool {
    if narrow(ui) {
        if !open {
            pane(ui, Pane::List);
        } else if ui.button(back).clicked() {
            return true;
        } else {
            pane(ui, Pane::Detail);
        }
        return false;
    }
    panel.show(ui, |ui| pane(ui, Pane::List));
    egui::CentralPanel::default().show(ui, |ui| pane(ui, Pane::Detail));
    false
}
