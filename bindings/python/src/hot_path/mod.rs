//! The performance-critical path of every call from Python, in one place: the runtimes calls
//! run on (one per thread for `Client`, one shared for `AsyncClient`, rebuilt after `fork`),
//! how a blocking call waits (GIL released; gevent's pool when patched), and how an async call
//! comes back to asyncio (one completion queue per event loop, one wake-up per batch).
//!
//! Its checks are `make bench` (CPU per call and calls/s against the HTTP clients users would
//! otherwise pick; BENCHMARKS.md) and `make soak` (seeded faults, thousands of calls: nothing
//! lost or duplicated). Change nothing here without running both.

pub(crate) mod blocking;
pub(crate) mod calls;
pub(crate) mod runtime;
