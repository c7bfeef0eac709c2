//! An email message written by hand: headers, a plain-text body and attachments in, the bytes
//! of an `.eml` file out (RFC 5322 for the message, RFC 2045–2047 for MIME and the words
//! outside ASCII in headers, RFC 2231 for attachments' names). A pure function: the same
//! message gives the same bytes, and nothing here reads a clock or a file.
//!
//! Every line ends CRLF and stays within 78 characters; the body is quoted-printable and the
//! attachments base64 in lines of 76, so nothing in the parts can contain `=_`, which starts
//! the boundary.

use base64::Engine;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Bytes of UTF-8 in one encoded-word: 39 bytes are 52 base64 characters, so a word is 64
/// characters and a header line holding one stays within 78.
const WORD_BYTES: usize = 39;

/// Characters of base64 on one line (RFC 2045's limit).
const BASE64_LINE: usize = 76;

/// A message to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Who sends it: a display name and an address (checked with [`address_problem`]).
    pub from: Option<(String, String)>,
    /// Who it goes to: one address (checked with [`address_problem`]), or none (the sender
    /// types it).
    pub to: Option<String>,
    /// The subject, any text on one line.
    pub subject: String,
    /// When it was written, as RFC 5322 writes a date ("Sun, 06 Dec 2026 22:32:35 +0000").
    pub date: String,
    /// Marks it as a draft (`X-Unsent: 1`): mail programs open it ready to send.
    pub unsent: bool,
    /// The plain-text body; lines may end `\n` or `\r\n`.
    pub body: String,
    /// The files attached, in order.
    pub attachments: Vec<Attachment>,
}

/// A file attached to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its file name, any text (written with RFC 2231 and an ASCII fallback).
    pub filename: String,
    /// Its media type, like `application/pdf`.
    pub content_type: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What is wrong with `text` as one email address (`local@domain`, plain ASCII, no spaces,
/// commas or line breaks), in a sentence; `None` when it will do.
pub fn address_problem(text: &str) -> Option<String> {
    let shown = text.escape_debug();
    if text.is_empty() {
        return Some("The email address is empty: give one address, like college@example.org.".into());
    }
    if text.contains([',', ';']) {
        return Some(format!(
            "“{shown}” holds more than one address: give one address only, like college@example.org."
        ));
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!(
            "“{shown}” has a space or a line break in it: give one address with none, like college@example.org."
        ));
    }
    if !text.is_ascii() {
        return Some(format!(
            "“{shown}” has letters outside plain ASCII, which a draft's address cannot carry: give the address in plain letters, like college@example.org."
        ));
    }
    let atom = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && !s.ends_with('.')
            && !s.contains("..")
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    };
    match text.split_once('@') {
        Some((local, domain))
            if atom(local)
                && atom(domain)
                && !domain.contains('@')
                && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') =>
        {
            None
        }
        _ => Some(format!(
            "“{shown}” does not look like an email address: give one address in the form name@example.org."
        )),
    }
}

/// The message as the bytes of an `.eml` file.
pub fn write_message(m: &Message) -> Vec<u8> {
    let body = part_of_text(&m.body);
    let parts: Vec<String> = std::iter::once(body).chain(m.attachments.iter().map(part_of_file)).collect();
    let boundary = boundary_for(&parts);
    let mut out = String::new();
    if m.unsent {
        out.push_str("X-Unsent: 1\r\n");
    }
    out.push_str("MIME-Version: 1.0\r\n");
    let _ = write!(out, "Date: {}\r\n", one_line(&m.date));
    if let Some((name, address)) = &m.from {
        out.push_str(&header_phrase("From", name, &format!(" <{address}>")));
    }
    if let Some(to) = &m.to {
        let _ = write!(out, "To: {to}\r\n");
    }
    out.push_str(&header_phrase("Subject", &m.subject, ""));
    let _ = write!(out, "Content-Type: multipart/mixed;\r\n boundary=\"{boundary}\"\r\n");
    out.push_str("\r\nThis is a message in MIME format: open it with a mail program.\r\n");
    for part in &parts {
        let _ = write!(out, "\r\n--{boundary}\r\n");
        out.push_str(part);
    }
    let _ = write!(out, "\r\n--{boundary}--\r\n");
    out.into_bytes()
}

/// `text` with line breaks and other control characters turned into spaces, for a header.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// A header whose value is free text (a subject, a display name) followed by `after`: as it
/// is when it is short plain ASCII, else as RFC 2047 encoded-words, one per line.
fn header_phrase(name: &str, text: &str, after: &str) -> String {
    let text = one_line(text);
    let plain = text.is_ascii()
        && !text.contains("=?")
        && name.len() + 2 + text.len() + after.len() <= 78
        && (name == "Subject" || text.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '));
    if plain || text.is_empty() {
        return format!("{name}: {text}{after}\r\n");
    }
    let words = encoded_words(&text);
    let mut out = format!("{name}: {}", words.join("\r\n "));
    if !after.is_empty() {
        out.push_str("\r\n");
        out.push_str(after);
    }
    out.push_str("\r\n");
    out
}

/// `text` as RFC 2047 encoded-words (UTF-8, B encoding), each whole characters.
fn encoded_words(text: &str) -> Vec<String> {
    let engine = base64::engine::general_purpose::STANDARD;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > WORD_BYTES {
            words.push(format!("=?UTF-8?B?{}?=", engine.encode(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", engine.encode(chunk.as_bytes())));
    }
    words
}

/// The body part: plain text, UTF-8, quoted-printable.
fn part_of_text(body: &str) -> String {
    let mut out = String::from(
        "Content-Type: text/plain; charset=\"UTF-8\"; format=fixed\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
    );
    out.push_str(&quoted_printable(body));
    out
}

/// `text` quoted-printable (RFC 2045 6.7), its lines ending CRLF and none over 76 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    let normalised = text.replace("\r\n", "\n");
    for (i, line) in normalised.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        let bytes = line.as_bytes();
        let mut width = 0;
        for (at, &b) in bytes.iter().enumerate() {
            let last = at + 1 == bytes.len();
            let literal = (b == b' ' || b == b'\t') && !last || (33..=126).contains(&b) && b != b'=';
            let piece = if literal { char::from(b).to_string() } else { format!("={b:02X}") };
            // A soft break keeps every line within 76, counting its "=".
            if width + piece.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            out.push_str(&piece);
            width += piece.len();
        }
    }
    out
}

/// An attachment's part: its type, its name twice (RFC 2231 for any name, an ASCII
/// fallback for older readers) and its bytes in base64.
fn part_of_file(a: &Attachment) -> String {
    let fallback = ascii_name(&a.filename);
    let mut out =
        format!("Content-Type: {};\r\n name=\"{fallback}\"\r\nContent-Disposition: attachment", a.content_type);
    // The RFC 2231 form first: readers that know it take it and pass over the fallback.
    for piece in rfc2231_pieces(&a.filename) {
        out.push_str(";\r\n ");
        out.push_str(&piece);
    }
    let _ = write!(out, ";\r\n filename=\"{fallback}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    let encoded = base64::engine::general_purpose::STANDARD.encode(&a.bytes);
    let lines: Vec<&str> =
        encoded.as_bytes().chunks(BASE64_LINE).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
    out.push_str(&lines.join("\r\n"));
    out
}

/// `filename*` as RFC 2231 writes it: UTF-8, percent-encoded, cut into numbered pieces short
/// enough for a line, never inside a `%XX`.
fn rfc2231_pieces(name: &str) -> Vec<String> {
    let mut encoded = Vec::new();
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b).to_string());
        } else {
            encoded.push(format!("%{b:02X}"));
        }
    }
    let mut chunks = vec![String::new()];
    for piece in encoded {
        if chunks.last().is_some_and(|c| c.len() + piece.len() > 56) {
            chunks.push(String::new());
        }
        if let Some(c) = chunks.last_mut() {
            c.push_str(&piece);
        }
    }
    if chunks.len() == 1 {
        return vec![format!("filename*=UTF-8''{}", chunks[0])];
    }
    chunks
        .iter()
        .enumerate()
        .map(|(i, c)| if i == 0 { format!("filename*0*=UTF-8''{c}") } else { format!("filename*{i}*={c}") })
        .collect()
}

/// A file name in plain ASCII for older mail programs: accents taken off, anything else
/// outside ASCII or unsafe in a quoted string replaced by `_`, kept short.
fn ascii_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    if plain.len() <= 60 {
        return plain;
    }
    // Long names keep their extension.
    let (stem, ext) = plain.rsplit_once('.').filter(|(_, e)| e.len() <= 12).unwrap_or((&plain, ""));
    let keep = 60 - ext.len() - 1;
    format!("{}.{ext}", &stem[..keep.min(stem.len())])
}

/// A boundary that occurs in none of the parts: `=_` (which neither quoted-printable nor
/// base64 ever writes) and a hash of the parts, changed until no part holds it.
fn boundary_for(parts: &[String]) -> String {
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p.as_bytes());
    }
    let digest = hash.finalize();
    let base = crate::domain::fingerprint::hex(&digest[..12]);
    let mut n = 0u32;
    loop {
        let boundary = format!("=_lero_{base}_{n}");
        if !parts.iter().any(|p| p.contains(&boundary)) {
            return boundary;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> Message {
        Message {
            from: Some(("Zoë's Café Recovery".into(), "hello@zoes.example".into())),
            to: Some("college@clero.example".into()),
            subject: "Zoë's Café Recovery: C1 Peer support and support groups — our signed page".into(),
            date: "Sun, 06 Dec 2026 22:32:35 +0000".into(),
            unsent: true,
            body: "Hello,\n\nWe are Zoë's Café Recovery. ".repeat(4) + "\nA line ending in a space \n=done",
            attachments: vec![Attachment {
                filename: "C1 Zoë's Café Recovery and a very long name that goes on and on.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: (0..=255u8).cycle().take(5000).collect(),
            }],
        }
    }

    #[test]
    fn every_line_ends_crlf_and_stays_short() {
        let bytes = write_message(&message());
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.is_ascii());
        for line in text.split("\r\n") {
            assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
            assert!(line.len() <= 78, "{} characters: {line}", line.len());
        }
        assert!(text.starts_with("X-Unsent: 1\r\nMIME-Version: 1.0\r\n"));
    }

    #[test]
    fn the_same_message_gives_the_same_bytes() {
        assert_eq!(write_message(&message()), write_message(&message()));
    }

    #[test]
    fn quoted_printable_keeps_text_and_escapes_the_rest() {
        assert_eq!(quoted_printable("a = b\nend "), "a =3D b\r\nend=20");
        assert_eq!(quoted_printable("é"), "=C3=A9");
        let long = quoted_printable(&"x".repeat(200));
        assert!(long.split("\r\n").all(|l| l.len() <= 76));
        assert_eq!(long.replace("=\r\n", ""), "x".repeat(200));
    }

    #[test]
    fn names_outside_ascii_are_encoded_words_of_whole_characters() {
        let words = encoded_words(&"é".repeat(40));
        assert!(words.iter().all(|w| w.len() <= 75));
        assert_eq!(ascii_name("Zoë's Café.pdf"), "Zoe's Cafe.pdf");
        assert_eq!(ascii_name("Łódź \"x\".pdf"), "_odz _x_.pdf");
    }

    #[test]
    fn one_plain_address_is_accepted_and_anything_else_said_why() {
        assert_eq!(address_problem("college@clero.example"), None);
        assert_eq!(address_problem("first.last+tag@example.org"), None);
        for bad in [
            "",
            "a@b.org, c@d.org",
            "a b@c.org",
            "a@b.org\r\nBcc: x@y.org",
            "zoë@b.org",
            "no-at",
            "a@@b",
            "@b.org",
            "a@",
        ] {
            assert!(address_problem(bad).is_some(), "{bad:?} accepted");
        }
        assert!(address_problem("a@b.org,c@d.org").unwrap().contains("more than one address"));
    }
}
