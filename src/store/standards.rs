//! Standard sets as stored: the canonical TOML of each version, plus one row per statement
//! so that work can reference statements with foreign keys.

use super::{Result, Store, StoreError, now};
use crate::domain::standards::{StandardSet, compare_versions};
use crate::domain::standards_file;
use rusqlite::OptionalExtension;
use std::sync::Arc;

/// A set version as listed, without its statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetSummary {
    /// Set id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Provenance line.
    pub status: String,
    /// Compiled into the app.
    pub builtin: bool,
    /// Number of statements.
    pub statements: usize,
}

impl Store {
    /// True when this exact set version is stored.
    pub fn has_set(&self, id: &str, version: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM standard_set WHERE set_id = ?1 AND version = ?2", (id, version), |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Stores a set version with its statements in one transaction. The version must be new.
    pub fn insert_set(&mut self, set: &StandardSet, builtin: bool) -> Result<()> {
        let toml = standards_file::to_toml(set).map_err(|e| StoreError::NotFound(e.to_string()))?;
        self.immediate(|tx| {
        tx.execute(
            "INSERT INTO standard_set (set_id, version, title, publisher, published, source, status, builtin, toml, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            (&set.id, &set.version, &set.title, &set.publisher, &set.published, &set.source, &set.status, builtin, &toml, now()),
        )?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO statement (set_id, version, code, position, section, title, text, applies_to)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (position, (_, section, s)) in set.statements().enumerate() {
                stmt.execute((
                    &set.id,
                    &set.version,
                    &s.code,
                    i64::try_from(position).unwrap_or(i64::MAX),
                    &section.title,
                    &s.title,
                    &s.text,
                    s.applies_to.as_str(),
                ))?;
            }
        }
        Ok(())
        })
    }

    /// Every stored set version: sets by title, versions newest first.
    pub fn set_summaries(&self) -> Result<Vec<SetSummary>> {
        let mut out = self.all(
            "SELECT s.set_id, s.version, s.title, s.publisher, s.status, s.builtin,
                    (SELECT count(*) FROM statement t WHERE t.set_id = s.set_id AND t.version = s.version)
             FROM standard_set s",
            [],
            |r| {
                let (id, version, title, publisher, status, builtin, count): (_, _, _, _, _, _, i64) = r.try_into()?;
                Ok(SetSummary {
                    id,
                    version,
                    title,
                    publisher,
                    status,
                    builtin,
                    statements: usize::try_from(count).unwrap_or(0),
                })
            },
        )?;
        out.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| compare_versions(&b.version, &a.version)));
        Ok(out)
    }

    /// Loads one set version in full.
    pub fn load_set(&self, id: &str, version: &str) -> Result<StandardSet> {
        Ok(self.shared_set(id, version)?.as_ref().clone())
    }

    /// One set version in full, parsed once and shared after that.
    pub fn shared_set(&self, id: &str, version: &str) -> Result<Arc<StandardSet>> {
        let key = (id.to_owned(), version.to_owned());
        if let Some(set) = self.sets.borrow().get(&key) {
            return Ok(Arc::clone(set));
        }
        let toml: String = self
            .conn
            .query_row("SELECT toml FROM standard_set WHERE set_id = ?1 AND version = ?2", (id, version), |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "There is no version {version} of the standards “{id}” in this workspace."
                ))
            })?;
        let set = Arc::new(
            standards_file::parse_toml(&format!("{id} {version} (stored)"), &toml)
                .map_err(|e| StoreError::NotFound(e.to_string()))?,
        );
        self.sets.borrow_mut().insert(key, Arc::clone(&set));
        Ok(set)
    }

    /// Forgets the set versions read so far (after the whole file was replaced).
    pub(crate) fn forget_sets(&self) {
        self.sets.borrow_mut().clear();
    }
}
