//! One measured phase as one JSON line: `{"op", "calls", "wall_s", "cpu_s", "max_rss_kib"}`,
//! the line every language's contenders print for the harness.

use std::time::Instant;

use crate::usage;

/// Runs `phase`, which makes `calls` calls, and prints its line.
pub(crate) fn measure(op: &str, calls: usize, phase: impl FnOnce()) {
    let cpu = usage::cpu_time();
    let started = Instant::now();
    phase();
    let wall = started.elapsed();
    let cpu = usage::cpu_time() - cpu;
    println!(
        "{}",
        serde_json::json!({
            "op": op,
            "calls": calls,
            "wall_s": wall.as_secs_f64(),
            "cpu_s": cpu.as_secs_f64(),
            "max_rss_kib": usage::max_rss_kib(),
        })
    );
}
