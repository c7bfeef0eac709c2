//! The collective report as a table for the college's analysts: a row for each contribution,
//! in report order, written as CSV or as an Excel workbook by `export::table`.

use super::export::{Document, ExportJob, Exported, Format, TableKind};
use super::{Result, Workspace};
use crate::domain::account::word_count;
use crate::domain::assessment::Stage;
use crate::domain::bundle::{APPROVED, Contribution};
use crate::domain::fingerprint::short;
use crate::export::table::TableMeta;
use std::path::Path;

pub use crate::export::table::ReportTableRow;

impl Workspace {
    /// A row for each contribution of the current report, in report order.
    pub fn report_table(&self) -> Result<Vec<ReportTableRow>> {
        Ok(self.report_contributions()?.iter().map(|(row, c)| table_row(&row.org_name, c)).collect())
    }

    /// The current report's table as a file of `kind`, ready to be written.
    pub fn prepare_report_table(&self, kind: TableKind) -> Result<ExportJob> {
        let report = self.current_report()?;
        let contributions = self.report_contributions()?;
        let rows: Vec<ReportTableRow> = contributions.iter().map(|(row, c)| table_row(&row.org_name, c)).collect();
        // The workbook says it was made when the report's newest bundle was, so the same
        // report gives the same bytes.
        let created = contributions
            .iter()
            .filter_map(|(_, c)| {
                time::OffsetDateTime::parse(&c.exported_at, &time::format_description::well_known::Rfc3339).ok()
            })
            .max();
        let document = Document::ReportTable { rows: rows.len() };
        let format = Format::Table { kind, rows, meta: TableMeta { title: report.title, created } };
        Ok(ExportJob::new(document, format, false, self.own_files()))
    }

    /// Writes the current report's table to `out`, as CSV or a workbook by its extension.
    pub fn export_report_table(&self, out: &Path) -> Result<Exported> {
        self.check_output(out)?;
        let kind = TableKind::for_file(out)?;
        self.prepare_report_table(kind)?.write(out)
    }
}

/// One contribution as a row: `org` as the report names it.
fn table_row(org: &str, c: &Contribution) -> ReportTableRow {
    let stage = c
        .assessment
        .as_ref()
        .map_or_else(String::new, |a| Stage::parse(&a.stage).map_or_else(|| a.stage.clone(), |s| s.label().to_owned()));
    let signed_off = c
        .signoffs
        .iter()
        .filter(|s| s.decision == APPROVED)
        .filter_map(|s| {
            let day = s.at.get(..10)?;
            time::Date::parse(day, time::macros::format_description!("[year]-[month]-[day]")).ok()
        })
        .max();
    ReportTableRow {
        organisation: org.to_owned(),
        area: c.organisation.area.clone(),
        statement_set: crate::layout::set_label(&c.statement.set_title, &c.statement.set_version),
        statement_code: c.statement.code.clone(),
        statement_title: c.statement.title.clone(),
        account_title: c.revision.title.clone(),
        words: u32::try_from(word_count(&c.revision.body)).unwrap_or(u32::MAX),
        stage,
        rung: c.assessment.as_ref().and_then(|a| a.rung),
        signed_off,
        fingerprint: short(&c.fingerprint),
        figures: c.figures.clone(),
    }
}
