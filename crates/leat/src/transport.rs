//! Sending one call: attempts, retries, the whole-call deadline, size limits and per-attempt
//! logging. Knows HTTP, not webhook subscriptions.

use std::error::Error as _;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use tokio::time::Instant;

use crate::config::Settings;
use crate::decode;
use crate::error::{Error, Result};
use crate::retry::{self, Failure};

/// Answers larger than this are refused rather than buffered.
pub(crate) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// The answer header carrying Leat's request id.
const REQUEST_ID: &str = "x-request-id";

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
}

/// A 2xx answer.
pub(crate) struct Answer {
    pub status: u16,
    pub body: Bytes,
}

/// An answer of any status, as one attempt received it.
struct Received {
    status: u16,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    body: Bytes,
}

/// How an attempt ended without an answer.
enum AttemptError {
    Network { not_sent: bool, message: String },
    Fatal(Error),
}

/// The HTTP layer shared by every clone of a client: one connection pool.
pub(crate) struct Transport {
    http: reqwest::Client,
    /// The base URL as shown to users, without a trailing slash.
    base: String,
    /// The base URL parsed once; each call's URL is derived from it without re-parsing.
    base_url: url::Url,
    timeout: Duration,
    max_retries: u32,
    initial_backoff: Duration,
}

impl Transport {
    pub(crate) fn new(settings: &Settings) -> Result<Self> {
        // reqwest is built without a bundled crypto provider; use ring unless the
        // application installed another one already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(partner) = &settings.partner_id {
            let value = HeaderValue::from_str(partner).map_err(|_| {
                Error::config(format!(
                    "partner_id {partner:?} is not a valid header value"
                ))
            })?;
            headers.insert("x-partner-id", value);
        }
        let http = reqwest::Client::builder()
            .user_agent(settings.user_agent.as_str())
            .default_headers(headers)
            .connect_timeout(settings.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            // A redirect could carry the bearer token elsewhere; Leat's API does not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| Error::config(format!("could not set up HTTP: {err}")))?;
        Ok(Transport {
            http,
            base: settings.base_url.as_str().trim_end_matches('/').to_owned(),
            base_url: settings.base_url.clone(),
            timeout: settings.timeout,
            max_retries: settings.max_retries,
            initial_backoff: settings.initial_backoff,
        })
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.base
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends `request` until it succeeds, fails in a way that must not be retried, runs out of
    /// retries, or reaches `deadline`.
    pub(crate) async fn send(
        &self,
        request: &Request,
        bearer: Option<&SecretString>,
        deadline: Instant,
    ) -> Result<Answer> {
        let url = self.url(request);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            let outcome = match tokio::time::timeout_at(
                deadline,
                self.attempt(&url, request, bearer),
            )
            .await
            {
                Ok(outcome) => outcome,
                Err(_) => {
                    log_attempt(request, attempt, started, None, None, "timed out");
                    return Err(Error::Timeout {
                        method: request.method.to_string(),
                        path: request.path.clone(),
                        timeout: self.timeout,
                        attempts: attempt,
                    });
                }
            };
            let (failure, error, wait) = match outcome {
                Ok(received) if (200..300).contains(&received.status) => {
                    log_attempt(request, attempt, started, Some(&received), None, "ok");
                    return Ok(Answer {
                        status: received.status,
                        body: received.body,
                    });
                }
                Ok(received) => {
                    log_attempt(
                        request,
                        attempt,
                        started,
                        Some(&received),
                        None,
                        "error answer",
                    );
                    let error = decode::api_error(
                        request,
                        received.status,
                        received.request_id,
                        received.retry_after,
                        &received.body,
                    );
                    (
                        Failure::Status(error.status),
                        Error::from(error),
                        received.retry_after,
                    )
                }
                Err(AttemptError::Network { not_sent, message }) => {
                    log_attempt(request, attempt, started, None, Some(&message), "no answer");
                    let failure = if not_sent {
                        Failure::NotSent
                    } else {
                        Failure::MaybeSent
                    };
                    let error = Error::Connection {
                        method: request.method.to_string(),
                        path: request.path.clone(),
                        message,
                        maybe_sent: !not_sent,
                    };
                    (failure, error, None)
                }
                Err(AttemptError::Fatal(error)) => return Err(error),
            };
            if attempt > self.max_retries || !retry::retryable(failure, request.idempotent) {
                return Err(error);
            }
            let wait = wait.unwrap_or_else(|| retry::backoff(self.initial_backoff, attempt));
            if Instant::now() + wait >= deadline {
                tracing::debug!(target: "leat", method = %request.method, path = %request.path,
                    wait_ms = wait.as_millis() as u64, "not retrying: the wait would pass the timeout");
                return Err(error);
            }
            tracing::debug!(target: "leat", method = %request.method, path = %request.path,
                attempt, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// The call's URL: the base URL's path with the request's path appended, and the query.
    fn url(&self, request: &Request) -> url::Url {
        let mut url = self.base_url.clone();
        let path = format!(
            "{}{}",
            self.base_url.path().trim_end_matches('/'),
            request.path
        );
        url.set_path(&path);
        if !request.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(request.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    async fn attempt(
        &self,
        url: &url::Url,
        request: &Request,
        bearer: Option<&SecretString>,
    ) -> Result<Received, AttemptError> {
        let mut builder = self.http.request(request.method.clone(), url.clone());
        if let Some(token) = bearer {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
                .map_err(|_| {
                    AttemptError::Fatal(Error::config(
                        "the API key or token holds characters that cannot be sent in a header",
                    ))
                })?;
            value.set_sensitive(true);
            builder = builder.header(AUTHORIZATION, value);
        }
        builder = match &request.body {
            Body::None => builder,
            Body::Json(bytes) => builder
                .header(CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
            Body::Form(bytes) => builder
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(bytes.clone()),
        };
        let mut response = builder.send().await.map_err(network_error)?;
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let retry_after = retry::retry_after(response.headers());
        let too_large = |size: String| {
            AttemptError::Fatal(Error::Decode {
                method: request.method.to_string(),
                path: request.path.clone(),
                status,
                field: "(body)".into(),
                message: format!("the answer is {size}, over the {MAX_BODY_BYTES}-byte limit"),
                body_snippet: String::new(),
            })
        };
        if let Some(length) = response.content_length() {
            if length > MAX_BODY_BYTES as u64 {
                return Err(too_large(format!("{length} bytes")));
            }
        }
        let mut first: Option<Bytes> = None;
        let mut rest: Option<BytesMut> = None;
        while let Some(chunk) = response.chunk().await.map_err(network_error)? {
            let held =
                first.as_ref().map_or(0, Bytes::len) + rest.as_ref().map_or(0, BytesMut::len);
            if held + chunk.len() > MAX_BODY_BYTES {
                return Err(too_large("larger".into()));
            }
            match (&first, &mut rest) {
                (None, _) => first = Some(chunk),
                (Some(head), None) => {
                    let mut joined = BytesMut::with_capacity(head.len() + chunk.len());
                    joined.extend_from_slice(head);
                    joined.extend_from_slice(&chunk);
                    rest = Some(joined);
                }
                (Some(_), Some(joined)) => joined.extend_from_slice(&chunk),
            }
        }
        let body = match (first, rest) {
            (_, Some(joined)) => joined.freeze(),
            (Some(only), None) => only,
            (None, None) => Bytes::new(),
        };
        Ok(Received {
            status,
            request_id,
            retry_after,
            body,
        })
    }
}

fn network_error(err: reqwest::Error) -> AttemptError {
    let not_sent = err.is_connect();
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    AttemptError::Network { not_sent, message }
}

fn log_attempt(
    request: &Request,
    attempt: u32,
    started: Instant,
    received: Option<&Received>,
    error: Option<&str>,
    outcome: &str,
) {
    tracing::debug!(
        target: "leat",
        method = %request.method,
        path = %request.path,
        attempt,
        status = received.map(|r| r.status),
        elapsed_ms = started.elapsed().as_millis() as u64,
        request_id = received.and_then(|r| r.request_id.as_deref()),
        error,
        "{outcome}"
    );
}
