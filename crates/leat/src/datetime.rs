//! Leat's timestamps: ISO 8601 with an offset, with `T` or a space between date and time.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::OffsetDateTime;

/// Parses `2023-10-20T11:46:22+00:00` or `2023-11-13 12:32:43+00:00`.
pub(crate) fn parse(text: &str) -> Result<OffsetDateTime, String> {
    let parsed = if text.as_bytes().get(10) == Some(&b' ') {
        let mut with_t = text.to_owned();
        with_t.replace_range(10..11, "T");
        OffsetDateTime::parse(&with_t, &Rfc3339)
    } else {
        OffsetDateTime::parse(text, &Rfc3339)
    };
    parsed.map_err(|err| format!("{text:?} is not an ISO 8601 date-time with offset ({err})"))
}

/// Formats the way Leat does: `2023-10-20T11:46:22+00:00`.
pub(crate) fn format(at: &OffsetDateTime) -> String {
    let with_offset = format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
    );
    if at.nanosecond() == 0 {
        at.format(&with_offset)
    } else {
        at.format(&Rfc3339)
    }
    .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// Parses `2023-10-20`.
pub(crate) fn parse_date(text: &str) -> Result<time::Date, String> {
    let format = format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format)
        .map_err(|err| format!("{text:?} is not an ISO 8601 date such as 2023-10-20 ({err})"))
}

/// Formats as `2023-10-20`.
pub(crate) fn format_date(date: &time::Date) -> String {
    let format = format_description!("[year]-[month]-[day]");
    date.format(&format).unwrap_or_else(|_| date.to_string())
}

/// Whether `text` reads as a date or a date-time, as a parameter may be written: ISO 8601
/// with or without an offset, `T` or a space between date and time.
pub(crate) fn is_date_like(text: &str) -> bool {
    if text.get(..10).is_none_or(|d| parse_date(d).is_err()) {
        return false;
    }
    let rest = text.get(10..).unwrap_or_default();
    rest.is_empty() || (rest.starts_with('T') || rest.starts_with(' ')) && rest.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_t_and_space_and_formats_like_leat() {
        let a = parse("2023-10-20T11:46:22+00:00").unwrap();
        let b = parse("2023-10-20 11:46:22+00:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(format(&a), "2023-10-20T11:46:22+00:00");
        let offset = parse("2023-10-20T13:46:22+02:00").unwrap();
        assert_eq!(offset, a);
        assert_eq!(format(&offset), "2023-10-20T13:46:22+02:00");
    }

    #[test]
    fn rejects_text_without_offset() {
        let err = parse("2023-10-20 11:46:22").unwrap_err();
        assert!(err.contains("2023-10-20 11:46:22"), "{err}");
    }
}
