//! The standard sets compiled into the binary.

use super::standards::StandardSet;
use super::standards_file::{LoadError, parse_toml};

/// File name and text of every built-in set, in the order they are offered.
pub const BUILTIN_FILES: [(&str, &str); 3] = [
    ("clero-chime.toml", include_str!("../../standards/clero-chime.toml")),
    ("clero-principles-values.toml", include_str!("../../standards/clero-principles-values.toml")),
    ("phe-involvement.toml", include_str!("../../standards/phe-involvement.toml")),
];

/// Parses every built-in set. A failure here is a bug in the shipped files, caught by tests.
pub fn builtin_sets() -> Result<Vec<StandardSet>, LoadError> {
    BUILTIN_FILES.iter().map(|(name, text)| parse_toml(name, text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_set_loads_and_is_honest_about_wording() {
        let sets = builtin_sets().unwrap();
        assert_eq!(sets.len(), 3);
        for set in &sets {
            assert!(set.statement_count() > 0, "{} has no statements", set.id);
            assert!(!set.status.trim().is_empty());
        }
        let chime = sets.iter().find(|s| s.id == "clero-chime").unwrap();
        assert_eq!(chime.sections.len(), 5);
        assert_eq!(chime.statement_count(), 20);
        let phe = sets.iter().find(|s| s.id == "phe-involvement").unwrap();
        assert_eq!(phe.statement_count(), 11);
    }
}
