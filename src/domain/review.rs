//! Reviewing the collective report: the manifest the coordinator sends with the draft, and the
//! sign-off receipt a contributor sends back. Both travel in signed envelopes.

use super::envelope::{self, EnvelopeError, KIND_REVIEW_MANIFEST, KIND_SIGNOFF_RECEIPT, KeyPair, PublicKey};
use crate::domain::bundle::Contribution;
use crate::domain::names::NameError;
use crate::domain::report::{FingerprintedContribution, fingerprint};
use serde::{Deserialize, Serialize};

/// Longest text field accepted in a manifest or receipt.
const MAX_FIELD_CHARS: usize = 2000;
/// Most contributions a manifest may list.
const MAX_CONTRIBUTIONS: usize = 10_000;

/// One contribution as listed in a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Contributing organisation.
    pub org: String,
    /// Statement set id.
    pub set_id: String,
    /// Statement code.
    pub code: String,
    /// Statement title.
    pub statement_title: String,
    /// The account's revision.
    pub revision: i64,
    /// The page fingerprint.
    pub fingerprint: String,
}

/// The manifest format this app writes. Version 1 (the first release) listed the report's
/// contributions by their page fingerprints only; version 2 carries everything the report
/// fingerprint covers (the introduction and every contribution's page), and names the report.
pub const MANIFEST_VERSION: u32 = 2;

fn version_one() -> u32 {
    1
}

/// What the coordinator sends contributors with the draft report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The manifest format (1 when absent: the first release's).
    #[serde(default = "version_one")]
    pub version: u32,
    /// Which report this is, so receipts answer exactly it (version 2).
    #[serde(default)]
    pub report_id: String,
    /// The report's introduction, which its fingerprint covers (version 2).
    #[serde(default)]
    pub introduction: String,
    /// Every contribution's page as its organisation signed it, in report order, so a
    /// contributor recomputes every page and the report fingerprint and lays the report out
    /// itself (version 2).
    #[serde(default)]
    pub pages: Vec<Contribution>,
    /// Each logo the pages show, once: its SHA-256 to its bytes in base64 (the pages carry
    /// the hash, with `base64` left empty) (version 2).
    #[serde(default)]
    pub logos: std::collections::BTreeMap<String, String>,
    /// Report title.
    pub title: String,
    /// Report year.
    pub year: String,
    /// The report fingerprint being reviewed.
    pub report_fingerprint: String,
    /// Every contribution, in report order.
    pub contributions: Vec<ManifestEntry>,
    /// When it was made.
    pub made_at: String,
    /// The app that made it.
    pub app_version: String,
}

/// What a contributor sends back: their sign-off of one exact report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The report fingerprint approved.
    pub report_fingerprint: String,
    /// The report's title, for people reading the file.
    pub report_title: String,
    /// The contributing organisation.
    pub org: String,
    /// Who signed for it.
    pub person: String,
    /// Their role.
    pub role: String,
    /// The fingerprints of the organisation's own contributions as the manifest listed them.
    pub contributions: Vec<String>,
    /// The report approved, as the manifest named it (empty for a first-release receipt).
    #[serde(default)]
    pub report_id: String,
    /// The college's key (base64) that sealed the manifest approved (empty for a
    /// first-release receipt).
    #[serde(default)]
    pub college_key: String,
    /// When.
    pub at: String,
    /// The app that made it.
    pub app_version: String,
}

/// Why a manifest or receipt cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// The envelope failed.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// The contents are not what they should be.
    #[error("The contents of this file are not a valid {0}: ask the sender to make it again.")]
    Contents(&'static str),
    /// Made by a newer version of the app.
    #[error(
        "This review manifest was made by a newer version of LERO Evidence (manifest version {0}; this version reads up to {MANIFEST_VERSION}): update the app, then open it again."
    )]
    NewerManifest(u32),
    /// A version-2 manifest whose pages or report fingerprint do not match what it lists.
    #[error(
        "This review manifest does not hold together: {0}. It has been changed since the college made it, so it cannot be signed off: ask the college for the review pack again."
    )]
    DoesNotMatch(String),
    /// A name holds a character that could make it pass for another.
    #[error(
        "{} in this {file} holds {}, {}, which can make a name look like another: ask the sender to correct it and make the file again.",
        crate::domain::names::capitalised(&error.what),
        error.hidden.describe(),
        error.place
    )]
    HiddenCharacter {
        /// "review manifest" or "sign-off receipt".
        file: &'static str,
        /// The name and the character.
        error: NameError,
    },
}

/// Every name a person reads, by the one rule for names.
fn check_names(file: &'static str, names: &[(&str, &str)]) -> Result<(), ReviewError> {
    for (what, value) in names {
        crate::domain::names::check(value, what).map_err(|error| ReviewError::HiddenCharacter { file, error })?;
    }
    Ok(())
}

fn too_long(fields: &[&str]) -> bool {
    fields.iter().any(|f| f.chars().count() > MAX_FIELD_CHARS)
}

/// Seals a manifest with the coordinator's key.
pub fn seal_manifest(m: &Manifest, key: &KeyPair) -> Result<Vec<u8>, ReviewError> {
    let payload = serde_json::to_string(m).map_err(|_| ReviewError::Contents("review manifest"))?;
    Ok(envelope::seal(KIND_REVIEW_MANIFEST, &payload, key))
}

/// Opens and checks a manifest.
pub fn open_manifest(bytes: &[u8]) -> Result<(Manifest, PublicKey), ReviewError> {
    let (payload, key) = envelope::open(KIND_REVIEW_MANIFEST, bytes)?;
    // The version first, so a newer manifest is named as such whatever fields it has.
    let version = serde_json::from_str::<serde_json::Value>(&payload)
        .ok()
        .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64))
        .unwrap_or(1);
    if version > u64::from(MANIFEST_VERSION) {
        return Err(ReviewError::NewerManifest(u32::try_from(version).unwrap_or(u32::MAX)));
    }
    let m: Manifest = serde_json::from_str(&payload).map_err(|_| ReviewError::Contents("review manifest"))?;
    let bad_entry = |e: &ManifestEntry| too_long(&[&e.org, &e.set_id, &e.code, &e.statement_title, &e.fingerprint]);
    if m.contributions.len() > MAX_CONTRIBUTIONS
        || m.report_fingerprint.len() != 64
        || too_long(&[&m.title, &m.year, &m.made_at])
        || m.contributions.iter().any(bad_entry)
    {
        return Err(ReviewError::Contents("review manifest"));
    }
    let mut names = vec![("the report's title", m.title.as_str()), ("the report's year", &m.year)];
    names.extend(m.contributions.iter().map(|e| ("the name of a contributor", e.org.as_str())));
    check_names("review manifest", &names)?;
    m.verify()?;
    Ok((m, key))
}

impl Manifest {
    /// The pages with their logos put back (a manifest carries each logo once).
    pub fn pages_whole(&self) -> Vec<Contribution> {
        self.pages
            .iter()
            .map(|page| {
                let mut page = page.clone();
                if let Some(logo) = &mut page.logo
                    && logo.base64.is_empty()
                    && let Some(bytes) = self.logos.get(&logo.sha256)
                {
                    logo.base64.clone_from(bytes);
                }
                page
            })
            .collect()
    }

    /// True when the manifest carries everything its report fingerprint covers (version 2),
    /// so opening it proved the report it shows is the report it names.
    pub fn is_complete(&self) -> bool {
        self.version >= 2
    }

    /// For a version-2 manifest: every page passes the bundle's own checks (limits, logo,
    /// its page fingerprint recomputed from its content), is the page its entry lists, and
    /// the report fingerprint recomputes from the title, year, introduction and entries in
    /// order. A first-release manifest carries too little to check and passes.
    pub fn verify(&self) -> Result<(), ReviewError> {
        if !self.is_complete() {
            return Ok(());
        }
        let mismatch = |why: String| Err(ReviewError::DoesNotMatch(why));
        if self.pages.len() != self.contributions.len() {
            return mismatch(format!(
                "it lists {} contributions but carries {} pages",
                self.contributions.len(),
                self.pages.len()
            ));
        }
        let pages = self.pages_whole();
        for (entry, page) in self.contributions.iter().zip(&pages) {
            if page.check().is_err()
                || page.fingerprint != entry.fingerprint
                || page.statement.set_id != entry.set_id
                || page.statement.code != entry.code
            {
                return mismatch(format!(
                    "the page from {} about {}/{} is not the one listed",
                    entry.org, entry.set_id, entry.code
                ));
            }
        }
        let parts: Vec<FingerprintedContribution<'_>> = self
            .contributions
            .iter()
            .zip(&pages)
            .map(|(e, page)| FingerprintedContribution {
                org: &e.org,
                set_id: &e.set_id,
                code: &e.code,
                fingerprint: &e.fingerprint,
                assessment: page.assessment.as_ref(),
                figures: page.figures.as_ref(),
            })
            .collect();
        if fingerprint(&self.title, &self.year, &self.introduction, &parts) != self.report_fingerprint {
            return mismatch("its report fingerprint is not that of the report it carries".into());
        }
        Ok(())
    }
}

/// Seals a receipt with the contributor's key.
pub fn seal_receipt(r: &Receipt, key: &KeyPair) -> Result<Vec<u8>, ReviewError> {
    let payload = serde_json::to_string(r).map_err(|_| ReviewError::Contents("sign-off receipt"))?;
    Ok(envelope::seal(KIND_SIGNOFF_RECEIPT, &payload, key))
}

/// Opens and checks a receipt.
pub fn open_receipt(bytes: &[u8]) -> Result<(Receipt, PublicKey), ReviewError> {
    let (payload, key) = envelope::open(KIND_SIGNOFF_RECEIPT, bytes)?;
    let r: Receipt = serde_json::from_str(&payload).map_err(|_| ReviewError::Contents("sign-off receipt"))?;
    if r.report_fingerprint.len() != 64
        || r.org.trim().is_empty()
        || r.person.trim().is_empty()
        || r.contributions.len() > MAX_CONTRIBUTIONS
        || too_long(&[&r.report_title, &r.org, &r.person, &r.role, &r.at])
    {
        return Err(ReviewError::Contents("sign-off receipt"));
    }
    Ok((r, key))
}

impl Receipt {
    /// The one rule for names, for a receipt arriving at the college (not for receipts
    /// stored before the rule).
    pub fn check_names(&self) -> Result<(), ReviewError> {
        check_names(
            "sign-off receipt",
            &[
                ("the organisation's name", &self.org),
                ("the name of who signed", &self.person),
                ("their role", &self.role),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt() -> Receipt {
        Receipt {
            report_fingerprint: "a".repeat(64),
            report_title: "Report".into(),
            org: "Brighter Days".into(),
            person: "Zoë Adebayo".into(),
            role: "Director".into(),
            contributions: vec!["b".repeat(64)],
            at: "2026-11-22T10:00:00Z".into(),
            app_version: "0.1.0".into(),
            report_id: "d".repeat(32),
            college_key: String::new(),
        }
    }

    #[test]
    fn receipts_and_manifests_round_trip_and_are_not_interchangeable() {
        let key = KeyPair::generate().unwrap();
        let sealed = seal_receipt(&receipt(), &key).unwrap();
        let (back, k) = open_receipt(&sealed).unwrap();
        assert_eq!((back, k), (receipt(), key.public()));
        assert!(open_manifest(&sealed).is_err(), "a receipt is not a manifest");
        // A first-release manifest: it lists fingerprints only.
        let m = Manifest {
            version: 1,
            report_id: String::new(),
            introduction: String::new(),
            pages: Vec::new(),
            logos: std::collections::BTreeMap::new(),
            title: "Report".into(),
            year: "2026".into(),
            report_fingerprint: "c".repeat(64),
            contributions: vec![],
            made_at: "now".into(),
            app_version: "0.1.0".into(),
        };
        let sealed = seal_manifest(&m, &key).unwrap();
        assert_eq!(open_manifest(&sealed).unwrap().0, m);
        assert!(open_receipt(&sealed).is_err());
    }

    #[test]
    fn a_changed_receipt_is_refused() {
        let key = KeyPair::generate().unwrap();
        let sealed = seal_receipt(&receipt(), &key).unwrap();
        for at in (0..sealed.len()).step_by(7) {
            let mut b = sealed.clone();
            b[at] ^= 0x02;
            assert!(open_receipt(&b).is_err(), "byte {at}");
        }
    }
}
