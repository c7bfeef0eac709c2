//! Where files go: the path box with its file dialog, asking before replacing a file, and
//! names made safe for every system.

use crate::ui::picker::Purpose;
use crate::ui::{Command, Cx, theme};
use egui::{RichText, TextEdit, Ui};
use std::path::PathBuf;

/// A path box with a "Choose…" button that opens the desktop's file dialog. Typing a path
/// always works, even where no dialog can open. Returns true when the user confirmed a path
/// (Enter in the box, or a file chosen in the dialog).
pub fn path_field(ui: &mut Ui, cx: &mut Cx<'_>, label: &str, path: &mut String, purpose: Purpose) -> bool {
    let mut confirmed = false;
    if let Some(p) = cx.take_picked(purpose) {
        *path = p.display().to_string();
        confirmed = true;
    }
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.horizontal_wrapped(|ui| {
            if path_box(ui, l.id, path, "Type the file's full path, or choose it", 340.0) {
                confirmed = true;
            }
            if cx.picking == Some(purpose) {
                ui.spinner();
                ui.label(RichText::new("Waiting for the file dialog…").color(theme::quiet(ui)));
            } else if ui.button(choose_label(purpose)).clicked() {
                cx.commands.push(Command::PickFile(purpose));
            }
        });
    });
    confirmed
}

/// A one-line box for a file's path, labelled by `label`, at most `width` wide, showing
/// `hint` while empty. Returns true when the user pressed Enter in it with a path typed.
pub fn path_box(ui: &mut Ui, label: egui::Id, path: &mut String, hint: &str, width: f32) -> bool {
    let r = ui
        .add(TextEdit::singleline(path).hint_text(hint).desired_width(ui.available_width().min(width)))
        .labelled_by(label);
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !path.trim().is_empty()
}

/// A path box with its file dialog and the button that acts on the path: opens the files,
/// or saves there.
#[derive(Debug, Clone, Copy)]
pub struct FileField<'a> {
    label: &'a str,
    purpose: Purpose,
    button: &'a str,
    empty: &'a str,
}

impl<'a> FileField<'a> {
    /// A box labelled `label`, for a file for `purpose`.
    pub fn new(label: &'a str, purpose: Purpose) -> Self {
        Self { label, purpose, button: "", empty: "" }
    }

    /// Its button's text, and what is said when it is clicked with nothing typed.
    #[must_use]
    pub fn button(self, button: &'a str, empty: &'a str) -> Self {
        Self { button, empty, ..self }
    }

    /// For files to open. Returns the files chosen in the dialog (the box then shows the
    /// first, and the button is not drawn this frame), or the path typed once the user asks
    /// for it (the button, or Enter in the box).
    pub fn open_ui(self, ui: &mut Ui, cx: &mut Cx<'_>, path: &mut String) -> Vec<PathBuf> {
        // Taken before the box, which would take a chosen file as a path confirmed.
        let picked = cx.take_picked_all(self.purpose);
        let typed = path_field(ui, cx, self.label, path, self.purpose);
        if let Some(first) = picked.first() {
            *path = first.display().to_string();
            return picked;
        }
        if ui.button(self.button).clicked() || typed {
            match typed_path(path) {
                Some(p) => return vec![p],
                None => cx.problem(self.empty),
            }
        }
        Vec::new()
    }

    /// For a file to save. Returns the path once the user asks to save (the button, Enter in
    /// the box, or a file chosen), ending in the purpose's extension (see [`asked_path`]).
    pub fn save_ui(self, ui: &mut Ui, cx: &mut Cx<'_>, path: &mut String) -> Option<PathBuf> {
        let confirmed = path_field(ui, cx, self.label, path, self.purpose);
        let clicked = ui.button(self.button).clicked() || confirmed;
        asked_path(cx, clicked, path, self.empty, self.purpose.extension())
    }
}

/// Two buttons side by side, for a question: `Some(true)` when `yes` was clicked,
/// `Some(false)` when `no` was.
pub fn yes_or_no(ui: &mut Ui, yes: &str, no: &str) -> Option<bool> {
    let mut answer = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button(yes).clicked() {
            answer = Some(true);
        }
        if ui.button(no).clicked() {
            answer = Some(false);
        }
    });
    answer
}

/// Asks before saving over a file that is already there. Every save in the window goes
/// through one: a path the workspace refuses (the workspace itself, its own files and
/// backups, another workspace) is refused with the workspace's sentence; a new file is written
/// at once; an existing one only after the user says "Replace it".
#[derive(Debug, Default)]
pub struct AskBeforeReplacing {
    /// The path asked about, waiting for an answer.
    asking: Option<PathBuf>,
}

impl AskBeforeReplacing {
    /// `asked` is the path the user asked to save at this frame, if they did; `typed` is the
    /// text of its path box now (changing it takes the question back); `writes` gives the
    /// files saving there would write (the path itself, or the files put in a chosen folder).
    /// Returns the path once it may be written.
    pub fn confirm(
        &mut self,
        ui: &mut Ui,
        cx: &mut Cx<'_>,
        asked: Option<PathBuf>,
        typed: &str,
        writes: impl Fn(&std::path::Path) -> Vec<PathBuf>,
    ) -> Option<PathBuf> {
        if self.asking.as_ref().is_some_and(|p| typed_path(typed).as_ref() != Some(p)) {
            self.asking = None;
        }
        if let Some(path) = asked {
            let mut replaces = Vec::new();
            for file in writes(&path) {
                match cx.ws.check_output(&file) {
                    Ok(crate::workspace::Target::New) => {}
                    Ok(crate::workspace::Target::Replaces) => replaces.push(file),
                    Err(e) => {
                        cx.problem(e);
                        self.asking = None;
                        return None;
                    }
                }
            }
            if replaces.is_empty() {
                self.asking = None;
                return Some(path);
            }
            self.asking = Some(path);
        }
        let path = self.asking.clone()?;
        let answer = egui::Frame::group(ui.style()).show(ui, |ui| {
            let names: Vec<String> = writes(&path)
                .iter()
                .filter(|f| f.exists())
                .map(|f| format!("“{}”", f.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())))
                .collect();
            ui.label(
                RichText::new(format!(
                    "There is already a file called {} there. Replace it? The file that is there now will be lost.",
                    names.join(" and ")
                ))
                .color(theme::warning(ui)),
            );
            yes_or_no(ui, "Replace it", "Keep it")
        });
        match answer.inner {
            Some(true) => self.asking.take(),
            Some(false) => {
                self.asking = None;
                cx.good("Nothing was saved: type another name, or choose where to save.");
                None
            }
            None => None,
        }
    }
}

/// The text of the button that opens the file dialog.
fn choose_label(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Logo => "Choose logo…",
        Purpose::Standards => "Choose standards file…",
        Purpose::Evidence => "Choose file…",
        Purpose::Bundles => "Choose bundles…",
        Purpose::Receipt => "Choose receipt…",
        Purpose::Manifest => "Choose manifest…",
        Purpose::PackFolder => "Choose folder…",
        Purpose::SaveBackup
        | Purpose::SavePdf
        | Purpose::SaveWebPage
        | Purpose::SaveTable
        | Purpose::SaveWorkbook
        | Purpose::SaveSummary
        | Purpose::SaveBundle
        | Purpose::SaveEmail
        | Purpose::SaveReceipt => "Choose where to save…",
    }
}

/// The user's documents folder, or their home folder where there is none (never the
/// temporary folder, whose files vanish): where files are offered to be saved.
pub fn documents_folder() -> PathBuf {
    let dirs = directories::UserDirs::new();
    dirs.as_ref()
        .and_then(|d| d.document_dir().map(std::path::Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `text` made safe as a file name on every system: characters no file system allows
/// (`< > : " / \ | ? *` and controls) become spaces, runs of spaces one; apostrophes, accents
/// and the rest are kept ("Zoë's Place"). `fallback` when nothing is left.
pub fn safe_file_name(text: &str, fallback: &str) -> String {
    let forbidden = |ch: char| ch.is_control() || matches!(ch, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*');
    let name = text
        .chars()
        .map(|ch| if forbidden(ch) { ' ' } else { ch })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // A leading dot hides a file; a trailing dot or space is dropped by Windows.
    let name = name.trim_matches(|c: char| c == '.' || c == ' ');
    if name.is_empty() { fallback.to_owned() } else { name.to_owned() }
}

/// The trimmed path typed, if any.
pub fn typed_path(path: &str) -> Option<PathBuf> {
    let p = path.trim();
    (!p.is_empty()).then(|| PathBuf::from(p))
}

/// The path typed in a path box, when the user asked to save there this frame (`clicked`);
/// says `empty` when nothing is typed.
/// The box's text is corrected to the name saved, with `extension` added when it was left
/// off (or replaced when it was a misspelling of it, like `.lerobundle`), so the file is found
/// by what opens it.
pub fn asked_path(
    cx: &mut Cx<'_>,
    clicked: bool,
    typed: &mut String,
    empty: &str,
    extension: Option<&str>,
) -> Option<PathBuf> {
    if !clicked {
        return None;
    }
    let Some(path) = typed_path(typed) else {
        cx.problem(empty);
        return None;
    };
    let path = match extension {
        Some(ext) => with_extension(path, ext),
        None => path,
    };
    *typed = path.display().to_string();
    Some(path)
}

/// `path` ending in `.ext`: as it is when it does, with `.ext` added when it has no extension
/// or another one, and with `.ext` instead of a near miss (the same letters without the dash,
/// in another case).
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    let squash = |s: &str| s.to_lowercase().replace(['-', '_', ' '], "");
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e == ext => path,
        Some(e) if squash(e) == squash(ext) => path.with_extension(ext),
        _ => {
            let mut s = path.into_os_string();
            s.push(".");
            s.push(ext);
            PathBuf::from(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_apostrophes_and_accents() {
        assert_eq!(safe_file_name("C1 Zoë's Place", "Account"), "C1 Zoë's Place");
        assert_eq!(safe_file_name("C1 Zoë’s Place", "Account"), "C1 Zoë’s Place");
        assert_eq!(safe_file_name("A/B: “C”? <D>*|", "Account"), "A B “C” D");
        assert_eq!(safe_file_name("..hidden. ", "Account"), "hidden");
        assert_eq!(safe_file_name(" / ", "Account"), "Account");
    }

    #[test]
    fn the_right_extension_is_added() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(with_extension(p("/d/c1"), "lero-bundle"), p("/d/c1.lero-bundle"));
        assert_eq!(with_extension(p("/d/c1.lerobundle"), "lero-bundle"), p("/d/c1.lero-bundle"));
        assert_eq!(with_extension(p("/d/c1.LERO-BUNDLE"), "lero-bundle"), p("/d/c1.lero-bundle"));
        assert_eq!(with_extension(p("/d/c1.lero-bundle"), "lero-bundle"), p("/d/c1.lero-bundle"));
        assert_eq!(with_extension(p("/d/Zoë's Place v2"), "pdf"), p("/d/Zoë's Place v2.pdf"));
        assert_eq!(with_extension(p("/d/notes.txt"), "pdf"), p("/d/notes.txt.pdf"));
    }

    #[test]
    fn files_are_offered_somewhere_that_lasts() {
        assert_ne!(documents_folder(), std::env::temp_dir());
    }
}
