//! The bytes of a webhook delivery, made in one place: what `leat webhooks send` signs and
//! POSTs.

use serde_json::Value;

/// The body of a delivery of `event_type` carrying `data`, byte for byte as Leat's servers
/// write it (PHP's `json_encode`): `{"type":"<event_type>","data":<data>}`, `type` first, keys
/// in the order given, `/` as `\/` and non-ASCII characters as `\uXXXX`. The signature is
/// made over exactly these bytes, as Leat makes it.
///
/// ```
/// let body = leat_cli::payload_bytes("contact_created", &serde_json::json!({"url": "https://e.com/é"}));
/// assert_eq!(body, br#"{"type":"contact_created","data":{"url":"https:\/\/e.com\/\u00e9"}}"#);
/// ```
pub fn payload_bytes(event_type: &str, data: &Value) -> Vec<u8> {
    leat_mock::php_json::delivery_body(event_type, data).into_bytes()
}
