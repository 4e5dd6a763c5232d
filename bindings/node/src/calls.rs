//! How asynchronous calls come back to JavaScript: one queue per JavaScript environment (the
//! main thread, or a worker) instead of one promise bridge per call.
//!
//! JavaScript starts a call with an id; the call runs on the runtime with everything it needs
//! owned (nothing borrowed from a JavaScript object, which a worker's teardown may free). When
//! it ends, its envelope is pushed onto the queue, and only the push that finds the queue empty
//! wakes JavaScript, through one long-lived threadsafe function; JavaScript then receives the
//! whole batch as one JSON text `[[id, envelope], ...]` and settles each promise by id. The
//! function holds the event loop open only while calls are pending (`hold`/`release`), so a
//! client never keeps a process alive, and a worker's teardown just closes it: calls still
//! running find it closed and their answers are dropped.

use std::collections::HashMap;
use std::fmt::Write;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use napi::bindgen_prelude::{Function, Unknown};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Result, Status};
use napi_derive::napi;
use tokio::task::AbortHandle;

use crate::runtime::guarded;

/// Answers waiting for JavaScript: `(call id, envelope)`.
type Done = Arc<Mutex<Vec<(u32, String)>>>;

/// The function that hands a batch to JavaScript; weak until `hold` is called.
type Wake = ThreadsafeFunction<(), Unknown<'static>, String, Status, false, true>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a call queue shares with the calls it runs, and with the logging layer.
pub(crate) struct Sink {
    done: Done,
    wake: Wake,
    /// Calls that may be cancelled, by id, while they run.
    running: Mutex<HashMap<u32, AbortHandle>>,
}

impl Sink {
    /// Queues a log entry (`{"log": {...}}`, id 0) for the environment's JavaScript loggers.
    pub(crate) fn log(&self, entry: String) {
        self.finish(0, entry);
    }

    /// Queues an answer; the first answer of a batch wakes JavaScript. After the environment
    /// closed, the wake-up fails and the answer is dropped with the queue.
    fn finish(&self, id: u32, envelope: String) {
        let first = {
            let mut done = lock(&self.done);
            done.push((id, envelope));
            done.len() == 1
        };
        if first {
            let _ = self.wake.call((), ThreadsafeFunctionCallMode::NonBlocking);
        }
    }
}

/// The answers of every call made from one JavaScript environment.
#[napi(js_name = "NativeCalls")]
pub struct Calls {
    shared: Arc<Sink>,
}

#[napi]
impl Calls {
    /// `drain(batch)` is called on the JavaScript thread with `[[id, envelope], ...]`.
    #[napi(constructor, catch_unwind)]
    pub fn new(drain: Function<String, Unknown<'static>>) -> Result<Self> {
        let done: Done = Arc::default();
        let taken = done.clone();
        let wake = drain
            .build_threadsafe_function::<()>()
            .weak::<true>()
            .callee_handled::<false>()
            .build_callback(move |_| Ok(batch(std::mem::take(&mut *lock(&taken)))))?;
        Ok(Calls {
            shared: Arc::new(Sink {
                done,
                wake,
                running: Mutex::default(),
            }),
        })
    }

    /// Keeps the event loop alive: JavaScript calls it when its first call starts.
    #[napi(catch_unwind)]
    pub fn hold(&self, env: Env) -> Result<()> {
        // SAFETY: on the JavaScript thread of the environment that made the function.
        let status =
            unsafe { napi::sys::napi_ref_threadsafe_function(env.raw(), self.shared.wake.raw()) };
        ok(status)
    }

    /// Lets the event loop end: JavaScript calls it when no call is pending any more.
    #[napi(catch_unwind)]
    pub fn release(&self, env: Env) -> Result<()> {
        // SAFETY: as for `hold`.
        let status =
            unsafe { napi::sys::napi_unref_threadsafe_function(env.raw(), self.shared.wake.raw()) };
        ok(status)
    }

    /// Stops call `id` if it is still running: its future is dropped, its answer never comes.
    #[napi(catch_unwind)]
    pub fn cancel(&self, id: u32) -> bool {
        match lock(&self.shared.running).remove(&id) {
            Some(running) => {
                running.abort();
                true
            }
            None => false,
        }
    }
}

impl Calls {
    /// The queue, for the logging layer to send a logger's events to.
    pub(crate) fn sink(&self) -> std::sync::Weak<Sink> {
        Arc::downgrade(&self.shared)
    }

    /// Runs `call` (which answers an envelope) on the runtime as call `id`; `cancellable`
    /// calls can be stopped with [`Calls::cancel`].
    pub(crate) fn start<F>(&self, id: u32, cancellable: bool, call: F)
    where
        F: Future<Output = String> + Send + 'static,
    {
        let shared = self.shared.clone();
        let task = async move {
            let envelope = guarded(call).await;
            if cancellable && lock(&shared.running).remove(&id).is_none() {
                // Cancelled as it ended: JavaScript has settled it already.
                return;
            }
            shared.finish(id, envelope);
        };
        if cancellable {
            // Registered before the task can end, so its end always finds itself.
            let mut running = lock(&self.shared.running);
            let handle = napi::bindgen_prelude::spawn(task);
            running.insert(id, handle.abort_handle());
        } else {
            napi::bindgen_prelude::spawn(task);
        }
    }
}

fn ok(status: napi::sys::napi_status) -> Result<()> {
    if status == napi::sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            Status::from(status),
            "the call queue's threadsafe function is closed",
        ))
    }
}

/// `[[id, envelope], ...]`: the envelopes are JSON text already.
fn batch(items: Vec<(u32, String)>) -> String {
    let size = items.iter().map(|(_, e)| e.len() + 16).sum::<usize>() + 2;
    let mut out = String::with_capacity(size);
    out.push('[');
    for (index, (id, envelope)) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let _ = write!(out, "[{id},{envelope}]");
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_one_json_array_of_id_and_envelope() {
        let text = batch(vec![
            (1, r#"{"ok":null}"#.into()),
            (7, r#"{"error":{}}"#.into()),
        ]);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!([[1, {"ok": null}], [7, {"error": {}}]])
        );
        assert_eq!(batch(Vec::new()), "[]");
    }
}
