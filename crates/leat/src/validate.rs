//! The rules an argument's value must keep before anything is sent, each with the message that
//! names what is wrong and what to do. `build.rs` applies them as each parameter's kind says.

use url::Url;

use crate::error::{Error, Result};

/// The longest value quoted back in an error message.
const QUOTE_LIMIT: usize = 120;

/// `value` as an error message shows it: quoted, and cut when long.
pub(crate) fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTE_LIMIT) {
        Some((end, _)) => format!("{:?}...", &value[..end]),
        None => format!("{value:?}"),
    }
}

/// A path parameter names one entity and can never change the request's path.
pub(crate) fn path_segment(argument: &str, value: &str) -> Result<()> {
    let bad = |why: &str| {
        Error::invalid_argument(
            argument,
            format!(
                "{why}, got {}; pass the uuid (or key) Leat gave",
                quoted(value)
            ),
        )
    };
    if value.is_empty() {
        return Err(bad("must not be empty"));
    }
    if value == "." || value == ".." {
        return Err(bad("must not be a path segment"));
    }
    if let Some(c) = value
        .chars()
        .find(|c| matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_whitespace() || c.is_control())
    {
        return Err(bad(&format!("must not contain {c:?}")));
    }
    Ok(())
}

/// A given text must not be blank. A secret's value is never quoted.
pub(crate) fn non_empty(argument: &str, value: &str, secret: bool) -> Result<()> {
    if !value.trim().is_empty() {
        return Ok(());
    }
    let message = if secret {
        "must not be empty; leave it out to send none".to_owned()
    } else {
        format!(
            "must not be empty, got {}; leave it out to send none",
            quoted(value)
        )
    };
    Err(Error::invalid_argument(argument, message))
}

/// An absolute http(s) URL, written so that it is sent exactly as meant.
pub(crate) fn absolute_url(argument: &str, value: &str) -> Result<()> {
    non_empty(argument, value, false)?;
    let bad = |why: String| {
        Error::invalid_argument(
            argument,
            format!("must be an absolute http(s) URL such as \"https://example.com/webhooks\", got {}: {why}", quoted(value)),
        )
    };
    // URL parsing forgives what Leat would store as given: tabs and newlines inside, spaces
    // around, `http:host` without slashes, `https:///host` with three, `\` for `/`. The URL
    // is sent exactly as written, so refuse them.
    if let Some(c) = value
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '\\')
    {
        return Err(bad(format!("it contains {c:?}")));
    }
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let Some(scheme_end) = ["http://", "https://"]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map(|prefix| prefix.len())
    else {
        return Err(bad("it does not start with http:// or https://".into()));
    };
    if value[scheme_end..].starts_with('/') {
        return Err(bad("it has no host after the scheme's //".into()));
    }
    let parsed = Url::parse(value).map_err(|err| bad(err.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad(format!(
            "scheme {:?} is not http or https",
            parsed.scheme()
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("it has no host".into()));
    }
    Ok(())
}

/// An email address: something, an `@`, something, and no spaces.
pub(crate) fn email(argument: &str, value: &str) -> Result<()> {
    let ok = value
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_argument(
            argument,
            format!(
                "must be an email address such as \"jane@example.com\", got {}",
                quoted(value)
            ),
        ))
    }
}

/// A date or date-time in ISO 8601.
pub(crate) fn date_like(argument: &str, value: &str, with_time: bool) -> Result<()> {
    if crate::datetime::is_date_like(value) {
        return Ok(());
    }
    let example = if with_time {
        "\"2024-05-01T09:30:00+02:00\""
    } else {
        "\"2024-05-01\""
    };
    Err(Error::invalid_argument(
        argument,
        format!(
            "must be an ISO 8601 date such as {example}, got {}",
            quoted(value)
        ),
    ))
}

/// One of the values Leat accepts.
pub(crate) fn one_of(argument: &str, value: &str, values: &[&str]) -> Result<()> {
    if values.contains(&value) {
        return Ok(());
    }
    let listed = values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let listed = match values.len() {
        2 => listed.replacen(", ", " or ", 1),
        _ => format!("one of {listed}"),
    };
    Err(Error::invalid_argument(
        argument,
        format!("must be {listed}, got {}", quoted(value)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_parameter_that_could_change_the_path_is_refused() {
        for bad in [
            "", ".", "..", "a/b", "a\\b", "a?b", "a#b", "a%2Fb", "a b", "a\nb",
        ] {
            assert!(path_segment("uuid", bad).is_err(), "{bad:?} accepted");
        }
        path_segment("uuid", "59165ef0-1afd-4baf-b1f7-ffee287aff32").unwrap();
    }

    #[test]
    fn urls_that_parsing_would_forgive_are_refused() {
        // Found by the `arguments` fuzz target: "http\n:\n\n7" parsed as http://0.0.0.7/.
        for bad in [
            "http\n:\n\n7",
            "http:7",
            " https://e.com",
            "https://e.com/a b",
            "https://e.com/\t",
            "https:///x",
            "http:///example.com",
            "http://\\example.com",
            "https://e.com\\path",
        ] {
            assert!(absolute_url("url", bad).is_err(), "{bad:?} accepted");
        }
        absolute_url("url", "HTTPS://Example.com/hooks?x=1").unwrap();
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "x".repeat(500);
        let message = absolute_url("url", &long).unwrap_err().to_string();
        assert!(message.len() < 400, "{message}");
    }

    #[test]
    fn a_blank_secret_is_refused_without_being_quoted() {
        let message = non_empty("secret", "   ", true).unwrap_err().to_string();
        assert!(!message.contains("\"   \""), "{message}");
    }

    #[test]
    fn two_values_read_as_either_or() {
        let message = one_of("status", "active", &["ACTIVE", "INACTIVE"])
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("must be \"ACTIVE\" or \"INACTIVE\", got \"active\""),
            "{message}"
        );
    }
}
