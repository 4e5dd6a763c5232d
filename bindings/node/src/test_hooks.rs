//! Hooks for the package's own tests, in one place: each provokes what users must never see
//! (a panic inside a call, or in a synchronous export) to show that it becomes an
//! `InternalError` and the addon goes on. Not part of the package's API (their names start
//! with `_`).

use napi_derive::napi;

use crate::calls::Calls;

/// Test hook: panics inside an asynchronous call run the way every call runs (as call `id` of
/// `calls`), to prove that a panic becomes an `InternalError` and that the addon goes on.
#[napi(js_name = "_provokePanic")]
pub fn provoke_panic(calls: &Calls, id: u32) {
    calls.start(id, false, async {
        if std::hint::black_box(true) {
            panic!("provoked by a test");
        }
        String::new()
    });
}

/// Test hook: panics in a synchronous export, to prove that such a panic (every synchronous
/// export is `catch_unwind`) throws a JavaScript error instead of aborting the process.
#[napi(js_name = "_provokeSyncPanic", catch_unwind)]
pub fn provoke_sync_panic() {
    if std::hint::black_box(true) {
        panic!("provoked by a test");
    }
}
