//! The one tokio runtime of the addon is napi's own (feature `tokio_rt`): every `async fn`
//! exported to JavaScript runs on it, and so do the core client and the mock server.
//!
//! Every call runs inside [`guarded`] (or [`guarded_sync`]): a panic, which would be a bug,
//! becomes an `InternalError` envelope instead of a rejection napi words on its own, and the
//! addon goes on serving other calls. The other synchronous exports are `catch_unwind`: a
//! panic there throws a plain JavaScript error rather than aborting the process.

use std::any::Any;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};

use futures_util::FutureExt;
use tokio::runtime::Handle;

use crate::errors;

/// The runtime, seen from inside one of the addon's `async fn`s.
pub(crate) fn current() -> Handle {
    Handle::current()
}

/// Drops `value` inside the runtime's context, for values whose `Drop` talks to it and that
/// JavaScript's garbage collector may drop on the main thread.
pub(crate) fn drop_inside<T>(runtime: &Handle, value: T) {
    let _inside = runtime.enter();
    drop(value);
}

/// Runs one asynchronous call: its envelope, or an `InternalError` envelope if it panicked.
pub(crate) async fn guarded(call: impl Future<Output = String>) -> String {
    AssertUnwindSafe(call)
        .catch_unwind()
        .await
        .unwrap_or_else(|payload| errors::internal(&panic_message(payload.as_ref())))
}

/// Runs one synchronous call: its envelope, or an `InternalError` envelope if it panicked.
pub(crate) fn guarded_sync(call: impl FnOnce() -> String) -> String {
    panic::catch_unwind(AssertUnwindSafe(call))
        .unwrap_or_else(|payload| errors::internal(&panic_message(payload.as_ref())))
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_envelope() {
        let envelope = guarded_sync(|| panic!("boom {}", 1));
        let parsed: serde_json::Value = serde_json::from_str(&envelope).unwrap();
        assert_eq!(parsed["error"]["class"], "InternalError");
        assert!(parsed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("boom 1"));
        assert_eq!(guarded_sync(|| "{\"ok\":1}".to_owned()), "{\"ok\":1}");
    }
}
