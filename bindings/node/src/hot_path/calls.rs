//! How asynchronous calls come back to JavaScript: one queue per JavaScript environment (the
//! main thread, or a worker) instead of one promise bridge per call.
//!
//! JavaScript starts a call with an id; the call runs on the runtime with everything it needs
//! owned (nothing borrowed from a JavaScript object, which a worker's teardown may free). When
//! it ends, its envelope is pushed onto the queue, and only the push that finds the queue empty
//! wakes JavaScript, through one long-lived threadsafe function; JavaScript then receives the
//! whole batch as one text, `<id> <envelope>` records each ended by U+001E (see [`batch`]),
//! and settles each promise by id. The
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
    /// `drain(batch)` is called on the JavaScript thread with the batch's records (see
    /// [`batch`]).
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

/// Ends each record of a batch. JSON never holds it unescaped, and every envelope is JSON or,
/// for a call's success, JSON + `\n` + a body the core parsed as JSON: so it cannot occur
/// inside a record (RFC 7464's JSON text sequences use it the same way).
const RECORD_END: char = '\u{1e}';

/// The batch as JavaScript reads it: `<id> <envelope>` then [`RECORD_END`], for each answer.
/// The envelopes are passed as they are, not re-encoded: a success carries Leat's raw body,
/// which JavaScript parses once. An envelope that somehow holds the separator (it cannot, see
/// [`RECORD_END`]) is replaced by an internal error rather than break the framing.
fn batch(items: Vec<(u32, String)>) -> String {
    let size = items.iter().map(|(_, e)| e.len() + 12).sum::<usize>();
    let mut out = String::with_capacity(size);
    for (id, envelope) in &items {
        let _ = write!(out, "{id} ");
        if envelope.contains(RECORD_END) {
            out.push_str(&crate::errors::internal(
                "an answer held the batch separator U+001E",
            ));
        } else {
            out.push_str(envelope);
        }
        out.push(RECORD_END);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_records_of_id_and_envelope_each_ended_by_the_separator() {
        let text = batch(vec![
            (1, "{\"status\":200}\n{\"data\":\n[]}".into()),
            (7, r#"{"error":{}}"#.into()),
        ]);
        assert_eq!(
            text,
            "1 {\"status\":200}\n{\"data\":\n[]}\u{1e}7 {\"error\":{}}\u{1e}"
        );
        assert_eq!(batch(Vec::new()), "");
    }

    #[test]
    fn an_envelope_holding_the_separator_becomes_an_internal_error() {
        let text = batch(vec![(3, "{}\n\u{1e}".into())]);
        let record = text
            .strip_prefix("3 ")
            .unwrap()
            .strip_suffix('\u{1e}')
            .unwrap();
        let parsed: serde_json::Value = serde_json::from_str(record).unwrap();
        assert_eq!(parsed["error"]["class"], "InternalError");
    }
}
