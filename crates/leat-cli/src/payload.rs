//! The bytes of a webhook delivery, made in one place: what `leat webhooks send` signs and
//! POSTs.

use serde::Serialize;
use serde_json::Value;

/// The body Leat POSTs, with its fields in Leat's order.
#[derive(Serialize)]
struct Delivery<'a> {
    #[serde(rename = "type")]
    event_type: &'a str,
    data: &'a Value,
}

/// The body of a delivery of `event_type` carrying `data`: the JSON object
/// `{"type":"<event_type>","data":<data>}`, compact, `type` first.
///
/// It is written by `serde_json`: `/` and non-ASCII characters appear as themselves (Leat's
/// servers, which use PHP's `json_encode`, write them as `\/` and `\uXXXX`), and the keys of
/// objects inside `data` come out in sorted order. The signature is made over exactly these
/// bytes, so a receiver that verifies the raw body, as it must, accepts them either way.
///
/// ```
/// let body = leat_cli::payload_bytes("contact_created", &serde_json::json!({"contact": {"uuid": "c1"}}));
/// assert_eq!(body, br#"{"type":"contact_created","data":{"contact":{"uuid":"c1"}}}"#);
/// ```
pub fn payload_bytes(event_type: &str, data: &Value) -> Vec<u8> {
    serde_json::to_vec(&Delivery { event_type, data })
        .expect("a JSON value with a string key always serialises")
}
