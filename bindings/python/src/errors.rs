//! One conversion from the core's `leat::Error` to the exception classes of
//! `leat.exceptions`, carrying every field the core's contract gives its class.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

use leat::contract::FieldKind;
use leat::Error;
use serde_json::Value;

use crate::json;

static EXCEPTIONS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The Python exception for `err`, with its fields as attributes.
pub(crate) fn to_py_err(py: Python<'_>, err: Error) -> PyErr {
    build(py, &err).unwrap_or_else(|failure| failure)
}

/// A `leat.exceptions` exception of class `name` with a message and no other fields.
pub(crate) fn named(py: Python<'_>, name: &str, message: String) -> PyErr {
    named_with(py, name, message, &[])
}

/// A `leat.exceptions` exception of class `name` with a message and text fields.
pub(crate) fn named_with(
    py: Python<'_>,
    name: &str,
    message: String,
    fields: &[(&str, &str)],
) -> PyErr {
    let built = (|| {
        let kwargs = PyDict::new(py);
        for (key, value) in fields {
            kwargs.set_item(key, value)?;
        }
        exceptions(py)?
            .getattr(name)?
            .call((message,), Some(&kwargs))
    })();
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(failure) => failure,
    }
}

fn exceptions(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    EXCEPTIONS
        .get_or_try_init(py, || Ok(py.import("leat.exceptions")?.unbind()))
        .map(|module| module.bind(py))
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    if let Error::InvalidArgument {
        wrong_type: true, ..
    } = err
    {
        // A value of the wrong type is Python's TypeError, as for any function.
        return Ok(pyo3::exceptions::PyTypeError::new_err(err.to_string()));
    }
    let class = exceptions(py)?.getattr(err.class_name())?;
    let fields = PyDict::new(py);
    for (field, value) in err.field_values() {
        let value = match (field.kind, &value) {
            (FieldKind::Bytes, Value::Array(items)) => {
                let bytes: Vec<u8> = items
                    .iter()
                    .filter_map(|b| b.as_u64())
                    .map(|b| b as u8)
                    .collect();
                pyo3::types::PyBytes::new(py, &bytes).into_any()
            }
            _ => json::to_py(py, &value)?,
        };
        fields.set_item(field.name, value)?;
    }
    let exception = class.call((err.to_string(),), Some(&fields))?;
    Ok(PyErr::from_value(exception))
}
