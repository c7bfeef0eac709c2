//! What changed between two versions of a page, word by word.

use super::hint;
use crate::domain::diff::{Change, Part};
use crate::ui::theme;
use egui::{RichText, Ui};

/// Shows a word-level comparison: added words underlined in green, removed ones struck out.
pub fn diff_ui(ui: &mut Ui, parts: &[Part]) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            for p in parts {
                let text = RichText::new(p.text.replace('\n', " "));
                let shown = match p.change {
                    Change::Same => text,
                    Change::Added => text.color(theme::good(ui)).underline().strong(),
                    Change::Removed => text.color(theme::warning(ui)).strikethrough(),
                };
                ui.label(shown);
            }
        });
    });
    hint(ui, "Added words are underlined in green; removed words are struck out in red.");
}
