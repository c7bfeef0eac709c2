//! Settings: the organisation profile and logo, its year in figures (`figures`), the people,
//! and the workspace file.

mod figures;

use super::picker::Purpose;
use super::widgets::{AskBeforeReplacing, FileField, LogoTexture, field, hint, path_field, typed_path};
use super::{Command, Cx, theme};
use crate::domain::organisation::{Organisation, Person};
use crate::domain::signoff::SignoffRule;
use egui::{RichText, Ui};

mod college;

/// The Settings screen's view state.
#[derive(Default)]
pub struct SettingsView {
    /// The organisation's details as shown, typed into.
    org: Organisation,
    /// The details as last saved.
    saved_org: Organisation,
    /// When the area, email or structure were last changed, until they are saved.
    org_edited_at: Option<std::time::Instant>,
    /// While a new name is typed: how many signed pages it would send back for signing
    /// (counted once, not per keystroke: it does not depend on the name).
    renaming: Option<usize>,
    /// The screen the user asked for while a new name was not saved.
    leaving: Option<super::Screen>,
    org_error: Option<String>,
    logo: LogoTexture,
    logo_path: String,
    /// The organisation's year in figures.
    figures: figures::FiguresView,
    people: Vec<Person>,
    editing: Option<Person>,
    confirm_remove: Option<i64>,
    new_name: String,
    new_role: String,
    new_lived: bool,
    person_error: Option<String>,
    backup_path: String,
    /// Asks before a backup replaces a file that is there.
    ask_backup: AskBeforeReplacing,
    rule: SignoffRule,
    /// The automatic backups, newest first.
    backups: Vec<crate::store::Backup>,
    /// The backup the user asked to restore, waiting for confirmation.
    confirm_restore: Option<std::path::PathBuf>,
    /// The workspace's word list for the spelling check.
    words: Vec<String>,
    new_word: String,
    word_error: Option<String>,
    /// The college's email address.
    college: college::CollegeEmail,
}

impl SettingsView {
    /// Reloads the profile and people (keeping a new name typed but not yet saved, and
    /// details that could not be saved).
    pub fn refresh(&mut self, cx: &mut Cx<'_>) {
        self.flush(cx);
        match cx.ws.organisation() {
            Ok(o) => {
                let stored = o.unwrap_or_default();
                let typed = self.org.clone();
                let renamed = self.name_unsaved();
                let unsaved = self.org_edited_at.is_some();
                self.org = stored.clone();
                self.saved_org = stored;
                if renamed {
                    self.org.name.clone_from(&typed.name);
                }
                if unsaved {
                    self.org = Organisation { name: self.org.name.clone(), ..typed };
                }
            }
            Err(e) => cx.problem(e),
        }
        self.figures.refresh(cx);
        match cx.ws.people() {
            Ok(p) => self.people = p,
            Err(e) => cx.problem(e),
        }
        self.college.refresh(cx);
        self.backups = cx.ws.backups();
        match cx.ws.words() {
            Ok(w) => self.words = w,
            Err(e) => cx.problem(e),
        }
        match cx.ws.signoff_rule() {
            Ok(r) => self.rule = r,
            Err(e) => cx.problem(e),
        }
    }

    /// A new organisation name was typed but not saved: it waits for the user's decision,
    /// because every page shows it and signed pages need signing again after it changes.
    pub fn name_unsaved(&self) -> bool {
        self.org.name != self.saved_org.name
    }

    /// Asks, before the screen is left, whether to save the new name.
    pub fn ask_before_leaving(&mut self, to: super::Screen) {
        self.leaving = Some(to);
    }

    /// Saves the area, email and structure as typed (they appear on no page, so they save
    /// as they are typed, like everything else); a problem is said beside them and what was
    /// typed stays.
    pub fn flush(&mut self, cx: &mut Cx<'_>) {
        self.college.flush(cx);
        if self.org_edited_at.is_none() {
            return;
        }
        let details = Organisation { name: self.saved_org.name.clone(), ..self.org.clone() };
        if details.name.is_empty() {
            // Nothing to attach the details to until the organisation has a name.
            return;
        }
        match cx.quietly(|ws| ws.set_organisation(&details)) {
            Ok(()) => {
                self.org_edited_at = None;
                self.org_error = None;
                if let Ok(Some(stored)) = cx.ws.organisation() {
                    self.org.area.clone_from(&stored.area);
                    self.org.email.clone_from(&stored.email);
                    self.saved_org = stored;
                }
            }
            Err(e) => {
                self.org_edited_at = None;
                self.org_error = Some(format!("Not saved: {e}"));
            }
        }
    }

    fn save_name(&mut self, cx: &mut Cx<'_>) -> bool {
        let org = Organisation { name: self.org.name.clone(), ..self.saved_org.clone() };
        match cx.ws.set_organisation(&org) {
            Ok(()) => {
                self.org_error = None;
                self.renaming = None;
                if let Ok(Some(stored)) = cx.ws.organisation() {
                    self.org.name.clone_from(&stored.name);
                    self.saved_org.name = stored.name;
                }
                cx.good("The new name is saved: it shows on every page from now on.");
                true
            }
            Err(e) => {
                self.org_error = Some(e.to_string());
                false
            }
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, appearance: &mut theme::Appearance) {
        if self.org_edited_at.is_some_and(|t| t.elapsed() >= std::time::Duration::from_millis(400)) {
            self.flush(cx);
        } else if self.org_edited_at.is_some() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(200));
        }
        self.leaving_ui(ui, cx);
        super::widgets::scroll_area().auto_shrink([false, false]).show(ui, |ui| {
            // Long lines are hard to read: keep the column to a comfortable width.
            ui.set_max_width(ui.available_width().min(980.0));
            ui.heading("Settings");
            theme::subheading(ui, "How the app looks");
            hint(
                ui,
                "These choices are yours, on this computer; they change nothing in the workspace or on your pages.",
            );
            super::widgets::appearance_controls(ui, appearance);
            ui.separator();
            self.profile_ui(ui, cx);
            ui.separator();
            self.figures.ui(ui, cx);
            ui.separator();
            self.people_ui(ui, cx);
            ui.separator();
            self.rule_ui(ui, cx);
            ui.separator();
            self.words_ui(ui, cx);
            ui.separator();
            Self::key_ui(ui, cx);
            ui.separator();
            self.workspace_ui(ui, cx);
        });
    }

    /// Asks whether to save a new name before the screen is left.
    fn leaving_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let Some(to) = self.leaving else { return };
        let modal = egui::Modal::new(egui::Id::unique("settings-leaving")).show(ui.ctx(), |ui| {
            ui.set_max_width(460.0);
            ui.heading("Save the new name?");
            ui.label(format!(
                "You changed your organisation's name to “{}” but did not save it.",
                self.org.name.trim()
            ));
            if let Some(signed) = self.renaming
                && signed > 0
            {
                ui.label(effect_of_renaming(signed));
            }
            let mut chosen = None;
            ui.horizontal_wrapped(|ui| {
                if ui.add(theme::primary_button(ui, "Save the new name")).clicked() {
                    chosen = Some(true);
                }
                if ui.button("Leave without saving").clicked() {
                    chosen = Some(false);
                }
                if ui.button("Stay here").clicked() {
                    self.leaving = None;
                }
            });
            chosen
        });
        let leave = match modal.inner {
            Some(true) => self.save_name(cx),
            Some(false) => {
                self.org.name.clone_from(&self.saved_org.name);
                self.renaming = None;
                true
            }
            None => {
                if modal.should_close() {
                    self.leaving = None;
                }
                false
            }
        };
        if leave {
            self.leaving = None;
            cx.commands.push(Command::Navigate(to));
        }
    }

    fn profile_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Your organisation");
        hint(ui, "Saved as you type. A new name is saved only when you say so, because every page shows it.");
        field(ui, "Organisation name", &mut self.org.name, "As it should appear on your pages");
        if self.name_unsaved() {
            let signed = *self.renaming.get_or_insert_with(|| cx.ws.signed_page_count().unwrap_or(0));
            if signed > 0 {
                ui.label(RichText::new(effect_of_renaming(signed)).color(theme::warning(ui)));
            }
            ui.horizontal_wrapped(|ui| {
                if ui.add(theme::primary_button(ui, "Save the new name")).clicked() {
                    self.save_name(cx);
                }
                if ui.button(format!("Put back “{}”", self.saved_org.name)).clicked() {
                    self.org.name.clone_from(&self.saved_org.name);
                    self.renaming = None;
                    self.org_error = None;
                }
            });
        }
        let before = (self.org.area.clone(), self.org.email.clone(), self.org.formal);
        field(ui, "Area you serve", &mut self.org.area, "For example: Wirral");
        field(ui, "Contact email", &mut self.org.email, "name@example.org");
        ui.label("How is your organisation run?");
        ui.radio_value(&mut self.org.formal, true, "With a formal structure (a board, staff, written policies)");
        ui.radio_value(&mut self.org.formal, false, "Informally (statements for formal organisations are hidden)");
        if (self.org.area.as_str(), self.org.email.as_str(), self.org.formal)
            != (before.0.as_str(), before.1.as_str(), before.2)
        {
            self.org_edited_at = Some(std::time::Instant::now());
            if before.2 != self.org.formal {
                // Statements shown depend on it: save at once and show the lists as they now are.
                self.flush(cx);
            }
        }
        if let Some(e) = &self.org_error {
            ui.label(RichText::new(e).color(theme::warning(ui)));
        }
        self.college.ui(ui, cx);
        ui.add_space(6.0);
        ui.label(RichText::new("Logo").strong());
        match self.logo.get(ui, cx) {
            Some((texture, size)) => {
                let scale = 96.0 / size.max_elem().max(1.0);
                ui.add(egui::Image::new((texture, size * scale)).alt_text("Your logo"));
                if ui.button("Remove logo").clicked() {
                    match cx.ws.clear_logo() {
                        Ok(()) => {
                            cx.good("Logo removed.");
                        }
                        Err(e) => cx.problem(e),
                    }
                }
            }
            None => hint(ui, "No logo yet."),
        }
        let confirmed = path_field(ui, cx, "New logo (PNG or JPEG)", &mut self.logo_path, Purpose::Logo);
        if (ui.button("Use this logo").clicked() || confirmed)
            && let Some(p) = typed_path(&self.logo_path)
        {
            match cx.ws.set_logo_file(&p) {
                Ok(logo) => {
                    cx.good(format!("Logo saved ({}×{} pixels).", logo.width, logo.height));
                    self.logo_path.clear();
                }
                Err(e) => cx.problem(e),
            }
        }
    }

    fn people_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "People");
        hint(
            ui,
            "The people who write and sign off your pages. Pages need sign-off from someone with lived experience of recovery.",
        );
        let mut save = None;
        let mut remove = None;
        // One wrapping row per person (not a grid), so large text never pushes a button off
        // the side of the window.
        for p in &self.people {
            ui.horizontal_wrapped(|ui| {
                if self.editing.as_ref().is_some_and(|e| e.id == p.id) {
                    let Some(e) = self.editing.as_mut() else { return };
                    let name_label = ui.label("Name");
                    ui.add(egui::TextEdit::singleline(&mut e.name).desired_width(180.0)).labelled_by(name_label.id);
                    let role_label = ui.label("Role");
                    ui.add(egui::TextEdit::singleline(&mut e.role).desired_width(160.0)).labelled_by(role_label.id);
                    ui.checkbox(&mut e.lived_experience, "Lived experience");
                    let mut cancel = false;
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("Save").clicked() {
                            save = Some(e.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            cancel = true;
                        }
                    });
                    if cancel {
                        self.editing = None;
                    }
                } else {
                    ui.label(RichText::new(&p.name).strong());
                    ui.label(&p.role);
                    if p.lived_experience {
                        ui.label("· lived experience");
                    }
                    {
                        let change = ui.small_button("Change");
                        let name = p.name.clone();
                        change.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Change {name}"))
                        });
                        if change.clicked() {
                            self.editing = Some(p.clone());
                        }
                        if self.confirm_remove == Some(p.id) {
                            if ui.button("Yes, remove").clicked() {
                                remove = Some(p.id);
                            }
                            if ui.button("Keep").clicked() {
                                self.confirm_remove = None;
                            }
                        } else {
                            let ask = ui.small_button("Remove…");
                            let name = p.name.clone();
                            ask.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {name}…"))
                            });
                            if ask.clicked() {
                                self.confirm_remove = Some(p.id);
                            }
                        }
                    }
                }
            });
        }
        if self.people.is_empty() {
            hint(ui, "Nobody added yet.");
        }
        if let Some(p) = save {
            match cx.ws.update_person(&p) {
                Ok(()) => {
                    self.editing = None;
                    cx.good(format!("{} saved.", p.name.trim()));
                }
                Err(e) => cx.problem(e),
            }
        }
        if let Some(id) = remove {
            if let Err(e) = cx.ws.remove_person(id) {
                cx.problem(e);
            }
            self.confirm_remove = None;
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Add a person").strong());
        field(ui, "Name", &mut self.new_name, "As they want it shown");
        field(ui, "Role", &mut self.new_role, "For example: Peer mentor");
        ui.checkbox(&mut self.new_lived, "Has lived experience of recovery");
        if let Some(e) = &self.person_error {
            ui.label(RichText::new(e).color(theme::warning(ui)));
        }
        if ui.button("Add person").clicked() {
            match cx.ws.add_person(&self.new_name, &self.new_role, self.new_lived) {
                Ok(_) => {
                    cx.good(format!("{} added.", crate::domain::names::tidy(&self.new_name)));
                    self.new_name.clear();
                    self.new_role.clear();
                    self.new_lived = false;
                    self.person_error = None;
                }
                Err(e) => self.person_error = Some(e.to_string()),
            }
        }
    }

    fn words_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Words the spelling check accepts");
        hint(
            ui,
            "Names of places, groups and people that the British English dictionary does not know. The names of your organisation and of the people above are known already.",
        );
        if self.words.is_empty() {
            hint(ui, "No words yet. You can also add a word from the editor, where it is underlined.");
        }
        let mut remove = None;
        ui.horizontal_wrapped(|ui| {
            for w in &self.words {
                if ui.button(format!("Remove “{w}”")).on_hover_text("Take it off the word list").clicked() {
                    remove = Some(w.clone());
                }
            }
        });
        if let Some(w) = remove {
            match cx.ws.remove_word(&w) {
                Ok(_) => {
                    cx.good(format!("Took “{w}” off the word list."));
                    self.words.retain(|x| *x != w);
                }
                Err(e) => cx.problem(e),
            }
        }
        let added = field(ui, "Add a word", &mut self.new_word, "For example: Dridays");
        let enter = added.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(e) = &self.word_error {
            ui.label(RichText::new(e).color(theme::warning(ui)));
        }
        if ui.button("Add word").clicked() || enter {
            match cx.ws.add_words(std::slice::from_ref(&self.new_word)) {
                Ok(_) => {
                    cx.good(format!("Added “{}” to the word list.", self.new_word.trim()));
                    self.new_word.clear();
                    self.word_error = None;
                }
                Err(e) => self.word_error = Some(e.to_string()),
            }
        }
    }

    fn rule_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "When is a page signed off?");
        hint(
            ui,
            "Pages are signed off inside your organisation before they are sent. Co-production means someone with lived experience of recovery should be among them.",
        );
        let before = self.rule;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Approvals needed");
            ui.add(egui::DragValue::new(&mut self.rule.approvals).range(1..=10)).labelled_by(l.id);
        });
        ui.checkbox(&mut self.rule.lived_experience, "At least one approval from a person with lived experience");
        if self.rule != before {
            match cx.ws.set_signoff_rule(self.rule) {
                Ok(()) => {
                    cx.good(format!("From now on a page is signed off with {}.", self.rule.describe()));
                }
                Err(e) => {
                    self.rule = before;
                    cx.problem(e);
                }
            }
        }
    }

    fn key_ui(ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Your organisation's signing key");
        hint(
            ui,
            "Bundles and sign-off receipts you send are sealed with this key, so the college can tell they came from you and were not changed. The first time you send something, the college may phone to compare these digits.",
        );
        match cx.ws.public_key() {
            Ok(key) => {
                ui.label(RichText::new(key.short()).monospace().size(20.0));
            }
            Err(e) => {
                ui.label(RichText::new(e.to_string()).color(theme::warning(ui)));
            }
        }
    }

    fn workspace_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Workspace file");
        hint(ui, "Everything is kept in this one file on this computer. Every change is saved as you make it.");
        ui.label(RichText::new(cx.ws.path().display().to_string()).monospace());
        if ui.button("Check the workspace").clicked() {
            match cx.ws.check() {
                Ok(p) if p.is_empty() => cx.good("The workspace is healthy."),
                Ok(p) => {
                    for problem in p {
                        cx.problem(problem.0);
                    }
                }
                Err(e) => cx.problem(e),
            }
        }
        let asked = FileField::new("Back up to a new file", Purpose::SaveBackup)
            .button("Make a backup", "Type where to save the backup, or choose it.")
            .save_ui(ui, cx, &mut self.backup_path);
        if let Some(p) = self.ask_backup.confirm(ui, cx, asked, &self.backup_path, |p| vec![p.to_path_buf()]) {
            match cx.ws.backup(&p) {
                Ok(backed_up) => {
                    cx.good(backed_up.to_string());
                    self.backup_path.clear();
                }
                Err(e) => cx.problem(e),
            }
        }
        self.restore_ui(ui, cx);
    }

    fn restore_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Restore from backup");
        hint(
            ui,
            "A copy of the workspace is kept each time the window opens and every 30 minutes while you work, in a folder beside the workspace file; the newest 10 are kept.",
        );
        if self.backups.is_empty() {
            hint(ui, "No automatic backups yet.");
        }
        let mut restore = None;
        egui::Grid::new("backups").num_columns(3).spacing([16.0, 4.0]).show(ui, |ui| {
            for b in &self.backups {
                ui.label(&b.taken);
                ui.label(RichText::new(format!("{}, {} KB", b.reason, b.bytes.div_ceil(1024))).color(theme::quiet(ui)));
                if self.confirm_restore.as_ref() == Some(&b.path) {
                    ui.horizontal_wrapped(|ui| {
                        if ui.add(theme::primary_button(ui, "Yes, restore it")).clicked() {
                            restore = Some(b.path.clone());
                        }
                        if ui.button("Keep the workspace as it is").clicked() {
                            self.confirm_restore = None;
                        }
                    });
                } else if ui.button(format!("Restore the backup of {}…", b.taken)).clicked() {
                    self.confirm_restore = Some(b.path.clone());
                }
                ui.end_row();
            }
        });
        if self.confirm_restore.is_some() {
            ui.label(
                RichText::new("Restoring puts the workspace back as it was then. The workspace as it is now is backed up first, so this can be undone.")
                    .color(theme::warning(ui)),
            );
        }
        if let Some(path) = restore {
            self.confirm_restore = None;
            match cx.ws.restore_backup(&path) {
                Ok(before) => {
                    cx.good(format!(
                        "Restored the backup. The workspace as it was just before is kept as {}.",
                        before.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
                    ));
                    cx.commands.push(Command::Refresh);
                }
                Err(e) => cx.problem(e),
            }
        }
    }
}

/// What saving a new name does to pages already signed.
fn effect_of_renaming(signed: usize) -> String {
    let pages = if signed == 1 { "1 signed page shows".to_owned() } else { format!("{signed} signed pages show") };
    format!(
        "Your {pages} the organisation's name: after the change, the sign-offs stay with the old name and each page needs signing off again."
    )
}
