//! Any bytes given as a bundle, receipt or manifest file: opening never panics, and a file
//! that opens was sealed by the key it names (so random bytes essentially never do).
#![no_main]

use lero_evidence::domain::{bundle, review};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = bundle::open_bundle(data);
    let _ = review::open_receipt(data);
    let _ = review::open_manifest(data);
});
