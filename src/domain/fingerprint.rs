//! The fingerprint of a page: SHA-256 over a canonical serialisation of everything that
//! appears on it, so the same content gives the same fingerprint on any machine, and any
//! change to what a reader sees gives another.
//!
//! Canonical serialisation, version 1 (documented in `docs/FINGERPRINT.md`): the UTF-8 bytes
//! of the line `lero-evidence page fingerprint v1`, then for each field in this order a line
//! `NAME LENGTH` (LENGTH = the value's length in bytes, in decimal) followed by the value's
//! bytes and a newline: `set_id`, `set_version`, `set_title`, `code`, `statement_title`,
//! `title`, `body`, `organisation`, `logo_sha256`. The body's line endings are normalised to
//! `\n` first; nothing else is changed (no trimming, no Unicode normalisation), because the
//! page shows the text exactly as stored. `logo_sha256` is the lowercase hex SHA-256 of the
//! logo file's bytes, or empty when there is no logo. Length prefixes make the encoding
//! unambiguous: no choice of text can make two different pages serialise alike.

use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Everything a page shows that the fingerprint covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageContent<'a> {
    /// Standard set id.
    pub set_id: &'a str,
    /// Set version.
    pub set_version: &'a str,
    /// Set title.
    pub set_title: &'a str,
    /// Statement code.
    pub code: &'a str,
    /// Statement title.
    pub statement_title: &'a str,
    /// The account's title.
    pub title: &'a str,
    /// The account's text.
    pub body: &'a str,
    /// The organisation's name.
    pub organisation: &'a str,
    /// Lowercase hex SHA-256 of the logo's bytes, or empty.
    pub logo_sha256: &'a str,
}

/// The first line of the canonical serialisation.
pub const HEADER: &str = "lero-evidence page fingerprint v1\n";

/// The canonical bytes that are hashed.
pub fn canonical(c: &PageContent<'_>) -> Vec<u8> {
    let body = c.body.replace("\r\n", "\n").replace('\r', "\n");
    let fields: [(&str, &str); 9] = [
        ("set_id", c.set_id),
        ("set_version", c.set_version),
        ("set_title", c.set_title),
        ("code", c.code),
        ("statement_title", c.statement_title),
        ("title", c.title),
        ("body", &body),
        ("organisation", c.organisation),
        ("logo_sha256", c.logo_sha256),
    ];
    let mut out = Vec::with_capacity(HEADER.len() + body.len() + 512);
    out.extend_from_slice(HEADER.as_bytes());
    for (name, value) in fields {
        field(&mut out, name, value);
    }
    out
}

/// One field of a canonical serialisation: the line `NAME LENGTH`, then the value and a newline.
pub(crate) fn field(out: &mut Vec<u8>, name: &str, value: &str) {
    out.extend_from_slice(format!("{name} {}\n", value.len()).as_bytes());
    out.extend_from_slice(value.as_bytes());
    out.push(b'\n');
}

/// The fingerprint: lowercase hex SHA-256 of the canonical bytes (64 digits).
pub fn fingerprint(c: &PageContent<'_>) -> String {
    hex(&Sha256::digest(canonical(c)))
}

/// Lowercase hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The short form printed on the page and read out by phone: the first 16 hex digits in
/// groups of four, like `3f2a 9c41 0b7e 55d2`.
pub fn short(fingerprint: &str) -> String {
    let digits: Vec<char> = fingerprint.chars().take(16).collect();
    digits.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PageContent<'static> {
        PageContent {
            set_id: "clero-chime",
            set_version: "2021-22",
            set_title: "CLERO recovery framework (CHIME)",
            code: "C1",
            statement_title: "Peer support and support groups",
            title: "Friday nights at the Hub",
            body: "Zoë hosts the “Driday” social – every week.\n\n> Siobhán made me a brew.",
            organisation: "Łukasz’s Place",
            logo_sha256: "",
        }
    }

    #[test]
    fn the_fingerprint_is_stable() {
        // A golden value, computed independently from the documented encoding (Python's
        // hashlib): if this changes, every sign-off ever made stops matching its page.
        assert_eq!(fingerprint(&sample()), "73173d6c085eca7a690118d1f4872043d2e3f06e817b7bcae481c553f6917936");
    }

    #[test]
    fn every_field_changes_the_fingerprint() {
        let base = fingerprint(&sample());
        let variants = [
            PageContent { set_id: "other", ..sample() },
            PageContent { set_version: "2024", ..sample() },
            PageContent { set_title: "Other", ..sample() },
            PageContent { code: "C2", ..sample() },
            PageContent { statement_title: "Other", ..sample() },
            PageContent { title: "Friday nights at the Hub.", ..sample() },
            PageContent {
                body: "Zoe hosts the “Driday” social – every week.\n\n> Siobhán made me a brew.",
                ..sample()
            },
            PageContent { organisation: "Lukasz’s Place", ..sample() },
            PageContent { logo_sha256: "00", ..sample() },
        ];
        for v in variants {
            assert_ne!(fingerprint(&v), base, "{v:?}");
        }
    }

    #[test]
    fn fields_cannot_bleed_into_each_other() {
        let a = PageContent { title: "ab", body: "c", ..sample() };
        let b = PageContent { title: "a", body: "bc", ..sample() };
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }

    #[test]
    fn line_endings_do_not_matter() {
        let crlf = PageContent { body: "one\r\ntwo", ..sample() };
        let lf = PageContent { body: "one\ntwo", ..sample() };
        assert_eq!(fingerprint(&crlf), fingerprint(&lf));
    }

    #[test]
    fn the_short_form_is_grouped() {
        assert_eq!(short("3f2a9c410b7e55d2aaaa"), "3f2a 9c41 0b7e 55d2");
    }
}
