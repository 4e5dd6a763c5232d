//! Any delivery body, correctly signed and not: verification and parsing give an event or a
//! typed `WebhookError`, never a panic. Whatever is accepted is an event: the body is a JSON
//! object with a non-empty string `type`, and the event's `data` is an object (the body's own,
//! or an empty one for an absent, `null` or `[]` payload).
#![no_main]

use leat::webhooks::{construct_event, sign, WebhookEvent};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let signed = sign(data, "whsec_fuzz");
    match construct_event(data, &signed, &["other", "whsec_fuzz"]) {
        Ok(event) => check_is_an_event(data, &event),
        Err(err) => assert!(
            matches!(err.kind(), "invalid_json" | "missing_type" | "not_an_event"),
            "{err}"
        ),
    }
    if let Ok(header) = std::str::from_utf8(data) {
        let _ = construct_event(b"{\"type\":\"contact_created\"}", header, &["whsec_fuzz"]);
    }
});

/// The accepted `body`, read again by serde_json on its own, is what `event` says it is.
fn check_is_an_event(body: &[u8], event: &WebhookEvent) {
    let parsed: Value = serde_json::from_slice(body).expect("an accepted body is JSON");
    let Value::Object(fields) = parsed else {
        panic!("accepted a body that is not an object: {parsed}");
    };
    match fields.get("type") {
        Some(Value::String(event_type)) => {
            assert!(!event_type.is_empty(), "accepted an empty type");
            assert_eq!(event.event_type.as_str(), event_type);
        }
        other => panic!("accepted a body whose type is {other:?}"),
    }
    assert!(
        event.data.is_object(),
        "accepted data that is not an object: {}",
        event.data
    );
    match fields.get("data") {
        None | Some(Value::Null) => assert_eq!(event.data, serde_json::json!({})),
        Some(Value::Array(items)) => {
            assert!(items.is_empty(), "accepted a non-empty array as data");
            assert_eq!(event.data, serde_json::json!({}));
        }
        Some(object @ Value::Object(_)) => assert_eq!(&event.data, object),
        Some(other) => panic!("accepted data {other}"),
    }
}
