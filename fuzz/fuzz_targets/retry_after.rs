//! Any `Retry-After` value: a duration or nothing, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = leat::fuzzing::parse_retry_after(text);
    }
});
