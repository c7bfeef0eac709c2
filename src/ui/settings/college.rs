//! The college's email address, where "Write the email" addresses a signed page: saved as
//! it is typed, like the organisation's other details, a bad address said beside it.

use crate::ui::widgets::field;
use crate::ui::{Cx, theme};
use egui::{RichText, Ui};
use std::time::{Duration, Instant};

/// What the field shows and whether it waits to be saved.
#[derive(Debug, Default)]
pub(super) struct CollegeEmail {
    /// The address as typed.
    typed: String,
    /// When it was last changed, until it is saved.
    edited_at: Option<Instant>,
    /// Why it was not saved, said beside it.
    error: Option<String>,
}

impl CollegeEmail {
    /// Loads the address kept (keeping one typed but not yet saved).
    pub(super) fn refresh(&mut self, cx: &mut Cx<'_>) {
        if self.edited_at.is_some() || self.error.is_some() {
            return;
        }
        match cx.ws.college_email() {
            Ok(address) => self.typed = address,
            Err(e) => cx.problem(e),
        }
    }

    /// Saves the address as typed; a bad one is said beside the field, and what was typed
    /// stays.
    pub(super) fn flush(&mut self, cx: &mut Cx<'_>) {
        if self.edited_at.take().is_none() {
            return;
        }
        match cx.quietly(|ws| ws.set_college_email(&self.typed)) {
            Ok(_) => self.error = None,
            Err(e) => self.error = Some(format!("Not saved: {e}")),
        }
    }

    /// The field, saved once typing pauses.
    pub(super) fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if self.edited_at.is_some_and(|t| t.elapsed() >= Duration::from_millis(400)) {
            self.flush(cx);
        } else if self.edited_at.is_some() {
            ui.ctx().request_repaint_after(Duration::from_millis(200));
        }
        let label = "College's email address (for sending pages)";
        if field(ui, label, &mut self.typed, "For example: evidence@clero.example").changed() {
            self.edited_at = Some(Instant::now());
        }
        if let Some(e) = &self.error {
            ui.label(RichText::new(e).color(theme::warning(ui)));
        }
    }
}
