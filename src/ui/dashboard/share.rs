//! "Share where we stand": the exports for trustees, funders and commissioners, in one row on
//! the dashboard: "Where we stand" as a PDF and the workbook. Each is saved where the save
//! dialog says, asked about before replacing a file, then written off the frame; the PDF of
//! a workspace of years takes a moment, so its progress is shown while it is laid out and
//! written.

use super::DashboardView;
use crate::ui::picker::Purpose;
use crate::ui::widgets::with_extension;
use crate::ui::{Command, Cx, Screen, theme};
use crate::workspace::{ExportJob, TableKind};
use egui::{RichText, Ui};
use std::path::PathBuf;
use std::sync::Arc;

/// How often the progress is looked at again while an export runs.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(150);

impl DashboardView {
    /// The row: its heading, then the two buttons, or what the export running is doing.
    pub(super) fn share_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Share where we stand");
        // One export at a time: a file chosen meanwhile waits for the one running.
        if !self.exporting {
            self.start_summary(ui, cx);
            self.start_workbook(ui, cx);
        }
        if self.exporting {
            self.progress_ui(ui);
            return;
        }
        ui.horizontal_wrapped(|ui| {
            if cx.picking == Some(Purpose::SaveSummary) || cx.picking == Some(Purpose::SaveWorkbook) {
                ui.spinner();
                ui.label(RichText::new("Waiting for the file dialog…").color(theme::quiet(ui)));
                return;
            }
            if ui
                .button("Export “Where we stand” (PDF)…")
                .on_hover_text(
                    "A PDF for trustees, funders and commissioners: a chart of where you stand, every statement you have assessed, your evidence (personal data by title only, never its files), your action plan with what is overdue, your one-page accounts and the statements that do not apply.",
                )
                .clicked()
            {
                cx.commands.push(Command::PickFile(Purpose::SaveSummary));
            }
            if ui
                .button("Export the workbook…")
                .on_hover_text(
                    "An Excel workbook for trustees, funders and commissioners: your self-assessment, evidence, actions and one-page accounts, a sheet each. Name the file .csv for the self-assessment alone as CSV. Evidence marked as personal data is listed by title only.",
                )
                .clicked()
            {
                cx.commands.push(Command::PickFile(Purpose::SaveWorkbook));
            }
        });
    }

    /// "Where we stand" to the file chosen (ending .pdf), once any question is answered.
    fn start_summary(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let asked = cx.take_picked(Purpose::SaveSummary).map(|path| {
            let path = with_extension(path, "pdf");
            self.summary_path = path.display().to_string();
            path
        });
        if let Some(path) = self.ask_summary.confirm(ui, cx, asked, &self.summary_path, |p| vec![p.to_path_buf()]) {
            let job = cx.ws.check_output(&path).and_then(|_| cx.ws.prepare_summary());
            self.start(cx, job, path);
        }
    }

    /// The workbook to the file chosen (CSV, the assessments alone, when its name ends .csv).
    fn start_workbook(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let asked = cx.take_picked(Purpose::SaveWorkbook).map(|path| {
            let csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let path = with_extension(path, if csv { "csv" } else { "xlsx" });
            self.workbook_path = path.display().to_string();
            path
        });
        if let Some(path) = self.ask_workbook.confirm(ui, cx, asked, &self.workbook_path, |p| vec![p.to_path_buf()]) {
            let job = TableKind::for_file(&path).and_then(|kind| cx.ws.prepare_workbook(kind));
            self.start(cx, job, path);
        }
    }

    fn start(&mut self, cx: &mut Cx<'_>, job: crate::workspace::Result<ExportJob>, path: PathBuf) {
        match job {
            Ok(job) => {
                self.exporting = true;
                self.progress = Some(job.progress());
                cx.commands.push(Command::RunExport(Arc::new(job), path, Screen::Dashboard));
            }
            Err(e) => cx.problem(e),
        }
    }

    /// What the running export is doing, in words beside a spinner ("Laying out the
    /// evidence…", then "Writing the PDF (515 pages)…"). Said in words and not as a share:
    /// writing the pages, one step, takes most of the time.
    fn progress_ui(&self, ui: &mut Ui) {
        let (_, doing) = self.progress.as_ref().map(|p| p.now()).unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.spinner();
            ui.label(if doing.is_empty() { "Exporting…".to_owned() } else { doing });
        });
        // The thread writing the file says when it ends; meanwhile its progress is looked at
        // a few times a second.
        ui.ctx().request_repaint_after(PROGRESS_EVERY);
    }
}
