//! The core's contract (`leat::contract`), for the package's own tests: every error class
//! with its parent and fields, every known event type and status, every subscription field.

use pyo3::prelude::*;

use crate::json;

/// The contract as Python data: ``{"error_classes": [...], "event_types": [...], ...}``.
#[pyfunction]
pub(crate) fn contract(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json::to_py(py, &leat::contract::describe())
}
