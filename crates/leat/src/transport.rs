//! Sending one call: attempts, retries, the whole-call deadline, size limits and per-attempt
//! logging. Knows HTTP, not webhook subscriptions nor Leat's error format: a call ends with
//! an [`Answer`] (a success, or the error answer of the last attempt) or an error of its own
//! (no answer, the deadline, an answer too large).

use std::error::Error as _;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use secrecy::{ExposeSecret, SecretString};
use tokio::time::Instant;
use url::Url;

use crate::clock;
use crate::decode;
use crate::error::{Error, Result};
use crate::http::{Answer, Body, Request};
use crate::proxy::Proxy;
use crate::redact::Redactor;
use crate::retry::{self, Failure};
use crate::tls::{self, TlsSettings};

/// Answers larger than this are refused rather than buffered.
pub(crate) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// How an attempt ended without an answer.
enum AttemptError {
    /// The connection could not be made or broke; `not_sent` when the request cannot have
    /// left.
    Network {
        not_sent: bool,
        message: String,
        source: reqwest::Error,
    },
    /// A failure that repeating cannot change.
    Fatal(Error),
}

/// How to reach Leat: what every connection pool of a client is built from.
pub(crate) struct HttpSettings {
    pub base_url: Url,
    pub connect_timeout: Duration,
    pub initial_backoff: Duration,
    pub partner_id: Option<String>,
    pub user_agent: String,
    pub tls: TlsSettings,
    pub proxy: Proxy,
}

/// The HTTP layer shared by every clone of a client: one connection pool.
pub(crate) struct Transport {
    http: reqwest::Client,
    /// The base URL as shown to users, without a trailing slash.
    base: String,
    /// The base URL parsed once; each call's URL is derived from it without re-parsing.
    base_url: url::Url,
    initial_backoff: Duration,
    /// What the client trusts, to explain a refused server certificate.
    trust: tls::Trust,
}

/// How long one call may take and how often it may be repeated.
pub(crate) struct Policy {
    /// The whole-call timeout, as configured (for the error that reports it).
    pub timeout: Duration,
    /// When the call's time is up.
    pub deadline: Instant,
    /// How many times a failed attempt may be repeated when that is safe.
    pub max_retries: u32,
}

impl Policy {
    /// A call starting now.
    pub(crate) fn starting_now(timeout: Duration, max_retries: u32) -> Self {
        Policy {
            timeout,
            deadline: clock::after(timeout),
            max_retries,
        }
    }
}

impl Transport {
    pub(crate) fn new(settings: &HttpSettings) -> Result<Self> {
        let (tls_config, trust) = tls::configure(&settings.tls)?;
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
        let mut http = reqwest::Client::builder();
        http = match &settings.proxy {
            Proxy::Environment { .. } => http,
            Proxy::Off => http.no_proxy(),
            Proxy::Given { url, .. } => http.proxy(
                reqwest::Proxy::all(url.as_str())
                    .map_err(|_| Error::config("the proxy URL was refused by the HTTP layer"))?,
            ),
        };
        let http = http
            .user_agent(settings.user_agent.as_str())
            .default_headers(headers)
            .connect_timeout(settings.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            // A redirect could carry the bearer token elsewhere; Leat's API does not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(tls_config)
            .build()
            .map_err(|err| Error::config(format!("could not set up HTTP: {err}")))?;
        Ok(Transport {
            http,
            base: settings.base_url.as_str().trim_end_matches('/').to_owned(),
            base_url: settings.base_url.clone(),
            initial_backoff: settings.initial_backoff,
            trust,
        })
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends `request` until it succeeds, fails in a way that must not be retried, runs out of
    /// `policy.max_retries`, or reaches `policy.deadline`. An error answer that ends the call is
    /// returned as an [`Answer`]; `redactor` scrubs what the server sent from the logs.
    pub(crate) async fn send(
        &self,
        request: &Request,
        bearer: Option<&SecretString>,
        policy: &Policy,
        redactor: &Redactor<'_>,
    ) -> Result<Answer> {
        let url = self.url(request);
        let log = Log { request, redactor };
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            let outcome =
                match tokio::time::timeout_at(policy.deadline, self.attempt(&url, request, bearer))
                    .await
                {
                    Ok(outcome) => outcome,
                    Err(_) => {
                        log.attempt(attempt, started, None, None, "timed out");
                        return Err(Error::Timeout {
                            method: request.method.to_string(),
                            path: request.path.clone(),
                            timeout: policy.timeout,
                            attempts: attempt,
                        });
                    }
                };
            let (failure, ended, wait) = match outcome {
                Ok(answer) if answer.is_success() => {
                    log.attempt(attempt, started, Some(&answer), None, "ok");
                    return Ok(answer);
                }
                Ok(answer) => {
                    log.attempt(attempt, started, Some(&answer), None, "error answer");
                    let wait = answer.retry_after();
                    (Failure::Status(answer.status), Ok(answer), wait)
                }
                Err(AttemptError::Network {
                    not_sent,
                    message,
                    source,
                }) => {
                    log.attempt(attempt, started, None, Some(&message), "no answer");
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
                        source: Some(Box::new(source)),
                    };
                    (failure, Err(error), None)
                }
                Err(AttemptError::Fatal(error)) => return Err(error),
            };
            if attempt > policy.max_retries || !retry::retryable(failure, request.idempotent) {
                return ended;
            }
            let wait = wait.unwrap_or_else(|| retry::backoff(self.initial_backoff, attempt));
            if clock::before(wait, policy.deadline).is_none() {
                tracing::debug!(target: "leat", method = %request.method, path = %request.path,
                    wait_ms = millis(wait), "not retrying: the wait would pass the timeout");
                return ended;
            }
            tracing::debug!(target: "leat", method = %request.method, path = %request.path,
                attempt, wait_ms = millis(wait), "retrying");
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
                .extend_pairs(request.query.iter().map(|(k, v)| (k.as_ref(), v.as_str())));
        }
        url
    }

    async fn attempt(
        &self,
        url: &url::Url,
        request: &Request,
        bearer: Option<&SecretString>,
    ) -> Result<Answer, AttemptError> {
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
        let mut response = builder
            .send()
            .await
            .map_err(|err| network_error(err, &self.trust, request))?;
        let status = response.status().as_u16();
        let too_large = |size: String| {
            AttemptError::Fatal(decode::failure(
                request,
                status,
                b"",
                "(body)".into(),
                format!("the answer is {size}, over the {MAX_BODY_BYTES}-byte limit"),
            ))
        };
        if let Some(length) = response.content_length() {
            if length > MAX_BODY_BYTES as u64 {
                return Err(too_large(format!("{length} bytes")));
            }
        }
        let headers = std::mem::take(response.headers_mut());
        let mut first: Option<Bytes> = None;
        let mut rest: Option<BytesMut> = None;
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| network_error(err, &self.trust, request))?
        {
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
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}

fn network_error(err: reqwest::Error, trust: &tls::Trust, request: &Request) -> AttemptError {
    let not_sent = err.is_connect();
    if let Some(message) = trust.explain(&err) {
        // A certificate refused now is refused on every retry: say so at once.
        return AttemptError::Fatal(Error::Connection {
            method: request.method.to_string(),
            path: request.path.clone(),
            message,
            maybe_sent: false,
            source: Some(Box::new(err)),
        });
    }
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
    AttemptError::Network {
        not_sent,
        message,
        source: err,
    }
}

/// Logs each attempt of one call, with what the server sent scrubbed of secrets.
struct Log<'a> {
    request: &'a Request,
    redactor: &'a Redactor<'a>,
}

impl Log<'_> {
    fn attempt(
        &self,
        attempt: u32,
        started: Instant,
        answer: Option<&Answer>,
        error: Option<&str>,
        outcome: &str,
    ) {
        // Field values are computed only when the event is wanted (by a subscriber, or by the
        // `log` crate when there is none), so the scrubbing costs nothing otherwise.
        tracing::debug!(
            target: "leat",
            method = %self.request.method,
            path = %self.request.path,
            attempt,
            status = answer.map(|a| a.status),
            elapsed_ms = millis(started.elapsed()),
            request_id = answer
                .and_then(|a| a.header(crate::http::REQUEST_ID))
                .map(|id| self.redactor.text(id))
                .as_deref(),
            error = error.map(|e| self.redactor.text(e)).as_deref(),
            "{outcome}"
        );
    }
}

/// Whole milliseconds, saturating.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
