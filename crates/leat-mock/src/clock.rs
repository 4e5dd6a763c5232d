//! Timestamps as Leat writes them: `2023-10-20T11:46:22+00:00`.

/// Now, in UTC, as Leat writes timestamps.
pub(crate) fn now() -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]+00:00");
    time::OffsetDateTime::now_utc()
        .format(&format)
        .unwrap_or_default()
}
