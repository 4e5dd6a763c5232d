//! The one error type every fallible call of this crate returns.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

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
    InvalidArgument {
        /// Name of the argument, as in the API docs (e.g. `url`, `uuid`).
        argument: String,
        /// What is wrong with it and what to do.
        message: String,
    },

    /// The client could not be built from the configuration given.
    #[error("invalid configuration: {message}")]
    Config {
        /// What is wrong and what to do.
        message: String,
    },
}

impl Error {
    pub(crate) fn invalid_argument(argument: &str, message: impl Into<String>) -> Self {
        Error::InvalidArgument {
            argument: argument.to_owned(),
            message: message.into(),
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
            Error::Api(api) => match api.kind {
                ApiErrorKind::NotFound => "NotFoundError",
                ApiErrorKind::InvalidInput => "InvalidInputError",
                ApiErrorKind::Authentication => "AuthenticationError",
                ApiErrorKind::PermissionDenied => "PermissionDeniedError",
                ApiErrorKind::RateLimited => "RateLimitError",
                ApiErrorKind::Maintenance => "MaintenanceError",
                ApiErrorKind::Server => "ServerError",
                ApiErrorKind::Other => "APIError",
            },
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

/// What kind of error Leat answered, from its `code` first and the HTTP status second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// Code 80300 or HTTP 404: the resource does not exist.
    NotFound,
    /// Code 1003 or HTTP 422: Leat rejected the input; see [`ApiError::errors`].
    InvalidInput,
    /// HTTP 401: the key or token was refused.
    Authentication,
    /// HTTP 403: the credentials may not do this.
    PermissionDenied,
    /// HTTP 429: too many requests; see [`ApiError::retry_after`].
    RateLimited,
    /// HTTP 503: Leat is in maintenance mode.
    Maintenance,
    /// Any other 5xx.
    Server,
    /// Any other error answer.
    Other,
}

impl ApiErrorKind {
    /// Leat's code for "invalid input".
    pub const CODE_INVALID_INPUT: i64 = 1003;
    /// Leat's code for "webhook subscription not found".
    pub const CODE_NOT_FOUND: i64 = 80300;

    /// Classifies an error answer: Leat's body `code` wins over the HTTP status, because Leat
    /// answers HTTP 400 for most errors.
    pub fn classify(status: u16, code: Option<i64>) -> Self {
        match code {
            Some(Self::CODE_NOT_FOUND) => return ApiErrorKind::NotFound,
            Some(Self::CODE_INVALID_INPUT) => return ApiErrorKind::InvalidInput,
            _ => {}
        }
        match status {
            401 => ApiErrorKind::Authentication,
            403 => ApiErrorKind::PermissionDenied,
            404 => ApiErrorKind::NotFound,
            422 => ApiErrorKind::InvalidInput,
            429 => ApiErrorKind::RateLimited,
            503 => ApiErrorKind::Maintenance,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        }
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
