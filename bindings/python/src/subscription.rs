//! `leat.WebhookSubscription`: an immutable view of the core's subscription.

use std::hash::{Hash, Hasher};

use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};

use crate::json;

/// A webhook subscription as Leat returned it: immutable, compared by value, hashable.
#[pyclass(frozen, module = "leat", name = "WebhookSubscription")]
pub struct WebhookSubscription(pub leat::WebhookSubscription);

impl From<leat::WebhookSubscription> for WebhookSubscription {
    fn from(inner: leat::WebhookSubscription) -> Self {
        WebhookSubscription(inner)
    }
}

#[pymethods]
impl WebhookSubscription {
    /// Leat's identifier of the subscription.
    #[getter]
    fn uuid(&self) -> &str {
        &self.0.uuid
    }

    /// The name given for internal purposes.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }

    /// The event listened to; an event type this SDK does not know is returned as it came.
    #[getter]
    fn event_type(&self) -> &str {
        self.0.event_type.as_str()
    }

    /// Where deliveries are sent.
    #[getter]
    fn url(&self) -> &str {
        &self.0.url
    }

    /// The contact attributes watched (for ``contact_updated``); empty when Leat sent none.
    #[getter]
    fn properties<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for item in &self.0.properties {
            list.append(json::to_py(py, item)?)?;
        }
        Ok(list)
    }

    /// ``ACTIVE``, ``INACTIVE``, or a status Leat added, returned as it came.
    #[getter]
    fn status(&self) -> &str {
        self.0.status.as_str()
    }

    /// The payload version, e.g. ``V1``.
    #[getter]
    fn version(&self) -> &str {
        &self.0.version
    }

    /// When the subscription was created (timezone-aware).
    #[getter]
    fn created_at(&self) -> leat::OffsetDateTime {
        self.0.created_at
    }

    /// The fields as Leat sent them, unknown ones included.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        json::object_to_py(py, &self.0.to_json())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let json = self.0.to_json();
        let created_at = json
            .get("created_at")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let quote = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_string()) };
        Ok(format!(
            "WebhookSubscription(uuid={}, name={}, event_type={}, url={}, status={}, created_at={})",
            quote(&self.0.uuid)?,
            quote(&self.0.name)?,
            quote(self.0.event_type.as_str())?,
            quote(&self.0.url)?,
            quote(self.0.status.as_str())?,
            quote(created_at)?,
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> Py<PyAny> {
        let py = other.py();
        let Ok(other) = other.cast::<WebhookSubscription>() else {
            return py.NotImplemented();
        };
        let equal = self.0 == other.get().0;
        match op {
            CompareOp::Eq => PyBool::new(py, equal).to_owned().into_any().unbind(),
            CompareOp::Ne => PyBool::new(py, !equal).to_owned().into_any().unbind(),
            _ => py.NotImplemented(),
        }
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.0.uuid.hash(&mut hasher);
        self.0.name.hash(&mut hasher);
        self.0.url.hash(&mut hasher);
        hasher.finish()
    }
}
