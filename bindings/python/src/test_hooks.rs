//! Hooks for the package's own tests, in one place: each provokes what users must never
//! see (a panic inside a call) to show that it becomes an `InternalError` and the extension
//! goes on. Not part of the package's API (their names start with `_`).

use pyo3::prelude::*;

use crate::calls::coroutine;
use crate::runtime::block_on;

/// Test hook: panics inside a blocking call, run the way every blocking call runs, to prove a
/// panic becomes `leat.InternalError` and the process goes on.
#[pyfunction]
pub(crate) fn _provoke_panic(py: Python<'_>) -> PyResult<()> {
    block_on(py, async {
        if std::hint::black_box(true) {
            panic!("provoked by a test");
        }
        Ok::<(), leat::Error>(())
    })
}

/// Test hook: panics inside an asynchronous call, run the way every such call runs.
#[pyfunction]
pub(crate) fn _provoke_async_panic(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    coroutine(py, async {
        if std::hint::black_box(true) {
            panic!("provoked by a test");
        }
        Ok::<Option<()>, leat::Error>(None)
    })
}
