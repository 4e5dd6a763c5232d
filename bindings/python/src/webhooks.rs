//! `leat.webhooks`' native half: signature checks and event parsing from the core, on raw
//! bytes (the Python module turns text into bytes and refuses parsed bodies). The header value
//! arrives as bytes, so whatever a framework decoded it into reaches the core, which says why
//! it is not a signature.

use std::borrow::Cow;

use pyo3::prelude::*;

use leat::webhooks::{self, WebhookError, WebhookEvent};
use serde_json::Value;

use crate::errors::{named_with, to_py_err as core_error};
use crate::json;

/// Payloads at least this large are hashed with the GIL released.
const DETACH_FROM_BYTES: usize = 16 * 1024;

fn to_py_err(py: Python<'_>, err: WebhookError) -> PyErr {
    let fields: Vec<(&str, String)> = err
        .field_values()
        .into_iter()
        .map(|(field, value)| (field.name, value.as_str().unwrap_or_default().to_owned()))
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    named_with(py, "SignatureVerificationError", err.to_string(), &fields)
}

fn verify(py: Python<'_>, payload: &[u8], signature: &str, secrets: &[Vec<u8>]) -> PyResult<()> {
    let check = || webhooks::verify_signature(payload, signature, secrets);
    let outcome = if payload.len() >= DETACH_FROM_BYTES {
        py.detach(check)
    } else {
        check()
    };
    outcome.map_err(|err| to_py_err(py, err))
}

/// The header's bytes as text; bytes that are not UTF-8 become U+FFFD, which no signature has.
fn header(signature: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(signature)
}

/// Checks the `Signature` of a raw payload against any of `secrets`.
#[pyfunction]
pub(crate) fn verify_signature(
    py: Python<'_>,
    payload: &[u8],
    signature: &[u8],
    secrets: Vec<Vec<u8>>,
) -> PyResult<()> {
    verify(py, payload, &header(signature), &secrets)
}

/// Verifies, then parses: `(event_type, data)`.
#[pyfunction]
pub(crate) fn construct_event<'py>(
    py: Python<'py>,
    payload: &[u8],
    signature: &[u8],
    secrets: Vec<Vec<u8>>,
) -> PyResult<(String, Bound<'py, PyAny>)> {
    verify(py, payload, &header(signature), &secrets)?;
    let event = webhooks::parse_event(payload).map_err(|err| to_py_err(py, err))?;
    Ok((
        event.event_type.as_str().to_owned(),
        json::to_py(py, &event.data)?,
    ))
}

/// The event as the core reads it: its type, and its payload as JSON.
fn event_of(event_type: &str, data: &Bound<'_, PyAny>) -> PyResult<WebhookEvent> {
    Ok(WebhookEvent::new(event_type, json::from_py(data)?))
}

/// Where the event's entity is and what it is, when it reads as its model: `(key, model)`,
/// e.g. `("contact", "Contact")`; `None` otherwise.
#[pyfunction]
pub(crate) fn event_entity(
    event_type: &str,
    data: &Bound<'_, PyAny>,
) -> PyResult<Option<(&'static str, &'static str)>> {
    Ok(event_of(event_type, data)?.entity_location())
}

/// The call that fetches the event's entity: `(operation, args, model)`, `None` when Leat
/// offers no way; `ValidationError` when the payload lacks what the call needs.
#[pyfunction]
pub(crate) fn webhook_fetch<'py>(
    py: Python<'py>,
    event_type: &str,
    data: &Bound<'py, PyAny>,
) -> PyResult<Option<(&'static str, Bound<'py, PyAny>, &'static str)>> {
    match event_of(event_type, data)?.fetch() {
        Ok(Some(fetch)) => Ok(Some((
            fetch.operation.id,
            json::to_py(py, &Value::Object(fetch.args))?,
            fetch.model,
        ))),
        Ok(None) => Ok(None),
        Err(err) => Err(core_error(py, err)),
    }
}

/// The signature Leat would send for `payload` under `secret`.
#[pyfunction]
pub(crate) fn sign(payload: &[u8], secret: &[u8]) -> String {
    webhooks::sign(payload, secret)
}

/// The secrets in the text of `LEAT_WEBHOOK_SECRET`: comma-separated, trimmed.
#[pyfunction]
pub(crate) fn parse_secrets(text: &str) -> Vec<String> {
    webhooks::parse_secrets(text)
}

/// A framework receiver's verifier (`leat.webhooks._receiver.Verifier` wraps it): the secrets
/// given, kept here once (or, with none, `LEAT_WEBHOOK_SECRET` read for each delivery), the
/// body limit, and the core's rule for what each refusal answers.
#[pyclass(frozen, module = "leat._native")]
pub(crate) struct Receiver(webhooks::Receiver);

#[pymethods]
impl Receiver {
    #[new]
    fn new(secrets: Option<Vec<Vec<u8>>>, limit: i64, limit_option: &str) -> PyResult<Self> {
        webhooks::Receiver::new(secrets, Some(limit), limit_option)
            .map(Receiver)
            .map_err(pyo3::exceptions::PyValueError::new_err)
    }

    /// The largest body read, in bytes.
    #[getter]
    fn limit(&self) -> usize {
        self.0.limit()
    }

    /// Whether a `Content-Length` value says the body is over the limit.
    fn declared_too_large(&self, content_length: &str) -> bool {
        self.0.declared_too_large(content_length)
    }

    /// The refusal of a body over the limit: `(status, reason, text, server_fault)`.
    fn too_large(&self) -> (u16, &'static str, String, bool) {
        refusal(self.0.too_large())
    }

    /// `("event", event_type, data)`, or `("refusal", (status, reason, text, server_fault))`.
    fn receive<'py>(
        &self,
        py: Python<'py>,
        body: &[u8],
        signature: &[u8],
    ) -> PyResult<Bound<'py, PyAny>> {
        use pyo3::IntoPyObjectExt;
        let outcome = if body.len() >= DETACH_FROM_BYTES {
            py.detach(|| self.0.receive(body, &header(signature)))
        } else {
            self.0.receive(body, &header(signature))
        };
        match outcome {
            Ok(event) => (
                "event",
                event.event_type.as_str(),
                json::to_py(py, &event.data)?,
            )
                .into_bound_py_any(py),
            Err(refused) => ("refusal", refusal(refused)).into_bound_py_any(py),
        }
    }
}

fn refusal(refused: webhooks::Refusal) -> (u16, &'static str, String, bool) {
    (
        refused.status,
        refused.reason,
        refused.text,
        refused.server_fault,
    )
}
