//! The tokio runtime the extension runs on: one per process, rebuilt in a child after
//! `os.fork()` (the parent's worker threads do not exist there), and the two ways Python
//! waits on it: blocking with the GIL released, or as an asyncio awaitable.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, JoinError, Runtime as GenericRuntime};
use pyo3_async_runtimes::TaskLocals;
use tokio::runtime::{Handle, Runtime};

use futures_util::FutureExt;

use crate::errors::{named, to_py_err};

/// How often a blocking call wakes to let Python handle signals such as Ctrl-C.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(100);

/// The runtime and the process that made it. Only handles leave this slot, so `_shutdown`
/// can always take the runtime itself and stop it.
static RUNTIME: Mutex<Option<(u32, Runtime)>> = Mutex::new(None);

/// Set once Python is exiting: completions are no longer delivered to Python.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// The runtime of this process, created on first use and again after a fork.
pub(crate) fn runtime() -> Handle {
    let pid = std::process::id();
    let mut slot = RUNTIME.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((owner, runtime)) = slot.as_ref() {
        if *owner == pid {
            return runtime.handle().clone();
        }
    }
    // Inherited from the parent: its threads are gone, so it can neither run nor shut down.
    if let Some(stale) = slot.take() {
        std::mem::forget(stale);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("leat-runtime")
        .build()
        .expect("the operating system refused to start the tokio runtime's threads");
    let handle = runtime.handle().clone();
    *slot = Some((pid, runtime));
    handle
}

/// How a call ended without a result.
pub(crate) enum Failure {
    /// The core returned an error.
    Leat(leat::Error),
    /// Something panicked: a bug, reported as `leat.InternalError`.
    Panic(String),
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Leat(err) => to_py_err(py, err),
            Failure::Panic(message) => named(
                py,
                "InternalError",
                format!("leat-sdk hit an internal error (a bug; please report it): {message}"),
            ),
        }
    }
}

/// Runs `future`, turning a panic into [`Failure::Panic`] so it never crosses into Python.
async fn guarded<F, T>(future: F) -> Result<T, Failure>
where
    F: Future<Output = Result<T, leat::Error>>,
{
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(outcome) => outcome.map_err(Failure::Leat),
        Err(payload) => Err(Failure::Panic(
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into()),
        )),
    }
}

/// Stops the runtime before Python finalizes (registered with `atexit` by `leat`): its
/// threads must not reach for the GIL of an interpreter that is shutting down. Tasks get a
/// second to finish; a call made later starts a new runtime.
#[pyfunction]
pub(crate) fn _shutdown(py: Python<'_>) {
    STOPPING.store(true, Ordering::Release);
    let taken = RUNTIME
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some((owner, runtime)) = taken {
        if owner != std::process::id() {
            std::mem::forget(runtime);
            return;
        }
        py.detach(|| runtime.shutdown_timeout(Duration::from_secs(1)));
    }
}

/// Runs `future` to completion with the GIL released, waking regularly so that a
/// `KeyboardInterrupt` (or any signal handler's exception) ends the wait; the call is then
/// dropped, which cancels it.
pub(crate) fn block_on<F, T>(py: Python<'_>, future: F) -> PyResult<T>
where
    F: Future<Output = Result<T, leat::Error>> + Send,
    T: Send,
{
    let runtime = runtime();
    let mut future = std::pin::pin!(guarded(future));
    loop {
        let step = py.detach(|| {
            // The timer must be made inside the runtime.
            runtime.block_on(async {
                tokio::time::timeout(SIGNAL_CHECK_INTERVAL, future.as_mut()).await
            })
        });
        match step {
            Ok(outcome) => return outcome.map_err(|failure| failure.into_py(py)),
            Err(_still_running) => py.check_signals()?,
        }
    }
}

/// Runs `future` on the runtime and returns an asyncio awaitable for its result.
pub(crate) fn awaitable<F, T>(py: Python<'_>, future: F) -> PyResult<Bound<'_, PyAny>>
where
    F: Future<Output = Result<T, leat::Error>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
{
    pyo3_async_runtimes::generic::future_into_py::<LeatRuntime, _, _>(py, async move {
        let outcome = guarded(future).await;
        if STOPPING.load(Ordering::Acquire) {
            // Python is exiting: delivering the result would need the GIL of a finalizing
            // interpreter. The task is dropped when the runtime stops.
            std::future::pending::<()>().await;
        }
        outcome.map_err(|failure| Python::attach(|py| failure.into_py(py)))
    })
}

/// [`runtime`] as pyo3-async-runtimes sees it.
pub(crate) struct LeatRuntime;

/// A task failure as pyo3-async-runtimes sees it.
pub(crate) struct TaskFailed(tokio::task::JoinError);

impl JoinError for TaskFailed {
    fn is_panic(&self) -> bool {
        self.0.is_panic()
    }
    fn into_panic(self) -> Box<dyn std::any::Any + Send + 'static> {
        self.0.into_panic()
    }
}

tokio::task_local! {
    static TASK_LOCALS: std::cell::OnceCell<TaskLocals>;
}

impl GenericRuntime for LeatRuntime {
    type JoinError = TaskFailed;
    type JoinHandle = Pin<Box<dyn Future<Output = Result<(), TaskFailed>> + Send>>;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let handle = runtime().spawn(fut);
        Box::pin(async move { handle.await.map_err(TaskFailed) })
    }

    fn spawn_blocking<F>(f: F) -> Self::JoinHandle
    where
        F: FnOnce() + Send + 'static,
    {
        let handle = runtime().spawn_blocking(f);
        Box::pin(async move { handle.await.map_err(TaskFailed) })
    }
}

impl ContextExt for LeatRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        let cell = std::cell::OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(TASK_LOCALS.scope(cell, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS
            .try_with(|cell| cell.get().cloned())
            .unwrap_or_default()
    }
}

/// Test hook: panics inside a call run the way every call runs (blocking, or awaitable when
/// `asynchronous`), to prove a panic becomes `leat.InternalError` and the process goes on.
#[pyfunction]
pub(crate) fn _provoke_panic(py: Python<'_>, asynchronous: bool) -> PyResult<Bound<'_, PyAny>> {
    let panicking = async {
        if std::hint::black_box(true) {
            panic!("provoked by a test");
        }
        Ok::<Option<()>, leat::Error>(None)
    };
    if asynchronous {
        awaitable(py, panicking)
    } else {
        block_on(py, panicking).map(|_| py.None().into_bound(py))
    }
}
