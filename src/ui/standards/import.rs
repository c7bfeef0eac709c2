//! "Import standards…": from a .toml or text file, or from text pasted out of a PDF, with a
//! preview before anything is stored and an offer to carry work over to a new version.

use crate::domain::paste::PasteMeta;
use crate::domain::standards::{AppliesTo, StandardSet, StatementKey};
use crate::ui::picker::Purpose;
use crate::ui::widgets::{field, hint, path_field, typed_path};
use crate::ui::{Command, Cx, theme};
use crate::workspace::ImportOutcome;
use egui::{RichText, Ui};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Source {
    #[default]
    Paste,
    File,
}

/// The import dialog's state.
#[derive(Debug, Default)]
pub struct ImportView {
    open: bool,
    source: Source,
    path: String,
    text: String,
    title: String,
    version: String,
    publisher: String,
    preview: Option<StandardSet>,
    error: Option<String>,
    done: Option<ImportOutcome>,
}

impl ImportView {
    /// Opens the dialog afresh.
    pub fn open_dialog(&mut self) {
        *self = Self { open: true, ..Self::default() };
    }

    /// True while the dialog is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    fn meta(&self) -> PasteMeta {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        PasteMeta { id: None, title: some(&self.title), version: some(&self.version), publisher: some(&self.publisher) }
    }

    /// Draws the dialog.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let modal = egui::Modal::new(egui::Id::unique("import-standards")).show(ui.ctx(), |ui| {
            ui.set_width(640.0);
            ui.heading("Import standards");
            if let Some(done) = self.done.clone() {
                self.finished_ui(ui, cx, &done);
                return;
            }
            ui.horizontal_wrapped(|ui| {
                let changed_a = ui.selectable_value(&mut self.source, Source::Paste, "Paste the text").changed();
                let changed_b = ui.selectable_value(&mut self.source, Source::File, "From a file").changed();
                if changed_a || changed_b {
                    self.preview = None;
                    self.error = None;
                }
            });
            match self.source {
                Source::Paste => {
                    hint(ui, "Copy the statements from the standards document (PDF) and paste them here. Keep the section headings (like “Section 2: Support offer”) and the numbers (like “1.” or “2.3”).");
                    egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                        let l = ui.label("Pasted standards text");
                        if ui.add(egui::TextEdit::multiline(&mut self.text).desired_rows(10).desired_width(f32::INFINITY)).labelled_by(l.id).changed() {
                            self.preview = None;
                        }
                    });
                    ui.horizontal_wrapped(|ui| {
                        field(ui, "Title", &mut self.title, "Taken from the first line if empty");
                        field(ui, "Version", &mut self.version, "For example: 2024");
                    });
                    field(ui, "Publisher", &mut self.publisher, "For example: CLERO");
                }
                Source::File => {
                    hint(ui, "A .toml standards file, or a .txt file of text copied from a standards document.");
                    if path_field(ui, cx, "Standards file", &mut self.path, Purpose::Standards) {
                        self.check(cx);
                    }
                    ui.horizontal_wrapped(|ui| {
                        field(ui, "Title", &mut self.title, "For a .txt file: taken from its first line if empty");
                        field(ui, "Version", &mut self.version, "For a .txt file");
                    });
                }
            }
            if let Some(e) = &self.error {
                ui.label(RichText::new(e).color(theme::warning(ui)));
            }
            if let Some(set) = &self.preview {
                preview_ui(ui, set);
            }
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Check").clicked() {
                    self.check(cx);
                }
                let can_import = self.preview.is_some();
                if ui.add_enabled(can_import, egui::Button::new("Import")).clicked() {
                    self.import(cx);
                }
                if ui.button("Cancel").clicked() {
                    self.open = false;
                }
            });
        });
        if modal.should_close() && self.done.is_none() {
            self.open = false;
        }
    }

    fn check(&mut self, cx: &mut Cx<'_>) {
        self.error = None;
        self.preview = None;
        let result = match self.source {
            Source::Paste => cx.ws.parse_pasted_text(&self.text, &self.meta()),
            Source::File => {
                let Some(p) = typed_path(&self.path) else {
                    self.error = Some("Choose the standards file first, or type its full path.".into());
                    return;
                };
                cx.ws.read_standards_file(&p, &self.meta())
            }
        };
        match result {
            Ok(set) => self.preview = Some(set),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn import(&mut self, cx: &mut Cx<'_>) {
        let Some(set) = self.preview.clone() else { return };
        match cx.ws.import_set(&set) {
            Ok(outcome) => {
                cx.good(outcome.summary());
                self.done = Some(outcome);
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn finished_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, done: &ImportOutcome) {
        ui.label(RichText::new(done.summary()).color(theme::good(ui)));
        let first = self.preview.as_ref().and_then(|s| s.statements().next().map(|(_, _, st)| st.code.clone()));
        let mut close = false;
        ui.horizontal_wrapped(|ui| {
            if let Some(prev) = done.previous.as_ref().filter(|p| p.carryable > 0) {
                if ui.button(format!("Carry over {} self-assessments", prev.carryable)).clicked() {
                    match cx.ws.carry_over(&done.id, &prev.version, &done.version) {
                        Ok(n) => cx.good(format!("Carried {n} self-assessments over from version {}.", prev.version)),
                        Err(e) => cx.problem(e),
                    }
                    close = true;
                }
                if ui.button("Not now").clicked() {
                    close = true;
                }
            } else if ui.button("Done").clicked() {
                close = true;
            }
        });
        if close {
            self.open = false;
            if let Some(code) = first {
                cx.commands.push(Command::OpenStatement(StatementKey::new(&done.id, &done.version, &code)));
            }
        }
    }
}

fn preview_ui(ui: &mut Ui, set: &StandardSet) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(format!("{} · version {} · {}", set.title, set.version, set.publisher)).strong());
        let formal = set.statements().filter(|(_, _, s)| s.applies_to == AppliesTo::Formal).count();
        ui.label(format!(
            "{} sections, {} statements{}.",
            set.sections.len(),
            set.statement_count(),
            if formal > 0 { format!(" ({formal} for formal organisations only)") } else { String::new() }
        ));
        egui::ScrollArea::vertical().id_salt("preview").max_height(180.0).show(ui, |ui| {
            for section in &set.sections {
                ui.label(RichText::new(&section.title).color(theme::accent(ui)));
                for s in &section.statements {
                    ui.label(format!("{}  {}", s.code, s.text));
                }
            }
        });
    });
}
