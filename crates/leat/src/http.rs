//! What one call sends and what comes back, as plain data: the leaf every other module
//! shares (the transport sends a [`Request`] and returns an [`Answer`]; decoding reads them).

use std::borrow::Cow;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::Method;
use secrecy::SecretString;

/// A request body, already encoded.
pub(crate) enum Body {
    None,
    Json(Bytes),
    #[allow(dead_code)] // The OAuth token request is a form; no operation sends one.
    Form(Bytes),
}

/// One call to make, before authentication.
pub(crate) struct Request {
    pub method: Method,
    /// The path below the base URL, starting with `/`.
    pub path: String,
    pub query: Vec<(Cow<'static, str>, String)>,
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
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// The answer header carrying Leat's request id.
pub(crate) const REQUEST_ID: &str = "x-request-id";

impl Answer {
    /// `true` for a 2xx status.
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The value of header `name` (lowercase), when it is text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `X-Request-Id` header.
    pub(crate) fn request_id(&self) -> Option<String> {
        self.header(REQUEST_ID).map(str::to_owned)
    }

    /// The wait the `Retry-After` header asked for.
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        crate::retry::retry_after(&self.headers)
    }
}
