//! The event types and statuses the core knows, for the JavaScript `EventType` and `Status`
//! constants.

use napi_derive::napi;

/// Every event type the core knows, as Leat writes them.
#[napi]
pub fn known_event_types() -> Vec<String> {
    leat::EventType::KNOWN
        .iter()
        .map(|t| t.as_str().to_owned())
        .collect()
}

/// Every subscription status the core accepts as input.
#[napi]
pub fn known_statuses() -> Vec<String> {
    leat::Status::KNOWN
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect()
}
