//! Receiving webhooks: verifying Leat's `Signature` header and parsing the event.
//!
//! Leat signs each delivery with the subscription's secret (or the account's secret when the
//! subscription has none): the `Signature` header is the lowercase hex HMAC-SHA256 of the raw
//! request body. Verify against the raw bytes exactly as received; a body that was parsed and
//! serialised again will not match. Leat's servers write the body with PHP's `json_encode`
//! (`"https:\/\/example.com"`, `"Cr\u00e8me"`, `1.0e+25`), which no other JSON library
//! reproduces, so re-serialising can never give Leat's bytes back.
//!
//! The parsed `data` keeps the keys in the order Leat wrote them and every number exactly as
//! written (integers up to 64 bits exact, floats to the last digit a double holds).
//!
//! Only a JSON object with a non-empty string `type` is an event, and its `data` is an object:
//! absent, `null` or PHP's empty array `[]` is an empty object, and any other `data` (a
//! number, a string, a non-empty array) means the body is not an event.
//!
//! ```
//! use leat::webhooks;
//!
//! let body = br#"{"type":"contact_created","data":{"contact":{"uuid":"c1"}}}"#;
//! let signature = webhooks::sign(body, "whsec_current");
//! // Several secrets may be given while one is being rotated: any match passes.
//! let event = webhooks::construct_event(body, &signature, &["whsec_old", "whsec_current"])?;
//! assert_eq!(event.event_type, leat::EventType::ContactCreated);
//! assert_eq!(event.data["contact"]["uuid"], "c1");
//! # Ok::<(), leat::webhooks::WebhookError>(())
//! ```

use std::fmt;

mod event_table;
mod events;
mod receiver;

pub use events::{
    event_kind, event_kinds, EventEntity, EventKind, Fetch, FetchRule, Resolved, Webhooks,
};
pub use receiver::{Receiver, Refusal, DEFAULT_BODY_LIMIT};

use hmac::{Hmac, KeyInit, Mac};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use sha2::Sha256;

use crate::enums::EventType;

/// The name of the header carrying the signature.
pub const SIGNATURE_HEADER: &str = "Signature";

/// The environment variable holding the webhook secret when none is given: one secret, or
/// several separated by commas while one is being rotated.
pub const ENV_WEBHOOK_SECRET: &str = "LEAT_WEBHOOK_SECRET";

/// Length of a signature: 32 bytes as hex.
const SIGNATURE_HEX_LEN: usize = 64;

/// A verified webhook delivery.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookEvent {
    /// What happened; unknown types are kept as [`EventType::Other`].
    pub event_type: EventType,
    /// The event's payload, as Leat sent it (often related entities by uuid only); always an
    /// object: an absent or `null` payload, or PHP's empty array `[]`, is an empty object.
    pub data: Value,
}

/// Why a delivery was refused. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The `Signature` header was absent or empty.
    #[error("the Signature header is missing or empty; is this request from Leat?")]
    MissingSignature,
    /// The header is not 64 hexadecimal characters.
    #[error("the Signature header is not 64 hexadecimal characters (got {length} characters)")]
    MalformedSignature {
        /// Length of the header value received.
        length: usize,
    },
    /// No secret was given to verify with.
    #[error("no webhook secret was given to verify the signature with: pass the subscription's secret, or set LEAT_WEBHOOK_SECRET")]
    NoSecret,
    /// The signature matches none of the secrets given.
    #[error("the signature matches none of the {secrets} secret(s) given; check the secret, and verify the raw request body, not a parsed and re-serialised one")]
    SignatureMismatch {
        /// How many secrets were tried.
        secrets: usize,
    },
    /// The signature is valid but the body is not JSON.
    #[error("the signature is valid but the body is not JSON: {message}")]
    InvalidJson {
        /// What the JSON parser reported.
        message: String,
    },
    /// The body is JSON but has no string `type`.
    #[error("the signature is valid but the body has no string \"type\" field")]
    MissingType,
    /// The body is JSON but not an event: not an object, or its `data` is not an object.
    #[error("the signature is valid but the body is not an event: {problem}")]
    NotAnEvent {
        /// What is wrong with it, e.g. `"data" is a number (5), not an object`.
        problem: String,
    },
}

impl WebhookError {
    /// A stable name for the kind of failure, the same in every language of the SDK:
    /// `missing_signature`, `malformed_signature`, `no_secret`, `signature_mismatch`,
    /// `invalid_json`, `missing_type` or `not_an_event`.
    pub fn kind(&self) -> &'static str {
        match self {
            WebhookError::MissingSignature => "missing_signature",
            WebhookError::MalformedSignature { .. } => "malformed_signature",
            WebhookError::NoSecret => "no_secret",
            WebhookError::SignatureMismatch { .. } => "signature_mismatch",
            WebhookError::InvalidJson { .. } => "invalid_json",
            WebhookError::MissingType => "missing_type",
            WebhookError::NotAnEvent { .. } => "not_an_event",
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], body: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    mac
}

/// The signature Leat would send for `body` signed with `secret` (text or bytes): lowercase
/// hex HMAC-SHA256. Useful in tests of a webhook receiver.
pub fn sign(body: &[u8], secret: impl AsRef<[u8]>) -> String {
    hex::encode(mac(secret.as_ref(), body).finalize().into_bytes())
}

/// The secrets in the text of [`ENV_WEBHOOK_SECRET`]: separated by commas, spaces around each
/// trimmed, empty entries dropped.
///
/// ```
/// assert_eq!(leat::webhooks::parse_secrets(" whsec_new, whsec_old ,"), ["whsec_new", "whsec_old"]);
/// ```
pub fn parse_secrets(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The secrets in [`ENV_WEBHOOK_SECRET`], for when none is given in code; empty when unset.
///
/// ```no_run
/// # fn run(body: &[u8], signature: &str) -> Result<(), leat::webhooks::WebhookError> {
/// let event = leat::webhooks::construct_event(body, signature, &leat::webhooks::env_secrets())?;
/// # Ok(()) }
/// ```
pub fn env_secrets() -> Vec<String> {
    std::env::var(ENV_WEBHOOK_SECRET)
        .map(|text| parse_secrets(&text))
        .unwrap_or_default()
}

/// Checks that `signature` (the `Signature` header) is the HMAC-SHA256 of `body` under one of
/// `secrets` (text or bytes), comparing in constant time.
///
/// # Errors
/// A [`WebhookError`] saying why the signature was refused.
pub fn verify_signature<S: AsRef<[u8]>>(
    body: &[u8],
    signature: &str,
    secrets: &[S],
) -> Result<(), WebhookError> {
    let signature = signature.trim();
    if signature.is_empty() {
        return Err(WebhookError::MissingSignature);
    }
    let mut expected = [0u8; SIGNATURE_HEX_LEN / 2];
    if signature.len() != SIGNATURE_HEX_LEN
        || hex::decode_to_slice(signature, &mut expected).is_err()
    {
        return Err(WebhookError::MalformedSignature {
            length: signature.chars().count(),
        });
    }
    let secrets: Vec<&[u8]> = secrets
        .iter()
        .map(AsRef::as_ref)
        .filter(|s| !s.is_empty())
        .collect();
    if secrets.is_empty() {
        return Err(WebhookError::NoSecret);
    }
    // Try every secret, so the time taken does not tell which one matched.
    let matched = secrets.iter().fold(false, |matched, secret| {
        mac(secret, body).verify_slice(&expected).is_ok() | matched
    });
    if matched {
        Ok(())
    } else {
        Err(WebhookError::SignatureMismatch {
            secrets: secrets.len(),
        })
    }
}

/// What a signed body holds: an object's `type` and `data` (each `None` when absent), or
/// another JSON value, which is not an event.
enum Body {
    Object {
        event_type: Option<Value>,
        data: Option<Value>,
    },
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BodyVisitor)
    }
}

/// A value read through and dropped. serde_json skips an `IgnoredAny` without reading its
/// numbers, so a field skipped that way could hold one it refuses everywhere else (`1e999`,
/// out of range); this reads each number, and so refuses the same bodies as reading the whole
/// body would, without keeping anything.
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SkippedVisitor)
    }
}

struct SkippedVisitor;

impl<'de> Visitor<'de> for SkippedVisitor {
    type Value = Skipped;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skipped, A::Error> {
        while seq.next_element::<Skipped>()?.is_some() {}
        Ok(Skipped)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skipped, A::Error> {
        while map.next_entry::<Skipped, Skipped>()?.is_some() {}
        Ok(Skipped)
    }
}

/// Reads an object's `type` and `data` (a repeated one is an error, other fields are skipped),
/// and says which other JSON value a body is. Only objects are events: a sequence must not
/// be read as a struct's fields in order.
struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = Body;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Body, A::Error> {
        let (mut event_type, mut data) = (None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" if event_type.is_some() => return Err(de::Error::duplicate_field("type")),
                "type" => event_type = Some(map.next_value::<Value>()?),
                "data" if data.is_some() => return Err(de::Error::duplicate_field("data")),
                "data" => data = Some(map.next_value::<Value>()?),
                _ => {
                    map.next_value::<Skipped>()?;
                }
            }
        }
        Ok(Body::Object { event_type, data })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Body, A::Error> {
        while seq.next_element::<Skipped>()?.is_some() {}
        Ok(Body::Other("a JSON array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Body, E> {
        Ok(Body::Other("a JSON string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Body, E> {
        Ok(Body::Other("a JSON boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Body, E> {
        Ok(Body::Other("a JSON number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Body, E> {
        Ok(Body::Other("a JSON number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Body, E> {
        Ok(Body::Other("a JSON number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Body, E> {
        Ok(Body::Other("JSON null"))
    }
}

/// Verifies the signature, then parses the body into a [`WebhookEvent`].
///
/// # Errors
/// A [`WebhookError`] saying why the delivery was refused.
pub fn construct_event<S: AsRef<[u8]>>(
    body: &[u8],
    signature: &str,
    secrets: &[S],
) -> Result<WebhookEvent, WebhookError> {
    verify_signature(body, signature, secrets)?;
    parse_event(body)
}

/// Parses a delivery body without checking its signature. Prefer [`construct_event`].
///
/// Only a JSON object with a non-empty string `type` is an event; its `data` must be an object
/// (absent, `null` or `[]` is an empty one).
///
/// # Errors
/// [`WebhookError::InvalidJson`], [`WebhookError::MissingType`] or
/// [`WebhookError::NotAnEvent`].
pub fn parse_event(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    // JSON is UTF-8 text; checked whole first, since fields skipped unread are not checked.
    let text = std::str::from_utf8(body).map_err(|err| WebhookError::InvalidJson {
        message: format!("the body is not UTF-8 text: {err}"),
    })?;
    let body: Body = serde_json::from_str(text).map_err(|err| WebhookError::InvalidJson {
        message: err.to_string(),
    })?;
    let (event_type, data) = match body {
        Body::Object { event_type, data } => (event_type, data),
        Body::Other(what) => {
            return Err(WebhookError::NotAnEvent {
                problem: format!(
                    "it is {what}, not an object such as {{\"type\": \"contact_created\", \"data\": {{...}}}}"
                ),
            })
        }
    };
    let event_type = match event_type {
        Some(Value::String(event_type)) if !event_type.is_empty() => event_type,
        _ => return Err(WebhookError::MissingType),
    };
    Ok(WebhookEvent {
        event_type: EventType::from(event_type),
        data: as_object(data)?,
    })
}

/// The payload as an object: PHP writes an empty one as `[]`, and absent or `null` is empty
/// too; anything else that is not an object is refused.
fn as_object(data: Option<Value>) -> Result<Value, WebhookError> {
    match data {
        None | Some(Value::Null) => Ok(Value::Object(Map::new())),
        Some(Value::Array(items)) if items.is_empty() => Ok(Value::Object(Map::new())),
        Some(object @ Value::Object(_)) => Ok(object),
        Some(other) => Err(WebhookError::NotAnEvent {
            problem: format!("\"data\" is {}, not an object", described(&other)),
        }),
    }
}

/// The longest scalar quoted back in an error.
const QUOTE_LIMIT: usize = 40;

/// A value that is not an object, as a message names it: its kind, and a scalar's value
/// (cut short).
fn described(value: &Value) -> String {
    let quoted = |text: String| match text.char_indices().nth(QUOTE_LIMIT) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text,
    };
    match value {
        Value::Array(items) => format!("an array of {} item(s)", items.len()),
        Value::String(text) => format!("a string ({})", quoted(format!("{text:?}"))),
        Value::Number(number) => format!("a number ({})", quoted(number.to_string())),
        Value::Bool(flag) => format!("a boolean ({flag})"),
        Value::Null | Value::Object(_) => "null".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skipped_field_is_read_as_strictly_as_the_rest_of_the_body() {
        // Found by the webhook_event fuzz target: an out-of-range number in a field other
        // than `type` and `data` was skipped unread, so a body serde_json refuses was an event.
        for body in [
            r#"{"type":"contact_created","extra":{"n":4.4e677777}}"#,
            r#"{"type":"contact_created","extra":[1e999]}"#,
            "[1e999]",
        ] {
            match parse_event(body.as_bytes()) {
                Err(WebhookError::InvalidJson { message }) => {
                    assert!(message.contains("number out of range"), "{body}: {message}")
                }
                other => panic!("{body}: expected InvalidJson, got {other:?}"),
            }
        }
        let event = parse_event(
            br#"{"type":"contact_created","extra":{"a":[1,-2,0.5,"x\u00e9",null,true]}}"#,
        )
        .expect("every kind of value can be skipped");
        assert_eq!(event.event_type.as_str(), "contact_created");
    }

    #[test]
    fn matches_a_known_hmac_sha256_vector() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign(b"what do ya want for nothing?", "Jefe"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn errors_never_hold_the_secret() {
        let err = verify_signature(b"{}", &"0".repeat(64), &["super-secret"]).unwrap_err();
        assert!(!format!("{err} {err:?}").contains("super-secret"));
    }

    #[test]
    fn secrets_may_be_bytes() {
        let key: &[u8] = &[0xff, 0x00, 0x80];
        let signature = sign(b"{}", key);
        verify_signature(b"{}", &signature, &[key]).unwrap();
        assert!(verify_signature(b"{}", &signature, &["\u{ff}\0\u{80}"]).is_err());
    }

    #[test]
    fn an_absent_null_or_empty_array_payload_is_an_empty_object() {
        for body in [
            r#"{"type":"t"}"#,
            r#"{"type":"t","data":null}"#,
            r#"{"type":"t","data":[]}"#,
        ] {
            assert_eq!(
                parse_event(body.as_bytes()).unwrap().data,
                serde_json::json!({}),
                "{body}"
            );
        }
    }

    #[test]
    fn a_body_that_is_not_an_object_is_not_an_event() {
        for (body, what) in [
            (r#"["contact_created", {}]"#, "a JSON array"),
            (r#""contact_created""#, "a JSON string"),
            ("5", "a JSON number"),
            ("true", "a JSON boolean"),
            ("null", "JSON null"),
        ] {
            let err = parse_event(body.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), "not_an_event", "{body}");
            assert!(err.to_string().contains(what), "{body}: {err}");
        }
    }

    #[test]
    fn data_that_is_not_an_object_is_not_an_event() {
        for (data, what) in [
            ("5", "a number (5)"),
            (r#""text""#, r#"a string ("text")"#),
            ("[1,2]", "an array of 2 item(s)"),
            ("false", "a boolean (false)"),
        ] {
            let body = format!(r#"{{"type":"contact_created","data":{data}}}"#);
            let err = parse_event(body.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), "not_an_event", "{body}");
            assert!(err.to_string().contains(what), "{body}: {err}");
        }
    }

    #[test]
    fn a_body_that_is_not_utf8_is_invalid_json_even_in_a_field_not_read() {
        // Found by the webhook_event fuzz target: bytes that are not UTF-8 inside a field the
        // parser skips.
        let body = b"{\"type\":\"contact_created\",\"dat?\":\"9a7b\xd3\xcd\"}";
        let err = parse_event(body).unwrap_err();
        assert_eq!(err.kind(), "invalid_json");
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }

    #[test]
    fn a_repeated_type_or_data_is_invalid_json() {
        for body in [
            r#"{"type":"a","type":"b"}"#,
            r#"{"type":"a","data":{},"data":{}}"#,
        ] {
            assert_eq!(
                parse_event(body.as_bytes()).unwrap_err().kind(),
                "invalid_json"
            );
        }
    }
}
