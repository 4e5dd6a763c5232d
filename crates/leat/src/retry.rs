//! When a failed attempt may be repeated, and how long to wait first.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::Method;

/// The longest backoff between two attempts, before jitter.
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// How an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The connection was never made: the request did not leave.
    NotSent,
    /// The connection broke after the request may have left.
    MaybeSent,
    /// Leat answered with this HTTP status.
    Status(u16),
}

/// Whether the failure may be retried for a request of this kind. A request whose fate is
/// unknown is repeated only when repeating it cannot do something twice.
pub(crate) fn retryable(failure: Failure, idempotent: bool) -> bool {
    match failure {
        Failure::NotSent => true,
        // Leat did not act: rate limited or in maintenance.
        Failure::Status(429 | 503) => true,
        Failure::MaybeSent | Failure::Status(500 | 502 | 504) => idempotent,
        Failure::Status(_) => false,
    }
}

/// GET, PUT and DELETE give the same result when repeated; POST does not.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD
    )
}

/// Exponential backoff with jitter: the `retry`-th retry (from 1) waits between half and all
/// of `initial * 2^(retry-1)`, capped.
pub(crate) fn backoff(initial: Duration, retry: u32) -> Duration {
    let exponent = retry.saturating_sub(1).min(16);
    let full = initial
        .saturating_mul(1 << exponent)
        .min(MAX_BACKOFF.max(initial));
    let half = full / 2;
    half + half.mul_f64(fastrand::f64())
}

/// The wait Leat asked for in `Retry-After`: seconds, or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    parse_retry_after(value, SystemTime::now())
}

pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        // Longer than a Duration holds is still a wait: the longest one.
        return (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fate_is_retried_only_when_idempotent() {
        assert!(retryable(Failure::NotSent, false));
        assert!(retryable(Failure::Status(429), false));
        assert!(retryable(Failure::Status(503), false));
        assert!(!retryable(Failure::MaybeSent, false));
        assert!(!retryable(Failure::Status(500), false));
        assert!(retryable(Failure::MaybeSent, true));
        assert!(retryable(Failure::Status(502), true));
        assert!(!retryable(Failure::Status(501), true));
        assert!(!retryable(Failure::Status(400), true));
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let initial = Duration::from_millis(100);
        for _ in 0..100 {
            let first = backoff(initial, 1);
            assert!(first >= Duration::from_millis(50) && first <= initial);
            let third = backoff(initial, 3);
            assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
            assert!(backoff(initial, 40) <= MAX_BACKOFF);
        }
    }

    #[test]
    fn retry_after_in_seconds_or_http_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("NaN", now), None);
        assert_eq!(parse_retry_after("1e400", now), None);
        for huge in ["18446744073709551616", "1.7976931348623157e308", "1e30"] {
            assert_eq!(parse_retry_after(huge, now), Some(Duration::MAX), "{huge}");
        }
    }
}
