//! The contract the bindings share, written once: every error class with its parent and its
//! fields (with the name each language gives them), and the values an error carries. The
//! bindings hand each error's values over by this table, and the Python and Node test suites
//! check their classes and fields against it, so a class or field added here and forgotten
//! there fails them.

use serde_json::{json, Value};

use crate::error::Error;
use crate::webhooks::WebhookError;

/// How a field's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldKind {
    /// Text, or `null`.
    Text,
    /// A whole number, or `null`.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A duration: seconds in Python, milliseconds in Node (`...Ms`); or `null`.
    Duration,
    /// Field name -> list of messages.
    FieldErrors,
    /// Header name (lowercase) -> value.
    Headers,
    /// Raw bytes (Python `bytes`, Node `Buffer`).
    Bytes,
}

/// One field of an error class.
#[derive(Debug)]
#[non_exhaustive]
pub struct ErrorField {
    /// Its name in Rust and Python (snake_case).
    pub name: &'static str,
    /// Its name in Node (camelCase; durations in milliseconds end in `Ms`).
    pub node_name: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// What it means, in one sentence.
    pub doc: &'static str,
}

/// One error class of the bindings.
#[derive(Debug)]
#[non_exhaustive]
pub struct ErrorClass {
    /// Its name in Python and Node.
    pub name: &'static str,
    /// The class it extends; empty for the root, `LeatError`.
    pub parent: &'static str,
    /// The fields it adds to its parent's.
    pub fields: &'static [ErrorField],
    /// What it means, in one sentence.
    pub doc: &'static str,
}

pub(crate) const fn field(
    name: &'static str,
    node_name: &'static str,
    kind: FieldKind,
    doc: &'static str,
) -> ErrorField {
    ErrorField {
        name,
        node_name,
        kind,
        doc,
    }
}

pub use crate::contract_table::{ERROR_CLASSES, ERROR_CODES};

/// One of Leat's error codes: the class an answer with it raises, and what it means.
#[derive(Debug)]
#[non_exhaustive]
pub struct ErrorCode {
    /// Leat's code, e.g. 55031.
    pub code: i64,
    /// The error class it raises.
    pub class: &'static str,
    /// What it means, in a few words.
    pub meaning: &'static str,
}

pub(crate) const fn class(
    name: &'static str,
    parent: &'static str,
    fields: &'static [ErrorField],
    doc: &'static str,
) -> ErrorClass {
    ErrorClass {
        name,
        parent,
        fields,
        doc,
    }
}

/// The class called `name`.
pub fn error_class(name: &str) -> Option<&'static ErrorClass> {
    ERROR_CLASSES.iter().find(|class| class.name == name)
}

/// Every field of the class called `name`, its parents' first.
pub fn all_fields(name: &str) -> Vec<&'static ErrorField> {
    let mut chain = Vec::new();
    let mut next = error_class(name);
    while let Some(class) = next {
        chain.push(class);
        next = error_class(class.parent);
    }
    chain.iter().rev().flat_map(|class| class.fields).collect()
}

fn seconds(duration: Option<std::time::Duration>) -> Value {
    duration.map_or(Value::Null, |d| json!(d.as_secs_f64()))
}

impl Error {
    /// The value of every field of this error's class ([`Error::class_name`]), in the order of
    /// [`all_fields`]; durations in seconds.
    pub fn field_values(&self) -> Vec<(&'static ErrorField, Value)> {
        let value = |name: &str| -> Value {
            match (self, name) {
                (Error::Api(api), "status_code") => json!(api.status),
                (Error::Api(api), "code") => json!(api.code),
                (Error::Api(api), "message") => json!(api.message),
                (Error::Api(api), "errors") => json!(api.errors),
                (Error::Api(api), "request_id") => json!(api.request_id),
                (Error::Api(api), "retry_after") => seconds(api.retry_after),
                (Error::Api(api), "method") => json!(api.method),
                (Error::Api(api), "path") => json!(api.path),
                (Error::Api(api), "headers") => Value::Object(
                    api.headers
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                        .collect(),
                ),
                // Bytes cross as a list of numbers; each binding makes its own bytes type.
                (Error::Api(api), "body") => json!(api.body.as_ref()),
                (Error::Api(api), "rate_limit_limit") => json!(api.rate_limit_limit),
                (Error::Api(api), "rate_limit_remaining") => json!(api.rate_limit_remaining),
                (
                    Error::Connection { method, .. }
                    | Error::Timeout { method, .. }
                    | Error::Decode { method, .. },
                    "method",
                ) => json!(method),
                (
                    Error::Connection { path, .. }
                    | Error::Timeout { path, .. }
                    | Error::Decode { path, .. },
                    "path",
                ) => json!(path),
                (Error::Connection { maybe_sent, .. }, "maybe_sent") => json!(maybe_sent),
                // A timeout leaves the request's fate unknown.
                (Error::Timeout { .. }, "maybe_sent") => json!(true),
                (Error::Timeout { timeout, .. }, "timeout") => seconds(Some(*timeout)),
                (Error::Timeout { attempts, .. }, "attempts") => json!(attempts),
                (Error::Decode { status, .. }, "status_code") => json!(status),
                (Error::Decode { field, .. }, "field") => json!(field),
                (Error::Decode { body_snippet, .. }, "body_snippet") => json!(body_snippet),
                (Error::InvalidArgument { argument, .. }, "argument") => json!(argument),
                _ => Value::Null,
            }
        };
        all_fields(self.class_name())
            .into_iter()
            .map(|field| (field, value(field.name)))
            .collect()
    }
}

impl WebhookError {
    /// The value of every field of `SignatureVerificationError`.
    pub fn field_values(&self) -> Vec<(&'static ErrorField, Value)> {
        all_fields("SignatureVerificationError")
            .into_iter()
            .map(|field| (field, json!(self.kind())))
            .collect()
    }
}

/// The whole contract as JSON, for the bindings' tests: `{"error_classes": [...],
/// "event_types": [...], "statuses": [...], "error_codes": [...], "subscription_fields": [...]}`.
pub fn describe() -> Value {
    let kind = |kind: FieldKind| match kind {
        FieldKind::Text => "text",
        FieldKind::Integer => "integer",
        FieldKind::Bool => "bool",
        FieldKind::Duration => "duration",
        FieldKind::FieldErrors => "field_errors",
        FieldKind::Headers => "headers",
        FieldKind::Bytes => "bytes",
    };
    json!({
        "error_classes": ERROR_CLASSES.iter().map(|class| json!({
            "name": class.name,
            "parent": class.parent,
            "doc": class.doc,
            "fields": class.fields.iter().map(|f| json!({
                "name": f.name, "node_name": f.node_name, "kind": kind(f.kind), "doc": f.doc,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "event_types": crate::EventType::KNOWN.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "statuses": crate::Status::KNOWN.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "error_codes": ERROR_CODES.iter().map(|c| json!({
            "code": c.code, "class": c.class, "meaning": c.meaning,
        })).collect::<Vec<_>>(),
        "subscription_fields": crate::models::WebhookSubscription::FIELDS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiError, ApiErrorKind};

    #[test]
    fn every_class_has_a_known_parent_listed_before_it() {
        for (index, class) in ERROR_CLASSES.iter().enumerate() {
            if class.name == "LeatError" {
                assert!(class.parent.is_empty());
                continue;
            }
            let parent = ERROR_CLASSES
                .iter()
                .position(|c| c.name == class.parent)
                .unwrap_or_else(|| panic!("{} has an unknown parent", class.name));
            assert!(parent < index, "{}", class.name);
        }
    }

    #[test]
    fn every_error_names_a_class_of_the_contract_and_fills_its_fields() {
        let errors = [
            Error::Connection {
                method: "POST".into(),
                path: "/p".into(),
                message: "reset".into(),
                maybe_sent: true,
                source: None,
            },
            Error::Timeout {
                method: "GET".into(),
                path: "/p".into(),
                timeout: std::time::Duration::from_millis(1500),
                attempts: 2,
            },
            Error::config("bad"),
            Error::invalid_argument("uuid", "empty"),
        ];
        for err in &errors {
            assert!(
                error_class(err.class_name()).is_some(),
                "{}",
                err.class_name()
            );
            let values = err.field_values();
            assert_eq!(values.len(), all_fields(err.class_name()).len());
        }
        let timeout = errors[1].field_values();
        let get = |name: &str| {
            timeout
                .iter()
                .find(|(f, _)| f.name == name)
                .unwrap()
                .1
                .clone()
        };
        assert_eq!(get("timeout"), json!(1.5));
        assert_eq!(get("attempts"), json!(2));
        assert_eq!(get("maybe_sent"), json!(true));
        assert_eq!(get("method"), json!("GET"));
    }

    #[test]
    fn an_error_with_every_value_known_has_no_null_field() {
        // A field added to the table without its arm in `field_values` would be null.
        let api = |kind| {
            Error::Api(Box::new(ApiError {
                kind,
                status: 400,
                code: Some(1003),
                message: "m".into(),
                errors: [("url".to_owned(), vec!["bad".to_owned()])].into(),
                request_id: Some("r".into()),
                retry_after: Some(std::time::Duration::from_secs(1)),
                method: "GET".into(),
                path: "/p".into(),
                headers: vec![("x-request-id".into(), "r".into())],
                body: bytes::Bytes::from_static(b"{}"),
                rate_limit_limit: Some(60),
                rate_limit_remaining: Some(59),
            }))
        };
        let mut errors: Vec<Error> = ApiErrorKind::ALL.iter().copied().map(api).collect();
        errors.extend([
            Error::Connection {
                method: "POST".into(),
                path: "/p".into(),
                message: "reset".into(),
                maybe_sent: false,
                source: None,
            },
            Error::Timeout {
                method: "GET".into(),
                path: "/p".into(),
                timeout: std::time::Duration::from_secs(1),
                attempts: 1,
            },
            Error::Decode {
                method: "GET".into(),
                path: "/p".into(),
                status: 200,
                field: "data".into(),
                message: "m".into(),
                body_snippet: "{}".into(),
            },
            Error::invalid_argument("uuid", "empty"),
            Error::config("bad"),
        ]);
        let mut classes = std::collections::BTreeSet::new();
        for err in &errors {
            classes.insert(err.class_name());
            for (field, value) in err.field_values() {
                assert!(
                    !value.is_null(),
                    "{}.{} is null",
                    err.class_name(),
                    field.name
                );
            }
        }
        let webhook = WebhookError::NoSecret;
        for (field, value) in webhook.field_values() {
            assert!(
                !value.is_null(),
                "SignatureVerificationError.{}",
                field.name
            );
        }
        classes.insert("SignatureVerificationError");
        // Every class that is not only a parent was made above, but the one the bindings
        // make from a panic.
        let parents: Vec<&str> = ERROR_CLASSES.iter().map(|c| c.parent).collect();
        for class in ERROR_CLASSES {
            if !parents.contains(&class.name) && class.name != "InternalError" {
                assert!(classes.contains(class.name), "no sample of {}", class.name);
            }
        }
    }

    #[test]
    fn the_description_lists_classes_event_types_and_subscription_fields() {
        let described = describe();
        assert_eq!(
            described["error_classes"].as_array().unwrap().len(),
            ERROR_CLASSES.len()
        );
        assert_eq!(described["event_types"].as_array().unwrap().len(), 13);
        assert_eq!(described["subscription_fields"][0], "uuid");
    }
}
