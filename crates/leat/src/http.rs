//! What one call sends and what comes back, as plain data: the leaf every other module
//! shares (the transport sends a [`Request`] and returns an [`Answer`]; decoding reads them).

use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use secrecy::SecretString;

/// A request body, already encoded.
pub(crate) enum Body {
    None,
    Json(Bytes),
    Form(Bytes),
}

/// One call to make, before authentication.
pub(crate) struct Request {
    pub method: Method,
    /// The path below the base URL, starting with `/`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: Body,
    /// `true` when sending it twice cannot do anything twice.
    pub idempotent: bool,
    /// Secrets the body carries (a subscription's webhook secret, a client secret): scrubbed
    /// from anything the server sends back.
    pub secrets: Vec<SecretString>,
}

impl Request {
    /// A call without a body.
    pub(crate) fn new(method: Method, path: String) -> Self {
        Request {
            idempotent: crate::retry::is_idempotent(&method),
            method,
            path,
            query: Vec::new(),
            body: Body::None,
            secrets: Vec::new(),
        }
    }
}

/// The answer a call ended with: a success, or the error answer of its last attempt.
pub(crate) struct Answer {
    pub status: u16,
    /// The `X-Request-Id` answer header.
    pub request_id: Option<String>,
    /// The wait the `Retry-After` header asked for.
    pub retry_after: Option<Duration>,
    pub body: Bytes,
}

impl Answer {
    /// `true` for a 2xx status.
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
