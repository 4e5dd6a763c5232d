//! Checks made before anything is sent, so a bad argument never reaches Leat.

use url::Url;

use crate::error::{Error, Result};
use crate::event_type::{EventType, Status};
use crate::params::{CreateParams, ListParams, UpdateParams};

/// The longest value quoted back in an error message.
const QUOTE_LIMIT: usize = 120;

fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTE_LIMIT) {
        Some((end, _)) => format!("{:?}...", &value[..end]),
        None => format!("{value:?}"),
    }
}

/// A uuid must name one subscription and can never change the request's path.
pub(crate) fn uuid(value: &str) -> Result<()> {
    let bad = |why: &str| {
        Error::invalid_argument(
            "uuid",
            format!("{why}, got {}; pass the subscription's uuid", quoted(value)),
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

fn non_empty(argument: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_argument(
            argument,
            format!("must not be empty, got {}", quoted(value)),
        ));
    }
    Ok(())
}

fn absolute_url(argument: &str, value: &str) -> Result<()> {
    non_empty(argument, value)?;
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

fn event_type(value: &EventType) -> Result<()> {
    non_empty("event_type", value.as_str())
}

fn status(value: &Status) -> Result<()> {
    if value.is_known() {
        return Ok(());
    }
    Err(Error::invalid_argument(
        "status",
        format!(
            "must be \"ACTIVE\" or \"INACTIVE\", got {}",
            quoted(value.as_str())
        ),
    ))
}

fn attributes(values: &[String]) -> Result<()> {
    values
        .iter()
        .try_for_each(|value| non_empty("attributes", value))
}

pub(crate) fn list(params: &ListParams) -> Result<()> {
    params.event_type.as_ref().map_or(Ok(()), event_type)?;
    params.status.as_ref().map_or(Ok(()), status)
}

pub(crate) fn create(params: &CreateParams) -> Result<()> {
    non_empty("name", &params.name)?;
    event_type(&params.event_type)?;
    absolute_url("url", &params.url)?;
    if params.secret.as_deref().is_some_and(str::is_empty) {
        return Err(Error::invalid_argument(
            "secret",
            "must not be empty; leave it out to use the account's secret",
        ));
    }
    params.attributes.as_deref().map_or(Ok(()), attributes)
}

pub(crate) fn update(params: &UpdateParams) -> Result<()> {
    if let Some(name) = &params.name {
        non_empty("name", name)?;
    }
    if let Some(url) = &params.url {
        absolute_url("url", url)?;
    }
    params.status.as_ref().map_or(Ok(()), status)?;
    params.attributes.as_deref().map_or(Ok(()), attributes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_that_could_change_the_path_is_refused() {
        for bad in [
            "", ".", "..", "a/b", "a\\b", "a?b", "a#b", "a%2Fb", "a b", "a\nb",
        ] {
            assert!(uuid(bad).is_err(), "{bad:?} accepted");
        }
        uuid("59165ef0-1afd-4baf-b1f7-ffee287aff32").unwrap();
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
}
