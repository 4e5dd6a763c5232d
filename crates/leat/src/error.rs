//! The one error type every fallible call of this crate returns.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

pub use crate::contract_table::ApiErrorKind;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to Leat.
///
/// Each variant says what failed and with which value; none ever holds an API key, token or
/// webhook secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Leat answered, and the answer was an error.
    #[error(transparent)]
    Api(#[from] Box<ApiError>),

    /// No answer came back: the connection could not be made or broke.
    #[error("{method} {path} failed: could not reach Leat: {message}")]
    Connection {
        /// HTTP method of the call.
        method: String,
        /// Path of the call, without the host.
        path: String,
        /// What the network layer reported.
        message: String,
        /// `true` when the request may have reached Leat before the connection broke.
        maybe_sent: bool,
        /// The network layer's own error (its causes are in `message` too).
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// The call's whole-call timeout ran out (retries and waits included).
    #[error("{method} {path} timed out after {timeout:?} ({attempts} attempt(s))")]
    Timeout {
        /// HTTP method of the call.
        method: String,
        /// Path of the call, without the host.
        path: String,
        /// The timeout that ran out.
        timeout: Duration,
        /// Attempts started before the deadline.
        attempts: u32,
    },

    /// Leat's answer could not be understood.
    #[error("could not decode the answer to {method} {path} (HTTP {status}) at `{field}`: {message}; body starts: {body_snippet}")]
    Decode {
        /// HTTP method of the call.
        method: String,
        /// Path of the call, without the host.
        path: String,
        /// HTTP status of the answer.
        status: u16,
        /// Where in the answer decoding failed, e.g. `data[1].created_at`.
        field: String,
        /// Why it failed.
        message: String,
        /// At most ~500 bytes of the answer's body.
        body_snippet: String,
    },

    /// An argument was rejected before anything was sent.
    #[error("invalid argument `{argument}`: {message}")]
    #[non_exhaustive]
    InvalidArgument {
        /// Name of the argument, as the caller's language names it (e.g. `url`, `eventType`).
        argument: String,
        /// What is wrong with it and what to do.
        message: String,
        /// Whether the value was of the wrong type (a number for a string, say), rather than
        /// of the right type with a wrong value. Python raises `TypeError` for these.
        wrong_type: bool,
    },

    /// The client could not be built from the configuration given.
    #[error("invalid configuration: {message}")]
    Config {
        /// What is wrong and what to do.
        message: String,
    },
}

impl Error {
    /// An argument refused before anything was sent: what a binding reports when a value
    /// cannot even be converted.
    pub fn invalid_argument(argument: &str, message: impl Into<String>) -> Self {
        Error::InvalidArgument {
            argument: argument.to_owned(),
            message: message.into(),
            wrong_type: false,
        }
    }

    /// An argument of the wrong type (Python raises `TypeError` for these).
    pub fn argument_type(argument: &str, message: impl Into<String>) -> Self {
        Error::InvalidArgument {
            argument: argument.to_owned(),
            message: message.into(),
            wrong_type: true,
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// The name of this error's class in the Python and Node packages (the contract's error
    /// table), e.g. `NotFoundError`, `APITimeoutError`, `ValidationError`.
    pub fn class_name(&self) -> &'static str {
        match self {
            Error::Api(api) => api.kind.class_name(),
            Error::Connection { .. } => "APIConnectionError",
            Error::Timeout { .. } => "APITimeoutError",
            Error::Decode { .. } => "ResponseDecodeError",
            Error::InvalidArgument { .. } => "ValidationError",
            Error::Config { .. } => "ConfigurationError",
        }
    }

    /// The API error, when Leat answered with one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }
}

impl From<ApiError> for Error {
    fn from(err: ApiError) -> Self {
        Error::Api(Box::new(err))
    }
}

impl ApiErrorKind {
    /// Leat's code for "invalid input".
    pub const CODE_INVALID_INPUT: i64 = 1003;
    /// Leat's code for "webhook subscription not found".
    pub const CODE_NOT_FOUND: i64 = 80300;

    /// Classifies an error answer: Leat's body `code` wins over the HTTP status, because Leat
    /// answers HTTP 400 for most errors. A code the contract does not list is classified by
    /// its status.
    pub fn classify(status: u16, code: Option<i64>) -> Self {
        code.and_then(Self::for_code)
            .unwrap_or_else(|| Self::for_status(status))
    }
}

/// An error answer from Leat.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The class of error.
    pub kind: ApiErrorKind,
    /// HTTP status of the answer.
    pub status: u16,
    /// Leat's error code from the body, when it sent one.
    pub code: Option<i64>,
    /// Leat's message, or a description of the status when the body had none.
    pub message: String,
    /// Field -> messages, from the body's `errors`; empty when none.
    pub errors: BTreeMap<String, Vec<String>>,
    /// The `X-Request-Id` answer header, to quote to Leat's support.
    pub request_id: Option<String>,
    /// How long Leat asked to wait (`Retry-After`), on rate limits and maintenance.
    pub retry_after: Option<Duration>,
    /// HTTP method of the call.
    pub method: String,
    /// Path of the call, without the host.
    pub path: String,
    /// The answer's headers, names in lowercase, in the order received (values scrubbed of
    /// the call's secrets).
    pub headers: Vec<(String, String)>,
    /// The answer's body as it came, with the call's secrets scrubbed out.
    pub body: bytes::Bytes,
    /// The `X-RateLimit-Limit` header, when sent.
    pub rate_limit_limit: Option<u64>,
    /// The `X-RateLimit-Remaining` header, when sent.
    pub rate_limit_remaining: Option<u64>,
}

impl ApiError {
    /// The value of the header `name` (lowercase), when Leat sent it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} failed: Leat answered HTTP {}",
            self.method, self.path, self.status
        )?;
        if let Some(code) = self.code {
            write!(f, " (code {code})")?;
        }
        write!(f, ": {}", self.message)?;
        for (field, messages) in &self.errors {
            write!(f, "; {field}: {}", messages.join(" "))?;
        }
        if let Some(after) = self.retry_after {
            write!(f, "; retry after {}s", after.as_secs_f64())?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
