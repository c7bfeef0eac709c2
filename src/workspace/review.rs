//! Reviewing the collective report: the manifest sent with the draft, the receipt a
//! contributor signs in its own workspace, and recording receipts (or sign-offs given another
//! way) on the coordinator's side.

use super::accounts::APP_VERSION;
use super::report::Pinned;
use super::{ReceiptWritten, Result, Workspace, WorkspaceError, bad_input, foreign, not_found, read_user_file};
use crate::domain::bundle::Contribution;
use crate::domain::envelope::{MAX_FILE_BYTES, PublicKey};
use crate::domain::fingerprint::short;
use crate::domain::names;
use crate::domain::review::MANIFEST_VERSION;
use crate::domain::review::{
    Manifest, ManifestEntry, Receipt, open_manifest, open_receipt, seal_manifest, seal_receipt,
};
use crate::domain::signoff::progress;
use std::collections::BTreeSet;
use std::path::Path;

/// The setting that keeps the college's key, pinned the first time a manifest is opened.
const COLLEGE_KEY: &str = "review.college_key";

/// (Contributor side.) A review manifest as a LERO sees it: the report, and its own pages in
/// it, each with whether it is a page the organisation signed off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestReview {
    /// The manifest.
    pub manifest: Manifest,
    /// This organisation's contributions in the report, each with `true` when it is exactly
    /// a page this workspace signed off.
    pub own: Vec<(ManifestEntry, bool)>,
    /// The short form of the key the manifest was sealed with (the college's).
    pub sender_key: String,
    /// The manifest carries the whole report and it checked out: every page, and the report
    /// fingerprint recomputed here (false for a first-release manifest, which lists
    /// fingerprints only).
    pub complete: bool,
    /// This is the first manifest this workspace has seen: the college's key was remembered
    /// now, and should be compared by phone.
    pub key_first_seen: bool,
}

impl ManifestReview {
    /// True when the report shows this organisation's pages and every one is a page it
    /// signed off, so it may be approved.
    pub fn can_sign(&self) -> bool {
        !self.own.is_empty() && self.own.iter().all(|(_, signed)| *signed)
    }
}

/// What recording a receipt found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The organisation.
    pub org: String,
    /// It approves the report as it is now.
    pub valid: bool,
    /// A sentence for the coordinator.
    pub summary: String,
}

impl Workspace {
    /// The manifest of the current report: its fingerprint and every contribution's.
    pub fn manifest(&self) -> Result<Manifest> {
        let report = self.current_report()?;
        let (contributions, pages): (Vec<ManifestEntry>, Vec<Contribution>) = self
            .report_contributions()?
            .into_iter()
            .map(|(row, c)| {
                let entry = ManifestEntry {
                    org: row.org_name,
                    set_id: row.set_id,
                    code: row.code,
                    statement_title: c.statement.title.clone(),
                    revision: row.revision_number,
                    fingerprint: row.fingerprint,
                };
                (entry, c)
            })
            .unzip();
        // Every contributor sees every page, but only what the report prints of it: the
        // approvals (not who asked for changes, nor their notes) and no contact email. Each
        // logo travels once.
        let mut logos = std::collections::BTreeMap::new();
        let pages: Vec<Contribution> = pages
            .into_iter()
            .map(|mut c: Contribution| {
                c.organisation.email.clear();
                c.signoffs.retain(|s| s.decision == crate::domain::bundle::APPROVED);
                for s in &mut c.signoffs {
                    s.note.clear();
                }
                if let Some(logo) = &mut c.logo {
                    logos.insert(logo.sha256.clone(), std::mem::take(&mut logo.base64));
                }
                c
            })
            .collect();
        Ok(Manifest {
            version: MANIFEST_VERSION,
            report_id: self.report_id(report.id)?,
            introduction: report.introduction,
            pages,
            logos,
            title: report.title,
            year: report.year,
            report_fingerprint: self.report_fingerprint()?,
            contributions,
            made_at: crate::store::now(),
            app_version: APP_VERSION.to_owned(),
        })
    }

    /// The manifest sealed with this workspace's key.
    pub fn sealed_manifest(&self) -> Result<Vec<u8>> {
        let manifest = self.manifest()?;
        let sealed =
            seal_manifest(&manifest, &self.signing_key()?).map_err(|e| WorkspaceError::Broken(e.to_string()))?;
        if sealed.len() > MAX_FILE_BYTES {
            return Err(WorkspaceError::Overflow(format!(
                "The review manifest would be {}, more than the {} a manifest may be (it carries every page and logo of the report): ask the contributors with the largest logos for smaller ones.",
                super::size_in_words(sealed.len() as u64),
                super::size_in_words(MAX_FILE_BYTES as u64)
            )));
        }
        // Receipts may approve this version from now on.
        self.store.add_report_version(self.current_report()?.id, &manifest.report_fingerprint)?;
        Ok(sealed)
    }

    /// The report's name in manifests and receipts: the college's key and the report's row,
    /// hashed, so no two colleges' reports share one.
    fn report_id(&self, report: i64) -> Result<String> {
        let seed = format!("lero-evidence report\n{}\n{report}", self.public_key()?.to_base64());
        Ok(crate::store::sha256_hex(seed.as_bytes())[..32].to_owned())
    }

    /// Every page fingerprint this workspace signed off under its rule.
    fn signed_fingerprints(&self) -> Result<BTreeSet<String>> {
        let rule = self.signoff_rule()?;
        let mut out = BTreeSet::new();
        for a in self.accounts()? {
            let signoffs = self.store.signoffs(a.id)?;
            for r in self.store.revisions(a.id)? {
                if progress(rule, &r.fingerprint, &signoffs).met() {
                    out.insert(r.fingerprint);
                }
            }
        }
        Ok(out)
    }

    /// (Contributor side.) Reads a review manifest and returns it with this organisation's
    /// own entries.
    pub fn read_manifest(&self, path: &Path) -> Result<(Manifest, Vec<ManifestEntry>, PublicKey)> {
        let bytes = read_user_file(path, MAX_FILE_BYTES as u64, "review manifest")?;
        let (m, key) = open_manifest(&bytes).map_err(|e| WorkspaceError::in_file(e, path))?;
        if let Some(pinned) = self.store.setting(COLLEGE_KEY)?
            && pinned != key.to_base64()
        {
            return foreign(format!(
                "This review manifest was sealed with a key ({}) that is not the college's key this workspace first saw ({}), so it was not opened: phone the college and compare the keys before going further. ({})",
                key.short(),
                PublicKey::from_base64(&pinned).map(|k| k.short()).unwrap_or_default(),
                path.display()
            ));
        }
        let org = names::tidy(&self.organisation()?.unwrap_or_default().name).to_lowercase();
        let own: Vec<ManifestEntry> =
            m.contributions.iter().filter(|e| names::tidy(&e.org).to_lowercase() == org).cloned().collect();
        Ok((m, own, key))
    }

    /// Remembers the college's key the first time a manifest is opened; returns whether it
    /// was the first time. (A workspace opened read-only remembers nothing.)
    fn pin_college_key(&self, key: &PublicKey) -> Result<bool> {
        if self.store.setting(COLLEGE_KEY)?.is_some() {
            return Ok(false);
        }
        Ok(self.store.set_setting(COLLEGE_KEY, &key.to_base64()).is_ok())
    }

    /// (Contributor side.) Reads a review manifest and checks each of this organisation's
    /// pages in it against the pages it signed off.
    pub fn review_manifest(&self, path: &Path) -> Result<ManifestReview> {
        let (manifest, own, key) = self.read_manifest(path)?;
        let key_first_seen = self.pin_college_key(&key)?;
        let signed = self.signed_fingerprints()?;
        let own = own
            .into_iter()
            .map(|e| {
                let ok = signed.contains(&e.fingerprint);
                (e, ok)
            })
            .collect();
        Ok(ManifestReview { complete: manifest.is_complete(), manifest, own, sender_key: key.short(), key_first_seen })
    }

    /// (Contributor side.) Signs off the report a manifest describes as `person` and writes
    /// the receipt to `out`.
    pub fn write_receipt(&self, manifest: &Path, person: &str, out: &Path) -> Result<ReceiptWritten> {
        self.own_files().check(out)?;
        let (bytes, fingerprint) = self.make_receipt(manifest, person)?;
        self.own_files().write(out, &bytes)?;
        Ok(ReceiptWritten { fingerprint, person: person.to_owned(), path: out.to_path_buf() })
    }

    /// (Contributor side.) Signs off the report a manifest describes, as `person`, after
    /// checking that every page of this organisation in it is one it signed off itself.
    /// Returns the receipt's bytes and the report fingerprint approved.
    pub fn make_receipt(&self, manifest: &Path, person: &str) -> Result<(Vec<u8>, String)> {
        let (m, own, college) = self.read_manifest(manifest)?;
        self.pin_college_key(&college)?;
        let org = self.organisation()?.unwrap_or_default().name;
        if own.is_empty() {
            return not_found(format!(
                "This report has no contribution from {org}, so there is nothing for you to sign off: check you opened the right file, or ask the college."
            ));
        }
        let Some(p) = self.person_named(person)? else {
            return not_found(format!(
                "Nobody called “{person}” is in this workspace: add them first (person add NAME --role ROLE)."
            ));
        };
        let signed = self.signed_fingerprints()?;
        if let Some(e) = own.iter().find(|e| !signed.contains(&e.fingerprint)) {
            return Err(WorkspaceError::NotSignedOff(format!(
                "The report shows a version of your account of {} {} (fingerprint {}) that your organisation did not sign off, so it cannot be approved: ask the college which version they have.",
                e.code,
                e.statement_title,
                short(&e.fingerprint)
            )));
        }
        let receipt = Receipt {
            report_fingerprint: m.report_fingerprint.clone(),
            report_title: m.title.clone(),
            org,
            person: p.name,
            role: p.role,
            contributions: own.iter().map(|e| e.fingerprint.clone()).collect(),
            report_id: m.report_id.clone(),
            college_key: college.to_base64(),
            at: crate::store::now(),
            app_version: APP_VERSION.to_owned(),
        };
        let bytes = seal_receipt(&receipt, &self.signing_key()?).map_err(|e| WorkspaceError::Broken(e.to_string()))?;
        Ok((bytes, m.report_fingerprint))
    }

    /// (Coordinator.) Verifies a receipt against the contributor's pinned key and records it;
    /// a receipt for an earlier version of the report is recorded as stale.
    pub fn record_receipt(&self, path: &Path) -> Result<Recorded> {
        let bytes = read_user_file(path, MAX_FILE_BYTES as u64, "receipt")?;
        let (r, key) = open_receipt(&bytes).map_err(|e| WorkspaceError::in_file(e, path))?;
        r.check_names().map_err(|e| WorkspaceError::in_file(e, path))?;
        let started = self.store.begin_immediate()?;
        let done = self.record_opened(path, &bytes, &r, &key);
        self.store.finish(started, done)
    }

    fn record_opened(&self, path: &Path, bytes: &[u8], r: &Receipt, key: &PublicKey) -> Result<Recorded> {
        let report = self.current_report()?;
        // A receipt names the report it approves (since manifest version 2): another
        // college's, or another of this college's reports, is no answer to this one.
        if !r.college_key.is_empty() && r.college_key != self.public_key()?.to_base64() {
            return foreign(format!(
                "This receipt from {} approves a report sent by another college (key {}), not this one, so it was not recorded. ({})",
                r.org,
                PublicKey::from_base64(&r.college_key).map(|k| k.short()).unwrap_or_default(),
                path.display()
            ));
        }
        if !r.report_id.is_empty() && r.report_id != self.report_id(report.id)? {
            return foreign(format!(
                "This receipt from {} approves another of this workspace's reports (“{}”), not the current one, so it was not recorded. ({})",
                r.org,
                r.report_title,
                path.display()
            ));
        }
        let contributor = match self.pinned(&r.org, key)? {
            Pinned::Known(k) => k,
            Pinned::New => {
                return not_found(format!(
                    "This receipt is from {}, who has sent no contribution to this workspace, so it was not recorded. ({})",
                    r.org,
                    path.display()
                ));
            }
            Pinned::SameNameOtherKey(k) => {
                return foreign(format!(
                    "This receipt says it is from {org}, but it was sealed with a different key ({}) from {org}'s ({}), so it was not recorded: phone {org} to check it came from them. ({})",
                    key.short(),
                    PublicKey::from_base64(&k.public_key).map(|k| k.short()).unwrap_or_default(),
                    path.display(),
                    org = k.org_name
                ));
            }
            Pinned::LooksLike(k) => {
                return foreign(format!(
                    "This receipt is from “{}”, whose name looks like {org}’s, but it was sealed with a different key ({}; {org}’s is {}), so it was not recorded: phone {org} to check. ({})",
                    r.org,
                    key.short(),
                    PublicKey::from_base64(&k.public_key).map(|k| k.short()).unwrap_or_default(),
                    path.display(),
                    org = k.org_name
                ));
            }
        };
        // Named as it was first pinned, however this receipt spells it.
        let org = contributor.org_name.clone();
        if !self.store.contributions(report.id)?.iter().any(|c| c.contributor_id == contributor.id) {
            return not_found(format!(
                "{org} has no contribution in the current report, so its receipt was not recorded."
            ));
        }
        let current = self.report_fingerprint()?;
        let valid = r.report_fingerprint == current;
        let sent = self.store.report_versions(report.id)?;
        // Reports sent for review by an earlier version were not remembered: then an unknown
        // fingerprint can only be taken as an earlier version, as that version did.
        if !valid && !sent.is_empty() && !sent.contains(&r.report_fingerprint) {
            return foreign(format!(
                "This receipt from {} approves a report (“{}”, fingerprint {}) that this workspace has no record of sending for review, so it was not recorded: check it answers your latest review pack (a pack sent before this version of the app was not recorded: send them the new one), or ask {} which report they signed. ({})",
                org,
                r.report_title,
                short(&r.report_fingerprint),
                org,
                path.display()
            ));
        }
        if self.store.has_receipt(bytes)? {
            return Ok(Recorded {
                org: org.clone(),
                valid,
                summary: format!("This receipt from {org} was already recorded; nothing changed."),
            });
        }
        self.store.add_report_signoff(
            report.id,
            contributor.id,
            &r.report_fingerprint,
            &r.person,
            "receipt",
            "",
            "",
            Some(bytes),
        )?;
        let summary = if valid {
            format!("Recorded {}’s sign-off of the report, given by {} ({}).", org, r.person, r.role)
        } else {
            format!(
                "Recorded {}’s receipt, but it approves an earlier version of the report (fingerprint {}; now {}), so it does not count: send them the new review pack.",
                org,
                short(&r.report_fingerprint),
                short(&current)
            )
        };
        Ok(Recorded { org, valid, summary })
    }

    /// (Coordinator.) Records a sign-off of the current report given another way (a phone
    /// call, an email), marked as such with who recorded it.
    pub fn record_signoff_other_way(&self, org: &str, person: &str, how: &str, recorded_by: &str) -> Result<String> {
        let report = self.current_report()?;
        let contributor = if let Some(k) = self.store.contributor_by_org(org)? {
            k
        } else {
            // Typed another way (accents, a look-alike letter): the one contributor it looks
            // like, if there is exactly one.
            let mut alike: Vec<_> =
                self.store.contributors()?.into_iter().filter(|k| names::looks_alike(&k.org_name, org)).collect();
            if alike.len() != 1 {
                return not_found(format!(
                    "No contributor called “{org}” is in this workspace: check the name in `report status`."
                ));
            }
            alike.remove(0)
        };
        if !self.store.contributions(report.id)?.iter().any(|c| c.contributor_id == contributor.id) {
            return not_found(format!("{org} has no contribution in the current report."));
        }
        let person = &names::clean(person, "the name of who gave the sign-off")?;
        let how = &names::clean(how, "how the sign-off was given")?;
        let recorded_by = &names::clean(recorded_by, "the name of who is recording it")?;
        if person.is_empty() || how.is_empty() || recorded_by.is_empty() {
            return bad_input(
                "Say who gave the sign-off, how they gave it (for example “by phone”), and who is recording it.",
            );
        }
        let current = self.report_fingerprint()?;
        self.store.add_report_signoff(
            report.id,
            contributor.id,
            &current,
            person.trim(),
            "recorded",
            recorded_by.trim(),
            how.trim(),
            None,
        )?;
        Ok(current)
    }
}
