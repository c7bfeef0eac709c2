//! Pure types and rules. No I/O, no SQL, no egui.

pub mod account;
pub mod assessment;
pub mod builtin;
pub mod bundle;
pub mod diff;
pub mod envelope;
pub mod figures;
pub mod fingerprint;
pub mod limits;
pub mod names;
pub mod organisation;
pub mod paste;
pub mod readability;
pub mod report;
pub mod review;
pub mod signoff;
pub mod spelling;
pub mod standards;
pub mod standards_file;
pub mod text;
pub mod versions;
