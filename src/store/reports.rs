//! The coordinator's tables: reports, contributors and their pinned keys, contributions, and
//! contributors' sign-offs of reports.

use super::{Result, Store, now};
use crate::domain::standards::compare_versions;
use rusqlite::{OptionalExtension, Row};

/// A collective report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    /// Row id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Year, as printed.
    pub year: String,
    /// Introduction text.
    pub introduction: String,
}

/// A contributing organisation and the key first seen for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributorRow {
    /// Row id.
    pub id: i64,
    /// Organisation name.
    pub org_name: String,
    /// Pinned public key (base64).
    pub public_key: String,
    /// Contact email from its latest bundle.
    pub email: String,
    /// Area from its latest bundle.
    pub area: String,
}

/// A contribution in a report: one organisation's signed page for one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionRow {
    /// Row id.
    pub id: i64,
    /// Who sent it.
    pub contributor_id: i64,
    /// Their organisation's name.
    pub org_name: String,
    /// Statement set id.
    pub set_id: String,
    /// Statement code.
    pub code: String,
    /// The account's revision number.
    pub revision_number: i64,
    /// The page fingerprint.
    pub fingerprint: String,
    /// The bundle file as received.
    pub bundle: Vec<u8>,
}

/// A contributor's sign-off of a report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSignoffRow {
    /// Who.
    pub contributor_id: i64,
    /// The report fingerprint they approved.
    pub report_fingerprint: String,
    /// The person who signed for them.
    pub person: String,
    /// `receipt` (a signed file) or `recorded` (given another way, typed in by the coordinator).
    pub how: String,
    /// Who recorded it, for `recorded`.
    pub recorded_by: String,
    /// How it was given, for `recorded`.
    pub note: String,
    /// When.
    pub at: String,
}

fn contributor_of(r: &Row<'_>) -> rusqlite::Result<ContributorRow> {
    let (id, org_name, public_key, email, area) = r.try_into()?;
    Ok(ContributorRow { id, org_name, public_key, email, area })
}

pub(super) fn contribution_of(r: &Row<'_>) -> rusqlite::Result<ContributionRow> {
    let (id, contributor_id, org_name, set_id, code, revision_number, fingerprint, bundle) = r.try_into()?;
    Ok(ContributionRow { id, contributor_id, org_name, set_id, code, revision_number, fingerprint, bundle })
}

impl Store {
    /// Starts a report; returns its id.
    pub fn add_report(&self, title: &str, year: &str, introduction: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO report (title, year, introduction, created_at) VALUES (?1, ?2, ?3, ?4)",
            (title, year, introduction, now()),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The newest report, if any.
    pub fn current_report(&self) -> Result<Option<ReportRow>> {
        Ok(self
            .conn
            .query_row("SELECT id, title, year, introduction FROM report ORDER BY id DESC LIMIT 1", [], |r| {
                let (id, title, year, introduction) = r.try_into()?;
                Ok(ReportRow { id, title, year, introduction })
            })
            .optional()?)
    }

    /// Changes a report's title, year and introduction.
    pub fn set_report_text(&self, id: i64, title: &str, year: &str, introduction: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE report SET title = ?2, year = ?3, introduction = ?4 WHERE id = ?1",
            (id, title, year, introduction),
        )?;
        Ok(())
    }

    /// The contributor with this organisation name (ignoring case), if seen before.
    pub fn contributor_by_org(&self, org: &str) -> Result<Option<ContributorRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, org_name, public_key, email, area FROM contributor WHERE org_name = ?1 COLLATE NOCASE",
                [org],
                contributor_of,
            )
            .optional()?)
    }

    /// Remembers that the report was sent for review with this fingerprint.
    pub fn add_report_version(&self, report_id: i64, fingerprint: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO report_version (report_id, fingerprint, sent_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            (report_id, fingerprint, now()),
        )?;
        Ok(())
    }

    /// The fingerprints the report was sent for review with.
    pub fn report_versions(&self, report_id: i64) -> Result<Vec<String>> {
        self.all("SELECT fingerprint FROM report_version WHERE report_id = ?1 ORDER BY sent_at", [report_id], |r| {
            r.get(0)
        })
    }

    /// Every contributor ever pinned, by name.
    pub fn contributors(&self) -> Result<Vec<ContributorRow>> {
        self.all(
            "SELECT id, org_name, public_key, email, area FROM contributor ORDER BY org_name COLLATE NOCASE",
            [],
            contributor_of,
        )
    }

    /// Pins a new contributor's key; returns its id.
    pub fn add_contributor(&self, org: &str, public_key: &str, email: &str, area: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO contributor (org_name, public_key, email, area, pinned_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            (org, public_key, email, area, now()),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Keeps a contributor's contact details current.
    pub fn update_contributor_details(&self, id: i64, email: &str, area: &str) -> Result<()> {
        self.conn.execute("UPDATE contributor SET email = ?2, area = ?3 WHERE id = ?1", (id, email, area))?;
        Ok(())
    }

    /// Adds a contribution, or replaces the one the same contributor sent for the same
    /// statement.
    #[allow(clippy::too_many_arguments, reason = "one row's columns")]
    pub fn put_contribution(
        &self,
        report_id: i64,
        contributor_id: i64,
        set_id: &str,
        code: &str,
        revision_number: i64,
        fingerprint: &str,
        bundle: &[u8],
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO contribution (report_id, contributor_id, set_id, code, revision_number, fingerprint, bundle, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (report_id, contributor_id, set_id, code) DO UPDATE SET revision_number = excluded.revision_number,
                 fingerprint = excluded.fingerprint, bundle = excluded.bundle, imported_at = excluded.imported_at",
            rusqlite::params![report_id, contributor_id, set_id, code, revision_number, fingerprint, bundle, now()],
        )?;
        Ok(())
    }

    /// A report's contributions in report order: by set, statement, then organisation.
    pub fn contributions(&self, report_id: i64) -> Result<Vec<ContributionRow>> {
        let mut rows = self.all(
            "SELECT c.id, c.contributor_id, k.org_name, c.set_id, c.code, c.revision_number, c.fingerprint, c.bundle
             FROM contribution c JOIN contributor k ON k.id = c.contributor_id
             WHERE c.report_id = ?1 ORDER BY c.set_id, c.code, k.org_name COLLATE NOCASE",
            [report_id],
            contribution_of,
        )?;
        // Codes in natural order: 2 before 10, 1.9 before 1.10 (the sort is stable, so the
        // organisations stay in name order within a statement).
        rows.sort_by(|a, b| a.set_id.cmp(&b.set_id).then_with(|| compare_versions(&a.code, &b.code)));
        Ok(rows)
    }

    /// The contributors with at least one contribution in a report, by name.
    pub fn report_contributors(&self, report_id: i64) -> Result<Vec<ContributorRow>> {
        self.all(
            "SELECT DISTINCT k.id, k.org_name, k.public_key, k.email, k.area FROM contributor k
             JOIN contribution c ON c.contributor_id = k.id WHERE c.report_id = ?1 ORDER BY k.org_name COLLATE NOCASE",
            [report_id],
            contributor_of,
        )
    }

    /// Records a contributor's sign-off of a report.
    #[allow(clippy::too_many_arguments, reason = "one row's columns")]
    pub fn add_report_signoff(
        &self,
        report_id: i64,
        contributor_id: i64,
        report_fingerprint: &str,
        person: &str,
        how: &str,
        recorded_by: &str,
        note: &str,
        receipt: Option<&[u8]>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO report_signoff (report_id, contributor_id, report_fingerprint, person, how, recorded_by, note, receipt, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![report_id, contributor_id, report_fingerprint, person, how, recorded_by, note, receipt, now()],
        )?;
        Ok(())
    }

    /// True when exactly this receipt file was recorded before.
    pub fn has_receipt(&self, bytes: &[u8]) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM report_signoff WHERE receipt = ?1", [bytes], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Every sign-off of a report, oldest first.
    pub fn report_signoffs(&self, report_id: i64) -> Result<Vec<ReportSignoffRow>> {
        self.all(
            "SELECT contributor_id, report_fingerprint, person, how, recorded_by, note, at FROM report_signoff
             WHERE report_id = ?1 ORDER BY at, id",
            [report_id],
            |r| {
                let (contributor_id, report_fingerprint, person, how, recorded_by, note, at) = r.try_into()?;
                Ok(ReportSignoffRow { contributor_id, report_fingerprint, person, how, recorded_by, note, at })
            },
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a failing test should stop at once")]
    use super::*;

    #[test]
    fn contributions_come_by_set_then_code_in_natural_order_then_organisation() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("w.lero")).unwrap();
        let report = store.add_report("Report", "2026", "").unwrap();
        let zed = store.add_contributor("zed recovery", "k1", "", "").unwrap();
        let abbey = store.add_contributor("Abbey Road", "k2", "", "").unwrap();
        for (who, set, code) in
            [(zed, "b", "1"), (zed, "a", "10"), (abbey, "a", "10"), (zed, "a", "2"), (abbey, "a", "1.9")]
        {
            store.put_contribution(report, who, set, code, 1, &format!("{set}{code}{who}"), b"x").unwrap();
        }
        let order: Vec<(String, String, String)> =
            store.contributions(report).unwrap().into_iter().map(|r| (r.set_id, r.code, r.org_name)).collect();
        let want = [
            ("a", "1.9", "Abbey Road"),
            ("a", "2", "zed recovery"),
            ("a", "10", "Abbey Road"),
            ("a", "10", "zed recovery"),
            ("b", "1", "zed recovery"),
        ];
        assert_eq!(order, want.map(|(s, c, o)| (s.to_owned(), c.to_owned(), o.to_owned())));
    }
}
