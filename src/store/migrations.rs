//! Schema migrations: an append-only list keyed by `PRAGMA user_version`, applied in one
//! exclusive transaction. Never edit a published step; add a new one.

use super::{APPLICATION_ID, Result};
use rusqlite::{Connection, TransactionBehavior};

/// Every schema step, in order. Step `i` takes the schema from version `i` to `i + 1`.
const STEPS: &[&str] = &[
    // 1: the first workspace schema.
    r"
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE organisation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        area TEXT NOT NULL DEFAULT '',
        formal INTEGER NOT NULL DEFAULT 1,
        logo BLOB,
        logo_mime TEXT,
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        lived_experience INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE standard_set (
        set_id TEXT NOT NULL,
        version TEXT NOT NULL,
        title TEXT NOT NULL,
        publisher TEXT NOT NULL,
        published TEXT NOT NULL,
        source TEXT NOT NULL,
        status TEXT NOT NULL,
        builtin INTEGER NOT NULL,
        toml TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (set_id, version)
    ) STRICT;
    CREATE TABLE statement (
        set_id TEXT NOT NULL,
        version TEXT NOT NULL,
        code TEXT NOT NULL,
        position INTEGER NOT NULL,
        section TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        applies_to TEXT NOT NULL CHECK (applies_to IN ('all', 'formal')),
        PRIMARY KEY (set_id, version, code),
        FOREIGN KEY (set_id, version) REFERENCES standard_set ON DELETE CASCADE
    ) STRICT;
    CREATE TABLE assessment (
        set_id TEXT NOT NULL,
        version TEXT NOT NULL,
        code TEXT NOT NULL,
        stage TEXT CHECK (stage IN ('not-yet', 'starting', 'developing', 'embedded', 'n/a')),
        na_reason TEXT NOT NULL DEFAULT '',
        rung INTEGER CHECK (rung BETWEEN 1 AND 7),
        well TEXT NOT NULL DEFAULT '',
        develop TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        carried_from TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (set_id, version, code),
        FOREIGN KEY (set_id, version, code) REFERENCES statement
    ) STRICT;
    CREATE TABLE stored_file (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        content BLOB NOT NULL,
        added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        set_id TEXT NOT NULL,
        version TEXT NOT NULL,
        code TEXT NOT NULL,
        title TEXT NOT NULL,
        evidence_date TEXT,
        kind TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        file_id INTEGER REFERENCES stored_file,
        file_name TEXT,
        personal_data INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        FOREIGN KEY (set_id, version, code) REFERENCES statement
    ) STRICT;
    CREATE TABLE action (
        id INTEGER PRIMARY KEY,
        set_id TEXT NOT NULL,
        version TEXT NOT NULL,
        code TEXT NOT NULL,
        what TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        due TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'doing', 'done')),
        created_at TEXT NOT NULL,
        FOREIGN KEY (set_id, version, code) REFERENCES statement
    ) STRICT;
    ",
    // 2: indexes for the statement screen and the dashboard; the workspace word list.
    r"
    CREATE INDEX evidence_by_statement ON evidence (set_id, version, code);
    CREATE INDEX action_by_statement ON action (set_id, version, code);
    CREATE INDEX evidence_by_file ON evidence (file_id);
    CREATE TABLE word (word TEXT PRIMARY KEY) STRICT;
    ",
    // 3: one-page accounts, the revisions kept when one is exported or signed (with the
    //    fingerprint of the page they show), and sign-offs of those pages.
    r"
    CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        set_id TEXT NOT NULL,
        version TEXT NOT NULL,
        code TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        authors TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        FOREIGN KEY (set_id, version, code) REFERENCES statement
    ) STRICT;
    CREATE INDEX account_by_statement ON account (set_id, version, code);
    CREATE TABLE revision (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account ON DELETE CASCADE,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('exported', 'signed')),
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (account_id, number)
    ) STRICT;
    CREATE TABLE signoff (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account ON DELETE CASCADE,
        revision_id INTEGER NOT NULL REFERENCES revision ON DELETE CASCADE,
        person_id INTEGER REFERENCES person ON DELETE SET NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        lived_experience INTEGER NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes-requested')),
        note TEXT NOT NULL DEFAULT '',
        fingerprint TEXT NOT NULL,
        at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX signoff_by_account ON signoff (account_id);
    ",
    // 4: the coordinator's side: collective reports, contributors with their pinned keys,
    //    the contributions imported from bundles, and contributors' sign-offs of reports.
    r"
    CREATE TABLE report (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        year TEXT NOT NULL,
        introduction TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE contributor (
        id INTEGER PRIMARY KEY,
        org_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        public_key TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        area TEXT NOT NULL DEFAULT '',
        pinned_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE contribution (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES report ON DELETE CASCADE,
        contributor_id INTEGER NOT NULL REFERENCES contributor,
        set_id TEXT NOT NULL,
        code TEXT NOT NULL,
        revision_number INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        bundle BLOB NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (report_id, contributor_id, set_id, code)
    ) STRICT;
    CREATE TABLE report_signoff (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES report ON DELETE CASCADE,
        contributor_id INTEGER NOT NULL REFERENCES contributor,
        report_fingerprint TEXT NOT NULL,
        person TEXT NOT NULL,
        how TEXT NOT NULL CHECK (how IN ('receipt', 'recorded')),
        recorded_by TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        receipt BLOB,
        at TEXT NOT NULL
    ) STRICT;
    ",
    // 5: what else a kept revision's page showed (the organisation's name and the logo's
    //    SHA-256), so `check` can recompute its fingerprint exactly. Empty for revisions kept
    //    by an earlier version. The report fingerprints sent for review, so a receipt for a
    //    report this college never sent is refused.
    r"
    ALTER TABLE revision ADD COLUMN organisation TEXT;
    ALTER TABLE revision ADD COLUMN logo_sha256 TEXT;
    CREATE TABLE report_version (
        report_id INTEGER NOT NULL REFERENCES report ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        UNIQUE (report_id, fingerprint)
    ) STRICT;
    ",
    // 6: the organisation's year in figures, one row per year ("2025" or "2025-26"); a
    //    figure not given is NULL.
    r"
    CREATE TABLE org_figures (
        year TEXT PRIMARY KEY CHECK (year GLOB '2[0-9][0-9][0-9]' OR year GLOB '2[0-9][0-9][0-9]-[0-9][0-9]'),
        people_supported INTEGER CHECK (people_supported BETWEEN 0 AND 10000000),
        support_hours INTEGER CHECK (support_hours BETWEEN 0 AND 10000000),
        volunteers INTEGER CHECK (volunteers BETWEEN 0 AND 10000000),
        volunteer_hours INTEGER CHECK (volunteer_hours BETWEEN 0 AND 10000000),
        lived_experience_roles INTEGER CHECK (lived_experience_roles BETWEEN 0 AND 10000000),
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    ) STRICT;
    ",
];

/// The schema version this app writes.
#[allow(clippy::cast_possible_wrap, reason = "a handful of steps")]
pub const LATEST_VERSION: i64 = STEPS.len() as i64;

/// Brings the schema up to `target` in one exclusive transaction; does nothing when it is
/// already there.
pub(super) fn migrate(conn: &mut Connection, target: i64) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current >= target {
        return Ok(());
    }
    for (i, step) in
        STEPS.iter().enumerate().take(usize::try_from(target).unwrap_or(0)).skip(usize::try_from(current).unwrap_or(0))
    {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(i64::MAX))?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_harmless() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, LATEST_VERSION).unwrap();
        migrate(&mut conn, LATEST_VERSION).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, LATEST_VERSION);
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID);
    }

    #[test]
    fn a_failing_step_leaves_the_schema_as_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, 1).unwrap();
        // A table that step 2 is about to create makes step 2 fail.
        conn.execute_batch("CREATE TABLE word (x TEXT)").unwrap();
        assert!(migrate(&mut conn, 2).is_err());
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
    }
}
