//! Any text as a standards file (TOML) or as text pasted out of a standards PDF: parsing and
//! validation never panic, and what parses can be written back and read again.
#![no_main]

use lero_evidence::domain::paste::{PasteMeta, parse_pasted};
use lero_evidence::domain::standards_file::{parse_toml, to_toml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(set) = parse_toml("fuzz.toml", text)
        && let Ok(written) = to_toml(&set)
    {
        assert!(parse_toml("again.toml", &written).is_ok(), "a set that parsed could not be read back");
    }
    let _ = parse_pasted("fuzz.txt", text, &PasteMeta::default(), "2026-11-22");
});
