//! The client's behaviour against `leat-mock`, one behaviour per test. One binary, so the
//! suite links once.

mod common;

mod configuration;
mod decoding;
mod errors;
mod oauth;
mod operations;
mod proxy;
mod retries;
mod secrets;
mod timeouts;
mod tls;
mod validation;
mod webhooks;
