//! Every operation of the API through one door: `NativeClient.call(operation, args)` takes the
//! arguments as the JSON text of the JavaScript object (camelCase keys; path parameters in it
//! too) and answers one string. A success is the JSON of `{status, headers, requestId,
//! rateLimit, page}`, a newline,
//! then Leat's body exactly as it came (which JavaScript parses once, keeping Leat's key
//! order); a failure is the usual `{"error": {...}}` envelope, which has no raw newline.
//! Argument checks, sending, retries, decoding and pages are the core's.

use leat::operation::Operation;
use leat::{Args, Dynamic, Naming, Response};
use serde_json::{json, Map, Value};

use crate::errors;

/// The arguments object of a call of `op`, or the envelope saying what it must be.
fn args(op: &Operation, text: &str) -> Result<Args, String> {
    let method = op.node.rsplit('.').next().unwrap_or(op.node);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Null) => Ok(Map::new()),
        Ok(Value::Object(args)) => Ok(args),
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

fn success(response: &Response<Dynamic>) -> String {
    let raw = &response.raw;
    let headers: Map<String, Value> = raw
        .headers()
        .map(|(name, value)| (name.to_owned(), Value::from(value)))
        .collect();
    let page = response.data.page.map(|page| {
        json!({
            "page": page.page,
            "lastPage": page.last_page,
            "perPage": page.per_page,
            "total": page.total,
            "nextPage": page.next_page,
        })
    });
    let rate_limit = raw.rate_limit();
    let meta = json!({
        "status": raw.status(),
        "headers": headers,
        "requestId": raw.request_id(),
        "rateLimit": {"limit": rate_limit.limit, "remaining": rate_limit.remaining},
        "page": page,
    });
    let body = String::from_utf8_lossy(raw.body());
    let mut out = String::with_capacity(body.len() + 256);
    out.push_str(&meta.to_string());
    out.push('\n');
    out.push_str(&body);
    out
}
