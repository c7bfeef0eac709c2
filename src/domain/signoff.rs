//! Sign-off inside the organisation: who approved which exact page, and the workspace rule
//! that says when a page counts as signed off.

use super::account::AccountStatus;
use serde::{Deserialize, Serialize};

/// What a person said about a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    /// They approve the page as it is.
    Approved,
    /// They ask for changes before they will approve.
    ChangesRequested,
}

impl Decision {
    /// Stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::ChangesRequested => "changes-requested",
        }
    }

    /// Reads a stored word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "approved" => Some(Decision::Approved),
            "changes-requested" => Some(Decision::ChangesRequested),
            _ => None,
        }
    }

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Approved => "Approved",
            Decision::ChangesRequested => "Asked for changes",
        }
    }
}

/// One person's decision on one exact page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signoff {
    /// Row id.
    pub id: i64,
    /// The account.
    pub account_id: i64,
    /// The revision it was given on.
    pub revision_id: i64,
    /// Their name, as it was then.
    pub name: String,
    /// Their role, as it was then.
    pub role: String,
    /// Whether they have lived experience of recovery.
    pub lived_experience: bool,
    /// What they decided.
    pub decision: Decision,
    /// What they said.
    pub note: String,
    /// When (RFC 3339).
    pub at: String,
    /// The fingerprint of the page they saw.
    pub fingerprint: String,
}

/// When a page counts as signed off. Default: two approvals, at least one by a person with
/// lived experience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignoffRule {
    /// How many different people must approve.
    pub approvals: u32,
    /// At least one of them must have lived experience.
    pub lived_experience: bool,
}

impl Default for SignoffRule {
    fn default() -> Self {
        Self { approvals: 2, lived_experience: true }
    }
}

impl SignoffRule {
    /// The rule in words.
    pub fn describe(&self) -> String {
        let people =
            if self.approvals == 1 { "1 approval".to_owned() } else { format!("{} approvals", self.approvals) };
        if self.lived_experience { format!("{people}, at least one by a person with lived experience") } else { people }
    }
}

/// How far a page is towards meeting the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Different people who approved.
    pub approvals: usize,
    /// How many the rule needs.
    pub needed: usize,
    /// Someone with lived experience approved.
    pub lived_experience: bool,
    /// The rule needs that.
    pub lived_needed: bool,
    /// People whose latest word is "asked for changes".
    pub changes_requested: Vec<String>,
}

impl Progress {
    /// The rule is met and nobody is asking for changes.
    pub fn met(&self) -> bool {
        self.approvals >= self.needed
            && (self.lived_experience || !self.lived_needed)
            && self.changes_requested.is_empty()
    }

    /// For example "1 of 2 approvals, lived experience still needed".
    pub fn describe(&self) -> String {
        let mut s = format!("{} of {} approvals", self.approvals.min(self.needed.max(self.approvals)), self.needed);
        if self.lived_needed && !self.lived_experience {
            s.push_str(", lived experience still needed");
        }
        if !self.changes_requested.is_empty() {
            s.push_str(", changes asked for by ");
            s.push_str(&crate::domain::names::and_list(&self.changes_requested));
        }
        if self.met() {
            s = format!("Signed off: {s}");
        }
        s
    }
}

/// The progress of the sign-offs given on the page with `fingerprint`. Only each person's
/// latest decision on that page counts.
pub fn progress(rule: SignoffRule, fingerprint: &str, signoffs: &[Signoff]) -> Progress {
    let mut latest: Vec<&Signoff> = Vec::new();
    for s in signoffs.iter().filter(|s| s.fingerprint == fingerprint) {
        match latest.iter_mut().find(|l| l.name == s.name) {
            Some(l) if l.at <= s.at => *l = s,
            Some(_) => {}
            None => latest.push(s),
        }
    }
    let approved: Vec<&&Signoff> = latest.iter().filter(|s| s.decision == Decision::Approved).collect();
    Progress {
        approvals: approved.len(),
        needed: usize::try_from(rule.approvals).unwrap_or(usize::MAX),
        lived_experience: approved.iter().any(|s| s.lived_experience),
        lived_needed: rule.lived_experience,
        changes_requested: latest
            .iter()
            .filter(|s| s.decision == Decision::ChangesRequested)
            .map(|s| s.name.clone())
            .collect(),
    }
}

/// An account's status from the fingerprint of its page now and every sign-off it ever had.
pub fn status(rule: SignoffRule, current: &str, signoffs: &[Signoff]) -> AccountStatus {
    if signoffs.iter().any(|s| s.fingerprint == current) {
        if progress(rule, current, signoffs).met() { AccountStatus::Signed } else { AccountStatus::Awaiting }
    } else if signoffs.is_empty() {
        AccountStatus::Draft
    } else {
        AccountStatus::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str, lived: bool, decision: Decision, fp: &str, at: &str) -> Signoff {
        Signoff {
            id: 0,
            account_id: 1,
            revision_id: 1,
            name: name.into(),
            role: "Role".into(),
            lived_experience: lived,
            decision,
            note: String::new(),
            at: at.into(),
            fingerprint: fp.into(),
        }
    }

    #[test]
    fn the_default_rule_needs_two_approvals_and_lived_experience() {
        let rule = SignoffRule::default();
        let one = [s("Dafydd", false, Decision::Approved, "f", "1")];
        assert_eq!(status(rule, "f", &one), AccountStatus::Awaiting);
        assert_eq!(progress(rule, "f", &one).describe(), "1 of 2 approvals, lived experience still needed");
        let two_without = [one[0].clone(), s("Łukasz", false, Decision::Approved, "f", "2")];
        assert_eq!(status(rule, "f", &two_without), AccountStatus::Awaiting);
        let two_with = [one[0].clone(), s("Zoë", true, Decision::Approved, "f", "2")];
        assert_eq!(status(rule, "f", &two_with), AccountStatus::Signed);
    }

    #[test]
    fn rule_variants() {
        let one_any = SignoffRule { approvals: 1, lived_experience: false };
        assert_eq!(status(one_any, "f", &[s("Dafydd", false, Decision::Approved, "f", "1")]), AccountStatus::Signed);
        let three = SignoffRule { approvals: 3, lived_experience: true };
        let two = [s("A", true, Decision::Approved, "f", "1"), s("B", true, Decision::Approved, "f", "2")];
        assert_eq!(status(three, "f", &two), AccountStatus::Awaiting);
        let one_lived = SignoffRule { approvals: 1, lived_experience: true };
        assert_eq!(status(one_lived, "f", &[s("A", false, Decision::Approved, "f", "1")]), AccountStatus::Awaiting);
    }

    #[test]
    fn the_same_person_twice_counts_once_and_their_latest_word_wins() {
        let rule = SignoffRule::default();
        let twice = [s("Zoë", true, Decision::Approved, "f", "1"), s("Zoë", true, Decision::Approved, "f", "2")];
        assert_eq!(progress(rule, "f", &twice).approvals, 1);
        let changed_mind = [
            s("Zoë", true, Decision::Approved, "f", "1"),
            s("Dafydd", false, Decision::Approved, "f", "1"),
            s("Zoë", true, Decision::ChangesRequested, "f", "3"),
        ];
        let p = progress(rule, "f", &changed_mind);
        assert!(!p.met());
        assert_eq!(p.changes_requested, vec!["Zoë".to_owned()]);
        assert_eq!(status(rule, "f", &changed_mind), AccountStatus::Awaiting);
    }

    #[test]
    fn any_edit_after_sign_off_is_a_change() {
        let rule = SignoffRule::default();
        let signed =
            [s("Zoë", true, Decision::Approved, "old", "1"), s("Dafydd", false, Decision::Approved, "old", "2")];
        assert_eq!(status(rule, "old", &signed), AccountStatus::Signed);
        assert_eq!(status(rule, "new", &signed), AccountStatus::Changed);
        assert_eq!(status(rule, "new", &[]), AccountStatus::Draft);
    }
}
