//! `leat webhooks send`: POST a signed delivery to a receiver the way Leat does, repeating
//! it with growing waits when asked, and show what the receiver answered.

use std::time::{Duration, Instant};

use leat::EventType;
use reqwest::header::{CONTENT_TYPE, USER_AGENT};
use serde_json::{json, Value};

use crate::cli::SendArgs;
use crate::exit::Failure;
use crate::output::{one_line, paint, style, Output};
use crate::verify::ENV_WEBHOOK_SECRET;
use crate::{input, payload_bytes, sample_data};

/// The most of a receiver's answer that is read and shown.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// How one attempt ended.
enum Outcome {
    /// The receiver answered.
    Answered {
        status: reqwest::StatusCode,
        body: String,
    },
    /// No answer: the connection failed or the attempt timed out.
    Failed { message: String },
}

impl Outcome {
    fn accepted(&self) -> bool {
        matches!(self, Outcome::Answered { status, .. } if status.is_success())
    }

    fn describe(&self) -> String {
        match self {
            Outcome::Answered { status, .. } => format!("HTTP {status}"),
            Outcome::Failed { message } => message.clone(),
        }
    }
}

/// One attempt, as reported.
struct Attempt {
    outcome: Outcome,
    elapsed: Duration,
}

/// Signs and sends the delivery; exit status 0 when the receiver finally answered 2xx.
pub(crate) async fn run(args: SendArgs, out: &Output) -> Result<(), Failure> {
    let secret = signing_secret(args.secret.as_deref())?;
    let event_type = args.event_type.trim().to_owned();
    if event_type.is_empty() {
        return Err(Failure::usage(
            "--event-type must not be empty; give e.g. contact_created",
        ));
    }
    let url = receiver_url(&args.url)?;
    let data = match &args.data {
        Some(text) => input::data_argument(text).await?,
        None => sample_data(&EventType::from(event_type.as_str())).ok_or_else(|| {
            Failure::usage(format!(
                "there is no sample data for the event type {event_type:?}, which this version \
                 does not know; give the data with --data JSON"
            ))
        })?,
    };
    let body = payload_bytes(&event_type, &data);
    let signature = leat::webhooks::sign(&body, &secret);
    let http = http_client(args.timeout)?;

    if !out.is_json() {
        out.line(&format!(
            "POST {} ({event_type}, {} bytes)",
            one_line(url.as_str()),
            body.len()
        ));
        out.line(&format!("  payload    {}", String::from_utf8_lossy(&body)));
        out.line(&format!("  Signature  {signature}"));
    }
    let tries = args.retries + 1;
    let mut attempts: Vec<Attempt> = Vec::new();
    for number in 1..=tries {
        let started = Instant::now();
        let outcome = post(&http, &url, &body, &signature).await;
        let attempt = Attempt {
            elapsed: started.elapsed(),
            outcome,
        };
        let wait = (number < tries && !attempt.outcome.accepted())
            .then(|| args.backoff.saturating_mul(1 << (number - 1)));
        if !out.is_json() {
            out.line(&attempt_line(number, &attempt, wait));
        }
        attempts.push(attempt);
        match wait {
            Some(wait) => tokio::time::sleep(wait).await,
            None => break,
        }
    }
    let last = attempts.last().expect("at least one attempt is made");
    if out.is_json() {
        out.json(&document(
            url.as_str(),
            &event_type,
            &signature,
            &body,
            &attempts,
        ));
    } else if let Outcome::Answered { body, .. } = &last.outcome {
        out.line("answer:");
        out.line(&printable(body.trim_end()));
    }
    let count = attempts.len();
    match &last.outcome {
        outcome if outcome.accepted() => Ok(()),
        Outcome::Answered { status, .. } => Err(Failure::delivery(format!(
            "the receiver at {url} answered HTTP {status} (attempt {count} of {tries}); Leat \
             counts only a 2xx answer as delivered"
        ))),
        Outcome::Failed { message } => Err(Failure::unreachable(format!(
            "could not deliver to {url} (attempt {count} of {tries}): {message}"
        ))),
    }
}

/// The secret from `--secret`, else `LEAT_WEBHOOK_SECRET` when it holds exactly one.
fn signing_secret(flag: Option<&str>) -> Result<String, Failure> {
    if let Some(secret) = flag {
        if secret.is_empty() {
            return Err(Failure::usage("--secret must not be empty"));
        }
        return Ok(secret.to_owned());
    }
    match crate::client::env_var(ENV_WEBHOOK_SECRET) {
        Some(value) if value.contains(',') => Err(Failure::usage(format!(
            "{ENV_WEBHOOK_SECRET} holds several secrets (separated by commas); give the one to \
             sign with as --secret"
        ))),
        Some(value) => Ok(value),
        None => Err(Failure::usage(format!(
            "no secret to sign with: give --secret or set {ENV_WEBHOOK_SECRET} (for `leat mock`, \
             the webhook_secret it prints, or the secret the subscription was created with)"
        ))),
    }
}

/// An absolute http(s) URL.
fn receiver_url(text: &str) -> Result<reqwest::Url, Failure> {
    let bad = |why: String| {
        Failure::usage(format!(
            "the receiver URL {text:?} is not an absolute http(s) URL ({why}); give e.g. \
             http://localhost:3000/webhooks"
        ))
    };
    let url = reqwest::Url::parse(text.trim()).map_err(|err| bad(err.to_string()))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url),
        "http" | "https" => Err(bad("it has no host".into())),
        other => Err(bad(format!("scheme {other:?}"))),
    }
}

/// A client for deliveries: no redirects (Leat does not follow them), `timeout` per attempt.
fn http_client(timeout: Duration) -> Result<reqwest::Client, Failure> {
    // reqwest is built without a bundled crypto provider; use ring unless one is installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .build()
        .map_err(|err| Failure::general(format!("could not set up HTTP: {err}")))
}

async fn post(http: &reqwest::Client, url: &reqwest::Url, body: &[u8], signature: &str) -> Outcome {
    let sent = http
        .post(url.clone())
        .header(CONTENT_TYPE, "application/json")
        .header(USER_AGENT, concat!("leat-cli/", env!("CARGO_PKG_VERSION")))
        .header(leat::webhooks::SIGNATURE_HEADER, signature)
        .body(body.to_vec())
        .send()
        .await;
    let mut response = match sent {
        Ok(response) => response,
        Err(err) => {
            return Outcome::Failed {
                message: describe(&err),
            }
        }
    };
    let status = response.status();
    let mut answer = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_ANSWER_BYTES - answer.len();
                answer.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if answer.len() == MAX_ANSWER_BYTES {
                    break;
                }
            }
            Ok(None) => break,
            Err(err) => {
                return Outcome::Failed {
                    message: format!("the answer broke off: {}", describe(&err)),
                }
            }
        }
    }
    Outcome::Answered {
        status,
        body: String::from_utf8_lossy(&answer).into_owned(),
    }
}

/// A reqwest error by its innermost cause, which holds the useful part ("Connection
/// refused (os error 111)"); reqwest's own message only says that sending failed.
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "no answer in time (see --timeout)".into();
    }
    let mut innermost: &dyn std::error::Error = err;
    while let Some(cause) = innermost.source() {
        innermost = cause;
    }
    let what = if err.is_connect() {
        "could not connect"
    } else {
        "the request failed"
    };
    format!("{what}: {innermost}")
}

fn attempt_line(number: u32, attempt: &Attempt, wait: Option<Duration>) -> String {
    let result = attempt.outcome.describe();
    let result = if attempt.outcome.accepted() {
        paint(style::GOOD, &result)
    } else {
        paint(style::BAD, &one_line(&result))
    };
    let mut line = format!(
        "attempt {number}: {result} in {} ms",
        attempt.elapsed.as_millis()
    );
    if let Some(wait) = wait {
        line.push_str(&format!("; retrying in {:.1} s", wait.as_secs_f64()));
    }
    line
}

/// The receiver's answer for a terminal: line breaks kept, other control characters escaped.
fn printable(text: &str) -> String {
    text.split('\n')
        .map(|line| one_line(line.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("\n")
}

fn document(
    url: &str,
    event_type: &str,
    signature: &str,
    body: &[u8],
    attempts: &[Attempt],
) -> Value {
    let last = attempts.last();
    let (status, answer) = match last.map(|a| &a.outcome) {
        Some(Outcome::Answered { status, body }) => (Some(status.as_u16()), Some(body.clone())),
        _ => (None, None),
    };
    let attempts_json: Vec<Value> = attempts
        .iter()
        .zip(1..)
        .map(
            |(attempt, number): (&Attempt, u32)| match &attempt.outcome {
                Outcome::Answered { status, .. } => json!({
                    "attempt": number,
                    "status": status.as_u16(),
                    "elapsed_ms": attempt.elapsed.as_millis() as u64,
                }),
                Outcome::Failed { message } => json!({
                    "attempt": number,
                    "status": null,
                    "error": message,
                    "elapsed_ms": attempt.elapsed.as_millis() as u64,
                }),
            },
        )
        .collect();
    json!({
        "url": url,
        "event_type": event_type,
        "signature": signature,
        "payload": String::from_utf8_lossy(body),
        "delivered": last.is_some_and(|a| a.outcome.accepted()),
        "status": status,
        "response_body": answer,
        "attempts": attempts_json,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receiver_url_must_be_absolute_http() {
        assert!(receiver_url("http://localhost:3000/hooks").is_ok());
        assert!(receiver_url("https://example.com").is_ok());
        for bad in ["localhost:3000", "ftp://example.com", "/hooks", ""] {
            let failure = receiver_url(bad).unwrap_err();
            assert_eq!(failure.status, crate::exit::ExitStatus::Usage, "{bad}");
        }
    }

    #[test]
    fn a_flag_secret_wins_and_must_not_be_empty() {
        assert_eq!(signing_secret(Some("whsec_1")).unwrap(), "whsec_1");
        assert!(signing_secret(Some("")).is_err());
    }
}
