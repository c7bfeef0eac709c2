//! Integrity checks of a workspace file.

use super::assess::sha256_hex;
use super::{Result, Store};

/// One problem found, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl Store {
    /// Checks the database structure, its references, every stored file's SHA-256 and every
    /// sign-off's fingerprint against the revision it was given on.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        if lines != ["ok"] {
            out.extend(lines.into_iter().map(|l| Problem(format!("The database structure is damaged: {l}."))));
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let broken: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
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
}
