//! One conversion per error type of the core (`leat::Error`, `leat::webhooks::WebhookError`)
//! to the structured error the JavaScript side turns into its exported classes
//! (`lib/errors.js`): the class name, the core's message, and every field, camelCased.

use std::time::Duration;

use serde_json::{json, Map, Value};

use leat::contract::{ErrorField, FieldKind};
use leat::webhooks::WebhookError;
use leat::Error;

/// An error of the core, as the JavaScript side receives it.
pub(crate) trait ToJsError {
    /// `{"class", "message", ...fields}`.
    fn payload(&self) -> Value;
}

impl ToJsError for Error {
    fn payload(&self) -> Value {
        payload(self)
    }
}

impl ToJsError for WebhookError {
    fn payload(&self) -> Value {
        with_fields(
            "SignatureVerificationError",
            self.to_string(),
            self.field_values(),
        )
    }
}

/// The error as a JSON object: `{"class", "message", ...fields}`, each field of the core's
/// contract under its Node name, durations in milliseconds. A refused argument is named as
/// the core names it: calls are made with `Naming::Node`, so as the JavaScript caller wrote
/// it (`eventType`, or a misspelt key exactly as given).
pub(crate) fn payload(err: &Error) -> Value {
    with_fields(err.class_name(), err.to_string(), err.field_values())
}

fn with_fields(class: &str, message: String, values: Vec<(&'static ErrorField, Value)>) -> Value {
    let mut map = Map::new();
    map.insert("class".into(), class.into());
    map.insert("message".into(), message.into());
    for (field, value) in values {
        let value = match (field.kind, value.as_f64()) {
            (FieldKind::Duration, Some(seconds)) => {
                millis(Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX))
            }
            _ => value,
        };
        map.insert(field.node_name.into(), value);
    }
    Value::Object(map)
}

/// The error envelope: `{"error": payload}`.
pub(crate) fn envelope(err: &impl ToJsError) -> String {
    json!({ "error": err.payload() }).to_string()
}

/// The envelope of an argument the addon could not convert, named as the caller wrote it.
pub(crate) fn bad_argument(argument: &str, message: &str) -> String {
    let err = Error::invalid_argument(argument, message);
    let mut payload = payload(&err);
    payload["argument"] = argument.into();
    json!({ "error": payload }).to_string()
}

/// The envelope of a failure inside the addon itself (a bug, such as a panic): an
/// `InternalError`.
pub(crate) fn internal(message: &str) -> String {
    json!({ "error": {
        "class": "InternalError",
        "message": format!("leat-sdk hit an internal error (a bug; please report it): {message}"),
    }})
    .to_string()
}

/// Whole milliseconds when exact, fractional otherwise.
fn millis(duration: Duration) -> Value {
    let micros = duration.as_micros();
    if micros.is_multiple_of(1000) {
        Value::from(u64::try_from(micros / 1000).unwrap_or(u64::MAX))
    } else {
        Value::from(micros as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_named_as_the_core_names_them() {
        let err = Error::invalid_argument("event_type", "is not a parameter");
        let payload = payload(&err);
        assert_eq!(payload["class"], "ValidationError");
        assert_eq!(payload["argument"], "event_type");
        assert_eq!(payload["message"], err.to_string());
    }

    #[test]
    fn a_webhook_error_carries_its_reason_and_never_the_secret() {
        let err = leat::webhooks::verify_signature(b"{}", &"0".repeat(64), &["whsec_hidden"])
            .unwrap_err();
        let payload = err.payload();
        assert_eq!(payload["class"], "SignatureVerificationError");
        assert_eq!(payload["reason"], "signature_mismatch");
        assert!(!payload.to_string().contains("whsec_hidden"));
    }

    #[test]
    fn durations_are_milliseconds() {
        assert_eq!(millis(Duration::from_secs(2)), Value::from(2000u64));
        assert_eq!(millis(Duration::from_micros(1500)), Value::from(1.5));
    }
}
