//! What a bundle, a review pack, a receipt or a backup made (a PDF's is
//! [`super::Exported`]), each said in one sentence: the outcome's `Display`,
//! so that every face that reports it words it the same way.

use crate::domain::fingerprint::short;
use std::fmt;
use std::path::PathBuf;

/// A signed-off account written as a signed contribution bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleExported {
    /// The account id.
    pub id: i64,
    /// The bundle written.
    pub path: PathBuf,
    /// The fingerprint of the page it carries.
    pub fingerprint: String,
    /// The short form of the key that signed it.
    pub key: String,
}

impl fmt::Display for BundleExported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Wrote the signed bundle of account {} to {} (page fingerprint {}, signing key {}).",
            self.id,
            self.path.display(),
            short(&self.fingerprint),
            self.key
        )
    }
}

/// The review pack written for the contributors: the draft PDF and the signed manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPackWritten {
    /// The draft PDF.
    pub pdf: PathBuf,
    /// The signed manifest.
    pub manifest: PathBuf,
    /// The report's fingerprint.
    pub fingerprint: String,
}

impl fmt::Display for ReviewPackWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Wrote the review pack: {} and {}. Send both to every contributor; report fingerprint {}.",
            self.pdf.display(),
            self.manifest.display(),
            short(&self.fingerprint)
        )
    }
}

/// (Contributor) The report signed off, and the signed receipt written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptWritten {
    /// The fingerprint of the report signed off.
    pub fingerprint: String,
    /// Who signed it for the organisation.
    pub person: String,
    /// The receipt written.
    pub path: PathBuf,
}

impl fmt::Display for ReceiptWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Signed off the report (fingerprint {}) as {}; send {} back to the college.",
            short(&self.fingerprint),
            self.person.trim(),
            self.path.display()
        )
    }
}

/// A consistent copy of the workspace written to a new file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackedUp {
    /// The new file.
    pub path: PathBuf,
}

impl fmt::Display for BackedUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Backed up the workspace to {}.", self.path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_outcome_says_what_was_made_in_one_sentence() {
        let receipt =
            ReceiptWritten { fingerprint: "0123456789abcdef00".into(), person: " Zoë ".into(), path: "x".into() };
        assert_eq!(
            receipt.to_string(),
            format!(
                "Signed off the report (fingerprint {}) as Zoë; send x back to the college.",
                short(&receipt.fingerprint)
            )
        );
        assert_eq!(BackedUp { path: "b.lero".into() }.to_string(), "Backed up the workspace to b.lero.");
    }
}
