//! The core's per-attempt `tracing` events, delivered to Python's `logging` (logger `leat`).
//!
//! `tracing` forwards events to the `log` crate when no subscriber is set, and pyo3-log hands
//! `log` records to Python. Python's logger levels are cached on the Rust side so a disabled
//! level costs no GIL; the cache is refreshed whenever a client is created.

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3_log::{Caching, Logger, ResetHandle};

static RESET: OnceLock<ResetHandle> = OnceLock::new();

/// Forwards the core's events (target `leat`) and nothing else: the HTTP stack's own records
/// stay in Rust, so no runtime thread needs the GIL for them (least of all while Python exits).
pub(crate) fn install(py: Python<'_>) {
    let installed = Logger::new(py, Caching::LoggersAndLevels)
        .ok()
        .map(|logger| {
            logger
                .filter(log::LevelFilter::Off)
                .filter_target("leat".to_owned(), log::LevelFilter::Trace)
        })
        .and_then(|logger| logger.install().ok());
    if let Some(handle) = installed {
        let _ = RESET.set(handle);
    }
}

/// Forgets the cached Python logger levels, so the next event reads them again.
pub(crate) fn reread_levels() {
    if let Some(handle) = RESET.get() {
        handle.reset();
    }
}
