//! Settings: the organisation's year in figures. The years kept, each with a way to change
//! or remove it, and a form for one year, opened to add or change one: the year (typed, or chosen from the years around
//! now), the five figures and the note. What cannot be used is said beside the Save button,
//! and nothing typed is lost.

use crate::domain::figures::{Field, FiguresChange, Year, YearFigures, grouped};
use crate::domain::text::one_line;
use crate::ui::widgets::{area, field, hint};
use crate::ui::{Cx, theme};
use egui::{RichText, Ui};

/// The year-in-figures section's view state.
#[derive(Default)]
pub(super) struct FiguresView {
    /// The years kept, newest first.
    years: Vec<YearFigures>,
    /// The year as typed in the form.
    year: String,
    /// The five figures as typed, in [`Field::ALL`]'s order.
    figures: [String; 5],
    /// The note as typed.
    note: String,
    /// The form is shown (it is closed until a year is added or changed, so Settings stays
    /// short; it closes when saved).
    open: bool,
    /// The year whose figures were brought into the form to be changed.
    changing: Option<Year>,
    /// The year the user asked to remove, waiting for a yes.
    confirm_remove: Option<Year>,
    /// Why the form could not be saved, shown beside the Save button.
    error: Option<String>,
}

impl FiguresView {
    /// Reloads the years kept; what is typed in the form stays.
    pub(super) fn refresh(&mut self, cx: &mut Cx<'_>) {
        match cx.ws.figures() {
            Ok(years) => self.years = years,
            Err(e) => cx.problem(e),
        }
    }

    /// Draws the section.
    pub(super) fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        // Ids of their own: "Year" or "Volunteers" elsewhere on the screen never clash.
        ui.push_id("year-in-figures", |ui| {
            theme::subheading(ui, "Our year in figures");
            hint(
                ui,
                "How much your organisation does in a year, so the college can add up what LEROs do. Give the figures you have and leave the others empty. A year is a calendar year (2025) or a financial year (2025-26).",
            );
            self.years_ui(ui, cx);
            ui.add_space(6.0);
            self.form_ui(ui, cx);
        });
    }

    /// The years kept, each with Change and Remove.
    fn years_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if self.years.is_empty() {
            hint(ui, "No figures kept yet.");
            return;
        }
        let mut change = None;
        let mut remove = None;
        for kept in &self.years {
            let year = kept.year;
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{year}: {}", kept.summary()));
                let button = ui.small_button("Change");
                named(&button, &format!("Change the figures for {year}"));
                if button.clicked() {
                    change = Some(kept.clone());
                }
                if self.confirm_remove == Some(year) {
                    if ui.button(format!("Yes, remove {year}")).clicked() {
                        remove = Some(year);
                    }
                    if ui.button(format!("Keep {year}")).clicked() {
                        self.confirm_remove = None;
                    }
                } else {
                    let ask = ui.small_button("Remove…");
                    named(&ask, &format!("Remove the figures for {year}…"));
                    if ask.clicked() {
                        self.confirm_remove = Some(year);
                    }
                }
            });
            if !kept.note.is_empty() {
                hint(ui, &format!("How they were counted: {}", one_line(&kept.note)));
            }
        }
        if let Some(kept) = change {
            self.bring_into_form(&kept);
        }
        if let Some(year) = remove {
            self.confirm_remove = None;
            match cx.ws.remove_figures(&year.to_string()) {
                Ok(year) => {
                    cx.good(format!("Removed the figures for {year}."));
                    self.years.retain(|k| k.year != year);
                    if self.changing == Some(year) {
                        self.changing = None;
                    }
                }
                Err(e) => cx.problem(e),
            }
        }
    }

    /// Puts a kept year's figures into the form, to be changed.
    fn bring_into_form(&mut self, kept: &YearFigures) {
        self.year = kept.year.to_string();
        for (typed, (_, value)) in self.figures.iter_mut().zip(kept.fields()) {
            *typed = value.map(grouped).unwrap_or_default();
        }
        self.note.clone_from(&kept.note);
        self.changing = Some(kept.year);
        self.open = true;
        self.error = None;
    }

    /// Empties the form.
    fn clear(&mut self) {
        self.year.clear();
        self.figures = Default::default();
        self.note.clear();
        self.changing = None;
        self.error = None;
        self.open = false;
    }

    /// The form: year, figures, note, and Save with the sentence beside it.
    fn form_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if !self.open {
            self.open = ui.button("Add a year’s figures…").clicked();
            return;
        }
        let heading = match self.changing {
            Some(year) => format!("Change the figures for {year}"),
            None => "Add a year".to_owned(),
        };
        ui.label(RichText::new(heading).strong());
        field(ui, "Year", &mut self.year, "2025 or 2025-26");
        self.choose_year_ui(ui);
        // Another year typed or chosen: the form is for that year now.
        if self.changing.is_some_and(|c| Year::parse(&self.year).ok() != Some(c)) {
            self.changing = None;
        }
        if let Ok(year) = Year::parse(&self.year)
            && self.changing != Some(year)
            && self.years.iter().any(|k| k.year == year)
        {
            ui.label(
                RichText::new(format!(
                    "Figures for {year} are kept already: saving replaces them with what is typed here. To start from them, use “Change” beside {year} above."
                ))
                .color(theme::warning(ui)),
            );
        }
        for (typed, field_of) in self.figures.iter_mut().zip(Field::ALL) {
            field(ui, field_of.label(), typed, field_of.help());
        }
        area(
            ui,
            "How the figures were counted",
            &mut self.note,
            "For example: people from our sign-in sheets; hours from the rota",
            2,
        );
        ui.add_space(4.0);
        let mut save = false;
        let mut clear = false;
        ui.horizontal_wrapped(|ui| {
            save = ui.add(theme::primary_button(ui, "Save the figures")).clicked();
            clear = ui.button("Close without saving").clicked();
            if let Some(e) = &self.error {
                ui.label(RichText::new(e).color(theme::warning(ui)));
            }
        });
        if clear {
            self.clear();
        }
        if save {
            self.save(cx);
        }
    }

    /// A year chosen from those around now fills the year box.
    fn choose_year_ui(&mut self, ui: &mut Ui) {
        let today = time::OffsetDateTime::now_utc().date();
        let (calendar, month) = (u16::try_from(today.year()).unwrap_or(2025), u8::from(today.month()));
        // A financial year in the UK starts in April.
        let financial = if month >= 4 { calendar } else { calendar.saturating_sub(1) };
        let choices = [
            (Year::financial(financial), "this financial year"),
            (Year::financial(financial.saturating_sub(1)), "last financial year"),
            (Year::calendar(calendar), "this calendar year"),
            (Year::calendar(calendar.saturating_sub(1)), "last calendar year"),
        ];
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Or choose one");
            egui::ComboBox::from_id_salt("choose-year")
                .selected_text("Choose a year")
                .show_ui(ui, |ui| {
                    for (year, what) in choices {
                        let Some(year) = year else { continue };
                        if ui.selectable_label(false, format!("{year} ({what})")).clicked() {
                            self.year = year.to_string();
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        });
    }

    /// Saves the form as one year's figures, in place of any kept for it.
    fn save(&mut self, cx: &mut Cx<'_>) {
        let mut change = FiguresChange { year: self.year.clone(), note: Some(self.note.clone()), ..Default::default() };
        for (typed, field_of) in self.figures.iter().zip(Field::ALL) {
            change.give(field_of, typed.clone());
        }
        let nothing = self.note.trim().is_empty() && self.figures.iter().all(|f| f.trim().is_empty());
        let saved = match Year::parse(&self.year) {
            Err(e) => Err(e.to_string()),
            Ok(year) if nothing => {
                Err(format!("Type at least one figure for {year}, or a note on how the figures were counted."))
            }
            Ok(_) => cx.ws.update_figures(&change).map_err(|e| e.to_string()),
        };
        match saved {
            Ok(saved) => {
                cx.good(format!("Saved the figures for {}: {}.", saved.year, saved.summary()));
                self.clear();
                self.refresh(cx);
            }
            Err(e) => self.error = Some(e),
        }
    }
}

/// Gives a button the name a screen reader says (and tests find it by).
fn named(button: &egui::Response, name: &str) {
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
}
