//! CPU time of this process, from getrusage, and its peak memory, from /proc.

use std::time::Duration;

/// User plus system CPU time of every thread of the process so far.
pub(crate) fn cpu_time() -> Duration {
    let usage = rusage();
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The peak resident set size of this program so far, in KiB: `VmHWM`, not getrusage's
/// `ru_maxrss`, which keeps the peak of the process that exec'd it (the harness's fork).
pub(crate) fn max_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn rusage() -> libc::rusage {
    // SAFETY: getrusage writes the whole struct; an all-zero rusage is a valid value.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    }
}
