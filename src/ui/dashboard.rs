//! The dashboard: where the organisation stands across sections, as a picture.

use super::widgets::{AskBeforeReplacing, hint};
use super::{Command, Cx, theme};
use crate::domain::account::AccountStatus;
use crate::domain::assessment::Stage;
use crate::domain::standards::StatementKey;
use crate::layout::summary::stage_name;
use crate::workspace::{AccountLine, Dashboard, SectionProgress, StageCounts};
use egui::{RichText, Ui};

/// The dashboard's view state: the figures, reloaded when shown.
#[derive(Debug, Default)]
pub struct DashboardView {
    data: Dashboard,
    /// The accounts listed: those needing something first, most recently changed first.
    shown: Vec<AccountLine>,
    /// "2,000 accounts: 1,333 signed off, …".
    accounts_summary: String,
    /// Where the workbook was asked to be saved, and the question before it replaces a file.
    workbook_path: String,
    ask_workbook: AskBeforeReplacing,
    /// Where "Where we stand" was asked to be saved, and the question before it replaces a file.
    summary_path: String,
    ask_summary: AskBeforeReplacing,
    /// An export started here is running.
    pub(super) exporting: bool,
    /// How far the running export has got, when it says.
    progress: Option<std::sync::Arc<crate::workspace::Progress>>,
}

mod share;

/// At most this many accounts are listed on the dashboard; the Accounts screen has them all.
const LISTED_ACCOUNTS: usize = 10;

/// "1,333" for 1333.
fn thousands(n: usize) -> String {
    crate::domain::text::thousands(n as u64)
}

/// How many accounts there are and where they stand, in words.
fn accounts_summary(accounts: &[AccountLine]) -> String {
    let parts: Vec<String> = [
        (AccountStatus::Signed, "signed off"),
        (AccountStatus::Awaiting, "awaiting sign-off"),
        (AccountStatus::Changed, "changed since sign-off"),
        (AccountStatus::Draft, "being written"),
    ]
    .iter()
    .filter_map(|(status, words)| {
        let n = accounts.iter().filter(|a| a.status == *status).count();
        (n > 0).then(|| format!("{} {words}", thousands(n)))
    })
    .collect();
    let n = accounts.len();
    format!("{} {}: {}.", thousands(n), if n == 1 { "account" } else { "accounts" }, parts.join(", "))
}

/// The order stages are drawn in, from done to not started, then unassessed: the same as on
/// paper.
const DRAW_ORDER: [Option<Stage>; 6] = crate::layout::summary::STAGES_DRAWN;

fn count(c: &StageCounts, stage: Option<Stage>) -> usize {
    stage.map_or(c.unassessed, |s| c.at(s))
}

impl DashboardView {
    /// Reloads the figures.
    pub fn refresh(&mut self, cx: &mut Cx<'_>) {
        match cx.ws.dashboard() {
            Ok(d) => self.data = d,
            Err(e) => cx.problem(e),
        }
        // Listed in the order the workspace gives (most recently changed first), those that
        // need something before those signed off.
        let (mut shown, signed): (Vec<AccountLine>, Vec<AccountLine>) =
            self.data.accounts.iter().cloned().partition(|a| a.status != AccountStatus::Signed);
        shown.extend(signed);
        shown.truncate(LISTED_ACCOUNTS);
        self.shown = shown;
        self.accounts_summary = accounts_summary(&self.data.accounts);
    }

    /// The export running off the frame has finished.
    pub fn export_finished(&mut self) {
        self.exporting = false;
        self.progress = None;
    }

    /// Draws the dashboard.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        super::widgets::scroll_area().show(ui, |ui| {
            ui.heading("Where we are");
            let total: StageCounts = self.data.sections.iter().fold(StageCounts::default(), |mut acc, s| {
                acc.unassessed += s.counts.unassessed;
                for (a, b) in acc.stages.iter_mut().zip(s.counts.stages) {
                    *a += b;
                }
                acc
            });
            hint(
                ui,
                &format!(
                    "{} of {} statements assessed · {} evidence items · {} actions to do",
                    total.total() - total.unassessed,
                    total.total(),
                    thousands(self.data.evidence),
                    self.data.open_actions.len()
                ),
            );
            legend_ui(ui);
            let mut last_set = String::new();
            let name_width = name_column(ui, &self.data.sections);
            for p in &self.data.sections {
                if p.set_id != last_set {
                    theme::subheading(ui, &p.set_title);
                    last_set.clone_from(&p.set_id);
                }
                section_row_ui(ui, cx, p, name_width);
            }
            self.share_ui(ui, cx);
            theme::subheading(ui, "One-page accounts");
            if self.data.accounts.is_empty() {
                hint(ui, "No accounts yet. Write one under Accounts.");
            } else {
                hint(ui, &self.accounts_summary);
            }
            for a in &self.shown {
                ui.horizontal_wrapped(|ui| {
                    if ui.link(&a.name).on_hover_text("Open in the editor").clicked() {
                        cx.commands.push(Command::OpenAccount(a.id));
                    }
                    let colour = theme::status_colour(ui, a.status);
                    ui.label(RichText::new(a.status.label()).color(colour));
                    if a.status != AccountStatus::Signed {
                        ui.label(RichText::new(format!("· {}", a.progress)).color(theme::quiet(ui)));
                    }
                });
            }
            if self.data.accounts.len() > self.shown.len() {
                let all = format!("See all {} accounts", thousands(self.data.accounts.len()));
                if ui.link(all).clicked() {
                    cx.commands.push(Command::Navigate(super::Screen::Accounts));
                }
            }
            theme::subheading(ui, "Actions to do");
            if self.data.open_actions.is_empty() {
                hint(ui, "No actions yet. Add them from a statement, under “What we will do next”.");
            }
            let today = crate::workspace::today();
            for a in &self.data.open_actions {
                ui.horizontal_wrapped(|ui| {
                    let due = a.due.as_deref().unwrap_or("no date");
                    let overdue = a.is_overdue(&today);
                    let due = a.due.as_deref().map_or_else(
                        || due.to_owned(),
                        |d| format!("by {}", crate::domain::assessment::date_for_people(d)),
                    );
                    let due_text = RichText::new(if overdue { format!("{due} (overdue)") } else { due });
                    ui.label(if overdue {
                        due_text.color(theme::warning(ui))
                    } else {
                        due_text.color(theme::quiet(ui))
                    });
                    if ui.link(&a.what).on_hover_text(format!("Open statement {}", a.key.code)).clicked() {
                        cx.commands.push(Command::OpenStatement(a.key.clone()));
                    }
                    if !a.who.is_empty() {
                        ui.label(RichText::new(format!("· {}", a.who)).color(theme::quiet(ui)));
                    }
                });
            }
        });
    }
}

fn legend_ui(ui: &mut Ui) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.horizontal_wrapped(|ui| {
        for stage in DRAW_ORDER {
            // The swatch and its words go to the next line together, and "Not yet" never
            // breaks over two lines: the item's width is known before it is placed.
            let words =
                ui.painter().layout_no_wrap(stage_name(stage).to_owned(), font.clone(), ui.visuals().text_color());
            let item = 14.0 + 2.0 * ui.spacing().item_spacing.x + words.size().x + 2.0;
            if ui.available_width() < item && ui.cursor().left() > ui.max_rect().left() + 1.0 {
                ui.end_row();
            }
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            theme::stage_mark(ui.painter(), rect.center(), 6.5, stage);
            ui.add(egui::Label::new(stage_name(stage)).wrap_mode(egui::TextWrapMode::Extend));
            ui.add_space(6.0);
        }
    });
}

/// The width of the names' column, shared by every row so that all bars start at one left
/// edge; none when the names go above their bars instead (a long name, or large text).
fn name_column(ui: &Ui, sections: &[SectionProgress]) -> Option<f32> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = sections
        .iter()
        .map(|p| ui.painter().layout_no_wrap(p.section.clone(), font.clone(), egui::Color32::PLACEHOLDER).size().x)
        .fold(0.0, f32::max)
        + 12.0;
    let room = ui.available_width();
    (widest <= room * 0.4 && room >= widest + 330.0).then_some(widest)
}

fn section_row_ui(ui: &mut Ui, cx: &mut Cx<'_>, p: &SectionProgress, name_width: Option<f32>) {
    if name_width.is_none() {
        ui.label(&p.section);
    }
    ui.horizontal(|ui| {
        if let Some(name_width) = name_width {
            // Painted into a column of one width, so the bar after it starts where every
            // other row's bar starts.
            let (name_rect, name) = ui.allocate_exact_size(egui::vec2(name_width, 26.0), egui::Sense::hover());
            let font = egui::TextStyle::Body.resolve(ui.style());
            let colour = ui.visuals().text_color();
            ui.painter().text(name_rect.left_center(), egui::Align2::LEFT_CENTER, &p.section, font, colour);
            name.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &p.section));
        }
        let total = p.counts.total().max(1);
        // One width for every bar, so their lengths compare.
        let width = (ui.available_width() - 140.0).clamp(120.0, 520.0);
        let summary: Vec<String> = DRAW_ORDER
            .iter()
            .filter(|s| count(&p.counts, **s) > 0)
            .map(|s| format!("{} {}", count(&p.counts, *s), stage_name(*s).to_lowercase()))
            .collect();
        let description = format!("{}: {}", p.section, summary.join(", "));
        let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 26.0), egui::Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &description));
        let mut x = rect.left();
        for stage in DRAW_ORDER {
            let n = count(&p.counts, stage);
            if n == 0 {
                continue;
            }
            let w = width * n as f32 / total as f32;
            let seg = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
            ui.painter().rect_filled(seg.shrink2(egui::vec2(0.5, 0.0)), 4.0, theme::stage_colour(stage));
            if w > 22.0 {
                ui.painter().text(
                    seg.center(),
                    egui::Align2::CENTER_CENTER,
                    n.to_string(),
                    egui::FontId::proportional(14.0),
                    theme::on_stage_colour(),
                );
            }
            x += w;
        }
        let response = response.on_hover_text(format!("{}\nClick to open this section.", summary.join("\n")));
        if response.clicked() {
            let key = first_statement(cx, p);
            cx.commands.push(Command::OpenStatement(key));
        }
        let done = p.counts.total() - p.counts.unassessed;
        ui.label(RichText::new(format!("{done} of {}", p.counts.total())).color(theme::quiet(ui)));
        if p.hidden_formal > 0 {
            ui.label(
                RichText::new(format!("({} formal only, hidden)", p.hidden_formal)).small().color(theme::quiet(ui)),
            );
        }
    });
}

fn first_statement(cx: &mut Cx<'_>, p: &SectionProgress) -> StatementKey {
    let code = cx
        .ws
        .load_set(&p.set_id, &p.version)
        .ok()
        .and_then(|set| {
            set.sections
                .iter()
                .find(|s| s.title == p.section)
                .and_then(|s| s.statements.first().map(|st| st.code.clone()))
        })
        .unwrap_or_default();
    StatementKey::new(&p.set_id, &p.version, &code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: i64, status: AccountStatus) -> AccountLine {
        AccountLine { id, name: format!("Account {id}"), status, progress: String::new() }
    }

    #[test]
    fn the_accounts_are_summed_up_in_words_with_thousands_marked() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1333), "1,333");
        assert_eq!(thousands(1_234_567), "1,234,567");
        let mut accounts: Vec<AccountLine> = (0..1333).map(|i| line(i, AccountStatus::Signed)).collect();
        accounts.push(line(9000, AccountStatus::Changed));
        accounts.push(line(9001, AccountStatus::Draft));
        assert_eq!(
            accounts_summary(&accounts),
            "1,335 accounts: 1,333 signed off, 1 changed since sign-off, 1 being written."
        );
        assert_eq!(accounts_summary(&accounts[..1]), "1 account: 1 signed off.");
    }
}
