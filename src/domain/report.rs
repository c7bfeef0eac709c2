//! The collective report: its fingerprint over its content in order, and contributors'
//! sign-off states.

use super::fingerprint::{field, hex};
use sha2::{Digest, Sha256};

/// One contribution as the report fingerprint sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FingerprintedContribution<'a> {
    /// The contributing organisation.
    pub org: &'a str,
    /// Statement set id.
    pub set_id: &'a str,
    /// Statement code.
    pub code: &'a str,
    /// The page fingerprint of the contribution (covers everything on its page).
    pub fingerprint: &'a str,
}

/// The first line of the report's canonical serialisation.
pub const HEADER: &str = "lero-evidence report fingerprint v1\n";

/// The report fingerprint: SHA-256 over the header line, the title, year and introduction,
/// then each contribution in report order (organisation, set, code, page fingerprint), every
/// value length-prefixed as in the page fingerprint. Any change to the report's content or
/// order changes it.
pub fn fingerprint(
    title: &str,
    year: &str,
    introduction: &str,
    contributions: &[FingerprintedContribution<'_>],
) -> String {
    let mut out = Vec::with_capacity(256 + contributions.len() * 128);
    out.extend_from_slice(HEADER.as_bytes());
    field(&mut out, "title", title);
    field(&mut out, "year", year);
    field(&mut out, "introduction", &introduction.replace("\r\n", "\n"));
    field(&mut out, "contributions", &contributions.len().to_string());
    for c in contributions {
        field(&mut out, "org", c.org);
        field(&mut out, "set_id", c.set_id);
        field(&mut out, "code", c.code);
        field(&mut out, "fingerprint", c.fingerprint);
    }
    hex(&Sha256::digest(out))
}

/// A contributor's sign-off of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportSignoff {
    /// No sign-off recorded.
    None,
    /// Signed off the report as it is now.
    Valid,
    /// Signed off an earlier version of the report.
    Stale,
}

impl ReportSignoff {
    /// The word used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportSignoff::None => "none",
            ReportSignoff::Valid => "valid",
            ReportSignoff::Stale => "stale",
        }
    }

    /// The words shown to a coordinator.
    pub fn words(self) -> &'static str {
        match self {
            ReportSignoff::None => "not answered yet",
            ReportSignoff::Valid => "signed off this version",
            ReportSignoff::Stale => "signed an earlier version (stale)",
        }
    }
}

/// A contributor's state from the fingerprints they signed and the report's fingerprint now.
pub fn signoff_state<'a>(current: &str, signed: impl IntoIterator<Item = &'a str>) -> ReportSignoff {
    let mut any = false;
    for fp in signed {
        if fp == current {
            return ReportSignoff::Valid;
        }
        any = true;
    }
    if any { ReportSignoff::Stale } else { ReportSignoff::None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(org: &'a str, code: &'a str, fp: &'a str) -> FingerprintedContribution<'a> {
        FingerprintedContribution { org, set_id: "clero-chime", code, fingerprint: fp }
    }

    #[test]
    fn any_change_to_the_report_changes_its_fingerprint() {
        let base = [c("A", "C1", "aa"), c("B", "C1", "bb")];
        let f = fingerprint("Report", "2026", "Intro", &base);
        assert_eq!(f.len(), 64);
        assert_eq!(f, fingerprint("Report", "2026", "Intro", &base));
        assert_ne!(f, fingerprint("Report.", "2026", "Intro", &base));
        assert_ne!(f, fingerprint("Report", "2027", "Intro", &base));
        assert_ne!(f, fingerprint("Report", "2026", "Intro.", &base));
        assert_ne!(f, fingerprint("Report", "2026", "Intro", &[c("A", "C1", "ab"), c("B", "C1", "bb")]));
        assert_ne!(f, fingerprint("Report", "2026", "Intro", &[c("B", "C1", "bb"), c("A", "C1", "aa")]));
        assert_ne!(f, fingerprint("Report", "2026", "Intro", &base[..1]));
    }

    #[test]
    fn a_sign_off_of_an_older_report_is_stale() {
        assert_eq!(signoff_state("new", []), ReportSignoff::None);
        assert_eq!(signoff_state("new", ["old"]), ReportSignoff::Stale);
        assert_eq!(signoff_state("new", ["old", "new"]), ReportSignoff::Valid);
    }
}
