//! Accounts and their revisions.

use super::{Result, Store, StoreError, now};
use crate::domain::account::{Account, Revision, RevisionReason};
use crate::domain::organisation::Person;
use crate::domain::signoff::{Decision, Signoff};
use crate::domain::standards::StatementKey;
use rusqlite::{OptionalExtension, Row};
use std::collections::HashMap;

const ACCOUNT_COLUMNS: &str = "id, set_id, version, code, title, body, authors, created_at, updated_at";

fn account_of(r: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        key: StatementKey { set_id: r.get(1)?, version: r.get(2)?, code: r.get(3)? },
        title: r.get(4)?,
        body: r.get(5)?,
        authors: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

const REVISION_COLUMNS: &str = "id, account_id, number, title, body, fingerprint, created_at";

pub(super) fn revision_of(r: &Row<'_>) -> rusqlite::Result<Revision> {
    Ok(Revision {
        id: r.get(0)?,
        account_id: r.get(1)?,
        number: r.get(2)?,
        title: r.get(3)?,
        body: r.get(4)?,
        fingerprint: r.get(5)?,
        created_at: r.get(6)?,
    })
}

fn signoff_of(r: &Row<'_>) -> rusqlite::Result<Signoff> {
    Ok(Signoff {
        id: r.get(0)?,
        account_id: r.get(1)?,
        revision_id: r.get(2)?,
        name: r.get(3)?,
        role: r.get(4)?,
        lived_experience: r.get(5)?,
        decision: Decision::parse(&r.get::<_, String>(6)?).unwrap_or(Decision::ChangesRequested),
        note: r.get(7)?,
        fingerprint: r.get(8)?,
        at: r.get(9)?,
    })
}

impl Store {
    /// Starts an account for a statement.
    pub fn add_account(&self, key: &StatementKey, title: &str, body: &str) -> Result<i64> {
        let t = now();
        self.conn.execute(
            "INSERT INTO account (set_id, version, code, title, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            (&key.set_id, &key.version, &key.code, title, body, &t),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Saves an account's title and body (committed at once).
    pub fn save_account_text(&self, id: i64, title: &str, body: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE account SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1 AND (title IS NOT ?2 OR body IS NOT ?3)",
            (id, title, body, now()),
        )?;
        if n == 0 && self.account(id)?.is_none() {
            return Err(StoreError::NotFound(format!("There is no account {id}: run `account list` to see them.")));
        }
        Ok(())
    }

    /// One account.
    pub fn account(&self, id: i64) -> Result<Option<Account>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {ACCOUNT_COLUMNS} FROM account WHERE id = ?1"), [id], account_of)
            .optional()?)
    }

    /// Every account, newest change first.
    pub fn accounts(&self) -> Result<Vec<Account>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY updated_at DESC, id DESC"))?;
        let rows = stmt.query_map([], account_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes an account and its revisions.
    pub fn remove_account(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM account WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Keeps a frozen copy of the account's text and the fingerprint of its page, unless the
    /// newest revision already has exactly this fingerprint. Returns the revision.
    pub fn keep_revision(
        &mut self,
        account_id: i64,
        reason: RevisionReason,
        fingerprint: &str,
        shown: (&str, &str),
    ) -> Result<Revision> {
        self.immediate(|tx| {
        let (title, body): (String, String) = tx
            .query_row("SELECT title, body FROM account WHERE id = ?1", [account_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("There is no account {account_id}.")))?;
        let latest = tx
            .query_row(
                &format!("SELECT {REVISION_COLUMNS} FROM revision WHERE account_id = ?1 ORDER BY number DESC LIMIT 1"),
                [account_id],
                revision_of,
            )
            .optional()?;
        if let Some(r) = latest.as_ref().filter(|r| r.fingerprint == fingerprint && r.title == title && r.body == body)
        {
            return Ok(r.clone());
        }
        let number = latest.map_or(1, |r| r.number + 1);
        let created_at = now();
        tx.execute(
            "INSERT INTO revision (account_id, number, title, body, reason, fingerprint, created_at, organisation, logo_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![account_id, number, &title, &body, reason.as_str(), fingerprint, &created_at, shown.0, shown.1],
        )?;
        let id = tx.last_insert_rowid();
        Ok(Revision { id, account_id, number, title, body, fingerprint: fingerprint.to_owned(), created_at })
        })
    }

    /// Records a person's decision on a revision.
    pub fn add_signoff(&self, revision: &Revision, person: &Person, decision: Decision, note: &str) -> Result<Signoff> {
        let at = now();
        self.conn.execute(
            "INSERT INTO signoff (account_id, revision_id, person_id, name, role, lived_experience, decision, note, fingerprint, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params![
                revision.account_id,
                revision.id,
                person.id,
                person.name,
                person.role,
                person.lived_experience,
                decision.as_str(),
                note,
                revision.fingerprint,
                at
            ],
        )?;
        Ok(Signoff {
            id: self.conn.last_insert_rowid(),
            account_id: revision.account_id,
            revision_id: revision.id,
            name: person.name.clone(),
            role: person.role.clone(),
            lived_experience: person.lived_experience,
            decision,
            note: note.to_owned(),
            at,
            fingerprint: revision.fingerprint.clone(),
        })
    }

    /// Every sign-off an account ever had, oldest first.
    pub fn signoffs(&self, account_id: i64) -> Result<Vec<Signoff>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, account_id, revision_id, name, role, lived_experience, decision, note, fingerprint, at
             FROM signoff WHERE account_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([account_id], signoff_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every sign-off of every account, by account, each account's oldest first.
    pub fn all_signoffs(&self) -> Result<HashMap<i64, Vec<Signoff>>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, account_id, revision_id, name, role, lived_experience, decision, note, fingerprint, at
             FROM signoff ORDER BY account_id, at, id",
        )?;
        let mut out: HashMap<i64, Vec<Signoff>> = HashMap::new();
        for s in stmt.query_map([], signoff_of)? {
            let s = s?;
            out.entry(s.account_id).or_default().push(s);
        }
        Ok(out)
    }

    /// An account's revisions, oldest first.
    pub fn revisions(&self, account_id: i64) -> Result<Vec<Revision>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {REVISION_COLUMNS} FROM revision WHERE account_id = ?1 ORDER BY number"))?;
        let rows = stmt.query_map([account_id], revision_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
