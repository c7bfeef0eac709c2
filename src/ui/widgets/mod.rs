//! Small widgets the screens share. Every input is labelled for screen readers (and for
//! tests, which find widgets by their label).

mod cannot_open;
mod diff;
mod fields;
mod files;
mod logo;
mod page_preview;
mod panes;

pub use cannot_open::{Reopen, cannot_open};
pub use diff::diff_ui;
pub use fields::{appearance_controls, area, date_field, field};
pub use files::{
    AskBeforeReplacing, FileField, asked_path, documents_folder, path_box, path_field, safe_file_name, typed_path,
    with_extension, yes_or_no,
};
pub use logo::LogoTexture;
pub use page_preview::page_preview_ui;
pub use panes::{Pane, list_and_detail_ui};

use super::theme;
use egui::{RichText, Ui};

/// Lays out `add` in a column at most `width` wide, centred in the space available.
pub fn centred_column(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_max_width(width.min(ui.available_width()));
            add(ui);
        });
    });
}

/// Whether the space is too narrow (large text on a small screen) for panes side by side:
/// then screens show one pane at a time.
pub fn narrow(ui: &Ui) -> bool {
    ui.available_width() < 760.0
}

/// A vertical scroll area whose bar is always there: a bar that came and went as the content
/// grew took its width with it, rewrapping the text, which could make the bar go again (the
/// window redrew without end) and moved the text under the reader's eyes.
pub fn scroll_area() -> egui::ScrollArea {
    egui::ScrollArea::vertical().scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
}

/// A quiet line of help text that takes the room of the longest of `all`, so that choosing
/// another option (and with it another explanation) never moves what is below it.
pub fn steady_hint(ui: &mut Ui, shown: &str, all: &[&str]) {
    let width = ui.available_width();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let tallest = all
        .iter()
        .chain(std::iter::once(&shown))
        .map(|t| ui.ctx().fonts_mut(|f| f.layout((*t).to_owned(), font.clone(), egui::Color32::WHITE, width).size().y))
        .fold(0.0, f32::max);
    ui.allocate_ui(egui::vec2(width, tallest), |ui| {
        ui.set_min_height(tallest);
        hint(ui, shown);
    });
}

/// A quiet line of help text.
pub fn hint(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::quiet(ui)));
}
