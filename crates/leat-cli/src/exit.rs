//! How a command failed and which exit status says so: the one place that turns the core's
//! errors, webhook verification failures and bad input into what the user sees.

use std::collections::BTreeMap;

use leat::webhooks::WebhookError;
use serde::Serialize;

use crate::signals::Stop;

/// The exit statuses of `leat`, as documented in `--help` and the README.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Everything worked.
    Success,
    /// Leat answered with an error, its answer could not be understood, a signature did not
    /// verify, or a receiver did not accept a delivery.
    Failure,
    /// Bad arguments or input, caught before anything was sent.
    Usage,
    /// Leat or the receiver could not be reached, or did not answer in time.
    Connection,
    /// Stopped by Ctrl-C or SIGTERM.
    Stopped(Stop),
    /// A bug in `leat` (a panic).
    Bug,
}

impl ExitStatus {
    /// The number the process exits with.
    pub fn code(self) -> i32 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Connection => 3,
            ExitStatus::Stopped(stop) => stop.exit_code(),
            ExitStatus::Bug => 101,
        }
    }
}

/// Why a command failed: printed to stderr (as text, or as JSON with `--output json`) and
/// turned into the exit status.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The exit status it leads to.
    pub status: ExitStatus,
    /// What is printed and, with `--output json`, the `error` object (boxed: a failure
    /// travels in every `Result` of the CLI).
    pub report: Box<ErrorReport>,
}

/// A failure as `--output json` prints it: `{"error": {...}}` on stderr. The API fields use
/// the names Leat's own error bodies use (`message`, `code`, `status_code`, `errors`).
#[derive(Debug, Serialize)]
pub(crate) struct ErrorReport {
    /// The error's class in the SDK (`NotFoundError`, `APIConnectionError`, ...), or
    /// `UsageError` / `SignatureVerificationError` / `DeliveryError` for the CLI's own.
    pub class: &'static str,
    /// The whole description: what failed, with which value, and what to do.
    pub description: String,
    /// Leat's own message for API errors; the description otherwise.
    pub message: String,
    /// Leat's error code, when it sent one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// The HTTP status of Leat's answer, for API errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// Field -> messages, for API errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
    /// The `X-Request-Id` of Leat's answer, to quote to Leat's support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The kind of webhook verification failure (`signature_mismatch`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

impl Failure {
    fn new(status: ExitStatus, class: &'static str, description: String) -> Failure {
        Failure {
            status,
            report: Box::new(ErrorReport {
                class,
                message: description.clone(),
                description,
                code: None,
                status_code: None,
                errors: None,
                request_id: None,
                reason: None,
            }),
        }
    }

    /// Bad arguments or input, found before anything was sent (exit status 2).
    pub fn usage(description: impl Into<String>) -> Failure {
        Failure::new(ExitStatus::Usage, "UsageError", description.into())
    }

    /// A failure that is neither usage nor connection (exit status 1).
    pub fn general(description: impl Into<String>) -> Failure {
        Failure::new(ExitStatus::Failure, "Error", description.into())
    }

    /// A receiver that did not accept a delivery (exit status 1).
    pub fn delivery(description: impl Into<String>) -> Failure {
        Failure::new(ExitStatus::Failure, "DeliveryError", description.into())
    }

    /// A receiver that could not be reached or did not answer in time (exit status 3).
    pub fn unreachable(description: impl Into<String>) -> Failure {
        Failure::new(ExitStatus::Connection, "DeliveryError", description.into())
    }

    /// A command stopped by a signal before it finished.
    pub fn stopped(stop: Stop) -> Failure {
        let what = match stop {
            Stop::Interrupt => "interrupted (Ctrl-C)",
            Stop::Terminate => "terminated (SIGTERM)",
        };
        Failure::new(
            ExitStatus::Stopped(stop),
            "Error",
            format!(
                "{what} before it finished; an interrupted `subscriptions apply` is finished by \
                 running it again"
            ),
        )
    }

    /// Adds advice after the description.
    pub fn hint(mut self, hint: &str) -> Failure {
        let joined = |text: &mut String| {
            text.push_str("; ");
            text.push_str(hint);
        };
        if self.report.message == self.report.description {
            joined(&mut self.report.message);
        }
        joined(&mut self.report.description);
        self
    }

    /// The text printed after `error: `.
    pub fn text(&self) -> String {
        match self.report.class {
            "UsageError" | "Error" | "DeliveryError" => self.report.description.clone(),
            class => match self.report.reason {
                Some(reason) => format!("{class} ({reason}): {}", self.report.description),
                None => format!("{class}: {}", self.report.description),
            },
        }
    }
}

impl From<leat::Error> for Failure {
    /// The core already classified the error; this only picks the exit status for its kind.
    fn from(err: leat::Error) -> Failure {
        let status = match &err {
            leat::Error::Connection { .. } | leat::Error::Timeout { .. } => ExitStatus::Connection,
            leat::Error::InvalidArgument { .. } | leat::Error::Config { .. } => ExitStatus::Usage,
            _ => ExitStatus::Failure,
        };
        let mut failure = Failure::new(status, err.class_name(), err.to_string());
        if let Some(api) = err.as_api() {
            let report = &mut failure.report;
            report.message = api.message.clone();
            report.code = api.code;
            report.status_code = Some(api.status);
            report.errors = Some(api.errors.clone());
            report.request_id = api.request_id.clone();
        }
        failure
    }
}

impl From<WebhookError> for Failure {
    fn from(err: WebhookError) -> Failure {
        let mut failure = Failure::new(
            ExitStatus::Failure,
            "SignatureVerificationError",
            err.to_string(),
        );
        failure.report.reason = Some(err.kind());
        failure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_the_documented_numbers() {
        let codes: Vec<i32> = [
            ExitStatus::Success,
            ExitStatus::Failure,
            ExitStatus::Usage,
            ExitStatus::Connection,
        ]
        .map(ExitStatus::code)
        .to_vec();
        assert_eq!(codes, [0, 1, 2, 3]);
    }

    #[test]
    fn a_hint_follows_the_description() {
        let failure = Failure::usage("no secret").hint("pass --secret");
        assert_eq!(failure.text(), "no secret; pass --secret");
        assert_eq!(failure.report.message, "no secret; pass --secret");
    }
}
