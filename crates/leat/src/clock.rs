//! Instants computed from durations a user or a server chose: however large the duration,
//! the result is a valid instant, never an overflow.

use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, Result};

/// The farthest ahead any deadline or renewal is placed: longer waits are "no practical
/// limit". Thirty years, as tokio's own far-future instant.
pub(crate) const NO_PRACTICAL_LIMIT: Duration = Duration::from_secs(30 * 365 * 24 * 60 * 60);

/// The instant `duration` from now, capped at [`NO_PRACTICAL_LIMIT`].
pub(crate) fn after(duration: Duration) -> Instant {
    Instant::now() + duration.min(NO_PRACTICAL_LIMIT)
}

/// The instant `duration` from now, or `None` when it is not before `deadline`.
pub(crate) fn before(duration: Duration, deadline: Instant) -> Option<Instant> {
    Instant::now()
        .checked_add(duration)
        .filter(|at| *at < deadline)
}

/// A timeout must be greater than zero; one longer than the clock can hold means no practical
/// limit.
pub(crate) fn check_timeout(name: &str, timeout: Duration) -> Result<Duration> {
    if timeout.is_zero() {
        return Err(Error::config(format!("{name} must be greater than zero")));
    }
    Ok(timeout.min(NO_PRACTICAL_LIMIT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_durations_are_capped_not_overflowed() {
        let far = after(Duration::MAX);
        assert!(far > Instant::now() + Duration::from_secs(29 * 365 * 24 * 60 * 60));
        assert!(before(Duration::MAX, far).is_none());
        assert!(before(Duration::from_millis(1), far).is_some());
    }
}
