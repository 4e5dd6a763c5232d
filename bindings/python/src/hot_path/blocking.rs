//! A blocking call as Python code sees it: on this thread's runtime with the GIL released, or,
//! under gevent's monkey-patching, in gevent's thread pool, so that the waiting greenlet lets
//! the others run (as a patched socket would) instead of holding the hub for the whole call.

use std::future::Future;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyCFunction, PyDict, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::runtime::block_on;

/// `sys.modules`, looked up once: gevent is looked for there on every call.
static MODULES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// gevent's thread pool, when gevent has patched `socket` (`gevent.monkey.patch_all()`).
fn gevent_pool(py: Python<'_>) -> PyResult<Option<Bound<'_, PyAny>>> {
    let modules = MODULES
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                py.import("sys")?
                    .getattr("modules")?
                    .cast_into::<PyDict>()?
                    .unbind(),
            )
        })?
        .bind(py);
    let Some(monkey) = modules.get_item("gevent.monkey")? else {
        return Ok(None);
    };
    if !monkey
        .call_method1("is_module_patched", ("socket",))?
        .is_truthy()?
    {
        return Ok(None);
    }
    let hub = py.import("gevent")?.call_method0("get_hub")?;
    Ok(Some(hub.getattr("threadpool")?))
}

/// Runs `future` to completion for Python code that waits for it; its result as a Python
/// object.
pub(crate) fn call<'py, F, T>(py: Python<'py>, future: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = Result<T, leat::Error>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    let Some(pool) = gevent_pool(py)? else {
        return block_on(py, future)?.into_bound_py_any(py);
    };
    // In the pool's thread: the call on that thread's runtime; here, the greenlet waits.
    let job = Mutex::new(Some(future));
    let run = PyCFunction::new_closure(
        py,
        None,
        None,
        move |args: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| -> PyResult<Py<PyAny>> {
            let py = args.py();
            let future = job
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
                .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("the call ran already"))?;
            block_on(py, future)?.into_py_any(py)
        },
    )?;
    pool.call_method1("apply", (run,))
}
