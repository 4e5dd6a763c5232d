//! Faults scripted for the next requests: a status, a delay, a dropped connection, a
//! malformed body.

use std::time::Duration;

use serde::Deserialize;

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
    /// Act on the request, then answer with a truncated body.
    Malformed,
}

/// A fault for one of the next requests; see [`MockServer::script`](crate::MockServer::script).
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
#[derive(Clone, Debug, PartialEq)]
pub struct Fault {
    pub(crate) action: Action,
    pub(crate) path: Option<String>,
}

impl Fault {
    /// Answer `code` without acting on the request; the body defaults to a Leat-style JSON
    /// error for that status.
    pub fn status(code: u16) -> Fault {
        Fault::new(Action::Status {
            status: code,
            body: None,
            headers: Vec::new(),
        })
    }

    /// Replaces the body of a [`Fault::status`].
    pub fn body(mut self, body: impl Into<String>) -> Fault {
        if let Action::Status { body: slot, .. } = &mut self.action {
            *slot = Some(body.into());
        }
        self
    }

    /// Adds an answer header to a [`Fault::status`], e.g. `Retry-After`.
    pub fn header(mut self, name: &str, value: &str) -> Fault {
        if let Action::Status { headers, .. } = &mut self.action {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    /// Waits `delay`, then handles the request normally. The request is acted on even if
    /// the client hangs up meanwhile, as a real server would.
    pub fn delay(delay: Duration) -> Fault {
        Fault::new(Action::Delay(delay))
    }

    /// Closes the connection without any answer and without acting on the request.
    pub fn drop_connection() -> Fault {
        Fault::new(Action::Drop)
    }

    /// Acts on the request, then answers with a truncated, non-JSON body.
    pub fn malformed_body() -> Fault {
        Fault::new(Action::Malformed)
    }

    /// Only a request whose path starts with `prefix` takes this fault.
    pub fn on_path(mut self, prefix: &str) -> Fault {
        self.path = Some(prefix.to_owned());
        self
    }

    /// Parses a JSON array of faults: `{"status": 503, "body": "...", "headers": {...}}`,
    /// `{"delay_ms": 1500}`, `{"drop": true}`, `{"malformed": true}`, each with an optional
    /// `"path"` prefix.
    pub fn from_json(text: &str) -> Result<Vec<Fault>, String> {
        let entries: Vec<serde_json::Value> = serde_json::from_str(text)
            .map_err(|err| format!("faults must be a JSON array of objects: {err}"))?;
        entries
            .into_iter()
            .enumerate()
            .map(|(index, entry)| {
                let shown = entry.to_string();
                serde_json::from_value::<FaultSpec>(entry)
                    .map_err(|err| err.to_string())
                    .and_then(FaultSpec::into_fault)
                    .map_err(|err| format!("fault #{index} {shown} is not valid: {err}"))
            })
            .collect()
    }

    fn new(action: Action) -> Fault {
        Fault { action, path: None }
    }

    pub(crate) fn matches(&self, path: &str) -> bool {
        self.path
            .as_deref()
            .is_none_or(|prefix| path.starts_with(prefix))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultSpec {
    status: Option<u16>,
    body: Option<String>,
    #[serde(default)]
    headers: std::collections::BTreeMap<String, String>,
    delay_ms: Option<u64>,
    #[serde(default)]
    drop: bool,
    #[serde(default)]
    malformed: bool,
    path: Option<String>,
}

impl FaultSpec {
    fn into_fault(self) -> Result<Fault, String> {
        let kinds = usize::from(self.status.is_some())
            + usize::from(self.delay_ms.is_some())
            + usize::from(self.drop)
            + usize::from(self.malformed);
        if kinds != 1 {
            return Err("give exactly one of status, delay_ms, drop, malformed".into());
        }
        let action = if let Some(status) = self.status {
            if !(100..=999).contains(&status) {
                return Err(format!("status {status} is not an HTTP status"));
            }
            Action::Status {
                status,
                body: self.body,
                headers: self.headers.into_iter().collect(),
            }
        } else if let Some(ms) = self.delay_ms {
            Action::Delay(Duration::from_millis(ms))
        } else if self.drop {
            Action::Drop
        } else {
            Action::Malformed
        };
        Ok(Fault {
            action,
            path: self.path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_builders_agree() {
        let parsed = Fault::from_json(
            r#"[{"status": 429, "headers": {"Retry-After": "1"}}, {"delay_ms": 20, "path": "/oauth"},
                {"drop": true}, {"malformed": true}]"#,
        )
        .unwrap();
        assert_eq!(
            parsed,
            vec![
                Fault::status(429).header("Retry-After", "1"),
                Fault::delay(Duration::from_millis(20)).on_path("/oauth"),
                Fault::drop_connection(),
                Fault::malformed_body(),
            ]
        );
    }

    #[test]
    fn a_bad_entry_is_named() {
        let err = Fault::from_json(r#"[{"drop": true}, {"stauts": 1}]"#).unwrap_err();
        assert!(err.contains("fault #1") && err.contains("stauts"), "{err}");
        assert!(Fault::from_json(r#"[{"drop": true, "malformed": true}]"#).is_err());
        assert!(Fault::from_json("{}").is_err());
    }
}
