//! The core's contract (`leat::contract`), for the package's own tests: every error class
//! with its parent and fields, every known event type and status, every subscription field.

use pyo3::prelude::*;

use crate::json;

/// The contract as Python data: ``{"error_classes": [...], "event_types": [...], ...}``.
#[pyfunction]
pub(crate) fn contract(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json::to_py(py, &leat::contract::describe())
}

/// Every operation, as `leat operations --json` lists them.
#[pyfunction]
pub(crate) fn operations(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json::to_py(py, &leat::operation::listing())
}

/// A timestamp as Leat writes it (ISO 8601 with an offset, `T` or a space), read by the
/// core's own rule, as a timezone-aware `datetime`.
#[pyfunction]
pub(crate) fn parse_datetime(text: &str) -> PyResult<leat::OffsetDateTime> {
    leat::host::parse_datetime(text).map_err(pyo3::exceptions::PyValueError::new_err)
}
