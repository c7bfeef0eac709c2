//! The collective report: its fingerprint over its content in order, and contributors'
//! sign-off states.

use super::bundle::{AssessmentData, Contribution, FiguresData};
use super::fingerprint::{field, hex};
use super::text::thousands;
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
    /// Where its sender stands with the statement (format-2 bundles), shown in the report.
    pub assessment: Option<&'a AssessmentData>,
    /// Its sender's figures (format-2 bundles), added up in the report.
    pub figures: Option<&'a FiguresData>,
}

/// The first line of the report's canonical serialisation.
pub const HEADER: &str = "lero-evidence report fingerprint v1\n";

/// The report fingerprint: SHA-256 over the header line, the title, year and introduction,
/// then each contribution in report order (organisation, set, code, page fingerprint, and,
/// when its bundle carries them, its sender's stage and rung and its figures), every value
/// length-prefixed as in the page fingerprint. Any change to the report's content or order
/// changes it; a report made only of bundles without those additions (the first format)
/// keeps the fingerprint it had, so sign-offs recorded then stay valid.
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
        if let Some(a) = c.assessment {
            field(&mut out, "stage", &a.stage);
            field(&mut out, "rung", &a.rung.map(|r| r.to_string()).unwrap_or_default());
        }
        if let Some(f) = c.figures {
            field(&mut out, "figures_year", &f.year);
            for (name, value) in [
                ("people_supported", f.people_supported),
                ("support_hours", f.support_hours),
                ("volunteers", f.volunteers),
                ("volunteer_hours", f.volunteer_hours),
                ("lived_experience_roles", f.lived_experience_roles),
            ] {
                field(&mut out, name, &value.map(|v| v.to_string()).unwrap_or_default());
            }
            field(&mut out, "figures_note", &f.note.replace("\r\n", "\n"));
        }
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

/// The contributors' figures added up: each figure summed over the contributors that gave
/// it (a figure not given is not a zero), with how many contributors sent figures at all and
/// for which years.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Totals {
    /// People supported.
    pub people_supported: u64,
    /// Hours of recovery support.
    pub support_hours: u64,
    /// Volunteers.
    pub volunteers: u64,
    /// Volunteer hours.
    pub volunteer_hours: u64,
    /// Paid roles held by people with lived experience.
    pub lived_experience_roles: u64,
    /// How many contributors sent figures.
    pub contributors_reporting: usize,
    /// The years their figures cover, each once, in order.
    pub years: Vec<String>,
    /// How many contributors gave each figure, in the order above: a total nobody gave is
    /// said as such, not as 0.
    #[serde(skip)]
    pub given: [usize; 5],
}

impl Totals {
    /// Adds up one set of figures per contributor that sent any.
    pub fn of<'a>(figures: impl IntoIterator<Item = &'a FiguresData>) -> Totals {
        let mut totals = Totals::default();
        for f in figures {
            totals.contributors_reporting += 1;
            let values =
                [f.people_supported, f.support_hours, f.volunteers, f.volunteer_hours, f.lived_experience_roles];
            let sums = [
                &mut totals.people_supported,
                &mut totals.support_hours,
                &mut totals.volunteers,
                &mut totals.volunteer_hours,
                &mut totals.lived_experience_roles,
            ];
            for ((sum, given), value) in sums.into_iter().zip(&mut totals.given).zip(values) {
                if let Some(value) = value {
                    *sum += u64::from(value);
                    *given += 1;
                }
            }
            if !totals.years.contains(&f.year) {
                totals.years.push(f.year.clone());
            }
        }
        totals.years.sort();
        totals
    }

    /// Who sent figures, for `contributors` contributors in all: "2 of 4 contributors sent
    /// figures, for 2024-25 and 2025. A figure a contributor did not give counts for nothing."
    #[must_use]
    pub fn reporting(&self, contributors: usize) -> String {
        let years = match self.years.as_slice() {
            [] => String::new(),
            [one] => format!(", for {one}"),
            [rest @ .., last] => format!(", for {} and {last}", rest.join(", ")),
        };
        format!(
            "{} of {contributors} {} sent figures{years}. Each total adds up the figures given; a figure a contributor did not give counts for nothing.",
            self.contributors_reporting,
            if contributors == 1 { "contributor" } else { "contributors" },
        )
    }

    /// Each total with what it counts, as a table shows them.
    #[must_use]
    pub fn rows(&self) -> Vec<(String, String)> {
        self.named()
            .into_iter()
            .zip(self.given)
            .map(|((n, what), given)| {
                let total = if given == 0 { "none given".to_owned() } else { thousands(n) };
                (capitalised(what), total)
            })
            .collect()
    }

    /// Each total with what it counts, in words, in the order of the fields.
    fn named(&self) -> [(u64, &'static str); 5] {
        [
            (self.people_supported, "people supported"),
            (self.support_hours, "hours of recovery support"),
            (self.volunteers, "volunteers"),
            (self.volunteer_hours, "volunteer hours"),
            (self.lived_experience_roles, "paid roles held by people with lived experience"),
        ]
    }

    /// The totals in one sentence, for `contributors` contributors in all.
    #[must_use]
    pub fn describe(&self, contributors: usize) -> String {
        if self.contributors_reporting == 0 {
            return "No contributor has sent figures yet (bundles from before figures were added carry none)."
                .to_owned();
        }
        let listed: Vec<String> = self
            .named()
            .into_iter()
            .zip(self.given)
            .filter(|(_, given)| *given > 0)
            .map(|((n, what), _)| format!("{} {what}", thousands(n)))
            .collect();
        let listed = if listed.is_empty() { vec!["no figures given, only the year".to_owned()] } else { listed };
        format!(
            "In numbers: {} of {contributors} {} sent figures ({}): {}.",
            self.contributors_reporting,
            if contributors == 1 { "contributor" } else { "contributors" },
            self.years.join(", "),
            listed.join(", ")
        )
    }
}

/// `text` with its first letter a capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A contributor's figures in a report: those of its contribution exported last among the
/// ones that carry figures (each bundle carries the sender's newest year when it was made).
pub fn newest_figures<'a>(contributions: impl IntoIterator<Item = &'a Contribution>) -> Option<&'a FiguresData> {
    contributions
        .into_iter()
        .filter_map(|c| c.figures.as_ref().map(|f| (c.exported_at.as_str(), f)))
        .max_by(|a, b| a.0.cmp(b.0))
        .map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(org: &'a str, code: &'a str, fp: &'a str) -> FingerprintedContribution<'a> {
        FingerprintedContribution { org, set_id: "clero-chime", code, fingerprint: fp, assessment: None, figures: None }
    }

    fn figures(year: &str, people: Option<u32>, hours: Option<u32>) -> FiguresData {
        FiguresData { year: year.into(), people_supported: people, support_hours: hours, ..FiguresData::default() }
    }

    #[test]
    fn figures_add_up_over_those_who_gave_them() {
        let a = figures("2025", Some(212), Some(3_400));
        let b = FiguresData { volunteers: Some(61), ..figures("2024-25", None, Some(10_000_000)) };
        let totals = Totals::of([&a, &b]);
        assert_eq!(
            (totals.people_supported, totals.support_hours, totals.volunteers, totals.volunteer_hours),
            (212, 10_003_400, 61, 0)
        );
        assert_eq!(totals.contributors_reporting, 2);
        assert_eq!(totals.years, ["2024-25", "2025"]);
        assert_eq!(
            totals.describe(3),
            "In numbers: 2 of 3 contributors sent figures (2024-25, 2025): 212 people supported, \
             10,003,400 hours of recovery support, 61 volunteers."
        );
        // A figure nobody gave is said as such, never as 0; one given as 0 is a 0.
        let rows = totals.rows();
        assert_eq!(rows[3], ("Volunteer hours".to_owned(), "none given".to_owned()));
        let zero = FiguresData { volunteer_hours: Some(0), ..figures("2025", None, None) };
        assert_eq!(Totals::of([&a, &zero]).rows()[3], ("Volunteer hours".to_owned(), "0".to_owned()));
        assert!(Totals::of([]).describe(2).starts_with("No contributor has sent figures yet"));
        // Five hundred contributors at the largest figure do not overflow.
        let big = figures("2025", Some(10_000_000), None);
        assert_eq!(Totals::of(std::iter::repeat_n(&big, 500)).people_supported, 5_000_000_000);
        assert_eq!(
            (thousands(0), thousands(999), thousands(1_000), thousands(1_234_567)),
            ("0".into(), "999".into(), "1,000".into(), "1,234,567".into())
        );
    }

    #[test]
    fn figures_and_stages_are_covered_and_a_report_without_them_keeps_its_fingerprint() {
        let plain = [c("A", "C1", "aa"), c("B", "C2", "bb")];
        let before = fingerprint("T", "2026", "", &plain);
        let f = figures("2025", Some(212), None);
        let a = AssessmentData { stage: "developing".into(), rung: Some(5) };
        let with = |figures: Option<&FiguresData>, assessment: Option<&AssessmentData>| {
            let mut parts = plain.clone();
            parts[1].figures = figures;
            parts[1].assessment = assessment;
            fingerprint("T", "2026", "", &parts)
        };
        assert_eq!(with(None, None), before);
        let sent = with(Some(&f), None);
        assert_ne!(sent, before, "figures sent make earlier sign-offs stale");
        let changed = FiguresData { people_supported: Some(213), ..f.clone() };
        assert_ne!(with(Some(&changed), None), sent, "so does a changed figure");
        let blank = FiguresData { people_supported: None, ..f.clone() };
        assert_ne!(with(Some(&blank), None), sent, "a figure taken away is a change");
        assert_ne!(with(None, Some(&a)), before);
        let other_rung = AssessmentData { rung: Some(4), ..a.clone() };
        assert_ne!(with(None, Some(&other_rung)), with(None, Some(&a)));
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
