//! The Sign-off screen: what is waiting for whom, the page exactly as it will be signed, and
//! approving or asking for changes.

use super::widgets::{LogoTexture, Pane, area, diff_ui, hint, list_and_detail_ui, page_preview_ui};
use super::{Cx, theme};
use crate::domain::account::{Account, AccountStatus};
use crate::domain::diff::Part;
use crate::domain::fingerprint::short;
use crate::domain::organisation::Person;
use crate::domain::signoff::Decision;
use crate::layout::{Fit, Layouter, Page};
use crate::workspace::SignoffState;
use egui::{RichText, Ui};

/// The Sign-off screen's view state.
#[derive(Default)]
pub struct SignoffView {
    /// Each account, where it stands and what people call it.
    list: Vec<(Account, SignoffState, String)>,
    people: Vec<Person>,
    rule: String,
    selected: Option<Selected>,
    logo: LogoTexture,
}

/// The account being looked at.
struct Selected {
    id: i64,
    page: Page,
    fit: Fit,
    changes: Option<(i64, Vec<Part>)>,
    person: Option<String>,
    note: String,
}

impl SignoffView {
    /// Reloads the accounts, their sign-off states and the people.
    pub fn refresh(&mut self, cx: &mut Cx<'_>) {
        let loaded = (|| -> crate::workspace::Result<_> {
            Ok((cx.ws.signoff_states()?, cx.ws.people()?, cx.ws.signoff_rule()?.describe()))
        })();
        match loaded {
            Ok((list, people, rule)) => {
                self.list = list
                    .into_iter()
                    .map(|(a, s)| {
                        let name = cx.ws.account_name(&a);
                        (a, s, name)
                    })
                    .collect();
                self.people = people;
                self.rule = rule;
            }
            Err(e) => cx.problem(e),
        }
        if let Some(id) = self.selected.as_ref().map(|s| s.id) {
            self.select(cx, id);
        }
    }

    fn select(&mut self, cx: &mut Cx<'_>, id: i64) {
        let person = self.selected.as_ref().filter(|s| s.id == id).and_then(|s| s.person.clone());
        let loaded = (|| -> crate::workspace::Result<Selected> {
            let account = cx.ws.account(id)?;
            let state = cx.ws.signoff_state(id)?;
            let context = cx.ws.account_context(&account)?;
            let mut layouter = Layouter::new(cx.ws.fonts());
            let draft = state.status != AccountStatus::Signed;
            let (page, fit) = layouter.one_pager(&context.one_pager(&account.title, &account.body, draft));
            let changes = cx.ws.changes_since_signoff(id)?.map(|(rev, parts)| (rev.number, parts));
            Ok(Selected { id, page, fit, changes, person, note: String::new() })
        })();
        match loaded {
            Ok(s) => self.selected = Some(s),
            Err(e) => cx.problem(e),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let list = egui::Panel::left("signoff-list").resizable(true).default_size(330.0).size_range(260.0..=440.0);
        let back =
            list_and_detail_ui(ui, list, self.selected.is_some(), "Back to the list of pages", |ui, pane| match pane {
                Pane::List => self.list_ui(ui, cx),
                Pane::Detail => {
                    super::widgets::scroll_area().auto_shrink([false, false]).show(ui, |ui| self.detail_ui(ui, cx));
                }
            });
        if back {
            self.selected = None;
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        ui.add_space(8.0);
        ui.heading("Sign-off");
        hint(ui, &format!("A page is signed off with {}. You can change this in Settings.", self.rule));
        ui.separator();
        if self.list.is_empty() {
            hint(ui, "No accounts yet: write one under Accounts first.");
        }
        let mut clicked = None;
        // Only the rows in view are drawn, so a list of thousands costs no more than a page.
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0
            + ui.text_style_height(&egui::TextStyle::Small)
            + ui.spacing().item_spacing.y * 3.0
            + 6.0;
        super::widgets::scroll_area().auto_shrink([false, false]).show_rows(
            ui,
            row_height,
            self.list.len(),
            |ui, rows| {
                for (a, state, name) in &self.list[rows] {
                    ui.allocate_ui(egui::vec2(ui.available_width(), row_height), |ui| {
                        ui.set_min_height(row_height);
                        // Name and status close together, the gap between accounts below.
                        ui.spacing_mut().item_spacing.y = 2.0;
                        let selected = self.selected.as_ref().is_some_and(|s| s.id == a.id);
                        let r = ui.add(egui::Button::selectable(selected, RichText::new(name).strong()).truncate());
                        if r.clicked() {
                            clicked = Some(a.id);
                        }
                        let colour = theme::status_colour(ui, state.status);
                        ui.label(RichText::new(state.status.label()).color(colour));
                        if state.status != AccountStatus::Signed {
                            ui.label(RichText::new(state.progress.describe()).small().color(theme::quiet(ui)));
                        }
                    });
                }
            },
        );
        if let Some(id) = clicked {
            self.select(cx, id);
        }
    }

    fn detail_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let logo = self.logo.get(ui, cx).map(|(id, _)| id);
        let people = self.people.clone();
        let Some(sel) = &mut self.selected else {
            ui.add_space(30.0);
            ui.heading("Choose a page to sign off");
            hint(
                ui,
                "Everyone who signs off sees the page exactly as it will be sent. The sign-off is for that exact page: any later edit, however small, needs signing again.",
            );
            return;
        };
        let Some((account, state, name)) = self.list.iter().find(|(a, _, _)| a.id == sel.id) else { return };
        ui.add_space(8.0);
        ui.heading(if account.title.is_empty() { name.clone() } else { format!("{} · {name}", account.key.code) });
        let headline = if state.status == AccountStatus::Signed {
            state.progress.describe()
        } else {
            format!("{}: {}", state.status.label(), state.progress.describe())
        };
        ui.label(RichText::new(headline).strong());
        ui.label(
            RichText::new(format!(
                "Fingerprint of this page: {}. A fingerprint is a short code worked out from everything on the page; if a single letter changes, so does the code.",
                short(&state.fingerprint)
            ))
            .small()
            .color(theme::quiet(ui)),
        );
        if let Some((number, parts)) = &sel.changes {
            theme::subheading(ui, &format!("What changed since version {number} was signed off"));
            diff_ui(ui, parts);
        }
        ui.add_space(6.0);
        let Selected { id, page, fit, person, note, .. } = sel;
        let id = *id;
        let mut form = |ui: &mut Ui| {
            theme::subheading(ui, "Sign off this page");
            if people.is_empty() {
                hint(ui, "Add the people who sign off pages in Settings first.");
            } else if !fit.fits() {
                ui.label(
                    RichText::new(format!("This page is {}: shorten it before signing off.", fit.describe()))
                        .color(theme::warning(ui)),
                );
            } else {
                ui.label("Who is signing?");
                // Every person in view, one choice each: easier to read, and to reach by
                // keyboard, than a drop-down list.
                for p in &people {
                    let text = format!(
                        "{} ({}{})",
                        p.name,
                        p.role,
                        if p.lived_experience { ", lived experience" } else { "" }
                    );
                    ui.radio_value(person, Some(p.name.clone()), text);
                }
                area(ui, "Note (optional)", note, "For example: what needs changing", 2);
                ui.horizontal_wrapped(|ui| {
                    let mut decision = None;
                    if ui.add(theme::primary_button(ui, "Approve this page")).clicked() {
                        decision = Some(Decision::Approved);
                    }
                    if ui.button("Ask for changes").clicked() {
                        decision = Some(Decision::ChangesRequested);
                    }
                    if let Some(decision) = decision {
                        match &person {
                            None => cx.problem("Choose who is signing first."),
                            Some(person) => match cx.ws.decide(id, person, decision, note) {
                                Ok(d) if !d.recorded => cx.good(format!(
                                    "{} had already given “{}” on this version of the page (fingerprint {}), so nothing changed.",
                                    d.person,
                                    decision.label(),
                                    short(&d.fingerprint)
                                )),
                                Ok(d) => {
                                    cx.good(format!(
                                        "{}: {} (fingerprint {}).",
                                        d.person,
                                        decision.label(),
                                        short(&d.fingerprint)
                                    ));
                                    note.clear();
                                }
                                Err(e) => cx.problem(e),
                            },
                        }
                    }
                });
            }
            theme::subheading(ui, "Sign-offs of this page");
            let current: Vec<_> = state.current().collect();
            if current.is_empty() {
                hint(ui, "Nobody has signed this page yet.");
            }
            for s in current {
                ui.label(format!(
                    "{} · {}, {}{} — {}",
                    s.decision.label(),
                    s.name,
                    s.role,
                    if s.lived_experience { ", lived experience" } else { "" },
                    s.at.get(..10).unwrap_or(&s.at)
                ));
                if !s.note.is_empty() {
                    ui.label(RichText::new(format!("“{}”", s.note)).italics().color(theme::quiet(ui)));
                }
            }
            let older = state.signoffs.iter().filter(|s| s.fingerprint != state.fingerprint).count();
            if older > 0 {
                hint(
                    ui,
                    &format!(
                        "{older} earlier sign-offs were for an earlier version of the page; they stay with that version."
                    ),
                );
            }
        };
        let page_ui = |ui: &mut Ui| {
            ui.label(RichText::new("The page, as it will be signed").strong());
            page_preview_ui(ui, page, logo, fit);
        };
        // A narrow window (large text) puts the page above the form, so that Approve is reached
        // only after the page has been shown.
        if super::widgets::narrow(ui) {
            page_ui(ui);
            ui.separator();
            form(ui);
        } else {
            ui.columns(2, |cols| {
                form(&mut cols[0]);
                page_ui(&mut cols[1]);
            });
        }
    }
}
