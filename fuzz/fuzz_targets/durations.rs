//! Any number a host language may pass as a timeout, a count or a `Retry-After`: a typed
//! error or a valid instant, never a panic (the clock overflows that once surfaced as
//! `InternalError`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() >= 9 {
        let value = f64::from_le_bytes(data[..8].try_into().unwrap());
        leat::fuzzing::durations(value, data[8] & 1 == 1);
        let _ = leat::fuzzing::parse_retry_after(&value.to_string());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(value) = text.trim().parse::<f64>() {
            leat::fuzzing::durations(value, false);
        }
    }
});
