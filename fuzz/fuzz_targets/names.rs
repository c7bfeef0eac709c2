//! Any text as a name (an organisation, a person, a title) through the one rule for names,
//! and any two texts through the look-alike comparison the coordinator pins keys by.
#![no_main]

use lero_evidence::domain::names::{clean, identity, looks_alike, tidy};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (a, b) = text.split_once('\u{1}').unwrap_or((text, ""));
    if let Ok(name) = clean(a, "the name") {
        // A clean name is its own tidy form: composed, no doubled or outer spaces.
        assert_eq!(tidy(&name), name);
        assert_eq!(name.nfc().collect::<String>(), name);
        assert!(!name.contains("  ") && name.trim() == name);
        assert_eq!(clean(&name, "the name").as_deref(), Ok(name.as_str()));
        // Cleaning never changes who a name looks like.
        assert_eq!(identity(&name), identity(a));
    }
    assert!(looks_alike(a, a));
    assert_eq!(looks_alike(a, b), looks_alike(b, a));
});
