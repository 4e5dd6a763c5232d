//! Timestamps as Leat writes them: `2023-10-20T11:46:22+00:00`.

use time::format_description::BorrowedFormatItem;
use time::OffsetDateTime;

const FORMAT: &[BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]+00:00");

/// Now, in UTC, as Leat writes timestamps.
pub(crate) fn now() -> String {
    OffsetDateTime::now_utc().format(FORMAT).unwrap_or_default()
}

/// The time `unix_seconds` after the epoch, in UTC, as Leat writes timestamps.
pub(crate) fn at(unix_seconds: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|time| time.format(FORMAT).ok())
        .unwrap_or_default()
}
