//! What an export or a backup made, each said in one sentence: the outcome's `Display`,
//! so that every face that reports it words it the same way.

use crate::domain::fingerprint::short;
use std::fmt;
use std::path::PathBuf;

/// An account written as a one-page PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPdfExported {
    /// The account id.
    pub id: i64,
    /// The revision the page shows (0 when there is none).
    pub revision: i64,
    /// It carries the DRAFT mark.
    pub draft: bool,
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

impl fmt::Display for AccountPdfExported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Exported account {} (revision {}{}) to {} ({} KB).",
            self.id,
            self.revision,
            if self.draft { ", marked DRAFT" } else { "" },
            self.path.display(),
            self.bytes.div_ceil(1024)
        )
    }
}

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

/// The collective report written as a PDF: final, or marked DRAFT on every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPdfExported {
    /// Every contributor has signed off this version: no DRAFT mark.
    pub final_report: bool,
    /// How many pages it has.
    pub pages: usize,
    /// The file written.
    pub path: PathBuf,
}

impl fmt::Display for ReportPdfExported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (pages, path) = (self.pages, self.path.display());
        if self.final_report {
            write!(f, "Exported the final report ({pages} pages) to {path}.")
        } else {
            write!(
                f,
                "Exported the report ({pages} pages) to {path}, marked DRAFT on every page: not every contributor has signed off this version yet."
            )
        }
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

/// (Contributor) The report a review manifest carries, written as signing it approves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPdfWritten {
    /// How many pages it has.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: u64,
    /// The file written.
    pub path: PathBuf,
}

impl fmt::Display for ReviewPdfWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Wrote the report as signing it approves ({} pages, {} KB, marked DRAFT) to {}.",
            self.pages,
            self.bytes.div_ceil(1024),
            self.path.display()
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
        let pdf = AccountPdfExported { id: 1, revision: 2, draft: true, path: "a.pdf".into(), bytes: 1025 };
        assert_eq!(pdf.to_string(), "Exported account 1 (revision 2, marked DRAFT) to a.pdf (2 KB).");
        let report = ReportPdfExported { final_report: true, pages: 12, path: "r.pdf".into() };
        assert_eq!(report.to_string(), "Exported the final report (12 pages) to r.pdf.");
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
