//! Keeping a fixed number of calls in flight until a fixed number have been made.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::task::JoinSet;

/// Makes `calls` calls of `call`, `concurrency` at a time, each worker starting its next call
/// as soon as its last one ends.
pub(crate) async fn drive<F, Fut>(calls: usize, concurrency: usize, call: F)
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let left = Arc::new(AtomicUsize::new(calls));
    let mut workers = JoinSet::new();
    for _ in 0..concurrency.min(calls.max(1)) {
        let (left, call) = (left.clone(), call.clone());
        workers.spawn(async move {
            while left
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
                .is_ok()
            {
                call().await;
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.expect("a benchmark call panicked");
    }
}
