//! Standards in the workspace: built-ins, imports, references and carrying work over.

use super::{Result, Workspace, WorkspaceError, bad_input, conflict, not_found, read_user_file, today};
use crate::domain::assessment::Assessment;
use crate::domain::builtin::builtin_sets;
use crate::domain::paste::{PasteMeta, parse_pasted};
use crate::domain::standards::{StandardSet, StatementKey, StatementRef, compare_versions};
use crate::domain::standards_file::{MAX_FILE_BYTES, parse_toml};
use crate::domain::versions::{Change, StatementChange, compare};
use crate::store::SetSummary;
use std::fmt::Write;
use std::path::Path;

/// The version an import replaces as "newest", and how the new one differs from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousVersion {
    /// The older version.
    pub version: String,
    /// Statement by statement.
    pub changes: Vec<StatementChange>,
    /// Self-assessments of unchanged statements that can be carried over.
    pub carryable: usize,
    /// Self-assessments of changed statements, to be reviewed by hand.
    pub to_review: usize,
}

impl PreviousVersion {
    /// How many statements changed in this way.
    pub fn count(&self, kind: Change) -> usize {
        self.changes.iter().filter(|c| c.change == kind).count()
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Set id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Number of statements.
    pub statements: usize,
    /// False when this exact version was already there with the same content.
    pub added: bool,
    /// The previous newest version, when this is a new version of a known set.
    pub previous: Option<PreviousVersion>,
}

impl ImportOutcome {
    /// A sentence for the user.
    pub fn summary(&self) -> String {
        if !self.added {
            return format!("{} version {} is already in this workspace; nothing changed.", self.title, self.version);
        }
        let mut s = format!("Imported {} version {}: {} statements.", self.title, self.version, self.statements);
        if let Some(p) = &self.previous {
            let _ = write!(
                s,
                " Since version {}: {} unchanged, {} changed, {} new, {} removed.",
                p.version,
                p.count(Change::Unchanged),
                p.count(Change::Changed),
                p.count(Change::Added),
                p.count(Change::Removed)
            );
            if p.carryable > 0 {
                let _ = write!(
                    s,
                    " {} self-assessments of unchanged statements can be carried over to the new version.",
                    p.carryable
                );
            }
            if p.to_review > 0 {
                let _ = write!(
                    s,
                    " {} self-assessments are of statements whose wording changed: review them.",
                    p.to_review
                );
            }
        }
        s
    }
}

impl Workspace {
    /// Stores any built-in set version not yet in the workspace.
    pub(super) fn ensure_builtin_sets(&mut self) -> Result<()> {
        for set in builtin_sets()? {
            if !self.store.has_set(&set.id, &set.version)? {
                self.store.insert_set(&set, true)?;
            }
        }
        Ok(())
    }

    /// Every stored set version: sets by id, newest version first.
    pub fn sets(&self) -> Result<Vec<SetSummary>> {
        Ok(self.store.set_summaries()?)
    }

    /// The newest version of each set, in the order sets are listed.
    pub fn current_sets(&self) -> Result<Vec<StandardSet>> {
        let mut out: Vec<StandardSet> = Vec::new();
        for s in self.sets()? {
            if out.last().is_none_or(|last: &StandardSet| last.id != s.id) {
                out.push(self.store.load_set(&s.id, &s.version)?);
            }
        }
        Ok(out)
    }

    /// One set version in full.
    pub fn load_set(&self, id: &str, version: &str) -> Result<StandardSet> {
        Ok(self.store.load_set(id, version)?)
    }

    /// The newest stored version of a set.
    pub fn newest_version(&self, id: &str) -> Result<Option<String>> {
        Ok(self.sets()?.into_iter().find(|s| s.id == id).map(|s| s.version))
    }

    /// Turns a typed reference (`SET_ID/CODE` or `SET_ID@VERSION/CODE`) into a statement key.
    pub fn resolve(&self, reference: &str) -> Result<StatementKey> {
        let Some(r) = StatementRef::parse(reference) else {
            return bad_input(format!(
                "“{reference}” is not a statement reference: write it as SET/CODE, like clero-chime/C1 (see `standards list`)."
            ));
        };
        let sets = self.sets()?;
        let versions: Vec<&SetSummary> = sets.iter().filter(|s| s.id == r.set_id).collect();
        let Some(newest) = versions.first() else {
            return not_found(format!(
                "There is no standard set called “{}” in this workspace: run `standards list` to see the sets.",
                r.set_id
            ));
        };
        let version = match &r.version {
            Some(v) if versions.iter().any(|s| &s.version == v) => v.clone(),
            Some(v) => {
                let known: Vec<&str> = versions.iter().map(|s| s.version.as_str()).collect();
                return not_found(format!(
                    "“{}” has no version {v}: the versions here are {}.",
                    r.set_id,
                    known.join(", ")
                ));
            }
            None => newest.version.clone(),
        };
        let key = StatementKey { set_id: r.set_id, version, code: r.code };
        if !self.store.has_statement(&key)? {
            return not_found(format!(
                "There is no statement “{}” in {} version {}: run `standards list` to see the codes.",
                key.code, key.set_id, key.version
            ));
        }
        Ok(key)
    }

    /// Reads a standards file: `.toml` as a set file, anything else as text pasted from a PDF.
    pub fn read_standards_file(&self, path: &Path, meta: &PasteMeta) -> Result<StandardSet> {
        let bytes = read_user_file(path, MAX_FILE_BYTES as u64, "standards file")?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let text = String::from_utf8(bytes).map_err(|_| {
            WorkspaceError::BadInput(format!(
                "{name} is not plain text: save the standards as a .toml file or as plain text (UTF-8) and import that."
            ))
        })?;
        let is_toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if is_toml { Ok(parse_toml(&name, &text)?) } else { Ok(parse_pasted(&name, &text, meta, &today())?) }
    }

    /// Parses pasted text into a set without storing it (for a preview).
    pub fn parse_pasted_text(&self, text: &str, meta: &PasteMeta) -> Result<StandardSet> {
        Ok(parse_pasted("pasted text", text, meta, &today())?)
    }

    /// Compares `set` with the newest stored version of the same set, if there is one.
    fn previous_of(&self, set: &StandardSet) -> Result<Option<PreviousVersion>> {
        let Some(version) = self.newest_version(&set.id)?.filter(|v| v != &set.version) else {
            return Ok(None);
        };
        let old = self.store.load_set(&set.id, &version)?;
        let changes = compare(&old, set);
        let (mut carryable, mut to_review) = (0, 0);
        for c in &changes {
            let key = StatementKey::new(&set.id, &version, &c.code);
            if self.store.assessment(&key)?.is_some_and(|a| !a.is_empty()) {
                match c.change {
                    Change::Unchanged => carryable += 1,
                    Change::Changed => to_review += 1,
                    Change::Added | Change::Removed => {}
                }
            }
        }
        Ok(Some(PreviousVersion { version, changes, carryable, to_review }))
    }

    /// Stores a set version. The same version with the same content changes nothing; the same
    /// version with other content is refused, so work pinned to it never changes meaning.
    pub fn import_set(&mut self, set: &StandardSet) -> Result<ImportOutcome> {
        let outcome = |added, previous| ImportOutcome {
            id: set.id.clone(),
            version: set.version.clone(),
            title: set.title.clone(),
            statements: set.statement_count(),
            added,
            previous,
        };
        if self.store.has_set(&set.id, &set.version)? {
            let stored = self.store.load_set(&set.id, &set.version)?;
            if &stored == set {
                return Ok(outcome(false, None));
            }
            return conflict(format!(
                "Version {} of “{}” is already in this workspace with different content: give the new text a new version number, so work written against the old one stays as it was.",
                set.version, set.id
            ));
        }
        let newest = self.newest_version(&set.id)?;
        let previous = match &newest {
            Some(v) if compare_versions(&set.version, v).is_gt() => self.previous_of(set)?,
            _ => None,
        };
        self.store.insert_set(set, false)?;
        Ok(outcome(true, previous))
    }

    /// Copies self-assessments of statements unchanged between two versions onto the new
    /// version (never overwriting one already made there). Returns how many were copied.
    pub fn carry_over(&self, id: &str, from: &str, to: &str) -> Result<usize> {
        let old = self.store.load_set(id, from)?;
        let new = self.store.load_set(id, to)?;
        let mut carried = 0;
        for c in compare(&old, &new).into_iter().filter(|c| c.change == Change::Unchanged) {
            let old_key = StatementKey::new(id, from, &c.code);
            let new_key = StatementKey::new(id, to, &c.code);
            let Some(a) = self.store.assessment(&old_key)? else { continue };
            if a.is_empty() || self.store.assessment(&new_key)?.is_some_and(|n| !n.is_empty()) {
                continue;
            }
            let copied = Assessment { carried_from: Some(from.to_owned()), ..a };
            self.store.put_assessment(&new_key, &copied)?;
            carried += 1;
        }
        Ok(carried)
    }

    /// For a statement whose wording changed since an older version that has a
    /// self-assessment: that older version and its assessment, for the user to review.
    pub fn changed_since(&self, key: &StatementKey) -> Result<Option<(String, Assessment)>> {
        let versions: Vec<String> =
            self.sets()?.into_iter().filter(|s| s.id == key.set_id).map(|s| s.version).collect();
        let new = self.store.load_set(&key.set_id, &key.version)?;
        let Some(current) = new.statement(&key.code) else { return Ok(None) };
        for v in versions.iter().filter(|v| compare_versions(v, &key.version).is_lt()) {
            let old_key = StatementKey::new(&key.set_id, v, &key.code);
            let Some(a) = self.store.assessment(&old_key)?.filter(|a| !a.is_empty()) else { continue };
            let old = self.store.load_set(&key.set_id, v)?;
            if let Some(o) = old.statement(&key.code)
                && (o.text.trim() != current.text.trim()
                    || o.title.trim() != current.title.trim()
                    || o.applies_to != current.applies_to)
            {
                return Ok(Some((v.clone(), a)));
            }
            return Ok(None);
        }
        Ok(None)
    }
}
