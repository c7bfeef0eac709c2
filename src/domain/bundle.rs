//! The contribution bundle: one signed file (an envelope of kind `contribution`) that carries
//! an organisation's signed-off page to the coordinator, with everything needed to import it
//! without retyping. The format is documented in `docs/BUNDLE.md`.
//!
//! The payload is the compact JSON of [`Contribution`]: structs only, fields in declaration
//! order, no maps, so the same contribution always gives the same bytes. Opening a bundle
//! checks the signature, then that the page matches its fingerprint, the logo matches its
//! hash, every sign-off is for this page and at least one approves it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::envelope::{self, EnvelopeError, KIND_CONTRIBUTION, KeyPair, MAX_FILE_BYTES, PublicKey};
use crate::domain::fingerprint::{PageContent, fingerprint, hex};

/// Largest logo, in bytes once decoded (the same limit as a workspace logo).
pub const MAX_LOGO_BYTES: usize = 5 * 1024 * 1024;
/// Longest account text, in bytes (the same limit as the editor's).
pub const MAX_BODY_BYTES: usize = crate::domain::limits::BODY_BYTES;
/// Longest account title, in characters (the same limit as the editor's).
pub const MAX_TITLE_CHARS: usize = crate::domain::limits::TITLE;
/// Longest name, role, email, area, id, code, version or date, in characters.
pub const MAX_NAME_CHARS: usize = crate::domain::limits::RECEIVED_LINE;
/// Longest standard set or statement title, in characters.
pub const MAX_HEADING_CHARS: usize = 500;
/// Longest statement text, in characters.
pub const MAX_STATEMENT_CHARS: usize = 20_000;
/// Longest sign-off note, in characters.
pub const MAX_NOTE_CHARS: usize = crate::domain::limits::RECEIVED_NOTE;
/// Most sign-offs in one bundle.
pub const MAX_SIGNOFFS: usize = 100;

/// The word for an approval in [`SignoffData::decision`].
pub const APPROVED: &str = "approved";
/// The word for a request for changes in [`SignoffData::decision`].
pub const CHANGES_REQUESTED: &str = "changes-requested";

/// Everything the coordinator needs to import one organisation's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// Who sends it.
    pub organisation: Organisation,
    /// Their logo, if they have one.
    pub logo: Option<LogoData>,
    /// The standard statement the page is written for.
    pub statement: StatementRef,
    /// The revision of the account that was signed off.
    pub revision: RevisionData,
    /// The page's fingerprint (64 lowercase hex digits), see `fingerprint.rs`.
    pub fingerprint: String,
    /// The sign-offs given on this exact page, in the order they were given.
    pub signoffs: Vec<SignoffData>,
    /// The sender's sign-off rule, so the coordinator can show whether it was met.
    pub rule: RuleData,
    /// When the bundle was made (RFC 3339).
    pub exported_at: String,
    /// The version of LERO Evidence that made it.
    pub app_version: String,
    /// Format 2: the sender's self-assessment of the statement the page is about, when it has
    /// one. Left out of the JSON when absent, and always absent in format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<AssessmentData>,
    /// Format 2: the sender's figures for its newest year, when it keeps any. Left out of the
    /// JSON when absent, and always absent in format 1 ("no figures sent").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<FiguresData>,
}

/// Where the sender stands with the statement, by its own self-assessment (format 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentData {
    /// `not-yet`, `starting`, `developing`, `embedded` or `n/a`.
    pub stage: String,
    /// The rung of involvement, 1 to 7, when given.
    pub rung: Option<u8>,
}

/// A year of the sender's work in figures (format 2). Every figure is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiguresData {
    /// The year they cover: `2025`, or a financial year `2025-26`.
    pub year: String,
    /// People supported.
    pub people_supported: Option<u32>,
    /// Hours of recovery support given, by staff and volunteers together.
    pub support_hours: Option<u32>,
    /// Volunteers.
    pub volunteers: Option<u32>,
    /// Hours given by volunteers.
    pub volunteer_hours: Option<u32>,
    /// Paid roles held by people with lived experience.
    pub lived_experience_roles: Option<u32>,
    /// How they were counted.
    pub note: String,
}

/// The longest year a bundle's figures may name ("2025-26" is seven characters).
pub const MAX_YEAR_CHARS: usize = 20;

/// The largest figure a bundle may carry.
pub const MAX_FIGURE: u32 = 10_000_000;

impl FiguresData {
    /// Each figure with its name in words, in the order above.
    #[must_use]
    pub fn figures(&self) -> [(&'static str, Option<u32>); 5] {
        [
            ("people supported", self.people_supported),
            ("hours of recovery support", self.support_hours),
            ("volunteers", self.volunteers),
            ("volunteer hours", self.volunteer_hours),
            ("paid roles held by people with lived experience", self.lived_experience_roles),
        ]
    }
}

/// The sending organisation's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Name as it appears on the page.
    pub name: String,
    /// Contact email.
    pub email: String,
    /// The area it serves.
    pub area: String,
    /// True when it has a formal structure (board, staff, policies).
    pub formal: bool,
}

/// A logo carried inside the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoData {
    /// `image/png` or `image/jpeg`.
    pub mime: String,
    /// Lowercase hex SHA-256 of the logo's bytes.
    pub sha256: String,
    /// The logo's bytes in standard base64 with padding.
    pub base64: String,
}

/// The standard statement the page answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementRef {
    /// Standard set id.
    pub set_id: String,
    /// Standard set version.
    pub set_version: String,
    /// Standard set title.
    pub set_title: String,
    /// Statement code.
    pub code: String,
    /// Statement title.
    pub title: String,
    /// Statement text (shown to the coordinator; not on the page, so not fingerprinted).
    pub text: String,
}

/// The revision of the account that was signed off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionData {
    /// Revision number within the account, from 1.
    pub number: i64,
    /// The account's title.
    pub title: String,
    /// The account's text.
    pub body: String,
    /// When the revision was made (RFC 3339).
    pub created_at: String,
}

/// One person's decision on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignoffData {
    /// Their name, as it was then.
    pub name: String,
    /// Their role, as it was then.
    pub role: String,
    /// Whether they have lived experience of recovery.
    pub lived_experience: bool,
    /// [`APPROVED`] or [`CHANGES_REQUESTED`].
    pub decision: String,
    /// What they said (may be empty).
    pub note: String,
    /// When (RFC 3339).
    pub at: String,
    /// The fingerprint of the page they saw; equal to the bundle's.
    pub fingerprint: String,
}

/// The sender's rule for when a page counts as signed off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleData {
    /// How many different people must approve.
    pub approvals: u32,
    /// At least one of them must have lived experience.
    pub lived_experience_required: bool,
}

/// Why a contribution bundle cannot be made or opened. Each message says what is wrong and
/// what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// The signed file itself is wrong (size, format, kind, version, signature).
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// Signed, but the payload is not a contribution as this app knows it.
    #[error(
        "This bundle is signed, but what it holds is not laid out as a contribution, perhaps \
         because another version of LERO Evidence made it: ask the sender which version they use, \
         and update this app if theirs is newer. (Detail: {0})"
    )]
    Contents(String),
    /// The page does not hash to the bundle's fingerprint.
    #[error(
        "The page in this bundle does not match its fingerprint, so its sign-offs cannot be \
         trusted: ask the sender to export it again."
    )]
    FingerprintMismatch,
    /// The logo is not valid base64.
    #[error("The logo in this bundle cannot be read: ask the sender to export it again.")]
    LogoUnreadable,
    /// The logo's bytes do not hash to its `sha256`.
    #[error(
        "The logo in this bundle is not the one that was signed off: ask the sender to export it \
         again."
    )]
    LogoMismatch,
    /// The logo is over [`MAX_LOGO_BYTES`].
    #[error(
        "The logo in this bundle is about {} MB, more than the 5 MB a logo may be: ask the sender \
         to use a smaller logo and export again.",
        .bytes.div_ceil(1024 * 1024)
    )]
    LogoTooLarge {
        /// Its size in bytes (or an estimate from its base64 length).
        bytes: usize,
    },
    /// The logo is not the PNG or JPEG it says it is.
    #[error(
        "The logo in this bundle is not a PNG or JPEG picture: ask the sender to choose a .png \
         or .jpg logo and export again."
    )]
    LogoNotImage,
    /// A value outside what the format allows (a stage or rung that does not exist, an
    /// absurd figure).
    #[error(
        "The {field} in this bundle is “{value}”, which LERO Evidence does not accept: ask the \
         sender to correct it and export again."
    )]
    BadValue {
        /// Which field, in words.
        field: &'static str,
        /// The value, shortened and without control characters.
        value: String,
    },
    /// A text field is over its limit.
    #[error(
        "The {field} in this bundle is longer than {limit} {unit}, more than LERO Evidence \
         allows: ask the sender to shorten it and export again."
    )]
    TooLong {
        /// Which field, in words.
        field: &'static str,
        /// The limit.
        limit: usize,
        /// "characters" or "bytes".
        unit: &'static str,
    },
    /// A field that must have text is empty.
    #[error("The {field} in this bundle is empty: ask the sender to fill it in and export again.")]
    Empty {
        /// Which field, in words.
        field: &'static str,
    },
    /// A text field holds an invisible control character.
    #[error(
        "The {field} in this bundle contains an invisible control character: ask the sender to \
         remove it and export again."
    )]
    ControlCharacter {
        /// Which field, in words.
        field: &'static str,
    },
    /// A name holds a character that could make it pass for another (a bidi control, a
    /// zero-width or other invisible character).
    #[error(
        "The {field} in this bundle holds {}, {}, which can make a name look like another: ask \
         the sender to type it again in their Settings, sign the page off again and send a new \
         bundle.",
        hidden.describe(),
        place
    )]
    HiddenCharacter {
        /// Which field, in words.
        field: &'static str,
        /// The character.
        hidden: crate::domain::names::Hidden,
        /// Where it is, in words.
        place: String,
    },
    /// More than [`MAX_SIGNOFFS`] sign-offs.
    #[error(
        "This bundle has {count} sign-offs, more than the {MAX_SIGNOFFS} LERO Evidence allows: \
         ask the sender to check the page's sign-offs and export again."
    )]
    TooManySignoffs {
        /// How many there are.
        count: usize,
    },
    /// A decision word this app does not know.
    #[error(
        "{name}'s sign-off in this bundle has a decision this app does not know: update the app, \
         or ask the sender to export it again."
    )]
    UnknownDecision {
        /// Who gave it.
        name: String,
    },
    /// A sign-off for a different page than the one in the bundle.
    #[error(
        "{name}'s sign-off in this bundle was given on a different version of the page: ask the \
         sender to have the current page signed off and export again."
    )]
    SignoffForOtherPage {
        /// Who gave it.
        name: String,
    },
    /// Nobody approved the page.
    #[error(
        "Nobody has approved the page in this bundle: ask the sender to have it signed off \
         before sending it."
    )]
    NoApproval,
}

/// How a text field is limited and which characters it may hold.
#[derive(Clone, Copy)]
enum Limit {
    /// One line, at most this many characters.
    Line(usize),
    /// Several lines, at most this many characters.
    Lines(usize),
    /// Several lines, at most this many bytes.
    LinesBytes(usize),
}

impl Contribution {
    /// What the page shows, for [`fingerprint`]. `logo_sha256` is the logo's stated
    /// `sha256`, which [`Contribution::check`] (and so [`seal_bundle`] and [`open_bundle`])
    /// confirms is the SHA-256 of the decoded logo bytes.
    #[must_use]
    pub fn page_content(&self) -> PageContent<'_> {
        PageContent {
            set_id: &self.statement.set_id,
            set_version: &self.statement.set_version,
            set_title: &self.statement.set_title,
            code: &self.statement.code,
            statement_title: &self.statement.title,
            title: &self.revision.title,
            body: &self.revision.body,
            organisation: &self.organisation.name,
            logo_sha256: self.logo.as_ref().map_or("", |logo| logo.sha256.as_str()),
        }
    }

    /// The logo's bytes, checked: valid base64, at most [`MAX_LOGO_BYTES`], a PNG or JPEG as
    /// its `mime` says, and hashing to its `sha256`. `None` when there is no logo.
    ///
    /// # Errors
    /// [`BundleError::LogoTooLarge`], [`BundleError::LogoUnreadable`],
    /// [`BundleError::LogoNotImage`] or [`BundleError::LogoMismatch`].
    pub fn logo_bytes(&self) -> Result<Option<Vec<u8>>, BundleError> {
        let Some(logo) = &self.logo else {
            return Ok(None);
        };
        // Refuse before decoding anything much larger than a logo may be.
        if logo.base64.len() > MAX_LOGO_BYTES.div_ceil(3) * 4 {
            return Err(BundleError::LogoTooLarge { bytes: logo.base64.len() / 4 * 3 });
        }
        let bytes = BASE64.decode(&logo.base64).map_err(|_| BundleError::LogoUnreadable)?;
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(BundleError::LogoTooLarge { bytes: bytes.len() });
        }
        let magic: &[u8] = match logo.mime.as_str() {
            "image/png" => b"\x89PNG\r\n\x1a\n",
            "image/jpeg" => &[0xFF, 0xD8, 0xFF],
            _ => return Err(BundleError::LogoNotImage),
        };
        if !bytes.starts_with(magic) {
            return Err(BundleError::LogoNotImage);
        }
        if hex(&Sha256::digest(&bytes)) != logo.sha256 {
            return Err(BundleError::LogoMismatch);
        }
        Ok(Some(bytes))
    }

    /// Checks everything [`open_bundle`] checks after the signature: text limits, the logo,
    /// the fingerprint, and the sign-offs.
    ///
    /// # Errors
    /// The first problem found, as a [`BundleError`] other than `Envelope` and `Contents`.
    pub fn check(&self) -> Result<(), BundleError> {
        self.check_text()?;
        self.check_additions()?;
        self.logo_bytes()?;
        if fingerprint(&self.page_content()) != self.fingerprint {
            return Err(BundleError::FingerprintMismatch);
        }
        self.check_signoffs()
    }

    /// Every text field within its limit and free of control characters; required ones
    /// filled in.
    fn check_text(&self) -> Result<(), BundleError> {
        let o = &self.organisation;
        let s = &self.statement;
        let r = &self.revision;
        let mut fields: Vec<(&'static str, &str, Limit)> = vec![
            ("organisation name", &o.name, Limit::Line(MAX_NAME_CHARS)),
            ("organisation email", &o.email, Limit::Line(MAX_NAME_CHARS)),
            ("organisation area", &o.area, Limit::Line(MAX_NAME_CHARS)),
            ("standard set id", &s.set_id, Limit::Line(MAX_NAME_CHARS)),
            ("standard set version", &s.set_version, Limit::Line(MAX_NAME_CHARS)),
            ("standard set title", &s.set_title, Limit::Line(MAX_HEADING_CHARS)),
            ("statement code", &s.code, Limit::Line(MAX_NAME_CHARS)),
            ("statement title", &s.title, Limit::Line(MAX_HEADING_CHARS)),
            ("statement text", &s.text, Limit::Lines(MAX_STATEMENT_CHARS)),
            ("account title", &r.title, Limit::Line(MAX_TITLE_CHARS)),
            ("account text", &r.body, Limit::LinesBytes(MAX_BODY_BYTES)),
            ("revision date", &r.created_at, Limit::Line(MAX_NAME_CHARS)),
            ("fingerprint", &self.fingerprint, Limit::Line(MAX_NAME_CHARS)),
            ("export date", &self.exported_at, Limit::Line(MAX_NAME_CHARS)),
            ("app version", &self.app_version, Limit::Line(MAX_NAME_CHARS)),
        ];
        if let Some(logo) = &self.logo {
            fields.push(("logo type", &logo.mime, Limit::Line(MAX_NAME_CHARS)));
            fields.push(("logo hash", &logo.sha256, Limit::Line(MAX_NAME_CHARS)));
        }
        if self.signoffs.len() > MAX_SIGNOFFS {
            return Err(BundleError::TooManySignoffs { count: self.signoffs.len() });
        }
        for signoff in &self.signoffs {
            fields.extend([
                ("name of a person who signed off", signoff.name.as_str(), Limit::Line(MAX_NAME_CHARS)),
                ("role of a person who signed off", &signoff.role, Limit::Line(MAX_NAME_CHARS)),
                ("sign-off decision", &signoff.decision, Limit::Line(MAX_NAME_CHARS)),
                ("sign-off note", &signoff.note, Limit::Lines(MAX_NOTE_CHARS)),
                ("sign-off date", &signoff.at, Limit::Line(MAX_NAME_CHARS)),
                ("sign-off fingerprint", &signoff.fingerprint, Limit::Line(MAX_NAME_CHARS)),
            ]);
        }
        for (field, value, limit) in fields {
            check_field(field, value, limit)?;
        }
        for (field, value) in
            [("organisation name", &o.name), ("standard set id", &s.set_id), ("statement code", &s.code)]
        {
            if value.trim().is_empty() {
                return Err(BundleError::Empty { field });
            }
        }
        if self.signoffs.iter().any(|signoff| signoff.name.trim().is_empty()) {
            return Err(BundleError::Empty { field: "name of a person who signed off" });
        }
        Ok(())
    }

    /// The self-assessment and figures of format 2, when present: a known stage, a rung from
    /// 1 to 7, a year and note within their limits, figures from 0 to [`MAX_FIGURE`].
    fn check_additions(&self) -> Result<(), BundleError> {
        if let Some(a) = &self.assessment {
            if crate::domain::assessment::Stage::parse(&a.stage).is_none() {
                return Err(BundleError::BadValue { field: "self-assessment stage", value: shown(&a.stage) });
            }
            if let Some(rung) = a.rung.filter(|r| !(1..=7).contains(r)) {
                return Err(BundleError::BadValue { field: "involvement rung", value: rung.to_string() });
            }
        }
        if let Some(f) = &self.figures {
            check_field("year of the figures", &f.year, Limit::Line(MAX_YEAR_CHARS))?;
            check_field("note on the figures", &f.note, Limit::Lines(MAX_NOTE_CHARS))?;
            if f.year.trim().is_empty() {
                return Err(BundleError::Empty { field: "year of the figures" });
            }
            if let Some((field, value)) = f.figures().into_iter().find(|(_, v)| v.is_some_and(|v| v > MAX_FIGURE)) {
                return Err(BundleError::BadValue { field, value: value.unwrap_or_default().to_string() });
            }
        }
        Ok(())
    }

    /// The one rule for names, for a bundle arriving at the college: no name people read on
    /// the page or in the report may hide a character. (Not part of [`Contribution::check`],
    /// so contributions stored before the rule still open.)
    ///
    /// # Errors
    /// [`BundleError::HiddenCharacter`] naming the field, the character and where it is.
    pub fn check_names(&self) -> Result<(), BundleError> {
        let (o, r) = (&self.organisation, &self.revision);
        let mut names = vec![
            ("organisation name", o.name.as_str()),
            ("organisation area", &o.area),
            ("organisation email", &o.email),
            ("account title", &r.title),
        ];
        for signoff in &self.signoffs {
            names.push(("name of a person who signed off", &signoff.name));
            names.push(("role of a person who signed off", &signoff.role));
        }
        for (field, value) in names {
            crate::domain::names::check(value, field).map_err(|e| BundleError::HiddenCharacter {
                field,
                hidden: e.hidden,
                place: e.place,
            })?;
        }
        Ok(())
    }

    /// Known decisions, all for this page, at least one approval.
    fn check_signoffs(&self) -> Result<(), BundleError> {
        for signoff in &self.signoffs {
            if signoff.decision != APPROVED && signoff.decision != CHANGES_REQUESTED {
                return Err(BundleError::UnknownDecision { name: signoff.name.clone() });
            }
            if signoff.fingerprint != self.fingerprint {
                return Err(BundleError::SignoffForOtherPage { name: signoff.name.clone() });
            }
        }
        if !self.signoffs.iter().any(|signoff| signoff.decision == APPROVED) {
            return Err(BundleError::NoApproval);
        }
        Ok(())
    }
}

/// One text field against its limit.
fn check_field(field: &'static str, value: &str, limit: Limit) -> Result<(), BundleError> {
    let (too_long, max, unit, lines) = match limit {
        Limit::Line(max) => (value.chars().count() > max, max, "characters", false),
        Limit::Lines(max) => (value.chars().count() > max, max, "characters", true),
        Limit::LinesBytes(max) => (value.len() > max, max, "bytes", true),
    };
    if too_long {
        return Err(BundleError::TooLong { field, limit: max, unit });
    }
    let allowed = |c: char| lines && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(BundleError::ControlCharacter { field });
    }
    Ok(())
}

/// A value as a sentence may quote it: no control characters, at most 40 characters.
fn shown(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Checks `c` and signs it as a contribution bundle; returns the file's bytes. Refuses a
/// contribution [`open_bundle`] would refuse, such as one whose fingerprint does not match
/// its page. The same contribution and key always give the same bytes.
///
/// # Errors
/// What [`Contribution::check`] finds, or (in theory) a file over
/// [`envelope::MAX_FILE_BYTES`]; the limits keep a bundle well under it.
pub fn seal_bundle(c: &Contribution, key: &KeyPair) -> Result<Vec<u8>, BundleError> {
    c.check()?;
    let payload = serde_json::to_string(c).map_err(|e| BundleError::Contents(e.to_string()))?;
    let bytes = envelope::seal(KIND_CONTRIBUTION, &payload, key);
    if bytes.len() > MAX_FILE_BYTES {
        return Err(EnvelopeError::TooLarge { bytes: bytes.len() }.into());
    }
    Ok(bytes)
}

/// Opens a contribution bundle: checks the signature, reads the contribution and checks it
/// (see [`Contribution::check`]). Returns it with the key that signed it; comparing that key
/// with the one pinned for the sender is the caller's job.
///
/// # Errors
/// [`BundleError::Envelope`] when the file is not a well-signed contribution bundle,
/// [`BundleError::Contents`] when its payload is not a contribution, or what
/// [`Contribution::check`] finds.
pub fn open_bundle(bytes: &[u8]) -> Result<(Contribution, PublicKey), BundleError> {
    let (payload, key, version) = envelope::open_versioned(KIND_CONTRIBUTION, bytes)?;
    let contribution: Contribution =
        serde_json::from_str(&payload).map_err(|e| BundleError::Contents(e.to_string()))?;
    if version < 2 && (contribution.assessment.is_some() || contribution.figures.is_some()) {
        return Err(BundleError::Contents(
            "a bundle of the first format carries neither figures nor a self-assessment".to_owned(),
        ));
    }
    contribution.check()?;
    Ok((contribution, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::envelope::{KIND_SIGNOFF_RECEIPT, seal, seal_version};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR tiny";

    fn key() -> KeyPair {
        KeyPair::from_secret(&[7u8; 32]).unwrap()
    }

    fn other_key() -> KeyPair {
        KeyPair::from_secret(&[9u8; 32]).unwrap()
    }

    fn logo(bytes: &[u8]) -> LogoData {
        LogoData { mime: "image/png".into(), sha256: hex(&Sha256::digest(bytes)), base64: BASE64.encode(bytes) }
    }

    fn signoff(name: &str, lived: bool, decision: &str) -> SignoffData {
        SignoffData {
            name: name.into(),
            role: "Peer mentor".into(),
            lived_experience: lived,
            decision: decision.into(),
            note: String::new(),
            at: "2025-03-04T10:00:00Z".into(),
            fingerprint: String::new(),
        }
    }

    /// Sets the fingerprint, and every sign-off's, to the page's.
    fn stamped(mut c: Contribution) -> Contribution {
        c.fingerprint = fingerprint(&c.page_content());
        for s in &mut c.signoffs {
            s.fingerprint.clone_from(&c.fingerprint);
        }
        c
    }

    /// The example in `docs/BUNDLE.md`: no logo, so the file stays short.
    fn example() -> Contribution {
        stamped(Contribution {
            organisation: Organisation {
                name: "Łukasz’s Place".into(),
                email: "hello@example.org".into(),
                area: "Wirral".into(),
                formal: false,
            },
            logo: None,
            statement: StatementRef {
                set_id: "clero-chime".into(),
                set_version: "2021-22".into(),
                set_title: "CLERO recovery framework (CHIME)".into(),
                code: "C1".into(),
                title: "Peer support and support groups".into(),
                text: "People in recovery support each other.".into(),
            },
            revision: RevisionData {
                number: 3,
                title: "Friday nights at the Hub".into(),
                body: "Zoë hosts the “Driday” social – every week.\n\n> Siobhán made me a brew.".into(),
                created_at: "2025-03-01T18:30:00Z".into(),
            },
            fingerprint: String::new(),
            signoffs: vec![
                SignoffData { note: "Lovely.".into(), ..signoff("Siobhán Kelly", true, APPROVED) },
                SignoffData { role: "Chair".into(), ..signoff("Dafydd Jones", false, APPROVED) },
            ],
            rule: RuleData { approvals: 2, lived_experience_required: true },
            exported_at: "2025-03-05T09:15:00Z".into(),
            app_version: "0.1.0".into(),
            assessment: Some(AssessmentData { stage: "developing".into(), rung: Some(5) }),
            figures: Some(FiguresData {
                year: "2024-25".into(),
                people_supported: Some(212),
                support_hours: Some(3_400),
                volunteers: Some(61),
                volunteer_hours: None,
                lived_experience_roles: Some(3),
                note: "From the sign-in sheets.".into(),
            }),
        })
    }

    fn sample() -> Contribution {
        stamped(Contribution { logo: Some(logo(PNG)), ..example() })
    }

    /// Signs any payload as a contribution, skipping `seal_bundle`'s checks.
    fn seal_raw(c: &Contribution) -> Vec<u8> {
        seal(KIND_CONTRIBUTION, &serde_json::to_string(c).unwrap(), &key())
    }

    fn refused(c: &Contribution) -> BundleError {
        let err = open_bundle(&seal_raw(c)).unwrap_err();
        assert_eq!(seal_bundle(c, &key()).unwrap_err(), err, "seal and open agree");
        err
    }

    #[test]
    fn sealing_then_opening_gives_back_the_contribution_and_key() {
        for c in [sample(), example()] {
            let (opened, public) = open_bundle(&seal_bundle(&c, &key()).unwrap()).unwrap();
            assert_eq!(opened, c);
            assert_eq!(public, key().public());
        }
    }

    #[test]
    fn sealing_is_reproducible() {
        assert_eq!(seal_bundle(&sample(), &key()).unwrap(), seal_bundle(&sample(), &key()).unwrap());
    }

    #[test]
    fn the_page_content_is_what_the_page_shows() {
        let c = sample();
        let page = c.page_content();
        assert_eq!(page.set_id, "clero-chime");
        assert_eq!(page.statement_title, "Peer support and support groups");
        assert_eq!(page.title, "Friday nights at the Hub");
        assert_eq!(page.organisation, "Łukasz’s Place");
        assert_eq!(page.logo_sha256, hex(&Sha256::digest(PNG)));
        assert_eq!(example().page_content().logo_sha256, "");
        // The same page as fingerprint.rs's golden example.
        assert_eq!(example().fingerprint, "73173d6c085eca7a690118d1f4872043d2e3f06e817b7bcae481c553f6917936");
        assert_eq!(c.logo_bytes().unwrap().unwrap(), PNG);
        assert_eq!(example().logo_bytes().unwrap(), None);
    }

    #[test]
    fn flipping_any_bit_of_a_bundle_is_caught() {
        let bytes = seal_bundle(&sample(), &key()).unwrap();
        // One bit per byte, a different bit from one byte to the next, so every bit position
        // is tried in every part of the file.
        for position in 0..bytes.len() {
            let bit = position % 8;
            let mut flipped = bytes.clone();
            if let Some(b) = flipped.get_mut(position) {
                *b ^= 1 << bit;
            }
            assert!(open_bundle(&flipped).is_err(), "byte {position} bit {bit} was accepted");
        }
    }

    #[test]
    fn a_receipt_is_not_a_bundle() {
        let receipt = seal(KIND_SIGNOFF_RECEIPT, &serde_json::to_string(&sample()).unwrap(), &key());
        let err = open_bundle(&receipt).unwrap_err();
        assert!(matches!(err, BundleError::Envelope(EnvelopeError::WrongKind { .. })));
        assert!(err.to_string().starts_with("This is a sign-off receipt, not a contribution bundle"), "{err}");
    }

    #[test]
    fn another_key_opens_but_is_reported() {
        let (opened, public) = open_bundle(&seal_bundle(&sample(), &other_key()).unwrap()).unwrap();
        assert_eq!(opened, sample());
        assert_eq!(public, other_key().public());
        assert_ne!(public, key().public());
    }

    #[test]
    fn a_wrong_fingerprint_is_refused() {
        let mut c = sample();
        c.revision.body.push_str(" Edited later.");
        let err = refused(&c);
        assert_eq!(err, BundleError::FingerprintMismatch);
        assert!(err.to_string().contains("does not match its fingerprint"));
        let upper = Contribution { fingerprint: sample().fingerprint.to_uppercase(), ..sample() };
        assert!(matches!(refused(&upper), BundleError::FingerprintMismatch | BundleError::SignoffForOtherPage { .. }));
    }

    #[test]
    fn a_tampered_logo_is_refused() {
        let mut swapped = sample();
        if let Some(l) = &mut swapped.logo {
            l.base64 = BASE64.encode(b"\x89PNG\r\n\x1a\nanother picture");
        }
        assert_eq!(refused(&swapped), BundleError::LogoMismatch);

        let mut unreadable = sample();
        if let Some(l) = &mut unreadable.logo {
            l.base64.insert(3, '*');
        }
        assert_eq!(refused(&unreadable), BundleError::LogoUnreadable);

        let mut not_png = stamped(Contribution { logo: Some(logo(b"GIF89a")), ..example() });
        assert_eq!(refused(&not_png), BundleError::LogoNotImage);
        not_png = stamped(Contribution { logo: Some(LogoData { mime: "image/gif".into(), ..logo(PNG) }), ..example() });
        assert_eq!(refused(&not_png), BundleError::LogoNotImage);

        // A logo with a matching hash but removed from the page's fingerprint.
        let dropped = Contribution { logo: None, ..sample() };
        assert_eq!(refused(&dropped), BundleError::FingerprintMismatch);
    }

    #[test]
    fn a_logo_over_5_mb_is_refused() {
        // Refused before hashing, so the hash need not be right.
        let oversized = |len: usize| {
            let mut bytes = PNG.to_vec();
            bytes.resize(len, 0);
            Some(LogoData { mime: "image/png".into(), sha256: "0".repeat(64), base64: BASE64.encode(&bytes) })
        };
        for len in [MAX_LOGO_BYTES + 1, MAX_LOGO_BYTES + 10] {
            let c = Contribution { logo: oversized(len), ..sample() };
            assert!(matches!(c.check(), Err(BundleError::LogoTooLarge { .. })), "{len}");
        }
        // The largest logo still makes a bundle that opens.
        let mut fits = PNG.to_vec();
        fits.resize(MAX_LOGO_BYTES, 0);
        let c = stamped(Contribution { logo: Some(logo(&fits)), ..example() });
        assert_eq!(open_bundle(&seal_bundle(&c, &key()).unwrap()).unwrap().0, c);
    }

    #[test]
    fn sign_offs_must_be_for_this_page_and_include_an_approval() {
        let mut other_page = sample();
        if let Some(s) = other_page.signoffs.get_mut(1) {
            s.fingerprint = "0".repeat(64);
        }
        let err = refused(&other_page);
        assert_eq!(err, BundleError::SignoffForOtherPage { name: "Dafydd Jones".into() });
        assert!(err.to_string().starts_with("Dafydd Jones's sign-off"), "{err}");

        let asked = stamped(Contribution { signoffs: vec![signoff("Zoë", true, CHANGES_REQUESTED)], ..sample() });
        assert_eq!(refused(&asked), BundleError::NoApproval);
        let none = Contribution { signoffs: vec![], ..sample() };
        assert_eq!(refused(&none), BundleError::NoApproval);
        let odd = stamped(Contribution { signoffs: vec![signoff("Zoë", true, "maybe")], ..sample() });
        assert_eq!(refused(&odd), BundleError::UnknownDecision { name: "Zoë".into() });
        let many =
            stamped(Contribution { signoffs: vec![signoff("Zoë", true, APPROVED); MAX_SIGNOFFS + 1], ..sample() });
        assert_eq!(refused(&many), BundleError::TooManySignoffs { count: MAX_SIGNOFFS + 1 });
    }

    #[test]
    fn text_fields_have_limits() {
        let mut c = sample();
        c.revision.body = "a".repeat(MAX_BODY_BYTES + 1);
        let err = refused(&stamped(c));
        assert_eq!(err, BundleError::TooLong { field: "account text", limit: MAX_BODY_BYTES, unit: "bytes" });

        let mut c = sample();
        c.organisation.name = "Ł".repeat(MAX_NAME_CHARS + 1);
        assert!(matches!(refused(&stamped(c)), BundleError::TooLong { field: "organisation name", .. }));
        let mut c = sample();
        c.organisation.name = "Ł".repeat(MAX_NAME_CHARS);
        assert!(seal_bundle(&stamped(c), &key()).is_ok());

        let mut c = sample();
        if let Some(s) = c.signoffs.get_mut(0) {
            s.name = "Siobhán\u{7}".into();
        }
        assert_eq!(refused(&stamped(c)), BundleError::ControlCharacter { field: "name of a person who signed off" });
        let mut c = sample();
        c.revision.body = "line\r\nline\ttab\u{0}".into();
        assert_eq!(refused(&stamped(c)), BundleError::ControlCharacter { field: "account text" });
        let mut c = sample();
        c.organisation.name = "  ".into();
        assert_eq!(refused(&stamped(c)), BundleError::Empty { field: "organisation name" });
        let mut c = sample();
        c.revision.body = "one\r\ntwo\n\tthree".into();
        let c = stamped(c);
        assert_eq!(open_bundle(&seal_bundle(&c, &key()).unwrap()).unwrap().0, c);
    }

    #[test]
    fn damaged_input_is_refused_never_accepted() {
        let bytes = seal_bundle(&sample(), &key()).unwrap();
        let empty = open_bundle(b"").unwrap_err();
        assert_eq!(empty, BundleError::Envelope(EnvelopeError::Empty));
        for len in [1, 10, bytes.len() / 3, bytes.len() - 3] {
            let err = open_bundle(bytes.get(..len).unwrap()).unwrap_err();
            assert_eq!(err, BundleError::Envelope(EnvelopeError::Truncated), "{len}");
        }
        let big = [bytes.as_slice(), &vec![b' '; MAX_FILE_BYTES]].concat();
        assert!(matches!(open_bundle(&big), Err(BundleError::Envelope(EnvelopeError::TooLarge { .. }))));
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for len in [1, 17, 300, 4096] {
            let garbage: Vec<u8> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    state.to_le_bytes()[7]
                })
                .collect();
            assert!(open_bundle(&garbage).is_err());
        }
        let text = String::from_utf8(bytes).unwrap();
        let newer = text.replace("\"format_version\": 2", "\"format_version\": 3");
        let err = open_bundle(newer.as_bytes()).unwrap_err();
        assert_eq!(err, BundleError::Envelope(EnvelopeError::NewerVersion { found: 3, reads: 2 }));
        assert!(err.to_string().contains("update the app"));
    }

    #[test]
    fn a_signed_payload_that_is_not_a_contribution_is_refused() {
        let deep = format!("{{\"organisation\":{}", "[".repeat(10_000));
        for payload in ["{}", "[]", "not json", &deep, "{\"organisation\":{\"name\":\"x\",\"name\":\"y\"}}"] {
            let err = open_bundle(&seal(KIND_CONTRIBUTION, payload, &key())).unwrap_err();
            assert!(matches!(err, BundleError::Contents(_)), "{payload}: {err:?}");
        }
        let mut value = serde_json::to_value(sample()).unwrap();
        value["organisation"]["charity_number"] = "123".into();
        let extra = seal(KIND_CONTRIBUTION, &value.to_string(), &key());
        assert!(matches!(open_bundle(&extra), Err(BundleError::Contents(_))));
    }

    #[test]
    fn the_documented_example_is_what_the_app_writes() {
        let doc = include_str!("../../docs/BUNDLE.md").replace("\r\n", "\n");
        let start = doc.find("```json\n{\n  \"format\"").unwrap() + "```json\n".len();
        let end = start + doc.get(start..).unwrap().find("```").unwrap();
        let file = doc.get(start..end).unwrap();
        assert_eq!(file, String::from_utf8(seal_bundle(&example(), &key()).unwrap()).unwrap());
        let (opened, public) = open_bundle(file.as_bytes()).unwrap();
        assert_eq!(opened, example());
        assert!(doc.contains(&public.to_base64()) && doc.contains(&public.short()));
    }

    #[test]
    fn a_first_format_bundle_still_opens_with_no_figures_and_no_self_assessment() {
        let first = Contribution { assessment: None, figures: None, ..example() };
        let payload = serde_json::to_string(&first).unwrap();
        assert!(!payload.contains("assessment") && !payload.contains("figures"), "left out when absent");
        let (opened, _) = open_bundle(&seal_version(KIND_CONTRIBUTION, 1, &payload, &key())).unwrap();
        assert_eq!(opened, first);
        assert_eq!(opened.fingerprint, example().fingerprint, "the page fingerprint is the same in both formats");
        // A first-format file cannot carry what only the second has.
        let mixed = seal_version(KIND_CONTRIBUTION, 1, &serde_json::to_string(&example()).unwrap(), &key());
        assert!(matches!(open_bundle(&mixed).unwrap_err(), BundleError::Contents(_)));
    }

    #[test]
    fn a_self_assessment_or_figures_that_cannot_be_are_refused() {
        let stage =
            Contribution { assessment: Some(AssessmentData { stage: "brilliant".into(), rung: None }), ..example() };
        let rung =
            Contribution { assessment: Some(AssessmentData { stage: "n/a".into(), rung: Some(8) }), ..example() };
        let figures = example().figures.unwrap();
        let absurd = Contribution {
            figures: Some(FiguresData { volunteers: Some(MAX_FIGURE + 1), ..figures.clone() }),
            ..example()
        };
        let no_year = Contribution { figures: Some(FiguresData { year: " ".into(), ..figures.clone() }), ..example() };
        let edge =
            Contribution { figures: Some(FiguresData { support_hours: Some(MAX_FIGURE), ..figures }), ..example() };
        for (bad, says) in [
            (stage, "self-assessment stage in this bundle is “brilliant”"),
            (rung, "involvement rung in this bundle is “8”"),
            (absurd, "volunteers in this bundle is “10000001”"),
            (no_year, "year of the figures in this bundle is empty"),
        ] {
            let err = seal_bundle(&bad, &key()).unwrap_err();
            assert!(err.to_string().contains(says), "{err}");
            let forged = seal(KIND_CONTRIBUTION, &serde_json::to_string(&bad).unwrap(), &key());
            assert_eq!(open_bundle(&forged).unwrap_err(), err);
        }
        assert!(open_bundle(&seal_bundle(&edge, &key()).unwrap()).is_ok(), "10,000,000 is allowed");
    }

    #[test]
    fn messages_are_sentences_for_a_coordinator() {
        let all = [
            BundleError::Contents("x".into()),
            BundleError::FingerprintMismatch,
            BundleError::LogoUnreadable,
            BundleError::LogoMismatch,
            BundleError::LogoTooLarge { bytes: 6_000_000 },
            BundleError::LogoNotImage,
            BundleError::BadValue { field: "involvement rung", value: "8".into() },
            BundleError::TooLong { field: "account text", limit: 1, unit: "bytes" },
            BundleError::Empty { field: "organisation name" },
            BundleError::ControlCharacter { field: "account title" },
            BundleError::TooManySignoffs { count: 101 },
            BundleError::UnknownDecision { name: "Zoë".into() },
            BundleError::SignoffForOtherPage { name: "Zoë".into() },
            BundleError::NoApproval,
        ];
        for e in all {
            let s = e.to_string();
            assert!(s.starts_with(|c: char| c.is_uppercase()) && (s.ends_with('.') || s.ends_with(')')), "{s}");
            assert!(s.contains(": ask") || s.contains(": update"), "says what to do: {s}");
        }
    }
}
