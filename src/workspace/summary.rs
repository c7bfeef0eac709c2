//! "Where we stand": the organisation's self-assessment, evidence, action plan and accounts
//! gathered into what the summary prints ([`SummaryInput`], every word already chosen), and
//! the job that lays it out and writes it as a PDF, on another thread if need be.

use super::export::{Document, ExportJob, Exported, Format};
use super::statements::Statements;
use super::{Result, Workspace};
use crate::domain::account::AccountStatus;
use crate::domain::assessment::{Assessment, Stage, date_for_people, iso_date, rung_help, rung_name};
use crate::domain::organisation::Logo;
use crate::domain::standards::StatementKey;
use crate::domain::text::{plural, thousands};
use crate::export::pdf::PdfMeta;
use crate::layout::summary::{
    NotApplicable, STAGES_DRAWN, SUMMARY_TITLE, StageChart, StageRow, SummaryAccount, SummaryAction, SummaryEvidence,
    SummaryInput, SummaryStatement,
};
use crate::store::Action;
use std::collections::HashMap;
use std::path::Path;

/// "7 December 2026".
fn date_in_words(date: time::Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// A sentence's first letter made small, to follow a colon.
fn after_colon(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

impl Workspace {
    /// What "Where we stand" prints about this workspace on `today`.
    pub fn summary_input(&self, today: time::Date) -> Result<SummaryInput> {
        self.summary_with(today, self.checked_logo()?.as_ref())
    }

    /// The organisation's logo, if it has one that can be read (else it is left out).
    fn checked_logo(&self) -> Result<Option<Logo>> {
        Ok(self.logo()?.and_then(|(bytes, _)| Logo::check(bytes).ok()))
    }

    /// What the summary prints on `today`, with the logo already read.
    fn summary_with(&self, today: time::Date, logo: Option<&Logo>) -> Result<SummaryInput> {
        let today_iso = iso_date(today);
        let org = self.organisation()?.unwrap_or_default();
        let logo_px = logo.map(|l| (l.width, l.height));
        let recorded = self.assessments()?;
        let sections = self.section_progress(&recorded.iter().cloned().collect())?;
        let mut statements = Statements::new(self);
        let mut evidence = self.evidence(None)?;
        let actions = self.actions(None)?;
        let accounts = self.signoff_states()?;

        let mut evidence_per: HashMap<&StatementKey, usize> = HashMap::new();
        for e in &evidence {
            *evidence_per.entry(&e.key).or_default() += 1;
        }
        let mut actions_per: HashMap<&StatementKey, (usize, usize)> = HashMap::new();
        for a in &actions {
            let counts = actions_per.entry(&a.key).or_default();
            counts.0 += 1;
            counts.1 += usize::from(a.is_overdue(&today_iso));
        }

        let mut printed = Vec::new();
        let mut not_applicable = Vec::new();
        // What the organisation says now: the newest version of each set (an older version's
        // self-assessment was carried over, or left behind, when the new one came in).
        let newest: HashMap<&str, &str> = sections.iter().map(|p| (p.set_id.as_str(), p.version.as_str())).collect();
        let current = |key: &StatementKey| newest.get(key.set_id.as_str()) == Some(&key.version.as_str());
        // A statement as the tables name it: its code, with its set's version when that is
        // not the newest, so an older version's evidence is told apart.
        let label = |key: &StatementKey| {
            if current(key) { key.code.clone() } else { format!("{} ({})", key.code, key.version) }
        };
        let assessed: Vec<&(StatementKey, Assessment)> =
            recorded.iter().filter(|(key, a)| !a.is_empty() && current(key)).collect();
        for (key, a) in &assessed {
            let named = statements.named(key);
            let (title, set) = (named.title, named.set);
            if a.stage == Some(Stage::NotApplicable) {
                not_applicable.push(NotApplicable { code: key.code.clone(), title, reason: a.na_reason.clone() });
                continue;
            }
            let n_evidence = evidence_per.get(key).copied().unwrap_or(0);
            let (n_actions, overdue) = actions_per.get(key).copied().unwrap_or_default();
            let counts = format!(
                "{}; {}{}",
                plural(n_evidence, "evidence item", "evidence items"),
                plural(n_actions, "action", "actions"),
                if overdue > 0 { format!(", {overdue} overdue") } else { String::new() }
            );
            printed.push(SummaryStatement {
                code: key.code.clone(),
                title,
                set,
                stage: a.stage.map_or_else(
                    || "Not chosen yet.".to_owned(),
                    |s| format!("{}: {}", s.label(), after_colon(s.help())),
                ),
                rung: a.rung.map_or_else(String::new, |r| {
                    let name = rung_name(r).unwrap_or_default();
                    format!("{r} of 7, {name}: {}", after_colon(rung_help(r).unwrap_or_default()))
                }),
                well: a.well.clone(),
                develop: a.develop.clone(),
                counts,
            });
        }

        // Evidence by statement in the sets' order, newest first within each (the store's order).
        evidence.sort_by_cached_key(|e| statements.order(&e.key));
        let evidence: Vec<SummaryEvidence> = evidence
            .into_iter()
            .map(|e| {
                let personal = e.details.personal_data;
                SummaryEvidence {
                    statement: label(&e.key),
                    title: e.details.title,
                    kind: if personal { String::new() } else { e.details.kind },
                    date: if personal {
                        String::new()
                    } else {
                        e.details.date.as_deref().map(date_for_people).unwrap_or_default()
                    },
                    personal,
                }
            })
            .collect();

        let plan: Vec<SummaryAction> = actions
            .iter()
            .map(|a| SummaryAction {
                statement: label(&a.key),
                what: a.what.clone(),
                who: a.who.clone(),
                by: a.due.as_deref().map(date_for_people).unwrap_or_default(),
                status: a.status.label().to_owned(),
                overdue: a.is_overdue(&today_iso),
            })
            .collect();
        // Accounts by statement, in the sets' order; within one, as the workspace lists them.
        let mut accounts = accounts;
        accounts.sort_by_cached_key(|(a, _)| statements.order(&a.key));
        let listed: Vec<SummaryAccount> = accounts
            .iter()
            .map(|(a, state)| SummaryAccount {
                statement: label(&a.key),
                title: self.account_name(a),
                status: state.status.label().to_owned(),
                signoff: state.progress.describe(),
            })
            .collect();

        let mut charts: Vec<StageChart> = Vec::new();
        for p in &sections {
            let counts = STAGES_DRAWN.map(|stage| stage.map_or(p.counts.unassessed, |s| p.counts.at(s)));
            let set = crate::layout::set_label(&p.set_title, &p.version);
            let row = StageRow { section: p.section.clone(), counts };
            match charts.last_mut() {
                Some(chart) if chart.set == set => chart.rows.push(row),
                _ => charts.push(StageChart { set, rows: vec![row] }),
            }
        }
        // Only the sets the organisation has begun to assess.
        charts.retain(|c| c.rows.iter().any(|r| r.counts[5] < r.counts.iter().sum()));

        let signed = accounts.iter().filter(|(_, state)| state.status == AccountStatus::Signed).count();
        let overview = overview(&sections, &evidence, &actions, &today_iso, (listed.len(), signed));
        let mut input = SummaryInput {
            org_name: org.name,
            area: org.area,
            logo_px,
            date: date_in_words(today),
            generated_on: today_iso,
            app_version: super::APP_VERSION.to_owned(),
            overview,
            charts,
            statements: printed,
            evidence,
            actions: plan,
            accounts: listed,
            not_applicable,
            unshown: 0,
        };
        input.unshown = printable(&self.fonts, &mut input);
        Ok(input)
    }

    /// "Where we stand" as of today, ready to be laid out and written (on another thread if
    /// need be; see [`ExportJob::progress`]).
    pub fn prepare_summary(&self) -> Result<ExportJob> {
        let today = super::now();
        let logo = self.checked_logo()?;
        let input = self.summary_with(today.date(), logo.as_ref())?;
        let logos: Vec<Vec<u8>> = logo.into_iter().map(|l| l.bytes).collect();
        let document = Document::Summary {
            statements: input.statements.len() + input.not_applicable.len(),
            evidence: input.evidence.len(),
            actions: input.actions.len(),
            overdue: input.actions.iter().filter(|a| a.overdue).count(),
            unshown: input.unshown,
        };
        let meta = PdfMeta {
            title: [SUMMARY_TITLE, input.org_name.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(": "),
            author: input.org_name.clone(),
            subject: format!("Self-assessment, evidence and action plan, {}", input.date),
            // Dated the day it speaks for, so the same workspace gives the same bytes all day.
            created: today.replace_time(time::Time::MIDNIGHT),
        };
        let format = Format::Summary { input: Box::new(input), fonts: self.fonts(), logos, meta };
        Ok(ExportJob::new(document, format, false, self.own_files()))
    }

    /// Writes "Where we stand" to `out` (see [`Workspace::prepare_summary`]).
    pub fn export_summary(&self, out: &Path) -> Result<Exported> {
        self.check_output(out)?;
        if !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            return super::bad_input(format!(
                "“Where we stand” is a PDF: give a file name ending .pdf. ({})",
                out.display()
            ));
        }
        self.prepare_summary()?.write(out)
    }
}

/// Every character of the summary's words that no face can show (a title in a script the
/// embedded fonts do not cover) becomes “?”, so that one such title never stops the whole
/// document; returns how many were replaced.
fn printable(fonts: &crate::layout::FontSet, input: &mut SummaryInput) -> usize {
    let mut replaced = 0;
    let mut fix = |text: &mut String| {
        let shown = |c: char| {
            c.is_whitespace()
                || c.is_control()
                || crate::layout::Style::ALL.iter().all(|style| fonts.has_glyph(*style, c))
        };
        if text.chars().all(shown) {
            return;
        }
        *text = text
            .chars()
            .map(|c| {
                if shown(c) {
                    c
                } else {
                    replaced += 1;
                    '?'
                }
            })
            .collect();
    };
    for text in [&mut input.org_name, &mut input.area].into_iter().chain(&mut input.overview) {
        fix(text);
    }
    for chart in &mut input.charts {
        fix(&mut chart.set);
        chart.rows.iter_mut().for_each(|row| fix(&mut row.section));
    }
    for s in &mut input.statements {
        for text in [&mut s.code, &mut s.title, &mut s.set, &mut s.well, &mut s.develop] {
            fix(text);
        }
    }
    for e in &mut input.evidence {
        for text in [&mut e.statement, &mut e.title, &mut e.kind] {
            fix(text);
        }
    }
    for a in &mut input.actions {
        for text in [&mut a.statement, &mut a.what, &mut a.who] {
            fix(text);
        }
    }
    for a in &mut input.accounts {
        for text in [&mut a.statement, &mut a.title] {
            fix(text);
        }
    }
    for n in &mut input.not_applicable {
        for text in [&mut n.code, &mut n.title, &mut n.reason] {
            fix(text);
        }
    }
    replaced
}

/// The picture at a glance: a sentence each for the statements, the evidence, the actions
/// and the accounts.
fn overview(
    sections: &[super::SectionProgress],
    evidence: &[SummaryEvidence],
    actions: &[Action],
    today: &str,
    (accounts, signed): (usize, usize),
) -> Vec<String> {
    let total: usize = sections.iter().map(|s| s.counts.total()).sum();
    let unassessed: usize = sections.iter().map(|s| s.counts.unassessed).sum();
    let na: usize = sections.iter().map(|s| s.counts.at(Stage::NotApplicable)).sum();
    let statements = format!(
        "{} of {} assessed{}",
        total - unassessed,
        plural(total, "statement", "statements"),
        if na > 0 { format!(", {na} of them not applicable") } else { String::new() }
    );
    let personal = evidence.iter().filter(|e| e.personal).count();
    let evidence = match (evidence.len(), personal) {
        (0, _) => "No evidence recorded yet.".to_owned(),
        (n, 0) => format!("{} {}.", thousands(n as u64), if n == 1 { "evidence item" } else { "evidence items" }),
        (n, p) => format!(
            "{} {}, {} of them marked personal data (listed by title only).",
            thousands(n as u64),
            if n == 1 { "evidence item" } else { "evidence items" },
            thousands(p as u64)
        ),
    };
    let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
    let done = actions.iter().filter(|a| a.status == crate::domain::assessment::ActionStatus::Done).count();
    let actions = if actions.is_empty() {
        "No actions planned yet.".to_owned()
    } else {
        format!(
            "{}: {overdue} overdue, {} still to do on time, {done} done.",
            plural(actions.len(), "action", "actions"),
            actions.len() - overdue - done
        )
    };
    let accounts = if accounts == 0 {
        "No one-page accounts written yet.".to_owned()
    } else {
        format!(
            "{} {}: {} signed off.",
            thousands(accounts as u64),
            if accounts == 1 { "one-page account" } else { "one-page accounts" },
            thousands(signed as u64)
        )
    };
    vec![format!("{statements}."), evidence, actions, accounts]
}
