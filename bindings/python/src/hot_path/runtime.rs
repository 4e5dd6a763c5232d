//! The runtimes the extension runs on, and how Python waits on them.
//!
//! - Blocking calls (`leat.Client`) run on a current-thread runtime owned by the calling
//!   thread: the call, its connection and its timers all live on that thread, with no hop to
//!   another thread and back. The wait releases the GIL and wakes every 100 ms to run Python's
//!   signal handlers, so Ctrl-C ends it.
//! - Asynchronous calls (`leat.AsyncClient`) and the mock server run on one multi-thread
//!   runtime per process; their results go back to asyncio through `calls.rs`, never by a
//!   runtime thread taking the GIL.
//!
//! After `os.fork()` (reported by `_forked`, registered with `os.register_at_fork`) both kinds
//! are made anew in the child: the parent's threads do not exist there, so its runtimes can
//! neither run nor shut down, and are leaked rather than dropped.

use std::cell::RefCell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use futures_util::FutureExt;
use pyo3::prelude::*;
use tokio::runtime::{Handle, Runtime};

use crate::errors::{named, to_py_err};

/// How often a blocking call wakes to let Python handle signals such as Ctrl-C.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(100);

/// Bumped in a child process after `os.fork()`: everything made before belongs to the parent.
static FORK_GENERATION: AtomicU64 = AtomicU64::new(0);

/// Set once Python is exiting (`_shutdown`, run by `atexit`).
static STOPPING: AtomicBool = AtomicBool::new(false);

/// The thread that ran `_shutdown`: the one finalizing Python, which may still make calls
/// (in later `atexit` handlers); every other thread alive then is a daemon thread.
static FINALIZING: Mutex<Option<std::thread::ThreadId>> = Mutex::new(None);

/// The multi-thread runtime and the fork generation that made it. Only handles leave this
/// slot, so `_shutdown` can always take the runtime itself and stop it.
static SHARED: Mutex<Option<(u64, Runtime)>> = Mutex::new(None);

thread_local! {
    /// This thread's runtime for blocking calls, and the fork generation that made it.
    static OWN: RefCell<Option<(u64, Runtime)>> = const { RefCell::new(None) };
}

/// The current fork generation: what was made in another one belongs to another process.
#[pyfunction]
pub(crate) fn generation() -> u64 {
    FORK_GENERATION.load(Ordering::Acquire)
}

/// Registered with `os.register_at_fork(after_in_child=...)` by `leat`.
#[pyfunction]
pub(crate) fn _forked() {
    FORK_GENERATION.fetch_add(1, Ordering::AcqRel);
    STOPPING.store(false, Ordering::Release);
}

/// The multi-thread runtime of this process, made on first use and again after a fork.
pub(crate) fn shared() -> Handle {
    let generation = generation();
    let mut slot = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((made_in, runtime)) = slot.as_ref() {
        if *made_in == generation {
            return runtime.handle().clone();
        }
    }
    if let Some(inherited) = slot.take() {
        std::mem::forget(inherited);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("leat-runtime")
        .build()
        .expect("the operating system refused to start the tokio runtime's threads");
    let handle = runtime.handle().clone();
    *slot = Some((generation, runtime));
    handle
}

/// Stops the multi-thread runtime before Python finalizes (registered with `atexit` by
/// `leat`): tasks get a second to finish. Blocking calls still running in daemon threads
/// never come back to Python after this (see [`block_on`]).
#[pyfunction]
pub(crate) fn _shutdown(py: Python<'_>) {
    *FINALIZING.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
    STOPPING.store(true, Ordering::Release);
    let taken = SHARED.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some((made_in, runtime)) = taken {
        if made_in != generation() {
            std::mem::forget(runtime);
            return;
        }
        py.detach(|| runtime.shutdown_timeout(Duration::from_secs(1)));
    }
}

/// How a call ended without a result.
pub(crate) enum Failure {
    /// The core returned an error.
    Leat(leat::Error),
    /// Something panicked: a bug, reported as `leat.InternalError`.
    Panic(String),
}

impl Failure {
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
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
pub(crate) async fn guarded<F, T>(future: F) -> Result<T, Failure>
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

/// Runs `f` with this thread's runtime, made on first use and again after a fork.
pub(crate) fn with_own<R>(f: impl FnOnce(&Runtime) -> R) -> R {
    OWN.with(|own| {
        let mut own = own.borrow_mut();
        let generation = generation();
        if own
            .as_ref()
            .is_none_or(|(made_in, _)| *made_in != generation)
        {
            if let Some(inherited) = own.take() {
                std::mem::forget(inherited);
            }
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("the operating system refused to set up a tokio runtime");
            *own = Some((generation, runtime));
        }
        let (_, runtime) = own.as_ref().expect("made just above");
        f(runtime)
    })
}

/// Runs `future` to completion on this thread's runtime with the GIL released, waking
/// regularly so that a `KeyboardInterrupt` (or any signal handler's exception) ends the wait;
/// the call is then dropped, which cancels it. A daemon thread whose call ends after Python
/// began to exit never returns to Python: it waits, quietly, for the process to end.
pub(crate) fn block_on<F, T>(py: Python<'_>, future: F) -> PyResult<T>
where
    F: Future<Output = Result<T, leat::Error>> + Send,
    T: Send,
{
    let mut future = std::pin::pin!(guarded(future));
    loop {
        let step = py.detach(|| {
            let step = with_own(|runtime| {
                // The timer must be made inside the runtime.
                runtime.block_on(async {
                    tokio::time::timeout(SIGNAL_CHECK_INTERVAL, future.as_mut()).await
                })
            });
            if is_daemon_at_exit() {
                loop {
                    std::thread::park();
                }
            }
            step
        });
        match step {
            Ok(outcome) => return outcome.map_err(|failure| failure.into_py(py)),
            Err(_still_running) => py.check_signals()?,
        }
    }
}

/// `true` on a thread other than the finalizing one once Python is exiting: a daemon thread,
/// which Python 3.9-3.13 would end with a forced unwind through these frames if it came back.
fn is_daemon_at_exit() -> bool {
    STOPPING.load(Ordering::Acquire)
        && *FINALIZING.lock().unwrap_or_else(PoisonError::into_inner)
            != Some(std::thread::current().id())
}
