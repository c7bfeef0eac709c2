//! Integrity checks of a workspace file.

use super::assess::sha256_hex;
use super::{Result, Store};

/// A revision someone signed, with what its page showed, for recomputing its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRevision {
    /// The revision.
    pub revision: crate::domain::account::Revision,
    /// The statement its account is about.
    pub key: crate::domain::standards::StatementKey,
    /// The organisation's name and the logo's SHA-256 on its page, when it was kept by a
    /// version that records them.
    pub shown: Option<(String, String)>,
}

/// A receipt as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedReceipt {
    /// The contributor's organisation.
    pub org: String,
    /// Its pinned key (base64).
    pub pinned_key: String,
    /// The report fingerprint it was recorded as approving.
    pub report_fingerprint: String,
    /// The receipt file as received.
    pub bytes: Vec<u8>,
}

/// One problem found, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl Store {
    /// Checks the database structure, its references, every stored file's SHA-256 and every
    /// sign-off's fingerprint against the revision it was given on.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let mut out = Vec::new();
        let lines: Vec<String> = self.all("PRAGMA integrity_check", [], |r| r.get(0))?;
        if lines != ["ok"] {
            out.extend(lines.into_iter().map(|l| Problem(format!("The database structure is damaged: {l}."))));
        }
        let broken: Vec<String> = self.all("PRAGMA foreign_key_check", [], |r| r.get(0))?;
        for table in broken {
            out.push(Problem(format!("A row in “{table}” points at something that is no longer there.")));
        }
        let mut stmt = self.conn.prepare("SELECT id, sha256, content FROM stored_file ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let sha: String = r.get(1)?;
            let content: Vec<u8> = r.get(2)?;
            if sha256_hex(&content) != sha {
                out.push(Problem(format!(
                    "Stored file {id} no longer matches its fingerprint: it has been changed or damaged."
                )));
            }
        }
        // Every sign-off must name the fingerprint of the revision it was given on.
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.account_id, s.name, s.fingerprint, r.fingerprint, r.account_id, r.number
             FROM signoff s JOIN revision r ON r.id = s.revision_id ORDER BY s.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (account, name): (i64, String) = (r.get(1)?, r.get(2)?);
            let (signed, revision_fp, revision_account, number): (String, String, i64, i64) =
                (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            let well_formed = signed.len() == 64 && signed.bytes().all(|b| b.is_ascii_hexdigit());
            if !well_formed || signed != revision_fp || account != revision_account {
                out.push(Problem(format!(
                    "The sign-off by {name} of account {account} does not match version {number} it was given on: the record has been changed or damaged, so it no longer proves what was approved."
                )));
            }
        }
        Ok(out)
    }

    /// Every revision anyone signed (approved or asked changes to), oldest first.
    pub fn signed_revisions(&self) -> Result<Vec<SignedRevision>> {
        self.all(
            "SELECT r.id, r.account_id, r.number, r.title, r.body, r.fingerprint, r.created_at,
                    a.set_id, a.version, a.code, r.organisation, r.logo_sha256
             FROM revision r JOIN account a ON a.id = r.account_id
             WHERE EXISTS (SELECT 1 FROM signoff s WHERE s.revision_id = r.id) ORDER BY r.id",
            [],
            |r| {
                let organisation: Option<String> = r.get(10)?;
                let logo: Option<String> = r.get(11)?;
                Ok(SignedRevision {
                    revision: super::accounts::revision_of(r)?,
                    key: crate::domain::standards::StatementKey::new(
                        &r.get::<_, String>(7)?,
                        &r.get::<_, String>(8)?,
                        &r.get::<_, String>(9)?,
                    ),
                    shown: organisation.zip(logo),
                })
            },
        )
    }

    /// Every receipt recorded, with the contributor it was recorded for and the report
    /// fingerprint it was recorded as approving.
    pub fn recorded_receipts(&self) -> Result<Vec<RecordedReceipt>> {
        self.all(
            "SELECT k.org_name, k.public_key, s.report_fingerprint, s.receipt FROM report_signoff s
             JOIN contributor k ON k.id = s.contributor_id WHERE s.receipt IS NOT NULL ORDER BY s.id",
            [],
            |r| {
                let (org, pinned_key, report_fingerprint, bytes) = r.try_into()?;
                Ok(RecordedReceipt { org, pinned_key, report_fingerprint, bytes })
            },
        )
    }

    /// Every contribution of every report, with its contributor's pinned key.
    pub fn stored_contributions(&self) -> Result<Vec<(super::ContributionRow, String)>> {
        self.all(
            "SELECT c.id, c.contributor_id, k.org_name, c.set_id, c.code, c.revision_number, c.fingerprint, c.bundle, k.public_key
             FROM contribution c JOIN contributor k ON k.id = c.contributor_id ORDER BY c.id",
            [],
            |r| Ok((super::reports::contribution_of(r)?, r.get(8)?)),
        )
    }
}
