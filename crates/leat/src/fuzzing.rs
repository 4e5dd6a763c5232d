//! Entry points for the fuzz targets in `fuzz/`: the parsers that read what the network
//! sends. Not part of the supported API.

use bytes::Bytes;
use reqwest::Method;

use crate::error::Result;
use crate::from_json::FromJson;
use crate::http::{Answer, Request};
use crate::models::WebhookSubscription;

fn request() -> Request {
    Request::new(Method::GET, "/fuzz".into())
}

fn answer(status: u16, body: &[u8]) -> Answer {
    Answer {
        status,
        headers: reqwest::header::HeaderMap::new(),
        body: Bytes::copy_from_slice(body),
    }
}

/// The `data` of an answer read as a `T`, as every call reads it.
fn decode<T: FromJson>(body: &[u8]) -> Result<T> {
    let request = request();
    let answer = answer(200, body);
    let (data, _meta) = crate::decode::envelope(&request, &answer)?;
    T::from_json(&data).map_err(|err| {
        crate::decode::failure(
            &request,
            200,
            body,
            err.path_from("data"),
            err.message().to_owned(),
        )
    })
}

/// Decodes a list answer as `list` does.
pub fn decode_list(body: &[u8]) -> Result<Vec<WebhookSubscription>> {
    decode(body)
}

/// Decodes a single-subscription answer as `get` does.
pub fn decode_subscription(body: &[u8]) -> Result<WebhookSubscription> {
    decode(body)
}

/// Builds the error for an error answer as the transport does.
pub fn decode_error(status: u16, body: &[u8]) -> crate::ApiError {
    crate::decode::api_error(&request(), &answer(status, body))
}

/// Reads a `Retry-After` header value.
pub fn parse_retry_after(value: &str) -> Option<std::time::Duration> {
    crate::retry::parse_retry_after(value, std::time::SystemTime::UNIX_EPOCH)
}

/// Checks a uuid argument.
pub fn validate_uuid(value: &str) -> Result<()> {
    crate::validate::path_segment("uuid", value)
}

/// Checks a url argument (through a create with otherwise valid fields).
pub fn validate_url(value: &str) -> Result<()> {
    crate::validate::absolute_url("url", value)
}

/// Checks a base URL as the builder does: the URL requests go to, or the configuration error
/// (whose text is returned too, to check what it shows).
pub fn parse_base_url(value: &str) -> std::result::Result<url::Url, String> {
    crate::builder::parse_base_url(value).map_err(|err| err.to_string())
}

/// Parses a `created_at` value.
pub fn parse_datetime(value: &str) -> bool {
    crate::datetime::parse(value).is_ok()
}

/// A duration given as a host number (seconds, or milliseconds when `millis`), turned into
/// the deadline and retry instants the client computes from it: an error or an instant,
/// never a panic.
pub fn durations(value: f64, millis: bool) {
    let (unit, name) = if millis {
        (0.001, "milliseconds")
    } else {
        (1.0, "seconds")
    };
    if let Ok(duration) = crate::host::duration("timeout", value, unit, name) {
        let deadline = crate::clock::after(duration);
        let _ = crate::clock::before(duration, deadline);
        let _ = crate::clock::check_timeout("timeout", duration);
        let _ = crate::retry::backoff(duration, 3);
    }
    let _ = crate::host::count("max_retries", Some(value));
}
