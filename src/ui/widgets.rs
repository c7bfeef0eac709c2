//! Small widgets the screens share. Every input is labelled for screen readers (and for
//! tests, which find widgets by their label).

use super::picker::Purpose;
use super::{Command, Ctx, theme};
use egui::{Response, RichText, TextEdit, Ui};
use std::path::PathBuf;

/// A label above a one-line text box.
pub fn field(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> Response {
    // Named by its label within the screen, not by how many widgets came before it: a notice
    // appearing above a box while someone types in it does not take their focus away.
    let id = ui.scope_id().with(("field", label));
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.add(TextEdit::singleline(value).id(id).hint_text(hint).desired_width(f32::min(ui.available_width(), 460.0)))
            .labelled_by(l.id)
    })
    .inner
}

/// A label above a text box of several lines.
pub fn area(ui: &mut Ui, label: &str, value: &mut String, hint: &str, rows: usize) -> Response {
    let id = ui.scope_id().with(("area", label));
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.add(
            TextEdit::multiline(value)
                .id(id)
                .hint_text(hint)
                .desired_rows(rows)
                .desired_width(f32::min(ui.available_width(), 640.0)),
        )
        .labelled_by(l.id)
    })
    .inner
}

/// A path box with a "Choose…" button that opens the desktop's file dialog. Typing a path
/// always works, even where no dialog can open. Returns true when the user confirmed a path
/// (Enter in the box, or a file chosen in the dialog).
pub fn path_field(ui: &mut Ui, ctx: &mut Ctx<'_>, label: &str, path: &mut String, purpose: Purpose) -> bool {
    let mut confirmed = false;
    if let Some(p) = ctx.take_picked(purpose) {
        *path = p.display().to_string();
        confirmed = true;
    }
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.horizontal_wrapped(|ui| {
            let r = ui
                .add(
                    TextEdit::singleline(path)
                        .hint_text("Type the file's full path, or choose it")
                        .desired_width(ui.available_width().min(340.0)),
                )
                .labelled_by(l.id);
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !path.trim().is_empty() {
                confirmed = true;
            }
            if ctx.picking == Some(purpose) {
                ui.spinner();
                ui.label(RichText::new("Waiting for the file dialog…").color(theme::quiet(ui)));
            } else if ui.button(choose_label(purpose)).clicked() {
                ctx.commands.push(Command::PickFile(purpose));
            }
        });
    });
    confirmed
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
        ctx: &mut Ctx<'_>,
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
                match ctx.ws.check_output(&file) {
                    Ok(crate::workspace::Target::New) => {}
                    Ok(crate::workspace::Target::Replaces) => replaces.push(file),
                    Err(e) => {
                        ctx.problem(e);
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
        let mut answer = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
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
            ui.horizontal_wrapped(|ui| {
                if ui.button("Replace it").clicked() {
                    answer = Some(true);
                }
                if ui.button("Keep it").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.asking.take(),
            Some(false) => {
                self.asking = None;
                ctx.good("Nothing was saved: type another name, or choose where to save.");
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
        Purpose::SaveBackup | Purpose::SavePdf | Purpose::SaveBundle | Purpose::SaveReceipt => "Choose where to save…",
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
    ctx: &mut Ctx<'_>,
    clicked: bool,
    typed: &mut String,
    empty: &str,
    extension: Option<&str>,
) -> Option<PathBuf> {
    if !clicked {
        return None;
    }
    let Some(path) = typed_path(typed) else {
        ctx.problem(empty);
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
        let r = ui
            .add(
                TextEdit::singleline(other)
                    .hint_text("Type the file's full path")
                    .desired_width(ui.available_width().min(460.0)),
            )
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Open this file").clicked() || enter)
            && let Some(p) = typed_path(other)
        {
            chosen = Some(Reopen::Other(p));
        }
    });
    chosen
}

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

/// Text size, colours and font: offered on the welcome and in Settings, so someone who
/// cannot read the window yet can make it readable before anything else.
pub fn appearance_controls(ui: &mut Ui, appearance: &mut theme::Appearance) {
    let (min, max) = (*theme::TEXT_SIZES.start(), *theme::TEXT_SIZES.end());
    // Every size in one list: one choice reaches 200%, where "larger" buttons would move
    // away from the pointer as the text under them grew.
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Text size");
        egui::ComboBox::from_id_salt("text-size")
            .selected_text(format!("{}%", appearance.text_size))
            .height(ui.ctx().content_rect().height())
            .show_ui(ui, |ui| {
                for size in (min..=max).step_by(10) {
                    let name = if size == 100 { "100% (normal)".to_owned() } else { format!("{size}%") };
                    ui.selectable_value(&mut appearance.text_size, size, name);
                }
            })
            .response
            .labelled_by(l.id);
    });
    hint(ui, "Ctrl and + or - change the text size anywhere in the app; Ctrl and 0 puts it back.");
    ui.horizontal_wrapped(|ui| {
        ui.label("Colours");
        for t in theme::Theme::ALL {
            ui.radio_value(&mut appearance.theme, t, t.label());
        }
    });
    ui.checkbox(
        &mut appearance.reading_font,
        "Use the reading font (Andika): clear letter shapes for new readers and for dyslexia",
    );
}

/// A date box that takes day/month/year (31/03/2024) or 2024-03-31, with "Choose a date…"
/// opening a month calendar that fills it in.
pub fn date_field(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let id = ui.scope_id().with(("date", label));
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.horizontal_wrapped(|ui| {
            let typed = ui
                .add(TextEdit::singleline(value).id(id).hint_text("day/month/year").desired_width(150.0))
                .labelled_by(l.id);
            let button = ui.button("Choose a date…");
            let popup = id.with("calendar");
            egui::Popup::from_toggle_button_response(&button)
                .id(popup)
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show(|ui| {
                    if calendar(ui, popup, value) {
                        egui::Popup::close_id(ui.ctx(), popup);
                    }
                });
            typed
        })
        .inner
    })
    .inner
}

/// A month of days to choose from, with the months before and after; returns true when a
/// day was chosen (written into `value` as day/month/year).
fn calendar(ui: &mut Ui, id: egui::Id, value: &mut String) -> bool {
    let today = time::OffsetDateTime::now_utc().date();
    let shown = crate::domain::assessment::parse_date(value)
        .ok()
        .and_then(|iso| time::Date::parse(&iso, time::macros::format_description!("[year]-[month]-[day]")).ok());
    let month_key = id.with("month");
    let (mut year, mut month) = ui
        .data(|d| d.get_temp::<(i32, u8)>(month_key))
        .unwrap_or_else(|| shown.map_or((today.year(), u8::from(today.month())), |d| (d.year(), u8::from(d.month()))));
    let mut chosen = false;
    ui.horizontal(|ui| {
        if ui.button("‹ Earlier").on_hover_text("The month before").clicked() {
            (year, month) = if month == 1 { (year - 1, 12) } else { (year, month - 1) };
        }
        let name = time::Month::try_from(month).map_or_else(|_| String::new(), |m| m.to_string());
        ui.label(egui::RichText::new(format!("{name} {year}")).strong());
        if ui.button("Later ›").on_hover_text("The month after").clicked() {
            (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        }
    });
    ui.data_mut(|d| d.insert_temp(month_key, (year, month)));
    let Ok(m) = time::Month::try_from(month) else { return false };
    let Ok(first) = time::Date::from_calendar_date(year, m, 1) else { return false };
    let days = m.length(year);
    let blanks = first.weekday().number_days_from_monday();
    egui::Grid::new(id.with("days")).spacing([4.0, 4.0]).show(ui, |ui| {
        for day in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
            ui.label(egui::RichText::new(day).small());
        }
        ui.end_row();
        for _ in 0..blanks {
            ui.label("");
        }
        for day in 1..=days {
            let date = time::Date::from_calendar_date(year, m, day).ok();
            let selected = date.is_some() && date == shown;
            let mut text = egui::RichText::new(day.to_string());
            if date == Some(today) {
                text = text.underline();
            }
            let button = ui.add(egui::Button::selectable(selected, text).min_size(egui::vec2(30.0, 26.0)));
            let label = format!("{day} {m} {year}");
            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
            if button.clicked() {
                *value = format!("{day:02}/{month:02}/{year}");
                chosen = true;
            }
            if (u16::from(blanks) + u16::from(day)) % 7 == 0 {
                ui.end_row();
            }
        }
    });
    chosen
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
