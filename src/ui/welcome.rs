//! First run: the organisation's name and logo.

use super::picker::Purpose;
use super::widgets::{appearance_controls, centred_column, field, hint, path_field, typed_path};
use super::{Command, Ctx, theme};
use crate::domain::organisation::{Logo, Organisation};
use egui::{RichText, Ui};

/// The welcome form.
#[derive(Debug, Default)]
pub struct WelcomeView {
    name: String,
    logo_path: String,
    informal: bool,
    area: String,
    email: String,
    error: Option<String>,
}

impl WelcomeView {
    /// Draws the form; saving completes the welcome.
    pub fn show(&mut self, ui: &mut Ui, ctx: &mut Ctx<'_>, appearance: &mut theme::Appearance) {
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
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
            path_field(ui, ctx, "Logo (optional, PNG or JPEG)", &mut self.logo_path, Purpose::Logo);
            ui.add_space(4.0);
            ui.label("How is your organisation run?");
            ui.radio_value(&mut self.informal, false, "With a formal structure (a board, staff, written policies)");
            ui.radio_value(&mut self.informal, true, "Informally (a peer group, no formal structure yet)");
            hint(ui, "Some standards apply only to organisations with a formal structure; you can change this later in Settings.");
            field(ui, "Area you serve (optional)", &mut self.area, "For example: Wirral");
            field(ui, "Contact email (optional)", &mut self.email, "name@example.org");
            ui.add_space(12.0);
            if let Some(e) = &self.error {
                ui.label(RichText::new(e).color(theme::warning(ui)));
            }
            if ui.add(theme::primary_button(ui, "Save and continue")).clicked() {
                self.save(ctx);
            }
            });
        });
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) {
        self.error = None;
        // Check the logo before saving anything, so a bad picture loses nothing typed.
        let logo = match typed_path(&self.logo_path) {
            Some(p) => match crate::workspace::read_user_file(
                &p,
                crate::domain::organisation::MAX_LOGO_BYTES as u64,
                "picture",
            )
            .and_then(|b| Logo::check(b).map_err(|e| crate::workspace::WorkspaceError::Invalid(e.to_string())))
            {
                Ok(l) => Some(l),
                Err(e) => {
                    self.error = Some(e.to_string());
                    return;
                }
            },
            None => None,
        };
        let org = Organisation {
            name: self.name.clone(),
            email: self.email.clone(),
            area: self.area.clone(),
            formal: !self.informal,
        };
        if let Err(e) = ctx.ws.set_organisation(&org) {
            self.error = Some(e.to_string());
            return;
        }
        if let Some(logo) = logo
            && let Err(e) = ctx.ws.set_logo(logo.bytes)
        {
            self.error = Some(e.to_string());
            return;
        }
        ctx.good(format!("Welcome, {}. Start with the standards, or look at the dashboard.", self.name.trim()));
        ctx.commands.push(Command::Navigate(super::Screen::Standards));
        ctx.commands.push(Command::Refresh);
    }
}
