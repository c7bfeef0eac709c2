//! The report's table for the college's analysts: a row for each contribution, saved as an
//! Excel workbook (the default) or as CSV, chosen in the save dialog.

use super::ReportView;
use crate::ui::picker::Purpose;
use crate::ui::widgets::with_extension;
use crate::ui::{Cx, theme};
use crate::workspace::TableKind;
use egui::{RichText, Ui};

/// The button beside the report's other exports; true when clicked. While the dialog is
/// open it says so instead.
pub(super) fn table_button_ui(ui: &mut Ui, cx: &Cx<'_>) -> bool {
    if cx.picking == Some(Purpose::SaveTable) {
        ui.spinner();
        ui.label(RichText::new("Waiting for the file dialog…").color(theme::quiet(ui)));
        return false;
    }
    ui.button("Export the table for analysts…")
        .on_hover_text(
            "A row for each contribution (organisation, statement, words, stage, rung, sign-off date and the figures sent), as an Excel workbook or, if you name the file .csv, as CSV.",
        )
        .clicked()
}

impl ReportView {
    /// The table's export: the file chosen in the save dialog (CSV when its name ends .csv,
    /// otherwise a workbook ending .xlsx), asked about before replacing a file, then written
    /// off the frame.
    pub(super) fn table_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        // One export at a time: a file chosen meanwhile waits for the one running.
        if self.exporting {
            return;
        }
        let asked = cx.take_picked(Purpose::SaveTable).map(|path| {
            let csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let path = with_extension(path, if csv { "csv" } else { "xlsx" });
            self.table_path = path.display().to_string();
            path
        });
        let Some(path) = self.ask_table.confirm(ui, cx, asked, &self.table_path, |p| vec![p.to_path_buf()]) else {
            return;
        };
        let job = TableKind::for_file(&path).and_then(|kind| cx.ws.prepare_report_table(kind));
        self.start_export(cx, job, path);
    }
}
