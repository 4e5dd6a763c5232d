//! Numbers as Python and JavaScript hold them (floats, integers of any size) turned into the
//! durations and counts the client takes, with one rule for every binding: what is refused,
//! and how it is worded. Not part of the supported Rust API.

use std::time::Duration;

use crate::clock::NO_PRACTICAL_LIMIT;
use crate::error::{Error, Result};

/// A timeout given in `unit`s (1.0 for seconds, 0.001 for milliseconds): greater than zero;
/// infinity, or more than the clock can hold, means no practical limit. The same rule for a
/// client's settings and for a view's or a call's options: a value so small that it is no
/// time at all (under a nanosecond) is refused as zero is, never kept as a zero timeout.
pub fn duration(argument: &str, value: f64, unit: f64, unit_name: &str) -> Result<Duration> {
    let refused = |why: &str| {
        Error::config(format!(
            "{argument} must be a number of {unit_name} greater than zero, got {}{why}",
            shown(value)
        ))
    };
    if value.is_nan() || value <= 0.0 {
        return Err(refused(""));
    }
    let seconds = value * unit;
    let duration = Duration::try_from_secs_f64(seconds)
        .unwrap_or(NO_PRACTICAL_LIMIT)
        .min(NO_PRACTICAL_LIMIT);
    if duration.is_zero() {
        return Err(refused(", which is less than a nanosecond"));
    }
    Ok(duration)
}

/// A count such as `max_retries`: a whole number from 0 to `u32::MAX`. `None` stands for an
/// integer too far from zero for the host to give as a number.
pub fn count(argument: &str, value: Option<f64>) -> Result<u32> {
    match value {
        Some(v) if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) => Ok(v as u32),
        Some(v) => Err(Error::config(format!(
            "{argument} must be a whole number from 0 to {}, got {}",
            u32::MAX,
            shown(v)
        ))),
        None => Err(Error::config(format!(
            "{argument} must be a whole number from 0 to {}, got an integer too far from zero to read",
            u32::MAX
        ))),
    }
}

/// A timestamp as Leat writes it, read by the rule every model uses.
///
/// # Errors
/// A message naming the text, when it is not an ISO 8601 date-time with an offset.
pub fn parse_datetime(text: &str) -> std::result::Result<time::OffsetDateTime, String> {
    crate::datetime::parse(text)
}

/// `1.5`, `3`, `-1`, `1e-12`, `NaN`, `Infinity`: as a user typed it, not Rust's `inf`; the
/// very small and very large with an exponent, as JavaScript writes them, not in hundreds of
/// digits.
fn shown(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if value != 0.0 && !(1e-6..1e21).contains(&value.abs()) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_beyond_the_clock_mean_no_practical_limit() {
        for huge in [1e19, 1e22, f64::MAX, f64::INFINITY] {
            assert_eq!(
                duration("timeout", huge, 1.0, "seconds").unwrap(),
                NO_PRACTICAL_LIMIT
            );
        }
        assert_eq!(
            duration("timeout", 1500.0, 0.001, "milliseconds").unwrap(),
            Duration::from_millis(1500)
        );
    }

    #[test]
    fn timeouts_that_are_not_positive_are_refused_by_name() {
        for (bad, shown) in [
            (0.0, "0"),
            (-1.0, "-1"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            let message = duration("timeout", bad, 1.0, "seconds")
                .unwrap_err()
                .to_string();
            assert!(
                message.contains("timeout") && message.contains(shown),
                "{message}"
            );
        }
    }

    #[test]
    fn timeouts_under_a_nanosecond_are_refused_as_zero_is() {
        for (tiny, unit, name) in [
            (1e-12, 1.0, "seconds"),
            (5e-324, 1.0, "seconds"),
            (1e-9, 0.001, "milliseconds"),
        ] {
            let message = duration("timeout", tiny, unit, name)
                .unwrap_err()
                .to_string();
            assert!(
                message.contains("greater than zero") && message.contains("less than a nanosecond"),
                "{message}"
            );
            assert!(message.contains(&format!("got {tiny:e}")), "{message}");
        }
        assert_eq!(
            duration("timeout", 1e-9, 1.0, "seconds").unwrap(),
            Duration::from_nanos(1)
        );
    }

    #[test]
    fn counts_are_whole_and_in_range() {
        assert_eq!(count("max_retries", Some(3.0)).unwrap(), 3);
        assert_eq!(count("max_retries", Some(4294967295.0)).unwrap(), u32::MAX);
        for bad in [
            Some(-1.0),
            Some(2.5),
            Some(2f64.powi(40)),
            Some(f64::NAN),
            None,
        ] {
            assert!(
                matches!(count("max_retries", bad), Err(Error::Config { .. })),
                "{bad:?}"
            );
        }
    }
}
