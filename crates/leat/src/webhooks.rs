//! Receiving webhooks: verifying Leat's `Signature` header and parsing the event.
//!
//! Leat signs each delivery with the subscription's secret (or the account's secret when the
//! subscription has none): the `Signature` header is the lowercase hex HMAC-SHA256 of the raw
//! request body. Verify against the raw bytes exactly as received; a body that was parsed and
//! serialised again will not match.
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

use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::Value;
use sha2::Sha256;

use crate::event_type::EventType;

/// The name of the header carrying the signature.
pub const SIGNATURE_HEADER: &str = "Signature";

/// Length of a signature: 32 bytes as hex.
const SIGNATURE_HEX_LEN: usize = 64;

/// A verified webhook delivery.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookEvent {
    /// What happened; unknown types are kept as [`EventType::Other`].
    pub event_type: EventType,
    /// The event's payload, as Leat sent it (often related entities by uuid only).
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
    #[error("no webhook secret was given to verify the signature with")]
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
}

impl WebhookError {
    /// A stable name for the kind of failure, the same in every language of the SDK:
    /// `missing_signature`, `malformed_signature`, `no_secret`, `signature_mismatch`,
    /// `invalid_json` or `missing_type`.
    pub fn kind(&self) -> &'static str {
        match self {
            WebhookError::MissingSignature => "missing_signature",
            WebhookError::MalformedSignature { .. } => "malformed_signature",
            WebhookError::NoSecret => "no_secret",
            WebhookError::SignatureMismatch { .. } => "signature_mismatch",
            WebhookError::InvalidJson { .. } => "invalid_json",
            WebhookError::MissingType => "missing_type",
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &str, body: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    mac
}

/// The signature Leat would send for `body` signed with `secret`: lowercase hex
/// HMAC-SHA256. Useful in tests of a webhook receiver.
pub fn sign(body: &[u8], secret: &str) -> String {
    hex::encode(mac(secret, body).finalize().into_bytes())
}

/// Checks that `signature` (the `Signature` header) is the HMAC-SHA256 of `body` under one of
/// `secrets`, comparing in constant time.
pub fn verify_signature(
    body: &[u8],
    signature: &str,
    secrets: &[&str],
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
    let secrets: Vec<&str> = secrets.iter().copied().filter(|s| !s.is_empty()).collect();
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

#[derive(Deserialize)]
struct Delivery {
    #[serde(rename = "type")]
    event_type: Option<Value>,
    #[serde(default)]
    data: Value,
}

/// Verifies the signature, then parses the body into a [`WebhookEvent`].
pub fn construct_event(
    body: &[u8],
    signature: &str,
    secrets: &[&str],
) -> Result<WebhookEvent, WebhookError> {
    verify_signature(body, signature, secrets)?;
    parse_event(body)
}

/// Parses a delivery body without checking its signature. Prefer [`construct_event`].
pub fn parse_event(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    let delivery: Delivery =
        serde_json::from_slice(body).map_err(|err| WebhookError::InvalidJson {
            message: err.to_string(),
        })?;
    match delivery.event_type {
        Some(Value::String(event_type)) if !event_type.is_empty() => Ok(WebhookEvent {
            event_type: EventType::from(event_type),
            data: delivery.data,
        }),
        _ => Err(WebhookError::MissingType),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
