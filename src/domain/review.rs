//! Reviewing the collective report: the manifest the coordinator sends with the draft, and the
//! sign-off receipt a contributor sends back. Both travel in signed envelopes.

use super::envelope::{self, EnvelopeError, KIND_REVIEW_MANIFEST, KIND_SIGNOFF_RECEIPT, KeyPair, PublicKey};
use crate::domain::names::NameError;
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

/// What the coordinator sends contributors with the draft report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
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
    Ok((m, key))
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
    check_names(
        "sign-off receipt",
        &[("the organisation's name", &r.org), ("the name of who signed", &r.person), ("their role", &r.role)],
    )?;
    Ok((r, key))
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
        }
    }

    #[test]
    fn receipts_and_manifests_round_trip_and_are_not_interchangeable() {
        let key = KeyPair::generate().unwrap();
        let sealed = seal_receipt(&receipt(), &key).unwrap();
        let (back, k) = open_receipt(&sealed).unwrap();
        assert_eq!((back, k), (receipt(), key.public()));
        assert!(open_manifest(&sealed).is_err(), "a receipt is not a manifest");
        let m = Manifest {
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
