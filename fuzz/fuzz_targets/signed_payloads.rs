//! Any text as the payload of a correctly signed file: the contents behind the signature
//! (JSON, field limits, the recomputed page fingerprint, the logo) are checked without panic.
//! The signature is made here with a fixed key, so the fuzzer reaches the payload parsers.
#![no_main]

use lero_evidence::domain::envelope::{self, KIND_CONTRIBUTION, KIND_REVIEW_MANIFEST, KIND_SIGNOFF_RECEIPT, KeyPair};
use lero_evidence::domain::{bundle, review};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(payload) = std::str::from_utf8(data) else { return };
    let Ok(key) = KeyPair::from_secret(&[7u8; 32]) else { return };
    let _ = bundle::open_bundle(&envelope::seal(KIND_CONTRIBUTION, payload, &key));
    let _ = review::open_receipt(&envelope::seal(KIND_SIGNOFF_RECEIPT, payload, &key));
    let _ = review::open_manifest(&envelope::seal(KIND_REVIEW_MANIFEST, payload, &key));
});
