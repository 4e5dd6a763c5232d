//! The client's behaviour against `leat-mock`, one behaviour per test. One binary, so the
//! suite links once.

mod common;

mod configuration;
mod conformance;
mod decoding;
mod error_codes;
mod errors;
mod loyalty_flow;
mod oauth;
mod operations;
mod pages;
mod proxy;
mod raw_responses;
mod retries;
mod secrets;
mod timeouts;
mod tls;
mod validation;
mod webhook_events;
mod webhooks;
