//! Two ways a blocking binding can drive leat, one call at a time from a thread of its own
//! (the experiment behind BENCHMARKS.md's analysis of `leat.Client`):
//!
//! - `leat-block-on`: what `leat.Client` first did: a shared multi-thread
//!   runtime, `Runtime::block_on` from the caller's thread, the call wrapped in a 100 ms
//!   `timeout` so the caller can check for signals. The connection's task runs on a worker,
//!   so every call crosses threads twice.
//! - `leat-current-thread`: what `leat.Client` does now (`bindings/python/src/hot_path/runtime.rs`): a
//!   current-thread runtime owned by the calling thread: the call, the connection and the I/O
//!   driver all run on that thread, in the same 100 ms steps.

use std::future::Future;
use std::time::Duration;

use tokio::runtime::Runtime;

use crate::args::Args;
use crate::{report, sdk};

/// The interval `bindings/python/src/hot_path/runtime.rs` wakes at to check for signals.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(100);

fn block_on_like_the_python_binding<F: Future>(runtime: &Runtime, future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    loop {
        let step = runtime
            .block_on(async { tokio::time::timeout(SIGNAL_CHECK_INTERVAL, future.as_mut()).await });
        if let Ok(output) = step {
            return output;
        }
    }
}

pub(crate) fn run(contender: &str, args: &Args) {
    let runtime = match contender {
        "leat-block-on" => tokio::runtime::Builder::new_multi_thread(),
        _ => tokio::runtime::Builder::new_current_thread(),
    }
    .enable_all()
    .build()
    .expect("tokio starts");
    let client = sdk::client(&args.url);
    let call = |list: bool| {
        let work = async {
            if list {
                sdk::list(&client).await
            } else {
                sdk::get(&client, &args.uuid).await
            }
        };
        block_on_like_the_python_binding(&runtime, work)
    };
    for (op, list) in [("get", false), ("list", true)] {
        for _ in 0..args.warmup {
            call(list);
        }
        report::measure(op, args.calls, || {
            for _ in 0..args.calls {
                call(list);
            }
        });
    }
}
