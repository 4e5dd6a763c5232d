//! Any delivery body, correctly signed and not: verification and parsing give an event or a
//! typed `WebhookError`, never a panic.
#![no_main]

use leat::webhooks::{construct_event, sign};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let signed = sign(data, "whsec_fuzz");
    match construct_event(data, &signed, &["other", "whsec_fuzz"]) {
        Ok(event) => assert!(!event.event_type.as_str().is_empty()),
        Err(err) => assert!(matches!(err.kind(), "invalid_json" | "missing_type"), "{err}"),
    }
    if let Ok(header) = std::str::from_utf8(data) {
        let _ = construct_event(b"{\"type\":\"contact_created\"}", header, &["whsec_fuzz"]);
    }
});
