//! Turning Leat's answers into values or errors: the `{data, meta}` envelope, and the
//! error body classified by `code` first and HTTP status second.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, ApiErrorKind, Error, Result};
use crate::http::{Answer, Request};
use crate::response::RateLimit;

/// How much of a body an error message quotes.
const SNIPPET_BYTES: usize = 500;

/// The `data` and `meta` of a success answer (`meta` `null` when absent). The JSON keeps its
/// key order and every number exactly as sent.
pub(crate) fn envelope(request: &Request, answer: &Answer) -> Result<(Value, Value)> {
    let fail = |field: &str, message: String| {
        failure(request, answer.status, &answer.body, field.into(), message)
    };
    let value: Value = plain(request, answer)?;
    let Value::Object(mut fields) = value else {
        return Err(fail(
            "(top level)",
            "expected an object with `data`, the envelope of every Leat answer".into(),
        ));
    };
    let data = fields.remove("data").ok_or_else(|| {
        fail(
            "data",
            "the answer has no `data`, which every Leat answer carries".into(),
        )
    })?;
    let meta = fields.remove("meta").unwrap_or(Value::Null);
    Ok((data, meta))
}

/// The answer when it is a success, else the error Leat answered.
pub(crate) fn success(request: &Request, answer: Answer) -> Result<Answer> {
    if answer.is_success() {
        Ok(answer)
    } else {
        Err(api_error(request, &answer).into())
    }
}

/// A decoding failure at `field` of an answer (status and body) to `request`: the one
/// constructor of [`Error::Decode`].
pub(crate) fn failure(
    request: &Request,
    status: u16,
    body: &[u8],
    field: String,
    message: String,
) -> Error {
    Error::Decode {
        method: request.method.to_string(),
        path: request.path.clone(),
        status,
        field,
        message,
        body_snippet: snippet(body),
    }
}

/// Decodes a body that has no envelope. Every answer is read at full speed first; only one
/// that fails is read again, tracking where it failed (tracking costs a third more on every
/// body), for the error to name the field.
pub(crate) fn plain<T: DeserializeOwned>(request: &Request, answer: &Answer) -> Result<T> {
    match serde_json::from_slice(&answer.body) {
        Ok(value) => Ok(value),
        Err(_) => tracked(request, answer),
    }
}

/// [`plain`], tracking the path of the field that fails.
fn tracked<T: DeserializeOwned>(request: &Request, answer: &Answer) -> Result<T> {
    let mut json = serde_json::Deserializer::from_slice(&answer.body);
    let failure = |field: String, message: String| {
        failure(request, answer.status, &answer.body, field, message)
    };
    let value = serde_path_to_error::deserialize(&mut json).map_err(|err| {
        let path = err.path().to_string();
        let field = if path == "." {
            "(top level)".into()
        } else {
            path
        };
        failure(field, err.into_inner().to_string())
    })?;
    json.end()
        .map_err(|err| failure("(after the JSON value)".into(), err.to_string()))?;
    Ok(value)
}

/// At most ~500 bytes of `body`, as text, cut on a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty)".into();
    }
    let cut = &body[..body.len().min(SNIPPET_BYTES)];
    let text = String::from_utf8_lossy(cut);
    let text = text.trim_end_matches('\u{FFFD}');
    if cut.len() < body.len() {
        format!("{text}... ({} bytes in all)", body.len())
    } else {
        text.to_owned()
    }
}

/// Builds the error for a non-2xx answer, tolerating any body.
pub(crate) fn api_error(request: &Request, answer: &Answer) -> ApiError {
    let (status, body) = (answer.status, &answer.body[..]);
    let parsed = serde_json::from_slice::<Value>(body).ok();
    let object = parsed.as_ref().and_then(Value::as_object);
    let text = |key: &str| object.and_then(|o| o.get(key)).and_then(Value::as_str);
    let code = object
        .and_then(|o| o.get("code"))
        .and_then(|code| match code {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        });
    let message = text("message")
        .or_else(|| text("error_description"))
        .or_else(|| text("error"))
        .filter(|m| !m.trim().is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| describe_status(status, body));
    let errors = object
        .and_then(|o| o.get("errors"))
        .map(field_errors)
        .unwrap_or_default();
    let rate_limit = RateLimit::from_headers(&answer.headers);
    ApiError {
        kind: ApiErrorKind::classify(status, code),
        status,
        code,
        message,
        errors,
        request_id: answer.request_id(),
        retry_after: answer.retry_after(),
        method: request.method.to_string(),
        path: request.path.clone(),
        headers: answer
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect(),
        body: answer.body.clone(),
        rate_limit_limit: rate_limit.limit,
        rate_limit_remaining: rate_limit.remaining,
    }
}

fn describe_status(status: u16, body: &[u8]) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown status");
    if body.is_empty() {
        reason.to_owned()
    } else {
        format!("{reason}; body: {}", snippet(body))
    }
}

/// `errors` as field -> messages; each value may be a string or a list.
fn field_errors(value: &Value) -> BTreeMap<String, Vec<String>> {
    let Some(map) = value.as_object() else {
        return BTreeMap::new();
    };
    map.iter()
        .map(|(field, messages)| {
            let messages = match messages {
                Value::Array(items) => items.iter().map(as_text).collect(),
                other => vec![as_text(other)],
            };
            (field.clone(), messages)
        })
        .collect()
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Token {
        #[allow(dead_code)]
        access: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Inner {
        #[allow(dead_code)]
        expires_in: u64,
    }

    fn request() -> Request {
        Request {
            method: reqwest::Method::POST,
            path: "/oauth/token".into(),
            query: Vec::new(),
            body: crate::http::Body::None,
            idempotent: false,
            secrets: Vec::new(),
        }
    }

    fn answer(body: &'static str) -> Answer {
        Answer {
            status: 200,
            headers: reqwest::header::HeaderMap::new(),
            body: bytes::Bytes::from_static(body.as_bytes()),
        }
    }

    fn field_of(body: &'static str) -> String {
        match plain::<Token>(&request(), &answer(body)) {
            Err(Error::Decode { field, .. }) => field,
            other => panic!("expected a decoding error, got {other:?}"),
        }
    }

    #[test]
    fn a_body_that_reads_is_read_once_and_whole() {
        let token: Token = plain(&request(), &answer(r#"{"access": {"expires_in": 60}}"#)).unwrap();
        assert_eq!(token.access.expires_in, 60);
    }

    #[test]
    fn a_body_that_fails_names_the_field_where_it_failed() {
        assert_eq!(
            field_of(r#"{"access": {"expires_in": "soon"}}"#),
            "access.expires_in"
        );
        assert_eq!(field_of("\"text\""), "(top level)");
        assert_eq!(
            field_of(r#"{"access": {"expires_in": 1}} extra"#),
            "(after the JSON value)"
        );
    }
}
