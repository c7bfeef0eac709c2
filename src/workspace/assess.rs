//! Self-assessment, evidence and actions, and the dashboard's picture of them.

use super::{MAX_EVIDENCE_FILE, Result, Workspace, WorkspaceError, bad_input, no_statement, read_user_file};
use crate::domain::assessment::{Assessment, Stage, parse_date};
use crate::domain::names;
use crate::domain::standards::{AppliesTo, StatementKey};
use crate::store::{Action, EvidenceItem, NewEvidence};
use std::collections::HashMap;
use std::path::Path;

/// How many statements sit at each stage; index by [`StageCounts::index`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageCounts {
    /// Not assessed yet.
    pub unassessed: usize,
    /// Per stage, in [`Stage::ALL`] order.
    pub stages: [usize; 5],
}

impl StageCounts {
    /// Position of a stage in `stages`.
    pub fn index(stage: Stage) -> usize {
        Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)
    }

    /// Count at a stage.
    pub fn at(&self, stage: Stage) -> usize {
        self.stages[Self::index(stage)]
    }

    /// All statements counted.
    pub fn total(&self) -> usize {
        self.unassessed + self.stages.iter().sum::<usize>()
    }
}

/// One section's progress for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionProgress {
    /// Set id.
    pub set_id: String,
    /// Set version.
    pub version: String,
    /// Set title.
    pub set_title: String,
    /// Section title.
    pub section: String,
    /// Counts.
    pub counts: StageCounts,
    /// Statements hidden because they apply only to formal organisations.
    pub hidden_formal: usize,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dashboard {
    /// One entry per section of the newest version of each set.
    pub sections: Vec<SectionProgress>,
    /// Actions not yet done, soonest first.
    pub open_actions: Vec<Action>,
    /// Number of evidence items.
    pub evidence: usize,
    /// Every account: id, name, status and sign-off progress in words.
    pub accounts: Vec<AccountLine>,
}

/// An account as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountLine {
    /// Account id.
    pub id: i64,
    /// Its title, or its statement reference when untitled.
    pub name: String,
    /// Where it is.
    pub status: crate::domain::account::AccountStatus,
    /// Sign-off progress, like "1 of 2 approvals, lived experience still needed".
    pub progress: String,
}

fn clean_optional_date(date: Option<&str>) -> Result<Option<String>> {
    match date.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Ok(Some(parse_date(d).map_err(WorkspaceError::BadInput)?)),
        None => Ok(None),
    }
}

impl Workspace {
    /// The self-assessment of a statement (empty when nothing was recorded).
    pub fn assessment(&self, key: &StatementKey) -> Result<Assessment> {
        Ok(self.store.assessment(key)?.unwrap_or_default())
    }

    /// Every recorded self-assessment.
    pub fn assessments(&self) -> Result<Vec<(StatementKey, Assessment)>> {
        Ok(self.store.assessments()?)
    }

    /// Saves a self-assessment as it is typed. Incomplete work is kept (a missing reason for
    /// "not applicable" is shown, not refused); only impossible values are refused.
    pub fn save_assessment(&self, key: &StatementKey, a: &Assessment) -> Result<()> {
        check_rung(a.rung)?;
        if !self.store.has_statement(key)? {
            return no_statement(key);
        }
        Ok(self.store.put_assessment(key, a)?)
    }

    /// The headless `assess`: sets the stage and optionally the rung and note, keeping the rest.
    /// "Not applicable" needs a reason, given as the note.
    pub fn assess(&self, key: &StatementKey, stage: Stage, rung: Option<u8>, note: Option<&str>) -> Result<Assessment> {
        // An impossible rung is refused before anything else is asked of what was typed.
        check_rung(rung)?;
        let mut a = self.assessment(key)?;
        a.stage = Some(stage);
        if let Some(r) = rung {
            a.rung = Some(r);
        }
        if stage == Stage::NotApplicable {
            match note.map(str::trim).filter(|n| !n.is_empty()) {
                Some(n) => n.clone_into(&mut a.na_reason),
                None if !a.na_reason.trim().is_empty() => {}
                None => {
                    return bad_input(format!(
                        "Say why {} does not apply to you: add --note \"the reason\".",
                        key.short_ref()
                    ));
                }
            }
        } else if let Some(n) = note {
            n.trim().clone_into(&mut a.note);
        }
        self.save_assessment(key, &a)?;
        Ok(a)
    }

    /// Adds an evidence item, copying an attached file into the workspace.
    pub fn add_evidence(&mut self, key: &StatementKey, e: &NewEvidence, file: Option<&Path>) -> Result<i64> {
        let title = &names::clean(&e.title, "the evidence's title")?;
        let kind = names::clean(&e.kind, "the kind of evidence")?;
        if title.is_empty() {
            return bad_input(
                "Evidence needs a title: say in a few words what it is, like “Minutes of the members’ meeting”.",
            );
        }
        let details =
            NewEvidence { title: title.to_owned(), kind, date: clean_optional_date(e.date.as_deref())?, ..e.clone() };
        if !self.store.has_statement(key)? {
            return no_statement(key);
        }
        let loaded = match file {
            Some(p) => {
                let bytes = read_user_file(p, MAX_EVIDENCE_FILE, "evidence file")?;
                let name = p.file_name().map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
                Some((name, bytes))
            }
            None => None,
        };
        Ok(self.store.add_evidence(key, &details, loaded.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())))?)
    }

    /// Changes what was said about an evidence item.
    pub fn update_evidence(&self, id: i64, e: &NewEvidence) -> Result<()> {
        let title = names::clean(&e.title, "the evidence's title")?;
        if title.is_empty() {
            return bad_input("Evidence needs a title: say in a few words what it is.");
        }
        let kind = names::clean(&e.kind, "the kind of evidence")?;
        let details = NewEvidence { title, kind, date: clean_optional_date(e.date.as_deref())?, ..e.clone() };
        Ok(self.store.update_evidence(id, &details)?)
    }

    /// Removes an evidence item.
    pub fn remove_evidence(&mut self, id: i64) -> Result<()> {
        Ok(self.store.remove_evidence(id)?)
    }

    /// Evidence for one statement, or all.
    pub fn evidence(&self, key: Option<&StatementKey>) -> Result<Vec<EvidenceItem>> {
        Ok(self.store.evidence(key)?)
    }

    /// The bytes of an attached file.
    pub fn evidence_file(&self, file_id: i64) -> Result<Vec<u8>> {
        Ok(self.store.file_content(file_id)?)
    }

    /// Adds an action to a statement of the workspace.
    pub fn add_action(&self, key: &StatementKey, what: &str, who: &str, due: Option<&str>) -> Result<i64> {
        let what = names::clean(what, "what the action is")?;
        if what.is_empty() {
            return bad_input("Say what the action is, like “Ask members to review the welcome leaflet”.");
        }
        let who = names::clean(who, "who does the action")?;
        let due = clean_optional_date(due)?;
        if !self.store.has_statement(key)? {
            return no_statement(key);
        }
        Ok(self.store.add_action(key, &what, &who, due.as_deref())?)
    }

    /// One action, by its id.
    pub fn action(&self, id: i64) -> Result<Action> {
        Ok(self.store.action(id)?)
    }

    /// Saves an action.
    pub fn update_action(&self, a: &Action) -> Result<()> {
        let what = names::clean(&a.what, "what the action is")?;
        if what.is_empty() {
            return bad_input("Say what the action is.");
        }
        let who = names::clean(&a.who, "who does the action")?;
        let due = clean_optional_date(a.due.as_deref())?;
        Ok(self.store.update_action(&Action { what, who, due, ..a.clone() })?)
    }

    /// Removes an action.
    pub fn remove_action(&self, id: i64) -> Result<()> {
        Ok(self.store.remove_action(id)?)
    }

    /// Actions for one statement, or all.
    pub fn actions(&self, key: Option<&StatementKey>) -> Result<Vec<Action>> {
        Ok(self.store.actions(key)?)
    }

    /// True when statements that apply only to formal organisations should be hidden.
    pub fn hides_formal(&self) -> Result<bool> {
        Ok(self.organisation()?.is_some_and(|o| !o.formal))
    }

    /// Progress across sections of the newest version of each set.
    pub fn dashboard(&self) -> Result<Dashboard> {
        let assessed: HashMap<StatementKey, Assessment> = self.assessments()?.into_iter().collect();
        let sections = self.section_progress(&assessed)?;
        let open_actions = self
            .actions(None)?
            .into_iter()
            .filter(|a| a.status != crate::domain::assessment::ActionStatus::Done)
            .collect();
        let evidence = self.store.evidence_count()?;
        let mut accounts = Vec::new();
        for (a, state) in self.signoff_states()? {
            let name = self.account_name(&a);
            accounts.push(AccountLine { id: a.id, name, status: state.status, progress: state.progress.describe() });
        }
        Ok(Dashboard { sections, open_actions, evidence, accounts })
    }

    /// How the statements of each section of the newest version of each set stand, given
    /// the recorded assessments.
    pub(super) fn section_progress(
        &self,
        assessed: &HashMap<StatementKey, Assessment>,
    ) -> Result<Vec<SectionProgress>> {
        let hide_formal = self.hides_formal()?;
        let mut sections = Vec::new();
        for set in self.current_sets()? {
            for section in &set.sections {
                let mut p = SectionProgress {
                    set_id: set.id.clone(),
                    version: set.version.clone(),
                    set_title: set.title.clone(),
                    section: section.title.clone(),
                    counts: StageCounts::default(),
                    hidden_formal: 0,
                };
                for s in &section.statements {
                    if hide_formal && s.applies_to == AppliesTo::Formal {
                        p.hidden_formal += 1;
                        continue;
                    }
                    let key = StatementKey::new(&set.id, &set.version, &s.code);
                    match assessed.get(&key).and_then(|a| a.stage) {
                        Some(stage) => p.counts.stages[StageCounts::index(stage)] += 1,
                        None => p.counts.unassessed += 1,
                    }
                }
                sections.push(p);
            }
        }
        Ok(sections)
    }
}

/// The involvement rung is on the seven-rung ladder of participation, or not given.
fn check_rung(rung: Option<u8>) -> Result<()> {
    match rung {
        Some(r) if !(1..=7).contains(&r) => {
            bad_input(format!("The involvement rung must be between 1 and 7, not {r}."))
        }
        _ => Ok(()),
    }
}
