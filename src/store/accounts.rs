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
    let (id, set_id, version, code, title, body, authors, created_at, updated_at) = r.try_into()?;
    Ok(Account { id, key: StatementKey { set_id, version, code }, title, body, authors, created_at, updated_at })
}

const REVISION_COLUMNS: &str = "id, account_id, number, title, body, fingerprint, created_at";

pub(super) fn revision_of(r: &Row<'_>) -> rusqlite::Result<Revision> {
    let (id, account_id, number, title, body, fingerprint, created_at) = r.try_into()?;
    Ok(Revision { id, account_id, number, title, body, fingerprint, created_at })
}

const SIGNOFF_COLUMNS: &str =
    "id, account_id, revision_id, name, role, lived_experience, decision, note, fingerprint, at";

fn signoff_of(r: &Row<'_>) -> rusqlite::Result<Signoff> {
    let (id, account_id, revision_id, name, role, lived_experience, decision, note, fingerprint, at) = r.try_into()?;
    let decision = Decision::parse(String::as_str(&decision)).unwrap_or(Decision::ChangesRequested);
    Ok(Signoff { id, account_id, revision_id, name, role, lived_experience, decision, note, at, fingerprint })
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
        self.all(&format!("SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY updated_at DESC, id DESC"), [], account_of)
    }

    /// Removes an account and its revisions.
    pub fn remove_account(&self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM account WHERE id = ?1", [id])? == 0 {
            return Err(super::StoreError::NotFound(format!(
                "There is no account {id} any more: it may have been removed. Run `account list` to see the accounts and their ids."
            )));
        }
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
        self.all(
            &format!("SELECT {SIGNOFF_COLUMNS} FROM signoff WHERE account_id = ?1 ORDER BY at, id"),
            [account_id],
            signoff_of,
        )
    }

    /// Every sign-off of every account, by account, each account's oldest first.
    pub fn all_signoffs(&self) -> Result<HashMap<i64, Vec<Signoff>>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {SIGNOFF_COLUMNS} FROM signoff ORDER BY account_id, at, id"))?;
        let mut out: HashMap<i64, Vec<Signoff>> = HashMap::new();
        for s in stmt.query_map([], signoff_of)? {
            let s = s?;
            out.entry(s.account_id).or_default().push(s);
        }
        Ok(out)
    }

    /// An account's revisions, oldest first.
    pub fn revisions(&self, account_id: i64) -> Result<Vec<Revision>> {
        self.all(
            &format!("SELECT {REVISION_COLUMNS} FROM revision WHERE account_id = ?1 ORDER BY number"),
            [account_id],
            revision_of,
        )
    }
}
