//! The core's contract (`leat::contract`) for the JavaScript side: the error classes with their
//! parents and fields, the known event types and statuses, the subscription's fields. The
//! package builds its `EventType`/`Status` constants and its subscription objects from it, and
//! its tests check its error classes and types against it.

use napi_derive::napi;

/// The contract as JSON text: `{"error_classes": [...], "event_types": [...], ...}`.
#[napi(catch_unwind)]
pub fn contract() -> String {
    leat::contract::describe().to_string()
}

/// Every operation as JSON text, as `leat operations --json` lists them.
#[napi(catch_unwind)]
pub fn operations() -> String {
    leat::operation::listing().to_string()
}
