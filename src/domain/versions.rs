//! What changed between two versions of a standard set.

use super::standards::{StandardSet, Statement};

/// How one statement moved between versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same code, same title, text and scope: work carries over as it is.
    Unchanged,
    /// Same code, different wording or scope: old work is shown for review, not copied.
    Changed,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

/// One statement's change, by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementChange {
    /// Statement code.
    pub code: String,
    /// What happened to it.
    pub change: Change,
}

fn same(a: &Statement, b: &Statement) -> bool {
    a.title.trim() == b.title.trim() && a.text.trim() == b.text.trim() && a.applies_to == b.applies_to
}

/// Compares two versions of a set statement by statement, in the new version's order, then
/// the removed ones in the old version's order.
pub fn compare(old: &StandardSet, new: &StandardSet) -> Vec<StatementChange> {
    let mut out: Vec<StatementChange> = new
        .statements()
        .map(|(_, _, s)| {
            let change = match old.statement(&s.code) {
                Some(o) if same(o, s) => Change::Unchanged,
                Some(_) => Change::Changed,
                None => Change::Added,
            };
            StatementChange { code: s.code.clone(), change }
        })
        .collect();
    out.extend(
        old.statements()
            .filter(|(_, _, s)| new.statement(&s.code).is_none())
            .map(|(_, _, s)| StatementChange { code: s.code.clone(), change: Change::Removed }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::standards::{AppliesTo, Section};

    fn set(version: &str, statements: &[(&str, &str)]) -> StandardSet {
        StandardSet {
            id: "s".into(),
            version: version.into(),
            title: "S".into(),
            publisher: "P".into(),
            published: String::new(),
            source: String::new(),
            status: "ours".into(),
            sections: vec![Section {
                title: "One".into(),
                summary: String::new(),
                statements: statements
                    .iter()
                    .map(|(c, t)| Statement {
                        code: (*c).into(),
                        title: (*c).into(),
                        text: (*t).into(),
                        applies_to: AppliesTo::All,
                        prompts: vec![],
                        evidence: vec![],
                        tags: vec![],
                    })
                    .collect(),
            }],
        }
    }

    #[test]
    fn changes_are_classified() {
        let old = set("1", &[("1", "same"), ("2", "old words"), ("3", "gone")]);
        let new = set("2", &[("1", "same"), ("2", "new words"), ("4", "fresh")]);
        let got: Vec<(String, Change)> = compare(&old, &new).into_iter().map(|c| (c.code, c.change)).collect();
        assert_eq!(
            got,
            vec![
                ("1".into(), Change::Unchanged),
                ("2".into(), Change::Changed),
                ("4".into(), Change::Added),
                ("3".into(), Change::Removed),
            ]
        );
    }
}
