//! Faults scripted for the next requests: a status, a delay, a dropped connection, a
//! malformed body. Built in Rust with the constructors, or read from JSON by the control
//! endpoint and the language bindings.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What a scripted fault does to the request that takes it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Action {
    /// Answer this status, body and headers without acting on the request.
    Status {
        status: u16,
        body: Option<String>,
        headers: Vec<(String, String)>,
    },
    /// Wait, then handle the request normally.
    Delay(Duration),
    /// Close the connection without answering and without acting.
    Drop,
    /// Act on the request, then answer 200 with a truncated body.
    Malformed,
    /// Answer this status without acting, quoting the request (headers and body) back in the
    /// message, the field errors and the request id, as a debug page or a proxy might.
    Echo(u16),
}

/// A fault for one of the next requests; see [`MockServer::script`](crate::MockServer::script).
///
/// A request takes the first queued fault whose [`on_path`](Fault::on_path) prefix matches
/// it (a fault without one matches any request but the `/__mock/` control endpoints).
///
/// ```
/// use std::time::Duration;
/// use leat_mock::Fault;
/// let faults = vec![
///     Fault::status(429).header("Retry-After", "1"),
///     Fault::delay(Duration::from_millis(200)).on_path("/oauth/token"),
///     Fault::drop_connection(),
///     Fault::malformed_body(),
/// ];
/// # drop(faults);
/// ```
///
/// Its JSON form, read by [`Fault::from_json`] and by `Deserialize`, has one kind per
/// object and an optional `"path"` prefix and `"method"`:
/// `{"status": 503, "body": "...", "headers": {"Retry-After": "2"}}`, `{"delay_ms": 1500}`,
/// `{"drop": true}`, `{"malformed": true}`, `{"echo": true}` (with an optional `"status"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FaultSpec", into = "FaultSpec")]
pub struct Fault {
    pub(crate) action: Action,
    pub(crate) path: Option<String>,
    pub(crate) method: Option<String>,
}

impl Fault {
    /// Answers `code` without acting on the request. The body defaults to a Leat-style JSON
    /// error for that status; a code outside 100..=999 answers 500.
    #[must_use]
    pub fn status(code: u16) -> Fault {
        Fault::new(Action::Status {
            status: code,
            body: None,
            headers: Vec::new(),
        })
    }

    /// Replaces the body of a [`Fault::status`]; no effect on other faults.
    #[must_use]
    pub fn body(mut self, body: impl Into<String>) -> Fault {
        if let Action::Status { body: slot, .. } = &mut self.action {
            *slot = Some(body.into());
        }
        self
    }

    /// Adds an answer header to a [`Fault::status`], e.g. `Retry-After`; it replaces a
    /// default header of that name (`Content-Type`, `X-Request-Id`). No effect on other faults.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Fault {
        if let Action::Status { headers, .. } = &mut self.action {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    /// Waits `delay`, then handles the request normally. The request is acted on even if
    /// the client hangs up meanwhile, as a real server would.
    #[must_use]
    pub fn delay(delay: Duration) -> Fault {
        Fault::new(Action::Delay(delay))
    }

    /// Closes the connection without any answer and without acting on the request.
    #[must_use]
    pub fn drop_connection() -> Fault {
        Fault::new(Action::Drop)
    }

    /// Acts on the request, then answers 200 with a truncated, non-JSON body.
    #[must_use]
    pub fn malformed_body() -> Fault {
        Fault::new(Action::Malformed)
    }

    /// Answers HTTP 400 without acting, quoting the request back (every header, `Authorization`
    /// included, and the body) in `message`, in `errors` and in `X-Request-Id`: what a debug
    /// page or a misbehaving proxy does, to check that a client scrubs its secrets from errors.
    /// [`Fault::status_code`] changes the status.
    #[must_use]
    pub fn echo() -> Fault {
        Fault::new(Action::Echo(400))
    }

    /// Replaces the status of a [`Fault::echo`]; no effect on other faults.
    #[must_use]
    pub fn status_code(mut self, code: u16) -> Fault {
        if let Action::Echo(status) = &mut self.action {
            *status = code;
        }
        self
    }

    /// Only a request with this HTTP method (e.g. `POST`) takes this fault.
    #[must_use]
    pub fn on_method(mut self, method: &str) -> Fault {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Only a request whose path starts with `prefix` takes this fault.
    #[must_use]
    pub fn on_path(mut self, prefix: &str) -> Fault {
        self.path = Some(prefix.to_owned());
        self
    }

    /// Parses a JSON array of faults in their JSON form (see [`Fault`]).
    ///
    /// # Errors
    /// A message naming the first bad entry by its index and text.
    pub fn from_json(text: &str) -> Result<Vec<Fault>, String> {
        let entries: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|err| {
            format!("faults must be a JSON array of objects such as [{{\"status\": 503}}]: {err}")
        })?;
        entries
            .into_iter()
            .enumerate()
            .map(|(index, entry)| {
                let shown = entry.to_string();
                serde_json::from_value(entry)
                    .map_err(|err| format!("fault #{index} {shown} is not valid: {err}"))
            })
            .collect()
    }

    fn new(action: Action) -> Fault {
        Fault {
            action,
            path: None,
            method: None,
        }
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
            && self
                .path
                .as_deref()
                .is_none_or(|prefix| path.starts_with(prefix))
    }
}

/// The JSON form of a [`Fault`], checked when converted.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "is_false")]
    drop: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    malformed: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    echo: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    method: Option<String>,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

impl TryFrom<FaultSpec> for Fault {
    type Error = String;

    fn try_from(spec: FaultSpec) -> Result<Fault, String> {
        let kinds = [
            spec.status.is_some() && !spec.echo,
            spec.delay_ms.is_some(),
            spec.drop,
            spec.malformed,
            spec.echo,
        ];
        if kinds.iter().filter(|&&kind| kind).count() != 1 {
            return Err(
                "give exactly one of \"status\", \"delay_ms\", \"drop\": true, \"malformed\": true, \"echo\": true"
                    .into(),
            );
        }
        if (spec.status.is_none() || spec.echo) && (spec.body.is_some() || !spec.headers.is_empty())
        {
            return Err("\"body\" and \"headers\" go with \"status\" only".into());
        }
        let action = if spec.echo {
            let status = spec.status.unwrap_or(400);
            if !(100..=999).contains(&status) {
                return Err(format!("status {status} is not an HTTP status (100-999)"));
            }
            Action::Echo(status)
        } else if let Some(status) = spec.status {
            if !(100..=999).contains(&status) {
                return Err(format!("status {status} is not an HTTP status (100-999)"));
            }
            Action::Status {
                status,
                body: spec.body,
                headers: spec.headers.into_iter().collect(),
            }
        } else if let Some(ms) = spec.delay_ms {
            Action::Delay(Duration::from_millis(ms))
        } else if spec.drop {
            Action::Drop
        } else {
            Action::Malformed
        };
        Ok(Fault {
            action,
            path: spec.path,
            method: spec.method.map(|m| m.to_ascii_uppercase()),
        })
    }
}

impl From<Fault> for FaultSpec {
    fn from(fault: Fault) -> FaultSpec {
        let mut spec = FaultSpec {
            path: fault.path,
            method: fault.method,
            ..FaultSpec::default()
        };
        match fault.action {
            Action::Status {
                status,
                body,
                headers,
            } => {
                spec.status = Some(status);
                spec.body = body;
                spec.headers = headers.into_iter().collect();
            }
            Action::Delay(delay) => {
                spec.delay_ms = Some(u64::try_from(delay.as_millis()).unwrap_or(u64::MAX))
            }
            Action::Drop => spec.drop = true,
            Action::Malformed => spec.malformed = true,
            Action::Echo(status) => {
                spec.echo = true;
                spec.status = Some(status);
            }
        }
        spec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_builders_agree() {
        let parsed = Fault::from_json(
            r#"[{"status": 429, "headers": {"Retry-After": "1"}}, {"delay_ms": 20, "path": "/oauth"},
                {"drop": true}, {"malformed": true}, {"status": 503, "body": "down"},
                {"echo": true}, {"echo": true, "status": 502}]"#,
        )
        .unwrap();
        assert_eq!(
            parsed,
            vec![
                Fault::status(429).header("Retry-After", "1"),
                Fault::delay(Duration::from_millis(20)).on_path("/oauth"),
                Fault::drop_connection(),
                Fault::malformed_body(),
                Fault::status(503).body("down"),
                Fault::echo(),
                Fault::echo().status_code(502),
            ]
        );
    }

    #[test]
    fn a_fault_serializes_to_its_json_form() {
        let fault = Fault::status(503)
            .header("Retry-After", "2")
            .on_path("/oauth");
        let json = serde_json::to_value(&fault).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status": 503, "headers": {"Retry-After": "2"}, "path": "/oauth"})
        );
        assert_eq!(serde_json::from_value::<Fault>(json).unwrap(), fault);
    }

    #[test]
    fn a_bad_entry_is_named_by_index_and_text() {
        let err = Fault::from_json(r#"[{"drop": true}, {"stauts": 1}]"#).unwrap_err();
        assert!(err.contains("fault #1") && err.contains("stauts"), "{err}");
    }

    #[test]
    fn an_entry_must_have_exactly_one_kind() {
        for text in [
            r#"[{"drop": true, "malformed": true}]"#,
            r#"[{"path": "/oauth"}]"#,
            r#"[{"drop": false}]"#,
        ] {
            let err = Fault::from_json(text).unwrap_err();
            assert!(err.contains("exactly one"), "{text}: {err}");
        }
    }

    #[test]
    fn other_mistakes_are_refused() {
        for text in [
            "{}",
            r#"[{"status": 42}]"#,
            r#"[{"delay_ms": 5, "body": "x"}]"#,
            r#"[{"delay_ms": -1}]"#,
        ] {
            assert!(Fault::from_json(text).is_err(), "{text}");
        }
    }
}
