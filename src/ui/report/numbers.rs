//! "LEROs in numbers" on the Report screen: the totals in words, the report's two charts
//! (people supported per contributor, accounts per statement; each said in words under it)
//! and each contributor's figures, as the report prints them.

use super::super::theme;
use crate::domain::text::thousands;
use crate::layout::report::numbers::{Bars, HEADINGS, accounts_bars, people_bars};
use crate::workspace::{ReportStatus, StatementCoverage};
use egui::{RichText, Ui};

/// The longest bar, in points.
const BAR_MAX: f32 = 260.0;

/// The part, under the contributors.
pub(super) fn numbers_ui(ui: &mut Ui, status: &ReportStatus, coverage: &[StatementCoverage]) {
    theme::subheading(ui, "LEROs in numbers");
    ui.label(status.totals.describe(status.contributors.len()));
    if status.totals.contributors_reporting == 0 {
        return;
    }
    let mut people: Vec<(String, u64)> = status
        .contributors
        .iter()
        .filter_map(|c| c.figures.as_ref().and_then(|f| f.people_supported).map(|n| (c.org.clone(), u64::from(n))))
        .collect();
    people.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
    if !people.is_empty() {
        bars_ui(ui, "people-supported", &people_bars(&people));
    }
    let accounts: Vec<(String, u64)> = coverage
        .iter()
        .filter(|c| !c.orgs.is_empty())
        .map(|c| (format!("{} {}", c.code, c.title), u64::try_from(c.orgs.len()).unwrap_or(u64::MAX)))
        .collect();
    if !accounts.is_empty() {
        bars_ui(ui, "accounts-per-statement", &accounts_bars(&accounts));
    }
    ui.add_space(6.0);
    // Narrow columns, their headings wrapped, so the table fits beside the navigation.
    let grid = egui::Grid::new("figures-by-contributor").striped(true).num_columns(7).spacing([14.0, 4.0]);
    grid.max_col_width(140.0).show(ui, |ui| {
        for h in HEADINGS {
            ui.add(egui::Label::new(RichText::new(h).strong()).wrap());
        }
        ui.end_row();
        let shown = |v: Option<u32>| v.map(|v| thousands(u64::from(v))).unwrap_or_default();
        for c in &status.contributors {
            ui.label(&c.org);
            match &c.figures {
                Some(f) => {
                    ui.label(&f.year);
                    for v in
                        [f.people_supported, f.support_hours, f.volunteers, f.volunteer_hours, f.lived_experience_roles]
                    {
                        ui.label(shown(v));
                    }
                }
                None => {
                    ui.label(RichText::new("no figures sent").italics().color(theme::quiet(ui)));
                }
            }
            ui.end_row();
        }
    });
}

/// A bar chart: a row a bar (label, bar, value), then every value in words under it.
fn bars_ui(ui: &mut Ui, id: &str, chart: &Bars<'_>) {
    ui.add_space(6.0);
    ui.label(RichText::new(chart.heading).strong());
    let most = chart.values.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    egui::Grid::new(id).num_columns(2).spacing([12.0, 4.0]).max_col_width(360.0).show(ui, |ui| {
        for (label, n) in chart.values {
            ui.add(egui::Label::new(label.as_str()).wrap());
            ui.horizontal(|ui| {
                #[allow(clippy::cast_precision_loss, reason = "a share of the longest bar")]
                let width = (BAR_MAX * (*n as f32 / most as f32)).max(2.0);
                let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 14.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, theme::accent(ui));
                ui.label(thousands(*n));
            });
            ui.end_row();
        }
    });
    ui.label(RichText::new(chart.words()).color(theme::quiet(ui)));
}
