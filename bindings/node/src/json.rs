//! JSON across the boundary: each argument arrives as the text of `JSON.stringify(value)`, and
//! each answer leaves as one envelope, `{"ok": value}` or `{"error": {...}}`.
//!
//! Conversion failures name the field and the type received, never the value: some fields
//! (`apiKey`, `clientSecret`, `secret`) are secrets.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::errors::{self, ToJsError};

/// One field an object argument may have, and what it must hold.
pub(crate) struct Field {
    pub name: &'static str,
    pub expected: &'static str,
}

/// An argument that could not be converted: which field, and what is wrong with it.
#[derive(Debug)]
pub(crate) struct Mismatch {
    pub field: String,
    pub message: String,
}

impl Mismatch {
    /// As a bad client option (`ConfigurationError` in JavaScript).
    pub(crate) fn into_config(self) -> leat::Error {
        leat::Error::Config {
            message: format!("option `{}` {}", self.field, self.message),
        }
    }
}

/// An object argument whose fields are all optional; `null` (JavaScript's `undefined` after
/// `JSON.stringify`) means none given. `example` shows the expected shape in messages.
pub(crate) fn object<T: DeserializeOwned + Default>(
    argument: &str,
    example: &str,
    fields: &[Field],
    text: &str,
) -> Result<T, Mismatch> {
    let value = parse(argument, text)?;
    let map = match &value {
        Value::Null => return Ok(T::default()),
        Value::Object(map) => map,
        other => {
            return Err(Mismatch {
                field: argument.to_owned(),
                message: format!(
                    "must be an object such as {example}, got {}",
                    type_name(other)
                ),
            })
        }
    };
    if let Some(unknown) = map
        .keys()
        .find(|key| !fields.iter().any(|f| f.name == key.as_str()))
    {
        let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
        return Err(Mismatch {
            field: unknown.clone(),
            message: format!(
                "is not an option of {argument}; the options are {}",
                known.join(", ")
            ),
        });
    }
    serde_path_to_error::deserialize(&value).map_err(|err| {
        let path = err.path();
        let mut segments = path.iter();
        let field = match segments.next() {
            Some(serde_path_to_error::Segment::Map { key }) => key.clone(),
            _ => argument.to_owned(),
        };
        let expected = fields
            .iter()
            .find(|f| f.name == field)
            .map_or("another type", |f| f.expected);
        let got = found_at(&value, path).map_or("another type", type_name);
        let nested = path.iter().count() > 1;
        let message = if nested {
            format!("must be {expected}, got {got} at {path}")
        } else {
            format!("must be {expected}, got {got}")
        };
        Mismatch { field, message }
    })
}

/// The success envelope: `{"ok": value}`.
pub(crate) fn ok<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(br#"{"ok":"#);
    match serde_json::to_writer(&mut out, value) {
        Ok(()) => {
            out.push(b'}');
            String::from_utf8(out).unwrap_or_else(|err| errors::internal(&err.to_string()))
        }
        Err(err) => errors::internal(&format!("could not encode the result: {err}")),
    }
}

/// The envelope of a core call's outcome.
pub(crate) fn settle<T: Serialize, E: ToJsError>(outcome: Result<T, E>) -> String {
    match outcome {
        Ok(value) => ok(&value),
        Err(err) => errors::envelope(&err),
    }
}

fn parse(argument: &str, text: &str) -> Result<Value, Mismatch> {
    serde_json::from_str(text).map_err(|_| Mismatch {
        field: argument.to_owned(),
        message: "must be JSON-serialisable data".to_owned(),
    })
}

fn found_at<'v>(value: &'v Value, path: &serde_path_to_error::Path) -> Option<&'v Value> {
    path.iter()
        .try_fold(value, |current, segment| match segment {
            serde_path_to_error::Segment::Map { key } => current.get(key),
            serde_path_to_error::Segment::Seq { index } => current.get(index),
            _ => Some(current),
        })
}

/// The key of what the JavaScript side sends in place of a value JSON cannot carry,
/// `{"$leat:unencodable": "bigint"}` (see `node/lib/envelope.js`): never a valid argument,
/// named by its JavaScript type in the error.
const UNENCODABLE: &str = "$leat:unencodable";

/// The JavaScript type a stand-in for a value JSON cannot carry names, when `value` is one.
pub(crate) fn unencodable(value: &Value) -> Option<&'static str> {
    match value.as_object()?.get(UNENCODABLE)?.as_str()? {
        "bigint" => Some("a bigint"),
        "function" => Some("a function"),
        "symbol" => Some("a symbol"),
        _ => None,
    }
}

/// The first stand-in for a value JSON cannot carry inside `value` (named `at`), said as
/// "a bigint", or "a bigint at attributes[1]" when it is inside.
pub(crate) fn find_unencodable(value: &Value, at: &str) -> Option<String> {
    fn inside(value: &Value, at: &str, top: bool) -> Option<String> {
        if let Some(kind) = unencodable(value) {
            return Some(if top {
                kind.to_owned()
            } else {
                format!("{kind} at {at}")
            });
        }
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| inside(item, &format!("{at}[{i}]"), false)),
            Value::Object(map) => map
                .iter()
                .find_map(|(key, item)| inside(item, &format!("{at}.{key}"), false)),
            _ => None,
        }
    }
    inside(value, at, true)
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null or undefined",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => unencodable(value).unwrap_or("an object"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Default, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Options {
        api_key: Option<String>,
        attributes: Option<Vec<String>>,
    }

    const FIELDS: &[Field] = &[
        Field {
            name: "apiKey",
            expected: "a string",
        },
        Field {
            name: "attributes",
            expected: "an array of strings",
        },
    ];

    fn options(text: &str) -> Result<Options, Mismatch> {
        object("options", "{ apiKey }", FIELDS, text)
    }

    #[test]
    fn a_wrong_type_names_the_field_but_not_the_value() {
        let err = options(r#"{"apiKey": 123456789}"#).unwrap_err();
        assert_eq!(err.field, "apiKey");
        assert_eq!(err.message, "must be a string, got a number");
        let err = options(r#""sk_secret""#).unwrap_err();
        assert!(!err.message.contains("sk_secret"), "{}", err.message);
    }

    #[test]
    fn nested_mismatches_say_where() {
        let err = options(r#"{"attributes": ["a", 2]}"#).unwrap_err();
        assert_eq!(err.field, "attributes");
        assert_eq!(
            err.message,
            "must be an array of strings, got a number at attributes[1]"
        );
    }

    #[test]
    fn a_value_javascript_cannot_send_as_json_is_named_by_its_type() {
        let err = options(r#"{"apiKey": {"$leat:unencodable": "bigint"}}"#).unwrap_err();
        assert_eq!(err.message, "must be a string, got a bigint");
        let err = options(r#"{"attributes": [{"$leat:unencodable": "function"}]}"#).unwrap_err();
        assert_eq!(
            err.message,
            "must be an array of strings, got a function at attributes[0]"
        );
        assert_eq!(
            options("<not JSON-serialisable>").unwrap_err().message,
            "must be JSON-serialisable data"
        );
    }

    #[test]
    fn unknown_fields_list_the_known_ones() {
        let err = options(r#"{"api_key": "k"}"#).unwrap_err();
        assert_eq!(err.field, "api_key");
        assert!(
            err.message.contains("apiKey, attributes"),
            "{}",
            err.message
        );
    }

    #[test]
    fn null_means_none_given() {
        let none = options("null").unwrap();
        assert!(none.api_key.is_none() && none.attributes.is_none());
        assert_eq!(
            options(r#"{"apiKey": "k"}"#).unwrap().api_key.as_deref(),
            Some("k")
        );
    }

    #[test]
    fn envelopes() {
        assert_eq!(ok(&serde_json::json!([1])), r#"{"ok":[1]}"#);
        assert_eq!(settle::<_, leat::Error>(Ok(())), r#"{"ok":null}"#);
    }
}
