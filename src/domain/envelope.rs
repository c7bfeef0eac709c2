//! A signed LERO Evidence file: one payload, the key that signed it and the signature, in
//! a small JSON wrapper a person can read. Contribution bundles use it now; sign-off receipts
//! and review manifests will use it later. The format is documented in `docs/BUNDLE.md`.
//!
//! The file is pretty-printed JSON (UTF-8) with exactly these fields, in this order:
//! `format` (always `"lero-evidence"`), `kind` (what the file is, like `"contribution"`),
//! `format_version` (1), `payload` (the payload's JSON text, as a string), `public_key`
//! (standard base64 of the 32-byte Ed25519 public key) and `signature` (standard base64 of
//! the 64-byte Ed25519 signature).
//!
//! The signature covers the UTF-8 bytes of `lero-evidence\n` + kind + `\n` + format version
//! in decimal + `\n` + payload. Naming the kind inside the signed bytes means a file signed
//! as one kind can never pass as another. Keeping the payload as a string means the reader
//! checks the very bytes that were signed, whatever JSON library wrote or reads the file.
//!
//! Trust is not decided here: [`open`] says which key signed a file, and the caller compares
//! it with the key it pinned for that sender.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::{self, Write as _};

use crate::domain::fingerprint::{hex, short};

/// The largest file [`open`] reads, in bytes. Anything larger is refused before parsing.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The value of the `format` field in every LERO Evidence signed file.
pub const FORMAT: &str = "lero-evidence";

/// The format version of sign-off receipts and review manifests, which this app writes and
/// is the newest it reads of them.
pub const FORMAT_VERSION: u64 = 1;

/// The format version of contribution bundles this app writes, and the newest it reads:
/// version 2 adds the sender's figures and self-assessment (see `docs/BUNDLE.md`); bundles of
/// version 1 are still read.
pub const CONTRIBUTION_VERSION: u64 = 2;

/// The newest format version of a file of `kind` this app knows: what it writes, and the
/// newest it reads.
#[must_use]
pub fn newest_version(kind: &str) -> u64 {
    if kind == KIND_CONTRIBUTION { CONTRIBUTION_VERSION } else { FORMAT_VERSION }
}

/// Kind of a contribution bundle (see `bundle.rs`).
pub const KIND_CONTRIBUTION: &str = "contribution";

/// Kind of a sign-off receipt (reserved for the report sign-off receipt).
pub const KIND_SIGNOFF_RECEIPT: &str = "signoff-receipt";

/// Kind of a review manifest (reserved).
pub const KIND_REVIEW_MANIFEST: &str = "review-manifest";

/// Why a signed file cannot be made or read. Each message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    /// Larger than [`MAX_FILE_BYTES`].
    #[error(
        "This file is {} MB, too large to be a LERO Evidence file (they are at most 16 MB): \
         check that you chose the right file.",
        .bytes.div_ceil(1024 * 1024)
    )]
    TooLarge {
        /// The file's size in bytes.
        bytes: usize,
    },
    /// No bytes at all, or only blank space.
    #[error(
        "This file is empty: it may not have finished copying or downloading. Ask the sender \
         to send it again."
    )]
    Empty,
    /// The JSON stops part way through.
    #[error(
        "This file stops part way through: it was probably cut short while being copied or \
         downloaded. Ask the sender to send it again."
    )]
    Truncated,
    /// Not JSON, not UTF-8, or JSON without the LERO Evidence marker.
    #[error("This is not a LERO Evidence file: check that you chose the right file.")]
    NotLeroFile,
    /// A LERO Evidence file of another kind than the one asked for.
    #[error("This is {}, not {}: check that you chose the right file.", describe_kind(.found), describe_kind(.expected))]
    WrongKind {
        /// The kind the file says it is (as written in the file, shortened for display).
        found: String,
        /// The kind that was asked for.
        expected: String,
    },
    /// Written by a newer app, in a format this app does not know.
    #[error(
        "This file was made by a newer version of LERO Evidence (file format {found}; this app \
         reads format {reads}): update the app, then open the file again."
    )]
    NewerVersion {
        /// The file's format version.
        found: u64,
        /// The newest version of this kind of file the app reads.
        reads: u64,
    },
    /// Marked as a LERO Evidence file but its fields are missing, extra or of the wrong type.
    #[error(
        "This LERO Evidence file is damaged and cannot be read: ask the sender to export it \
         again. (Detail: {0})"
    )]
    Damaged(String),
    /// The `public_key` field is not base64 of a valid 32-byte Ed25519 key.
    #[error(
        "The signing key written in this file is not a valid key, so the file cannot be \
         checked: it is damaged or was not made by LERO Evidence. Ask the sender to export it \
         again."
    )]
    BadPublicKey,
    /// The `signature` field is not base64 of 64 bytes.
    #[error(
        "The signature written in this file is not in the right form, so the file cannot be \
         checked: it is damaged or was not made by LERO Evidence. Ask the sender to export it \
         again."
    )]
    BadSignatureEncoding,
    /// The signature does not match the contents and key.
    #[error(
        "This file was changed after it was signed, or damaged: ask the sender to export it \
         again."
    )]
    SignatureMismatch,
    /// A stored secret key is not 32 bytes.
    #[error(
        "This workspace's signing key is damaged (it is {len} bytes long; a key is 32): restore \
         the workspace from a backup, or make a new key and tell your coordinator to expect it."
    )]
    BadSecret {
        /// The length that was given.
        len: usize,
    },
    /// The operating system gave no randomness for a new key.
    #[error(
        "The computer did not supply the randomness needed to make a signing key: try again, \
         and if it keeps happening, restart the computer."
    )]
    NoRandomness,
}

/// Words for a kind, as used in messages: "a contribution bundle", "a sign-off receipt".
#[must_use]
pub fn describe_kind(kind: &str) -> String {
    match kind {
        KIND_CONTRIBUTION => "a contribution bundle".to_owned(),
        KIND_SIGNOFF_RECEIPT => "a sign-off receipt".to_owned(),
        KIND_REVIEW_MANIFEST => "a review manifest".to_owned(),
        other => format!("a LERO Evidence file of another kind (“{}”)", printable(other, 40)),
    }
}

/// A workspace's Ed25519 signing key. Its `Debug` shows only the public key's short form.
pub struct KeyPair {
    signing: SigningKey,
}

impl KeyPair {
    /// Makes a new key from the operating system's randomness.
    ///
    /// Returns an error rather than panicking in the (practically unheard-of) case that the
    /// operating system cannot supply randomness.
    ///
    /// # Errors
    /// [`EnvelopeError::NoRandomness`] when the operating system gives no random bytes.
    pub fn generate() -> Result<Self, EnvelopeError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|_| EnvelopeError::NoRandomness)?;
        Ok(Self { signing: SigningKey::from_bytes(&secret) })
    }

    /// Rebuilds a key from the 32 secret bytes that [`KeyPair::secret_bytes`] gave.
    ///
    /// # Errors
    /// [`EnvelopeError::BadSecret`] when `bytes` is not 32 bytes long.
    pub fn from_secret(bytes: &[u8]) -> Result<Self, EnvelopeError> {
        let secret: [u8; 32] = bytes.try_into().map_err(|_| EnvelopeError::BadSecret { len: bytes.len() })?;
        Ok(Self { signing: SigningKey::from_bytes(&secret) })
    }

    /// The 32 secret bytes, for storing in the workspace. Never put these in a file that leaves
    /// the workspace.
    #[must_use]
    pub fn secret_bytes(&self) -> [u8; 32] {
        self.signing.to_bytes()
    }

    /// The public half, which goes into every signed file.
    #[must_use]
    pub fn public(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key().to_bytes())
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair").field("public", &self.public().short()).finish_non_exhaustive()
    }
}

/// An Ed25519 public key: who signed a file. Always a valid curve point once constructed.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct PublicKey([u8; 32]);

impl PublicKey {
    /// The key as standard base64 with padding (44 characters), as written in files.
    #[must_use]
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0)
    }

    /// Reads a key written by [`PublicKey::to_base64`]; surrounding blank space is ignored.
    ///
    /// # Errors
    /// [`EnvelopeError::BadPublicKey`] when `s` is not base64 of a valid Ed25519 public key.
    pub fn from_base64(s: &str) -> Result<Self, EnvelopeError> {
        let bytes = decode_fixed::<32>(s.trim()).ok_or(EnvelopeError::BadPublicKey)?;
        VerifyingKey::from_bytes(&bytes).map_err(|_| EnvelopeError::BadPublicKey)?;
        Ok(Self(bytes))
    }

    /// The 32 key bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The form two people compare by phone: the first 16 hex digits of the SHA-256 of the key
    /// bytes in groups of four, like `3f2a 9c41 0b7e 55d2`.
    #[must_use]
    pub fn short(&self) -> String {
        short(&hex(&Sha256::digest(self.0)))
    }
}

/// The exact bytes the signature covers: `lero-evidence\n{kind}\n{version}\n{payload}`.
#[must_use]
pub fn signed_bytes(kind: &str, version: u64, payload: &str) -> Vec<u8> {
    let mut out = format!("{FORMAT}\n{kind}\n{version}\n").into_bytes();
    out.extend_from_slice(payload.as_bytes());
    out
}

/// Signs `payload` as a file of `kind` and returns the file's bytes.
///
/// `payload` is any text, normally JSON; it is stored as a JSON string and [`open`] gives it
/// back byte for byte. `kind` is one of the `KIND_*` constants (a short word with no line
/// break). The same payload, kind and key always give the same bytes (Ed25519 signatures are
/// deterministic). The caller keeps the payload well under [`MAX_FILE_BYTES`], which [`open`]
/// refuses to read.
#[must_use]
pub fn seal(kind: &str, payload: &str, key: &KeyPair) -> Vec<u8> {
    seal_version(kind, newest_version(kind), payload, key)
}

/// Signs `payload` as a file of `kind` in format `version` (tests make files of earlier
/// versions with it; the app writes the newest, through [`seal`]).
#[must_use]
pub fn seal_version(kind: &str, version: u64, payload: &str, key: &KeyPair) -> Vec<u8> {
    let signature = key.signing.sign(&signed_bytes(kind, version, payload));
    let mut out = String::with_capacity(payload.len() + payload.len() / 8 + 512);
    out.push_str("{\n  \"format\": ");
    push_json_string(&mut out, FORMAT);
    out.push_str(",\n  \"kind\": ");
    push_json_string(&mut out, kind);
    let _ = write!(out, ",\n  \"format_version\": {version}");
    out.push_str(",\n  \"payload\": ");
    push_json_string(&mut out, payload);
    out.push_str(",\n  \"public_key\": ");
    push_json_string(&mut out, &key.public().to_base64());
    out.push_str(",\n  \"signature\": ");
    push_json_string(&mut out, &BASE64.encode(signature.to_bytes()));
    out.push_str("\n}\n");
    out.into_bytes()
}

/// Reads a file of `kind`, checks its signature and returns the payload text exactly as it
/// was signed, with the key that signed it.
///
/// The key is only the one written in the file: whether to trust it is the caller's decision
/// (pin it the first time a sender is seen, and refuse later files signed by another key).
///
/// # Errors
/// One [`EnvelopeError`] per problem, checked in this order: too large, empty, not a LERO
/// Evidence file or cut short, a newer format, another kind, damaged fields, a bad key or
/// signature encoding, and last a signature that does not verify.
pub fn open(kind: &str, bytes: &[u8]) -> Result<(String, PublicKey), EnvelopeError> {
    open_versioned(kind, bytes).map(|(payload, key, _)| (payload, key))
}

/// [`open`], also returning the file's format version (from 1 to [`newest_version`] of
/// `kind`), for readers whose payload differs between versions.
///
/// # Errors
/// As [`open`].
pub fn open_versioned(kind: &str, bytes: &[u8]) -> Result<(String, PublicKey, u64), EnvelopeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(EnvelopeError::TooLarge { bytes: bytes.len() });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(EnvelopeError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| EnvelopeError::NotLeroFile)?;
    // A JSON object, not the array form serde would also accept for a struct.
    if !text.trim_start().starts_with('{') {
        return Err(EnvelopeError::NotLeroFile);
    }
    let file: EnvelopeFile = serde_json::from_str(text).map_err(|e| diagnose(kind, text, &e))?;
    check_header(kind, &file.format, Some(file.format_version), &file.kind)?;

    let key_bytes = decode_fixed::<32>(&file.public_key).ok_or(EnvelopeError::BadPublicKey)?;
    let verifying = VerifyingKey::from_bytes(&key_bytes).map_err(|_| EnvelopeError::BadPublicKey)?;
    let signature_bytes = decode_fixed::<64>(&file.signature).ok_or(EnvelopeError::BadSignatureEncoding)?;
    let signature = Signature::from_bytes(&signature_bytes);
    // verify_strict also refuses weak keys and non-canonical signatures, so nobody can turn
    // a valid signature into a different one that still verifies.
    verifying
        .verify_strict(&signed_bytes(kind, file.format_version, &file.payload), &signature)
        .map_err(|_| EnvelopeError::SignatureMismatch)?;
    Ok((file.payload, PublicKey(key_bytes), file.format_version))
}

/// The file as written. Unknown and duplicated fields are refused: nothing unsigned rides
/// along unnoticed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeFile {
    format: String,
    kind: String,
    format_version: u64,
    payload: String,
    public_key: String,
    signature: String,
}

/// Checks format, version and kind, in that order: a newer file is reported as newer even
/// when its kind is new too.
fn check_header(expected_kind: &str, format: &str, version: Option<u64>, kind: &str) -> Result<(), EnvelopeError> {
    if format != FORMAT {
        return Err(EnvelopeError::NotLeroFile);
    }
    match version {
        // Newer than this app knows of the file's kind and of the kind asked for.
        Some(v) if v > newest_version(kind).max(newest_version(expected_kind)) => {
            return Err(EnvelopeError::NewerVersion { found: v, reads: newest_version(expected_kind) });
        }
        Some(0) | None => return Err(EnvelopeError::Damaged("the format version is missing or not valid".to_owned())),
        Some(_) => {}
    }
    if kind != expected_kind {
        return Err(EnvelopeError::WrongKind { found: printable(kind, 40), expected: expected_kind.to_owned() });
    }
    Ok(())
}

/// Says why a file did not parse as version 1: looks at whatever JSON it holds to tell a
/// truncated, foreign, newer or other-kind file from a damaged one.
fn diagnose(expected_kind: &str, text: &str, strict: &serde_json::Error) -> EnvelopeError {
    if strict.is_eof() {
        return EnvelopeError::Truncated;
    }
    // The first JSON value, ignoring anything after it (a damaged tail is reported below).
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = match Value::deserialize(&mut reader) {
        Ok(value) => value,
        Err(e) if e.is_eof() => return EnvelopeError::Truncated,
        Err(_) if text.contains("\"lero-evidence\"") => return EnvelopeError::Damaged(strict.to_string()),
        Err(_) => return EnvelopeError::NotLeroFile,
    };
    let Some(fields) = value.as_object() else {
        return EnvelopeError::NotLeroFile;
    };
    let field = |name: &str| fields.get(name).and_then(Value::as_str).unwrap_or_default();
    let version = fields.get("format_version").and_then(Value::as_u64);
    match check_header(expected_kind, field("format"), version, field("kind")) {
        Err(e) => e,
        Ok(()) => EnvelopeError::Damaged(strict.to_string()),
    }
}

/// Decodes standard base64 (strict: padding and trailing bits must be canonical) into exactly
/// `N` bytes.
fn decode_fixed<const N: usize>(s: &str) -> Option<[u8; N]> {
    // Longer than N bytes could need: refuse before allocating.
    if s.len() > N.div_ceil(3) * 4 {
        return None;
    }
    BASE64.decode(s).ok()?.try_into().ok()
}

/// Appends `s` as a JSON string literal, escaped as `serde_json` does: `"` and `\`, the
/// short escapes for `\n \r \t \b \f`, `\u00xx` (lowercase) for other control characters, and
/// everything else as UTF-8. Written by hand so `seal` cannot fail and its bytes do not depend
/// on a JSON library's features.
fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Text from a file made safe to show in a message: no control characters, at most `max`
/// characters.
fn printable(s: &str, max: usize) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(max).collect();
    if s.chars().filter(|c| !c.is_control()).count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> KeyPair {
        KeyPair::from_secret(&[7u8; 32]).unwrap()
    }

    fn other_key() -> KeyPair {
        KeyPair::from_secret(&[9u8; 32]).unwrap()
    }

    const AWKWARD: &str = "{\"name\":\"Zoë “Z” O'Neill\",\"path\":\"C:\\\\x\",\"ctl\":\"\u{1}\u{8}\u{c}\u{1f}\",\
                           \"lines\":\"a\nb\r\nc\td\",\"ls\":\"\u{2028}\u{2029}\",\"emoji\":\"🙂\"}";

    /// Replaces the first `from` in a sealed file.
    fn edit(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(text.contains(from), "{from} not in {text}");
        text.replacen(from, to, 1).into_bytes()
    }

    #[test]
    fn sealing_then_opening_gives_back_the_payload_and_key() {
        for payload in ["{}", AWKWARD, "", "not json at all \" \\ \u{0}"] {
            let bytes = seal(KIND_CONTRIBUTION, payload, &key());
            let (text, public) = open(KIND_CONTRIBUTION, &bytes).unwrap();
            assert_eq!(text, payload);
            assert_eq!(public, key().public());
        }
    }

    #[test]
    fn sealing_is_reproducible() {
        assert_eq!(seal(KIND_CONTRIBUTION, AWKWARD, &key()), seal(KIND_CONTRIBUTION, AWKWARD, &key()));
        assert_ne!(seal(KIND_CONTRIBUTION, AWKWARD, &key()), seal(KIND_CONTRIBUTION, AWKWARD, &other_key()));
    }

    #[test]
    fn the_file_is_readable_json_with_the_documented_fields_in_order() {
        let bytes = seal(KIND_CONTRIBUTION, AWKWARD, &key());
        let text = String::from_utf8(bytes.clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 8, "{text}");
        let starts =
            ["{", "  \"format\": \"lero-evidence\",", "  \"kind\": \"contribution\",", "  \"format_version\": 2,"];
        for (line, start) in lines.iter().zip(starts) {
            assert_eq!(*line, start);
        }
        for (line, name) in lines.iter().skip(4).zip(["payload", "public_key", "signature"]) {
            assert!(line.starts_with(&format!("  \"{name}\": \"")), "{line}");
        }
        assert!(text.ends_with("\"\n}\n"));
        // Any JSON reader sees the same values.
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["payload"], AWKWARD);
        assert_eq!(value["public_key"], key().public().to_base64());
        // serde_json writes the payload string the same way.
        assert!(text.contains(&serde_json::to_string(AWKWARD).unwrap()));
    }

    #[test]
    fn the_signature_covers_the_documented_bytes() {
        let bytes = seal(KIND_CONTRIBUTION, "{\"a\":1}", &key());
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        let signature: [u8; 64] = BASE64.decode(value["signature"].as_str().unwrap()).unwrap().try_into().unwrap();
        let verifying = VerifyingKey::from_bytes(key().public().as_bytes()).unwrap();
        verifying
            .verify_strict(b"lero-evidence\ncontribution\n2\n{\"a\":1}", &Signature::from_bytes(&signature))
            .unwrap();
        assert!(
            verifying
                .verify_strict(b"lero-evidence\nsignoff-receipt\n1\n{\"a\":1}", &Signature::from_bytes(&signature))
                .is_err()
        );
    }

    #[test]
    fn another_kind_is_refused_with_both_names() {
        let receipt = seal(KIND_SIGNOFF_RECEIPT, "{}", &key());
        let err = open(KIND_CONTRIBUTION, &receipt).unwrap_err();
        assert!(matches!(err, EnvelopeError::WrongKind { .. }));
        assert!(err.to_string().starts_with("This is a sign-off receipt, not a contribution bundle"), "{err}");
        // Even relabelling the kind does not help: the signature names the kind.
        let relabelled = edit(&receipt, "\"signoff-receipt\"", "\"contribution\"");
        assert_eq!(open(KIND_CONTRIBUTION, &relabelled).unwrap_err(), EnvelopeError::SignatureMismatch);
        // An unknown kind is named, without control characters.
        let odd = edit(&receipt, "\"signoff-receipt\"", "\"poster\\u0007\"");
        let err = open(KIND_CONTRIBUTION, &odd).unwrap_err();
        assert!(err.to_string().contains("another kind (“poster”)"), "{err}");
    }

    #[test]
    fn a_newer_format_is_refused_with_update_advice() {
        // Bundles are written in format 2, receipts in format 1: one more is newer.
        let bytes = edit(&seal(KIND_CONTRIBUTION, "{}", &key()), "\"format_version\": 2", "\"format_version\": 3");
        let err = open(KIND_CONTRIBUTION, &bytes).unwrap_err();
        assert_eq!(err, EnvelopeError::NewerVersion { found: 3, reads: 2 });
        assert!(err.to_string().contains("update the app"));
        assert!(err.to_string().contains("file format 3; this app reads format 2"), "{err}");
        let receipt = edit(&seal(KIND_SIGNOFF_RECEIPT, "{}", &key()), "\"format_version\": 1", "\"format_version\": 2");
        assert_eq!(
            open(KIND_SIGNOFF_RECEIPT, &receipt).unwrap_err(),
            EnvelopeError::NewerVersion { found: 2, reads: 1 }
        );
        // A newer file of another shape and kind is still reported as newer.
        let future = br#"{"format": "lero-evidence", "kind": "hologram", "format_version": 7, "payload": {"x": [1]}}"#;
        assert_eq!(open(KIND_CONTRIBUTION, future).unwrap_err(), EnvelopeError::NewerVersion { found: 7, reads: 2 });
    }

    #[test]
    fn a_first_format_bundle_still_opens_and_says_its_version() {
        let old = seal_version(KIND_CONTRIBUTION, 1, "{}", &key());
        assert!(String::from_utf8_lossy(&old).contains("\"format_version\": 1"));
        let (payload, _, version) = open_versioned(KIND_CONTRIBUTION, &old).unwrap();
        assert_eq!((payload.as_str(), version), ("{}", 1));
        let (_, _, version) = open_versioned(KIND_CONTRIBUTION, &seal(KIND_CONTRIBUTION, "{}", &key())).unwrap();
        assert_eq!(version, 2);
        // The version is signed: a first-format file relabelled as the second no longer verifies.
        let relabelled = edit(&old, "\"format_version\": 1", "\"format_version\": 2");
        assert_eq!(open(KIND_CONTRIBUTION, &relabelled).unwrap_err(), EnvelopeError::SignatureMismatch);
    }

    #[test]
    fn a_bad_format_version_is_damage() {
        for bad in ["0", "-1", "1.5", "\"1\"", "null"] {
            let bytes = edit(
                &seal(KIND_CONTRIBUTION, "{}", &key()),
                "\"format_version\": 2",
                &format!("\"format_version\": {bad}"),
            );
            assert!(matches!(open(KIND_CONTRIBUTION, &bytes), Err(EnvelopeError::Damaged(_))), "{bad}");
        }
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        for bytes in [&b""[..], b"   \n\r\n\t"] {
            assert_eq!(open(KIND_CONTRIBUTION, bytes).unwrap_err(), EnvelopeError::Empty);
        }
    }

    #[test]
    fn every_truncation_is_refused() {
        let bytes = seal(KIND_CONTRIBUTION, AWKWARD, &key());
        let trimmed = bytes.len() - 1; // without the last newline the file is still whole
        for len in 0..trimmed {
            let err = open(KIND_CONTRIBUTION, bytes.get(..len).unwrap()).unwrap_err();
            if len > 1 {
                assert!(matches!(err, EnvelopeError::Truncated | EnvelopeError::NotLeroFile), "{len}: {err:?}");
            }
        }
        assert_eq!(
            open(KIND_CONTRIBUTION, bytes.get(..bytes.len() / 2).unwrap()).unwrap_err(),
            EnvelopeError::Truncated
        );
        assert!(open(KIND_CONTRIBUTION, bytes.get(..trimmed).unwrap()).is_ok());
    }

    #[test]
    fn too_large_is_refused_before_reading() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        let err = open(KIND_CONTRIBUTION, &big).unwrap_err();
        assert_eq!(err, EnvelopeError::TooLarge { bytes: MAX_FILE_BYTES + 1 });
        assert!(err.to_string().starts_with("This file is 17 MB"), "{err}");
    }

    #[test]
    fn other_files_are_not_lero_files() {
        let deep = "[".repeat(100_000);
        let cases: [&[u8]; 8] = [
            b"%PDF-1.7\n",
            b"{\"a\": 1}",
            b"[1, 2]",
            b"\"lero-evidence\"",
            b"{\"format\": \"other\", \"kind\": \"contribution\", \"format_version\": 1}",
            b"\xff\xfe{\x00",
            b"PK\x03\x04",
            deep.as_bytes(),
        ];
        for bytes in cases {
            assert_eq!(open(KIND_CONTRIBUTION, bytes).unwrap_err(), EnvelopeError::NotLeroFile, "{bytes:?}");
        }
    }

    #[test]
    fn random_garbage_is_refused() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for round in 0..300 {
            let len = round * 7 % 600;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state.to_le_bytes()[0]
                })
                .collect();
            assert!(open(KIND_CONTRIBUTION, &bytes).is_err());
        }
    }

    #[test]
    fn extra_or_repeated_fields_are_damage() {
        let sealed = seal(KIND_CONTRIBUTION, "{}", &key());
        let extra = edit(&sealed, "\"format_version\": 2,", "\"format_version\": 2, \"note\": \"hi\",");
        assert!(matches!(open(KIND_CONTRIBUTION, &extra), Err(EnvelopeError::Damaged(_))));
        let repeated = edit(&sealed, "\"format_version\": 2,", "\"format_version\": 2, \"payload\": \"{}\",");
        assert!(matches!(open(KIND_CONTRIBUTION, &repeated), Err(EnvelopeError::Damaged(_))));
        let tail = [sealed.as_slice(), b"{}"].concat();
        assert!(matches!(open(KIND_CONTRIBUTION, &tail), Err(EnvelopeError::Damaged(_))));
        let missing = edit(&sealed, "\"format_version\": 2,", "\"format_version\": 2, \"x\": [");
        assert!(open(KIND_CONTRIBUTION, &missing).is_err());
    }

    #[test]
    fn bad_key_and_signature_encodings_are_named() {
        let sealed = seal(KIND_CONTRIBUTION, "{}", &key());
        let key_text = key().public().to_base64();
        for bad in ["", "abc", "!!!!", &key_text[..40], &format!("{key_text}AAAA")] {
            let bytes = edit(&sealed, &key_text, bad);
            assert_eq!(open(KIND_CONTRIBUTION, &bytes).unwrap_err(), EnvelopeError::BadPublicKey, "{bad}");
        }
        let value: Value = serde_json::from_slice(&sealed).unwrap();
        let signature = value["signature"].as_str().unwrap().to_owned();
        for bad in ["", "abc", &signature[..60], &format!("{signature}AAAA")] {
            let bytes = edit(&sealed, &signature, bad);
            assert_eq!(open(KIND_CONTRIBUTION, &bytes).unwrap_err(), EnvelopeError::BadSignatureEncoding, "{bad}");
        }
    }

    #[test]
    fn a_changed_payload_or_swapped_key_does_not_verify() {
        let sealed = seal(KIND_CONTRIBUTION, "{\"n\":1}", &key());
        let changed = edit(&sealed, "{\\\"n\\\":1}", "{\\\"n\\\":2}");
        let err = open(KIND_CONTRIBUTION, &changed).unwrap_err();
        assert_eq!(err, EnvelopeError::SignatureMismatch);
        assert!(err.to_string().contains("changed after it was signed"));
        let swapped = edit(&sealed, &key().public().to_base64(), &other_key().public().to_base64());
        assert_eq!(open(KIND_CONTRIBUTION, &swapped).unwrap_err(), EnvelopeError::SignatureMismatch);
    }

    #[test]
    fn keys_round_trip_and_keep_the_secret_out_of_debug() {
        let generated = KeyPair::generate().unwrap();
        assert_ne!(generated.public(), KeyPair::generate().unwrap().public());
        let again = KeyPair::from_secret(&generated.secret_bytes()).unwrap();
        assert_eq!(again.public(), generated.public());
        let shown = format!("{generated:?}");
        assert!(shown.contains(&generated.public().short()), "{shown}");
        for secret_form in [hex(&generated.secret_bytes()), BASE64.encode(generated.secret_bytes())] {
            assert!(!shown.contains(&secret_form));
        }
        assert!(!shown.contains(&format!("{:?}", generated.secret_bytes())));
        assert_eq!(KeyPair::from_secret(&[1; 31]).unwrap_err(), EnvelopeError::BadSecret { len: 31 });
    }

    #[test]
    fn public_keys_round_trip_through_base64() {
        let public = key().public();
        let text = public.to_base64();
        assert_eq!(text.len(), 44);
        assert_eq!(PublicKey::from_base64(&text).unwrap(), public);
        assert_eq!(PublicKey::from_base64(&format!(" {text}\n")).unwrap(), public);
        for bad in ["", "not base64", &text[..43], &BASE64.encode([0u8; 31])] {
            assert_eq!(PublicKey::from_base64(bad).unwrap_err(), EnvelopeError::BadPublicKey, "{bad}");
        }
    }

    #[test]
    fn the_short_key_is_grouped_sha256() {
        let public = key().public();
        let full = hex(&Sha256::digest(public.as_bytes()));
        let shown = public.short();
        assert_eq!(shown.len(), 19);
        assert_eq!(shown.replace(' ', ""), full[..16]);
        assert_eq!(shown.split(' ').map(str::len).collect::<Vec<_>>(), [4, 4, 4, 4]);
        assert_ne!(shown, other_key().public().short());
    }

    #[test]
    fn messages_are_sentences_for_a_coordinator() {
        let all = [
            EnvelopeError::TooLarge { bytes: 20_000_000 },
            EnvelopeError::Empty,
            EnvelopeError::Truncated,
            EnvelopeError::NotLeroFile,
            EnvelopeError::WrongKind { found: KIND_REVIEW_MANIFEST.into(), expected: KIND_CONTRIBUTION.into() },
            EnvelopeError::NewerVersion { found: 2, reads: 1 },
            EnvelopeError::Damaged("x".into()),
            EnvelopeError::BadPublicKey,
            EnvelopeError::BadSignatureEncoding,
            EnvelopeError::SignatureMismatch,
            EnvelopeError::BadSecret { len: 3 },
            EnvelopeError::NoRandomness,
        ];
        for e in all {
            let s = e.to_string();
            assert!(s.starts_with(|c: char| c.is_uppercase()) && (s.ends_with('.') || s.ends_with(')')), "{s}");
            assert!(s.contains(':'), "says what to do: {s}");
        }
    }
}
