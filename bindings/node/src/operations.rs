//! Every operation of the API through one door: `NativeClient.call(operation, args)` takes the
//! arguments as the JSON text of the JavaScript object (camelCase keys; path parameters in it
//! too) and answers one string. A success is the JSON of `{status, headers, requestId,
//! rateLimit, page}`, a newline,
//! then Leat's body exactly as it came (which JavaScript parses once, keeping Leat's key
//! order); a failure is the usual `{"error": {...}}` envelope, which has no raw newline.
//! Argument checks, sending, retries, decoding and pages are the core's.

use leat::operation::Operation;
use leat::{Args, Dynamic, Naming, Response};
use std::io::Write as _;

use serde_json::{Map, Value};

use crate::errors;
use crate::json;

/// The arguments object of a call of `op`, or the envelope saying what it must be.
fn args(op: &Operation, text: &str) -> Result<Args, String> {
    let method = op.node.rsplit('.').next().unwrap_or(op.node);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Null) => Ok(Map::new()),
        Ok(Value::Object(args)) => {
            // A bigint, function or symbol is never a value of Leat's: refused by its name,
            // as the core refuses any other value of the wrong type.
            match args
                .iter()
                .find_map(|(key, v)| Some((key, json::find_unencodable(v, key)?)))
            {
                Some((key, kind)) => Err(errors::bad_argument(
                    key,
                    &format!("must be JSON data (text, a number, true or false, a list or an object), got {kind}"),
                )),
                None => Ok(args),
            }
        }
        Ok(other) => Err(errors::bad_argument(
            &format!("{method}()"),
            &format!("must be an object of its parameters, got {}", kind(&other)),
        )),
        Err(_) => Err(errors::bad_argument(
            &format!("{method}()"),
            "must be JSON-serialisable data",
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Calls `op` with `args` (JSON text) on `client`, or answers the envelope of its refused
/// options.
pub(crate) async fn call(
    client: Result<leat::Client, String>,
    op: &'static Operation,
    args_text: String,
) -> String {
    let client = match client {
        Ok(client) => client,
        Err(envelope) => return envelope,
    };
    let args = match args(op, &args_text) {
        Ok(args) => args,
        Err(envelope) => return envelope,
    };
    match client
        .request_op(op, args, Naming::Node)
        .with_response()
        .await
    {
        Ok(response) => success(&response),
        Err(err) => errors::envelope(&err),
    }
}

/// The success answer: the meta JSON, written straight into the answer (this is every call's
/// path: no JSON tree is built for it), a newline, then Leat's body as it came.
fn success(response: &Response<Dynamic>) -> String {
    let raw = &response.raw;
    let body = raw.body();
    let mut out: Vec<u8> = Vec::with_capacity(body.len() + 320);
    out.extend_from_slice(b"{\"status\":");
    number(&mut out, Some(u64::from(raw.status())));
    out.extend_from_slice(b",\"headers\":{");
    for (index, (name, value)) in raw.headers().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        text(&mut out, name);
        out.push(b':');
        text(&mut out, value);
    }
    out.extend_from_slice(b"},\"requestId\":");
    match raw.request_id() {
        Some(id) => text(&mut out, id),
        None => out.extend_from_slice(b"null"),
    }
    let rate_limit = raw.rate_limit();
    out.extend_from_slice(b",\"rateLimit\":{\"limit\":");
    number(&mut out, rate_limit.limit);
    out.extend_from_slice(b",\"remaining\":");
    number(&mut out, rate_limit.remaining);
    out.extend_from_slice(b"},\"page\":");
    match response.data.page {
        Some(page) => {
            out.extend_from_slice(b"{\"page\":");
            number(&mut out, Some(page.page));
            out.extend_from_slice(b",\"lastPage\":");
            number(&mut out, page.last_page);
            out.extend_from_slice(b",\"perPage\":");
            number(&mut out, page.per_page);
            out.extend_from_slice(b",\"total\":");
            number(&mut out, page.total);
            out.extend_from_slice(b",\"nextPage\":");
            number(&mut out, page.next_page);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b"}\n");
    out.extend_from_slice(body);
    // The meta is JSON and the body passed the core's JSON decoding, so this is UTF-8; a body
    // that somehow is not keeps its valid text, as from_utf8_lossy makes it.
    String::from_utf8(out)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// A JSON string, escaped as JSON needs.
fn text(out: &mut Vec<u8>, value: &str) {
    // Writing a &str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// A JSON number, or `null`.
fn number(out: &mut Vec<u8>, value: Option<u64>) {
    match value {
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => out.extend_from_slice(b"null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_string_is_escaped() {
        let mut out = Vec::new();
        text(&mut out, "a\"b\n\u{1e}");
        assert_eq!(out, br#""a\"b\n\u001e""#);
    }
}
