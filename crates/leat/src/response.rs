//! The HTTP answer behind a result, for when the value alone is not enough: its status, its
//! headers (Leat's `X-RateLimit-*`, `X-Request-Id`) and its body exactly as it came.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::http::{Answer, REQUEST_ID};

/// The answer Leat sent, as it came.
///
/// ```no_run
/// # async fn run(client: leat::Client) -> leat::Result<()> {
/// let answer = client.webhook_subscriptions().list(Default::default()).with_response().await?;
/// println!("{} subscriptions, {:?} calls left", answer.data.len(), answer.raw.rate_limit().remaining);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RawResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

/// Leat's rate-limit headers, when it sent them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RateLimit {
    /// `X-RateLimit-Limit`: the calls allowed per window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: the calls left in this window.
    pub remaining: Option<u64>,
}

impl RateLimit {
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok())
        };
        RateLimit {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
        }
    }
}

impl RawResponse {
    pub(crate) fn from_answer(answer: Answer) -> Self {
        RawResponse {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The value of the header `name` (any case), when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every header whose value is text, names in lowercase, in the order received.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
    }

    /// The body, byte for byte.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The `X-Request-Id` header, to quote to Leat's support.
    pub fn request_id(&self) -> Option<&str> {
        self.header(REQUEST_ID)
    }

    /// The `X-RateLimit-Limit` and `X-RateLimit-Remaining` headers.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers().collect::<Vec<_>>())
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// A result together with the answer it was read from.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The result, as the call alone would return it.
    pub data: T,
    /// The answer behind it.
    pub raw: RawResponse,
}
