//! The organisation's own workbook: where it stands, for trustees, funders and commissioners
//! who want it in a spreadsheet. Four sheets, "Assessments", "Evidence", "Actions" and
//! "Accounts", written by `export::table`; as CSV, the assessments alone.
//!
//! An evidence item marked as personal data is listed by its title alone, as in "Where we
//! stand": what it says and its file never leave the workspace, and the workbook says it is
//! personal data.

use super::export::{Document, ExportJob, Exported, Format, TableKind};
use super::statements::Statements;
use super::{Result, Workspace};
use crate::domain::account::{AccountStatus, word_count};
use crate::domain::assessment::{ActionStatus, Stage, rung_name};
use crate::domain::fingerprint::short;
use crate::domain::standards::StatementKey;
use crate::export::table::{Cell, Sheet, WorkbookMeta};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// The sheets, in order.
pub const SHEETS: [&str; 4] = ["Assessments", "Evidence", "Actions", "Accounts"];

/// The columns of the "Assessments" sheet (and of the CSV).
pub const ASSESSMENT_HEADERS: [&str; 13] = [
    "Standard set",
    "Section",
    "Statement code",
    "Statement",
    "Stage",
    "Involvement rung",
    "Rung name",
    "What we do well",
    "What we want to develop",
    "Why it does not apply",
    "Note",
    "Evidence items",
    "Open actions",
];

/// The columns of the "Evidence" sheet.
pub const EVIDENCE_HEADERS: [&str; 11] = [
    "Standard set",
    "Statement code",
    "Statement",
    "Title",
    "Kind",
    "Date",
    "Note",
    "Personal data",
    "Attached file",
    "File size (bytes)",
    "SHA-256",
];

/// The columns of the "Actions" sheet.
pub const ACTION_HEADERS: [&str; 9] =
    ["Id", "Standard set", "Statement code", "Statement", "What", "Who", "By", "Status", "Overdue"];

/// The columns of the "Accounts" sheet.
pub const ACCOUNT_HEADERS: [&str; 10] = [
    "Id",
    "Standard set",
    "Statement code",
    "Statement",
    "Title",
    "Words",
    "Status",
    "Sign-off progress",
    "Fingerprint of the signed page",
    "Last changed",
];

fn text(s: impl Into<String>) -> Cell<'static> {
    Cell::Text(Cow::Owned(s.into()))
}

fn yes_or_empty(yes: bool) -> Cell<'static> {
    if yes { text("Yes") } else { Cell::Empty }
}

/// A stored `YYYY-MM-DD` (or RFC 3339) date as a date cell; empty when it is not one.
fn date_cell(stored: Option<&str>) -> Cell<'static> {
    let day = stored
        .and_then(|s| s.get(..10))
        .and_then(|d| time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok());
    Cell::date_or_empty(day)
}

/// What the workbook holds, counted, for the sentence said when it is written.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    assessments: usize,
    evidence: usize,
    actions: usize,
    accounts: usize,
}

impl Workspace {
    /// The workbook (or, for CSV, the assessments alone), ready to be written.
    pub fn prepare_workbook(&self, kind: TableKind) -> Result<ExportJob> {
        let today = super::today();
        let mut statements = Statements::new(self);
        let evidence = self.evidence(None)?;
        let actions = self.actions(None)?;
        let mut counts = Counts::default();
        let assessments = self.assessment_sheet(&mut statements, &evidence, &actions, &mut counts)?;
        let sheets = match kind {
            TableKind::Csv => vec![assessments],
            TableKind::Xlsx => {
                counts.evidence = evidence.len();
                counts.actions = actions.len();
                let accounts = self.account_sheet(&mut statements, &mut counts)?;
                vec![
                    assessments,
                    evidence_sheet(&mut statements, evidence),
                    action_sheet(&mut statements, &actions, &today),
                    accounts,
                ]
            }
        };
        let org = self.organisation()?.map(|o| o.name).unwrap_or_default();
        let title = if org.is_empty() { "Where we stand".to_owned() } else { format!("{org}: where we stand") };
        // Made "today at midnight", so the same workspace gives the same bytes all day (what
        // is overdue changes with the day anyway).
        let created = super::now().replace_time(time::Time::MIDNIGHT);
        let meta = WorkbookMeta {
            title,
            author: org,
            comment: "The self-assessment, its evidence and actions, and the one-page accounts, made by LERO Evidence."
                .into(),
            created: Some(created),
        };
        let document = Document::Workbook {
            kind,
            assessments: counts.assessments,
            evidence: counts.evidence,
            actions: counts.actions,
            accounts: counts.accounts,
        };
        Ok(ExportJob::new(document, Format::Sheets { kind, sheets, meta }, false, self.own_files()))
    }

    /// Writes the workbook to `out`, or the assessments as CSV when its name ends `.csv`.
    pub fn export_workbook(&self, out: &Path) -> Result<Exported> {
        self.check_output(out)?;
        let kind = TableKind::for_file(out)?;
        self.prepare_workbook(kind)?.write(out)
    }

    /// A row for each assessed statement, in set and statement order.
    fn assessment_sheet(
        &self,
        statements: &mut Statements<'_>,
        evidence: &[crate::store::EvidenceItem],
        actions: &[crate::store::Action],
        counts: &mut Counts,
    ) -> Result<Sheet<'static>> {
        let mut evidence_per: HashMap<&StatementKey, usize> = HashMap::new();
        for e in evidence {
            *evidence_per.entry(&e.key).or_default() += 1;
        }
        let mut open_per: HashMap<&StatementKey, usize> = HashMap::new();
        for a in actions.iter().filter(|a| a.status != ActionStatus::Done) {
            *open_per.entry(&a.key).or_default() += 1;
        }
        let mut rows = Vec::new();
        for (key, a) in self.assessments()?.into_iter().filter(|(_, a)| !a.is_empty()) {
            let named = statements.named(&key);
            let not_applicable = a.stage == Some(Stage::NotApplicable);
            rows.push(vec![
                text(named.set),
                text(named.section),
                text(key.code.clone()),
                text(named.title),
                a.stage.map_or(Cell::Empty, |s| text(s.label())),
                Cell::int_or_empty(a.rung),
                a.rung.and_then(rung_name).map_or(Cell::Empty, text),
                text(a.well),
                text(a.develop),
                if not_applicable { text(a.na_reason) } else { Cell::Empty },
                text(a.note),
                Cell::count(evidence_per.get(&key).copied().unwrap_or(0)),
                Cell::count(open_per.get(&key).copied().unwrap_or(0)),
            ]);
        }
        counts.assessments = rows.len();
        Ok(Sheet { name: SHEETS[0], headers: &ASSESSMENT_HEADERS, rows })
    }

    /// A row for each account, in statement order.
    fn account_sheet(&self, statements: &mut Statements<'_>, counts: &mut Counts) -> Result<Sheet<'static>> {
        let mut accounts = self.signoff_states()?;
        accounts.sort_by_cached_key(|(a, _)| (statements.order(&a.key), a.id));
        let mut rows = Vec::with_capacity(accounts.len());
        for (account, state) in accounts {
            let named = statements.named(&account.key);
            let signed = match state.status {
                AccountStatus::Signed => Some(state.fingerprint.clone()),
                AccountStatus::Changed => self.signed_revision(account.id)?.map(|r| r.fingerprint),
                AccountStatus::Draft | AccountStatus::Awaiting => None,
            };
            rows.push(vec![
                Cell::int(account.id),
                text(named.set),
                text(account.key.code.clone()),
                text(named.title),
                text(account.title.clone()),
                Cell::count(word_count(&account.body)),
                text(state.status.label()),
                text(state.progress.describe()),
                signed.map_or(Cell::Empty, |f| text(short(&f))),
                date_cell(Some(&account.updated_at)),
            ]);
        }
        counts.accounts = rows.len();
        Ok(Sheet { name: SHEETS[3], headers: &ACCOUNT_HEADERS, rows })
    }
}

/// A row for each evidence item, by statement, then date (undated last). An item marked as
/// personal data gives its title only.
fn evidence_sheet(statements: &mut Statements<'_>, mut evidence: Vec<crate::store::EvidenceItem>) -> Sheet<'static> {
    evidence.sort_by_cached_key(|e| (statements.order(&e.key), e.details.date.is_none(), e.details.date.clone(), e.id));
    let rows = evidence
        .into_iter()
        .map(|e| {
            let named = statements.named(&e.key);
            let private = e.details.personal_data;
            let file = e.file.filter(|_| !private);
            vec![
                text(named.set),
                text(e.key.code),
                text(named.title),
                text(e.details.title),
                if private { Cell::Empty } else { text(e.details.kind) },
                if private { Cell::Empty } else { date_cell(e.details.date.as_deref()) },
                if private { Cell::Empty } else { text(e.details.note) },
                text(if private { "Yes" } else { "No" }),
                file.as_ref().map_or(Cell::Empty, |f| text(f.name.clone())),
                file.as_ref().map_or(Cell::Empty, |f| Cell::int(i64::try_from(f.size).unwrap_or(i64::MAX))),
                file.map_or(Cell::Empty, |f| text(f.sha256)),
            ]
        })
        .collect();
    Sheet { name: SHEETS[1], headers: &EVIDENCE_HEADERS, rows }
}

/// A row for each action, as the dashboard orders them: those to do first, soonest first.
fn action_sheet(statements: &mut Statements<'_>, actions: &[crate::store::Action], today: &str) -> Sheet<'static> {
    let rows = actions
        .iter()
        .map(|a| {
            let named = statements.named(&a.key);
            vec![
                Cell::int(a.id),
                text(named.set),
                text(a.key.code.clone()),
                text(named.title),
                text(a.what.clone()),
                text(a.who.clone()),
                date_cell(a.due.as_deref()),
                text(a.status.label()),
                yes_or_empty(a.is_overdue(today)),
            ]
        })
        .collect();
    Sheet { name: SHEETS[2], headers: &ACTION_HEADERS, rows }
}
