//! Self-assessments, evidence items, stored files and actions, each pinned to a statement.

use super::{Result, Store, StoreError, now};
use crate::domain::assessment::{ActionStatus, Assessment, Stage};
use crate::domain::standards::StatementKey;
use rusqlite::{OptionalExtension, Row};
use sha2::{Digest, Sha256};

/// Evidence as the user describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEvidence {
    /// Short title.
    pub title: String,
    /// Date of the evidence, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Kind, for example "Minutes".
    pub kind: String,
    /// A note.
    pub note: String,
    /// True when it holds personal data about members.
    pub personal_data: bool,
}

/// An evidence item as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceItem {
    /// Row id.
    pub id: i64,
    /// The statement it supports.
    pub key: StatementKey,
    /// What the user said about it.
    pub details: NewEvidence,
    /// The attached file: its name, size and SHA-256.
    pub file: Option<StoredFile>,
}

/// A file kept inside the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Row id.
    pub id: i64,
    /// The name it had when attached.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// Something the organisation means to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Row id.
    pub id: i64,
    /// The statement it serves.
    pub key: StatementKey,
    /// What.
    pub what: String,
    /// Who.
    pub who: String,
    /// By when, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// How far along.
    pub status: ActionStatus,
}

impl Action {
    /// Not done and its date (`YYYY-MM-DD`) is before `today` (`YYYY-MM-DD`).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status != ActionStatus::Done && self.due.as_deref().is_some_and(|d| d < today)
    }
}

/// Lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn key_of(r: &Row<'_>, first: usize) -> rusqlite::Result<StatementKey> {
    Ok(StatementKey { set_id: r.get(first)?, version: r.get(first + 1)?, code: r.get(first + 2)? })
}

/// The parameters `?1`, `?2`, `?3` for a statement, all NULL when there is none.
fn key_params(key: Option<&StatementKey>) -> (Option<&String>, Option<&String>, Option<&String>) {
    (key.map(|k| &k.set_id), key.map(|k| &k.version), key.map(|k| &k.code))
}

fn assessment_of(r: &Row<'_>, first: usize) -> rusqlite::Result<Assessment> {
    let stage: Option<String> = r.get(first)?;
    Ok(Assessment {
        stage: stage.as_deref().and_then(Stage::parse),
        na_reason: r.get(first + 1)?,
        rung: r.get::<_, Option<i64>>(first + 2)?.and_then(|v| u8::try_from(v).ok()),
        well: r.get(first + 3)?,
        develop: r.get(first + 4)?,
        note: r.get(first + 5)?,
        carried_from: r.get(first + 6)?,
    })
}

/// Stores file content once per distinct SHA-256; returns its row id and hash.
fn insert_file(conn: &rusqlite::Connection, bytes: &[u8]) -> rusqlite::Result<(i64, String)> {
    let sha = sha256_hex(bytes);
    conn.execute(
        "INSERT INTO stored_file (sha256, size, content, added_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(sha256) DO NOTHING",
        (&sha, i64::try_from(bytes.len()).unwrap_or(i64::MAX), bytes, now()),
    )?;
    let id = conn.query_row("SELECT id FROM stored_file WHERE sha256 = ?1", [&sha], |r| r.get(0))?;
    Ok((id, sha))
}

const ACTION_COLUMNS: &str = "id, set_id, version, code, what, who, due, status";

fn action_of(r: &Row<'_>) -> rusqlite::Result<Action> {
    Ok(Action {
        id: r.get(0)?,
        key: key_of(r, 1)?,
        what: r.get(4)?,
        who: r.get(5)?,
        due: r.get(6)?,
        status: ActionStatus::parse(&r.get::<_, String>(7)?).unwrap_or(ActionStatus::Open),
    })
}

/// There is no action `id` (any more): what to do about it.
fn no_action(id: i64) -> StoreError {
    StoreError::NotFound(format!(
        "There is no action {id}: it may have been removed. Run `action list` to see the actions and their ids."
    ))
}

/// There is no evidence item `id` (any more): what to do about it.
fn no_evidence(id: i64) -> StoreError {
    StoreError::NotFound(format!(
        "There is no evidence item {id}: it may have been removed. Run `evidence list` to see the evidence and its ids."
    ))
}

const ASSESSMENT_COLUMNS: &str = "stage, na_reason, rung, well, develop, note, carried_from";

impl Store {
    /// The statement exists in this exact set version.
    pub fn has_statement(&self, key: &StatementKey) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM statement WHERE set_id = ?1 AND version = ?2 AND code = ?3",
                (&key.set_id, &key.version, &key.code),
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The self-assessment of one statement, if anything was recorded.
    pub fn assessment(&self, key: &StatementKey) -> Result<Option<Assessment>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {ASSESSMENT_COLUMNS} FROM assessment WHERE set_id = ?1 AND version = ?2 AND code = ?3"
                ),
                (&key.set_id, &key.version, &key.code),
                |r| assessment_of(r, 0),
            )
            .optional()?)
    }

    /// Saves a self-assessment (committed at once).
    pub fn put_assessment(&self, key: &StatementKey, a: &Assessment) -> Result<()> {
        self.conn.execute(
            "INSERT INTO assessment (set_id, version, code, stage, na_reason, rung, well, develop, note, carried_from, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(set_id, version, code) DO UPDATE SET stage = excluded.stage,
                 na_reason = excluded.na_reason, rung = excluded.rung, well = excluded.well,
                 develop = excluded.develop, note = excluded.note,
                 carried_from = excluded.carried_from, updated_at = excluded.updated_at",
            rusqlite::params![
                key.set_id,
                key.version,
                key.code,
                a.stage.map(Stage::as_str),
                a.na_reason,
                a.rung.map(i64::from),
                a.well,
                a.develop,
                a.note,
                a.carried_from,
                now()
            ],
        )?;
        Ok(())
    }

    /// Every recorded self-assessment, in set, version and statement order.
    pub fn assessments(&self) -> Result<Vec<(StatementKey, Assessment)>> {
        self.all(
            &format!(
                "SELECT a.set_id, a.version, a.code, {ASSESSMENT_COLUMNS} FROM assessment a
                 JOIN statement s USING (set_id, version, code)
                 ORDER BY a.set_id, a.version, s.position"
            ),
            [],
            |r| Ok((key_of(r, 0)?, assessment_of(r, 3)?)),
        )
    }

    /// Keeps a file in the workspace (once per distinct content) and returns its row id.
    pub fn store_file(&self, bytes: &[u8]) -> Result<(i64, String)> {
        Ok(insert_file(&self.conn, bytes)?)
    }

    /// The bytes of a stored file.
    pub fn file_content(&self, file_id: i64) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT content FROM stored_file WHERE id = ?1", [file_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound("That attached file is no longer in the workspace.".into()))
    }

    /// Adds an evidence item, with an optional attached file `(name, bytes)`, in one transaction.
    pub fn add_evidence(&mut self, key: &StatementKey, e: &NewEvidence, file: Option<(&str, &[u8])>) -> Result<i64> {
        self.immediate(|tx| {
        let file_id = match file {
            Some((_, bytes)) => Some(insert_file(tx, bytes)?.0),
            None => None,
        };
        tx.execute(
            "INSERT INTO evidence (set_id, version, code, title, evidence_date, kind, note, file_id, file_name, personal_data, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![
                key.set_id,
                key.version,
                key.code,
                e.title,
                e.date,
                e.kind,
                e.note,
                file_id,
                file.map(|f| f.0),
                e.personal_data,
                now()
            ],
        )?;
        Ok(tx.last_insert_rowid())
        })
    }

    /// Changes what the user said about an evidence item (the file stays); refused when
    /// there is no such item.
    pub fn update_evidence(&self, id: i64, e: &NewEvidence) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE evidence SET title = ?2, evidence_date = ?3, kind = ?4, note = ?5, personal_data = ?6 WHERE id = ?1",
            rusqlite::params![id, e.title, e.date, e.kind, e.note, e.personal_data],
        )?;
        if n == 0 {
            return Err(no_evidence(id));
        }
        Ok(())
    }

    /// Removes an evidence item, and its file when nothing else uses it; refused when there
    /// is no such item.
    pub fn remove_evidence(&mut self, id: i64) -> Result<()> {
        self.immediate(|tx| {
            let Some(file): Option<Option<i64>> =
                tx.query_row("SELECT file_id FROM evidence WHERE id = ?1", [id], |r| r.get(0)).optional()?
            else {
                return Err(no_evidence(id));
            };
            tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
            if let Some(file_id) = file {
                tx.execute(
                    "DELETE FROM stored_file WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM evidence WHERE file_id = ?1)",
                    [file_id],
                )?;
            }
            Ok(())
        })
    }

    /// How many evidence items there are.
    pub fn evidence_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM evidence", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Evidence items; for one statement, or all when `key` is `None`; newest first.
    pub fn evidence(&self, key: Option<&StatementKey>) -> Result<Vec<EvidenceItem>> {
        let sql = "SELECT e.id, e.set_id, e.version, e.code, e.title, e.evidence_date, e.kind, e.note, e.personal_data,
                    f.id, e.file_name, f.size, f.sha256
             FROM evidence e LEFT JOIN stored_file f ON f.id = e.file_id
             WHERE ?1 IS NULL OR (e.set_id = ?1 AND e.version = ?2 AND e.code = ?3)
             ORDER BY e.evidence_date DESC NULLS LAST, e.id DESC";
        self.all(sql, key_params(key), |r| {
            let file_id: Option<i64> = r.get(9)?;
            Ok(EvidenceItem {
                id: r.get(0)?,
                key: key_of(r, 1)?,
                details: NewEvidence {
                    title: r.get(4)?,
                    date: r.get(5)?,
                    kind: r.get(6)?,
                    note: r.get(7)?,
                    personal_data: r.get(8)?,
                },
                file: match file_id {
                    Some(id) => Some(StoredFile {
                        id,
                        name: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                        size: u64::try_from(r.get::<_, i64>(11)?).unwrap_or(0),
                        sha256: r.get(12)?,
                    }),
                    None => None,
                },
            })
        })
    }

    /// Adds an action.
    pub fn add_action(&self, key: &StatementKey, what: &str, who: &str, due: Option<&str>) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO action (set_id, version, code, what, who, due, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7)",
            rusqlite::params![key.set_id, key.version, key.code, what, who, due, now()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Saves an action's fields; refused when there is no such action.
    pub fn update_action(&self, a: &Action) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE action SET what = ?2, who = ?3, due = ?4, status = ?5 WHERE id = ?1",
            rusqlite::params![a.id, a.what, a.who, a.due, a.status.as_str()],
        )?;
        if n == 0 {
            return Err(no_action(a.id));
        }
        Ok(())
    }

    /// Removes an action; refused when there is no such action.
    pub fn remove_action(&self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM action WHERE id = ?1", [id])? == 0 {
            return Err(no_action(id));
        }
        Ok(())
    }

    /// One action; refused when there is no action with this id.
    pub fn action(&self, id: i64) -> Result<Action> {
        self.conn
            .query_row(&format!("SELECT {ACTION_COLUMNS} FROM action WHERE id = ?1"), [id], action_of)
            .optional()?
            .ok_or_else(|| no_action(id))
    }

    /// Actions; for one statement, or all when `key` is `None`; soonest first.
    pub fn actions(&self, key: Option<&StatementKey>) -> Result<Vec<Action>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action
             WHERE ?1 IS NULL OR (set_id = ?1 AND version = ?2 AND code = ?3)
             ORDER BY status = 'done', due IS NULL, due, id"
        );
        self.all(&sql, key_params(key), action_of)
    }
}
