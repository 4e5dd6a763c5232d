//! The one tokio runtime of the addon is napi's own (feature `tokio_rt`): every `async fn`
//! exported to JavaScript runs on it, and so do the core client and the mock server.

use tokio::runtime::Handle;

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
