//! How `AsyncClient` calls come back to asyncio without a runtime thread ever taking the GIL.
//!
//! A call is a [`Start`]: a prepared future that `leat._async.call`, a real coroutine, starts
//! when it is awaited, handing over its event loop's [`Calls`] and an asyncio future. The call
//! runs on the shared runtime; when it ends, its result (still Rust values) is pushed onto the
//! queue, and only the push that finds the queue empty writes one byte to a socket the event
//! loop watches (`loop.add_reader`). The loop then calls [`Calls::drain`] on its own thread,
//! with the GIL, which turns each result into Python objects and settles each future that is
//! not cancelled: one wake-up per batch, however many calls ended. A cancelled task cancels
//! its call here, which drops the Rust future.

use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::IntoPyObjectExt;
use tokio::task::AbortHandle;

use crate::runtime::{self, guarded, Failure};

/// A finished call's value, turned into a Python object on the event loop's thread.
type Ready = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

/// How a call ended.
type Done = Result<Ready, Failure>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The write end of the socket pair an event loop watches.
#[cfg(unix)]
type WakeSocket = std::os::unix::net::UnixStream;
#[cfg(windows)]
type WakeSocket = std::net::TcpStream;

#[cfg(unix)]
fn wake_socket(handle: i64) -> PyResult<WakeSocket> {
    use std::os::fd::FromRawFd;
    let fd = i32::try_from(handle)
        .map_err(|_| PyRuntimeError::new_err(format!("{handle} is not a file descriptor")))?;
    // SAFETY: `leat._async` detaches the socket and hands its descriptor over: it is open and
    // owned by nothing else from now on.
    Ok(unsafe { WakeSocket::from_raw_fd(fd) })
}

#[cfg(windows)]
fn wake_socket(handle: i64) -> PyResult<WakeSocket> {
    use std::os::windows::io::FromRawSocket;
    let socket = u64::try_from(handle)
        .map_err(|_| PyRuntimeError::new_err(format!("{handle} is not a socket")))?;
    // SAFETY: as on Unix, the detached socket's handle is handed over.
    Ok(unsafe { WakeSocket::from_raw_socket(socket) })
}

/// What a running call shares with its event loop's queue: no Python object in here.
struct Completion {
    done: Mutex<Vec<(u64, Done)>>,
    wake: WakeSocket,
}

impl Completion {
    fn finish(&self, id: u64, done: Done) {
        let first = {
            let mut queue = lock(&self.done);
            queue.push((id, done));
            queue.len() == 1
        };
        if first {
            // A full socket already has a wake-up waiting; a closed one has no loop to wake.
            let _ = (&self.wake).write(&[1]);
        }
    }
}

/// One event loop's calls: those running, and those finished but not yet handed to asyncio.
#[pyclass(frozen, module = "leat._native")]
pub struct Calls {
    completion: Arc<Completion>,
    /// Running calls by id: the asyncio future to settle, and the task to stop on cancel.
    running: Mutex<HashMap<u64, (Py<PyAny>, AbortHandle)>>,
    last_id: AtomicU64,
}

#[pymethods]
impl Calls {
    /// Takes the write end of the loop's socket pair (a detached descriptor or handle).
    #[new]
    fn new(wake: i64) -> PyResult<Self> {
        Ok(Calls {
            completion: Arc::new(Completion {
                done: Mutex::default(),
                wake: wake_socket(wake)?,
            }),
            running: Mutex::default(),
            last_id: AtomicU64::new(0),
        })
    }

    /// Settles the future of every call that ended since the last drain; run by the event
    /// loop, on its thread, when the socket has something to read. A future that cannot be
    /// settled does not keep the others of the batch waiting: all are settled, then the first
    /// failure is raised.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        let finished = std::mem::take(&mut *lock(&self.completion.done));
        let mut first_failure = None;
        for (id, done) in finished {
            let Some((future, _)) = lock(&self.running).remove(&id) else {
                continue;
            };
            if let Err(err) = settle(future.bind(py), done) {
                first_failure.get_or_insert(err);
            }
        }
        first_failure.map_or(Ok(()), Err)
    }

    /// Stops call `id` if it is still running: its Rust future is dropped, its result never
    /// delivered. Run when the task awaiting it is cancelled.
    fn cancel(&self, id: u64) {
        if let Some((_, task)) = lock(&self.running).remove(&id) {
            task.abort();
        }
    }

    /// How many calls are running (for tests).
    fn running(&self) -> usize {
        lock(&self.running).len()
    }
}

/// Hands a finished call's outcome to its asyncio future, unless the future is already done
/// (its task was cancelled).
fn settle(future: &Bound<'_, PyAny>, done: Done) -> PyResult<()> {
    let py = future.py();
    if future.call_method0("done")?.is_truthy()? {
        return Ok(());
    }
    match done.map_err(|failure| failure.into_py(py)) {
        Ok(ready) => match ready(py) {
            Ok(value) => future.call_method1("set_result", (value,)),
            Err(err) => future.call_method1("set_exception", (err.into_value(py),)),
        },
        Err(err) => future.call_method1("set_exception", (err.into_value(py),)),
    }
    .map(drop)
}

/// A call not started yet: `leat._async.call` starts it when its coroutine runs.
#[pyclass(frozen, module = "leat._native")]
pub struct Start {
    job: Mutex<Option<BoxFuture<'static, Done>>>,
}

#[pymethods]
impl Start {
    /// Starts the call on the shared runtime, to settle `future` through `calls`; its id.
    fn __call__(&self, calls: &Bound<'_, Calls>, future: Bound<'_, PyAny>) -> PyResult<u64> {
        let job = lock(&self.job).take().ok_or_else(|| {
            PyRuntimeError::new_err("this call was started already; each call runs once")
        })?;
        let calls = calls.get();
        let id = calls.last_id.fetch_add(1, Ordering::Relaxed) + 1;
        let completion = calls.completion.clone();
        // Registered before the task can end, so its end always finds the future.
        let mut running = lock(&calls.running);
        let task = runtime::shared().spawn(async move {
            let done = job.await;
            completion.finish(id, done);
        });
        running.insert(id, (future.unbind(), task.abort_handle()));
        Ok(id)
    }
}

/// `leat._async.call`, looked up once.
static CALL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A coroutine for `future`: nothing runs until it is awaited (or scheduled as a task), and
/// cancelling its task cancels the call.
pub(crate) fn coroutine<'py, F, T>(py: Python<'py>, future: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = Result<T, leat::Error>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    let job = async move {
        guarded(future)
            .await
            .map(|value| Box::new(move |py: Python<'_>| value.into_py_any(py)) as Ready)
    }
    .boxed();
    let start = Start {
        job: Mutex::new(Some(job)),
    };
    CALL.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("leat._async")?.getattr("call")?.unbind())
    })?
    .bind(py)
    .call1((start,))
}

/// A coroutine that returns `value` at once (for `close()` and `async with`).
pub(crate) fn ready<'py>(py: Python<'py>, value: Py<PyAny>) -> PyResult<Bound<'py, PyAny>> {
    py.import("leat._async")?.getattr("ready")?.call1((value,))
}
