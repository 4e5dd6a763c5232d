//! The tokio runtime the extension runs on: one per process, rebuilt in a child after
//! `os.fork()` (the parent's worker threads do not exist there), and the two ways Python
//! waits on it: blocking with the GIL released, or as an asyncio awaitable.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, JoinError, Runtime as GenericRuntime};
use pyo3_async_runtimes::TaskLocals;
use tokio::runtime::Runtime;

use crate::errors::to_py_err;

/// How often a blocking call wakes to let Python handle signals such as Ctrl-C.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(100);

static RUNTIME: Mutex<Option<(u32, Arc<Runtime>)>> = Mutex::new(None);

/// The runtime of this process, created on first use and again after a fork.
pub(crate) fn runtime() -> Arc<Runtime> {
    let pid = std::process::id();
    let mut slot = RUNTIME.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((owner, runtime)) = slot.as_ref() {
        if *owner == pid {
            return runtime.clone();
        }
    }
    // Inherited from the parent: its threads are gone, so it can neither run nor shut down.
    if let Some(stale) = slot.take() {
        std::mem::forget(stale);
    }
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("leat-runtime")
            .build()
            .expect("the operating system refused to start the tokio runtime's threads"),
    );
    *slot = Some((pid, runtime.clone()));
    runtime
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
    let mut future = std::pin::pin!(future);
    loop {
        let step = py.detach(|| {
            // The timer must be made inside the runtime.
            runtime.block_on(async {
                tokio::time::timeout(SIGNAL_CHECK_INTERVAL, future.as_mut()).await
            })
        });
        match step {
            Ok(outcome) => return outcome.map_err(|err| to_py_err(py, err)),
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
        future
            .await
            .map_err(|err| Python::attach(|py| to_py_err(py, err)))
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
