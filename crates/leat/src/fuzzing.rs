//! Entry points for the fuzz targets in `fuzz/`: the parsers that read what the network
//! sends. Not part of the supported API.

use bytes::Bytes;
use reqwest::Method;

use crate::error::Result;
use crate::subscription::WebhookSubscription;
use crate::transport::{Answer, Body, Request};

fn request() -> Request {
    Request {
        method: Method::GET,
        path: "/fuzz".into(),
        query: Vec::new(),
        body: Body::None,
        idempotent: true,
    }
}

/// Decodes a list answer as `list` does.
pub fn decode_list(body: &[u8]) -> Result<Vec<WebhookSubscription>> {
    let answer = Answer {
        status: 200,
        body: Bytes::copy_from_slice(body),
    };
    crate::decode::data(&request(), &answer)
}

/// Decodes a single-subscription answer as `get` does.
pub fn decode_subscription(body: &[u8]) -> Result<WebhookSubscription> {
    let answer = Answer {
        status: 200,
        body: Bytes::copy_from_slice(body),
    };
    crate::decode::data(&request(), &answer)
}

/// Builds the error for an error answer as the transport does.
pub fn decode_error(status: u16, body: &[u8]) -> crate::ApiError {
    crate::decode::api_error(&request(), status, None, None, body)
}

/// Reads a `Retry-After` header value.
pub fn parse_retry_after(value: &str) -> Option<std::time::Duration> {
    crate::retry::parse_retry_after(value, std::time::SystemTime::UNIX_EPOCH)
}

/// Checks a uuid argument.
pub fn validate_uuid(value: &str) -> Result<()> {
    crate::validate::uuid(value)
}

/// Checks a url argument (through a create with otherwise valid fields).
pub fn validate_url(value: &str) -> Result<()> {
    crate::validate::create(&crate::CreateParams::new("n", "contact_created", value))
}

/// Parses a `created_at` value.
pub fn parse_datetime(value: &str) -> bool {
    crate::datetime::parse(value).is_ok()
}
