//! One conversion from the core's `leat::Error` to the exception classes of
//! `leat.exceptions`, carrying every field the core's contract gives its class.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

use leat::Error;

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
    let class = exceptions(py)?.getattr(err.class_name())?;
    let fields = PyDict::new(py);
    for (field, value) in err.field_values() {
        fields.set_item(field.name, json::to_py(py, &value)?)?;
    }
    let exception = class.call((err.to_string(),), Some(&fields))?;
    Ok(PyErr::from_value(exception))
}
