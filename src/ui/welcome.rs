//! First run: the organisation's name and logo, and the people who will sign pages off.

use super::picker::Purpose;
use super::widgets::{appearance_controls, centred_column, field, hint, path_field, typed_path};
use super::{Command, Cx, theme};
use crate::workspace::ProfileChange;
use egui::{RichText, Ui};

/// The welcome form.
#[derive(Debug, Default)]
pub struct WelcomeView {
    name: String,
    logo_path: String,
    informal: bool,
    area: String,
    email: String,
    /// The people who will sign pages off: name, role, lived experience.
    people: Vec<(String, String, bool)>,
    error: Option<String>,
}

impl WelcomeView {
    /// Draws the form; saving completes the welcome.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, appearance: &mut theme::Appearance) {
        super::widgets::scroll_area().auto_shrink([false, false]).show(ui, |ui| {
            centred_column(ui, 640.0, |ui| {
            ui.add_space(24.0);
            ui.heading("Welcome to LERO Evidence");
            ui.add_space(4.0);
            hint(
                ui,
                "Here your organisation keeps its self-assessment against the standards, its evidence and its one-page accounts. Everything stays on this computer, in one file.",
            );
            ui.add_space(8.0);
            egui::CollapsingHeader::new("Text too small, or hard to read? Change how the app looks")
                .default_open(appearance != &theme::Appearance::default())
                .show(ui, |ui| appearance_controls(ui, appearance));
            ui.add_space(12.0);
            theme::subheading(ui, "About your organisation");
            field(ui, "Organisation name", &mut self.name, "As it should appear on your pages");
            path_field(ui, cx, "Logo (optional, PNG or JPEG)", &mut self.logo_path, Purpose::Logo);
            ui.add_space(4.0);
            ui.label("How is your organisation run?");
            ui.radio_value(&mut self.informal, false, "With a formal structure (a board, staff, written policies)");
            ui.radio_value(&mut self.informal, true, "Informally (a peer group, no formal structure yet)");
            hint(ui, "Some standards apply only to organisations with a formal structure; you can change this later in Settings.");
            field(ui, "Area you serve (optional)", &mut self.area, "For example: Wirral");
            field(ui, "Contact email (optional)", &mut self.email, "name@example.org");
            ui.add_space(12.0);
            self.people_form_ui(ui);
            ui.add_space(12.0);
            if let Some(e) = &self.error {
                ui.label(RichText::new(e).color(theme::warning(ui)));
            }
            if ui.add(theme::primary_button(ui, "Save and continue")).clicked() {
                self.save(cx);
            }
            });
        });
    }

    /// The people who will sign pages off, asked for now so nobody has to find them in
    /// Settings before the first sign-off.
    fn people_form_ui(&mut self, ui: &mut Ui) {
        theme::subheading(ui, "Who will sign your pages off?");
        hint(
            ui,
            "Each page is signed off inside your organisation before it is sent: by default by two people, one of them with lived experience of recovery. Add them now, or later in Settings.",
        );
        if self.people.is_empty() {
            self.people.push(Default::default());
        }
        let mut remove = None;
        let count = self.people.len();
        for (i, (name, role, lived)) in self.people.iter_mut().enumerate() {
            let n = i + 1;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                field(ui, &format!("Name of person {n}"), name, "As they want it shown");
                field(ui, &format!("Role of person {n}"), role, "For example: Peer mentor");
                ui.checkbox(lived, format!("Person {n} has lived experience of recovery"));
                if count > 1 && ui.small_button(format!("Leave out person {n}")).clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            self.people.remove(i);
        }
        if ui.button("Add another person").clicked() {
            self.people.push(Default::default());
        }
    }

    /// Adds the people typed, leaving in the form only those that could not be added.
    fn add_people(&mut self, cx: &mut Cx<'_>) -> bool {
        while let Some((name, role, lived)) = self.people.first().cloned() {
            if name.trim().is_empty() && role.trim().is_empty() {
                self.people.remove(0);
                continue;
            }
            if let Err(e) = cx.ws.add_person(&name, &role, lived) {
                self.error = Some(format!(
                    "{} (your organisation's details are saved; the people from here on are not yet).",
                    e.to_string().trim_end_matches('.')
                ));
                return false;
            }
            self.people.remove(0);
        }
        true
    }

    fn save(&mut self, cx: &mut Cx<'_>) {
        self.error = None;
        // The logo is checked before anything is saved, so a bad picture loses nothing typed.
        let profile = ProfileChange {
            name: Some(self.name.clone()),
            email: Some(self.email.clone()),
            area: Some(self.area.clone()),
            formal: Some(!self.informal),
            logo: typed_path(&self.logo_path),
        };
        if let Err(e) = cx.ws.update_profile(&profile) {
            self.error = Some(e.to_string());
            return;
        }
        if !self.add_people(cx) {
            return;
        }
        cx.good(format!("Welcome, {}. Start with the standards, or look at the dashboard.", self.name.trim()));
        cx.commands.push(Command::Navigate(super::Screen::Standards));
    }
}
