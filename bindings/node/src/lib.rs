//! The native addon of the `leat-sdk` npm package. It converts arguments and results and maps
//! errors; every behaviour (validation, retries, timeouts, OAuth, decoding, error
//! classification) lives in the `leat` crate.
//!
//! Values cross the boundary as JSON text, one string each way: JavaScript sends each argument
//! as `JSON.stringify(value)`, and every call answers an envelope, `{"ok": value}` or
//! `{"error": {...}}`, that the JavaScript side parses once. Building objects property by
//! property through Node-API is several times slower than `JSON.parse`.

// napi-derive registers exports only outside `cfg(test)`, so unit tests see them as unused.
#![cfg_attr(test, allow(dead_code))]

mod cli;
mod client;
mod contract;
mod errors;
mod hot_path;
mod json;
mod logging;
mod mock;
mod operations;
mod test_hooks;
mod webhooks;

pub(crate) use hot_path::{calls, runtime};

#[napi_derive::module_init]
fn init() {
    logging::install();
}
