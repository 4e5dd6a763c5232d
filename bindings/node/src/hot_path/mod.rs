//! The performance-critical path of every call from JavaScript, in one place: the runtime
//! calls run on, and how they come back (one completion queue per JavaScript environment, one
//! wake-up per batch, worker teardown that just closes it).
//!
//! Its checks are `make bench` (CPU per call and calls/s against undici and fetch;
//! BENCHMARKS.md) and `make soak` (seeded faults, thousands of calls: nothing lost or
//! duplicated). Change nothing here without running both.

pub(crate) mod calls;
pub(crate) mod runtime;
