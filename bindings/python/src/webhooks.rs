//! `leat.webhooks`' native half: signature checks and event parsing from the core, on raw
//! bytes (the Python module turns `str` into bytes and refuses parsed bodies).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use leat::webhooks::{self, WebhookError};

use crate::errors::named_with;
use crate::json;

/// Payloads at least this large are hashed with the GIL released.
const DETACH_FROM_BYTES: usize = 16 * 1024;

fn to_py_err(py: Python<'_>, err: WebhookError) -> PyErr {
    named_with(
        py,
        "SignatureVerificationError",
        err.to_string(),
        &[("reason", err.kind())],
    )
}

fn verify(py: Python<'_>, payload: &[u8], signature: &str, secrets: &[String]) -> PyResult<()> {
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let check = || webhooks::verify_signature(payload, signature, &secrets);
    let outcome = if payload.len() >= DETACH_FROM_BYTES {
        py.detach(check)
    } else {
        check()
    };
    outcome.map_err(|err| to_py_err(py, err))
}

/// Checks the `Signature` of a raw payload against any of `secrets`.
#[pyfunction]
pub(crate) fn verify_signature(
    py: Python<'_>,
    payload: &[u8],
    signature: &str,
    secrets: Vec<String>,
) -> PyResult<()> {
    verify(py, payload, signature, &secrets)
}

/// Verifies, then parses: `(event_type, data)`.
#[pyfunction]
pub(crate) fn construct_event<'py>(
    py: Python<'py>,
    payload: &[u8],
    signature: &str,
    secrets: Vec<String>,
) -> PyResult<(String, Bound<'py, PyAny>)> {
    verify(py, payload, signature, &secrets)?;
    let event = webhooks::parse_event(payload).map_err(|err| to_py_err(py, err))?;
    let data = json::to_py(py, &event.data)?;
    let data = if data.is_none() {
        PyDict::new(py).into_any()
    } else {
        data
    };
    Ok((event.event_type.as_str().to_owned(), data))
}

/// The signature Leat would send for `payload` under `secret`.
#[pyfunction]
pub(crate) fn sign(payload: &[u8], secret: &str) -> String {
    webhooks::sign(payload, secret)
}
