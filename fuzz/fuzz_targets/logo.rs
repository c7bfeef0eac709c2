//! Any bytes as a logo: the check (format, size, dimensions read from the header) never
//! panics and never decodes an image it should have refused.
#![no_main]

use lero_evidence::domain::organisation::Logo;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Logo::check(data.to_vec());
});
