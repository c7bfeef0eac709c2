//! The screen shown when the workspace could not be opened.

use super::{centred_column, hint, path_box, typed_path};
use crate::ui::theme;
use egui::{RichText, Ui};
use std::path::PathBuf;

/// What the user chose on the screen shown when the workspace could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reopen {
    /// Open the same file only for reading.
    ReadOnly(PathBuf),
    /// Carry on from a copy of this backup.
    Backup(PathBuf),
    /// Open (or start) another workspace file.
    Other(PathBuf),
}

/// The screen shown when the workspace could not be opened: why, and what can be done
/// instead. Nothing here ever writes to the file that was refused.
pub fn cannot_open(
    ui: &mut Ui,
    sentence: &str,
    path: Option<&std::path::Path>,
    backups: &[crate::store::Backup],
    other: &mut String,
) -> Option<Reopen> {
    let mut chosen = None;
    ui.add_space(40.0);
    centred_column(ui, 760.0, |ui| {
        ui.heading("LERO Evidence could not open your workspace");
        ui.add_space(12.0);
        ui.label(RichText::new(sentence).color(theme::warning(ui)));
        ui.add_space(8.0);
        ui.label("Nothing in the file was changed. You can:");
        ui.add_space(8.0);
        if let Some(path) = path.filter(|p| p.exists()) {
            theme::subheading(ui, "Look at it without changing anything");
            hint(ui, "Everything can be read and exported; nothing can be changed.");
            if ui.button("Open it read-only").clicked() {
                chosen = Some(Reopen::ReadOnly(path.to_path_buf()));
            }
        }
        if !backups.is_empty() {
            theme::subheading(ui, "Carry on from a backup");
            hint(
                ui,
                "A copy of the backup is made beside your workspace and opened; the backup itself and your workspace file stay as they are.",
            );
            for b in backups.iter().take(5) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{} ({}, {} KB)", b.taken, b.reason, b.bytes.div_ceil(1024)));
                    if ui.button(format!("Open the backup of {}", b.taken)).clicked() {
                        chosen = Some(Reopen::Backup(b.path.clone()));
                    }
                });
            }
        }
        theme::subheading(ui, "Open another workspace file");
        let l = ui.label("Workspace file (a new name starts a new workspace)");
        let enter = path_box(ui, l.id, other, "Type the file's full path", 460.0);
        if (ui.button("Open this file").clicked() || enter)
            && let Some(p) = typed_path(other)
        {
            chosen = Some(Reopen::Other(p));
        }
    });
    chosen
}
