//! Reading typed values out of Leat's JSON, tolerantly where Leat varies (PHP's `[]` for an
//! empty object, `null` for an empty list) and strictly where the spec is sure, with the path
//! of whatever failed (`data[1].created_at`). Every generated model reads itself with these.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};
use time::{Date, OffsetDateTime};

use crate::datetime;

/// Why a value could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// From the outside in: field names and list positions.
    path: Vec<Segment>,
    message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Field(String),
    Index(usize),
}

impl DecodeError {
    /// A failure at the value being read.
    pub fn new(message: impl Into<String>) -> Self {
        DecodeError {
            path: Vec::new(),
            message: message.into(),
        }
    }

    /// The same failure, seen from the object holding it under `field`.
    #[must_use]
    pub fn in_field(mut self, field: &str) -> Self {
        self.path.insert(0, Segment::Field(field.to_owned()));
        self
    }

    /// The same failure, seen from the list holding it at `index`.
    #[must_use]
    pub fn at_index(mut self, index: usize) -> Self {
        self.path.insert(0, Segment::Index(index));
        self
    }

    /// Where it failed, below `root`: `data[1].created_at`.
    pub fn path_from(&self, root: &str) -> String {
        let mut text = root.to_owned();
        for segment in &self.path {
            match segment {
                Segment::Field(name) if text.is_empty() => text.push_str(name),
                Segment::Field(name) => {
                    text.push('.');
                    text.push_str(name);
                }
                Segment::Index(i) => text.push_str(&format!("[{i}]")),
            }
        }
        text
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path_from("(value)"), self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A value that can be read from Leat's JSON.
pub trait FromJson: Sized {
    /// Reads `value`.
    ///
    /// # Errors
    /// A [`DecodeError`] saying what did not fit, and where.
    fn from_json(value: &Value) -> Result<Self, DecodeError>;
}

/// What a value is, for messages: `a string`, `null`, `the number 5`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            format!("the string {:?}...", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(items) => format!("a list of {}", items.len()),
        Value::Object(_) => "an object".into(),
    }
}

fn expected(what: &str, value: &Value) -> DecodeError {
    DecodeError::new(format!("expected {what}, got {}", describe(value)))
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| expected("a string", value))
    }
}

impl FromJson for i64 {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        value
            .as_i64()
            .ok_or_else(|| expected("a whole number", value))
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        value.as_f64().ok_or_else(|| expected("a number", value))
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        value
            .as_bool()
            .ok_or_else(|| expected("true or false", value))
    }
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        Ok(value.clone())
    }
}

impl FromJson for OffsetDateTime {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        let text = value
            .as_str()
            .ok_or_else(|| expected("an ISO 8601 date-time", value))?;
        datetime::parse(text).map_err(DecodeError::new)
    }
}

impl FromJson for Date {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        let text = value
            .as_str()
            .ok_or_else(|| expected("an ISO 8601 date", value))?;
        datetime::parse_date(text).map_err(DecodeError::new)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        let items = value.as_array().ok_or_else(|| expected("a list", value))?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_json(item).map_err(|err| err.at_index(i)))
            .collect()
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| Ok((k.clone(), T::from_json(v).map_err(|e| e.in_field(k))?)))
                .collect(),
            // PHP writes an empty map as [].
            Value::Array(items) if items.is_empty() => Ok(BTreeMap::new()),
            other => Err(expected("an object", other)),
        }
    }
}

impl FromJson for Map<String, Value> {
    fn from_json(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Object(map) => Ok(map.clone()),
            Value::Array(items) if items.is_empty() => Ok(Map::new()),
            other => Err(expected("an object", other)),
        }
    }
}

/// The fields of a model's object. PHP writes an empty object as `[]`.
#[doc(hidden)]
pub fn object<'v>(value: &'v Value, model: &str) -> Result<&'v Map<String, Value>, DecodeError> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    match value {
        Value::Object(map) => Ok(map),
        Value::Array(items) if items.is_empty() => Ok(EMPTY.get_or_init(Map::new)),
        other => Err(expected(&format!("a {model} object"), other)),
    }
}

/// A field Leat always sends.
#[doc(hidden)]
pub fn required<T: FromJson>(object: &Map<String, Value>, field: &str) -> Result<T, DecodeError> {
    match object.get(field) {
        Some(value) => T::from_json(value).map_err(|err| err.in_field(field)),
        None => Err(DecodeError::new(format!("missing field {field:?}")).in_field(field)),
    }
}

/// A field Leat may leave out or send as `null` (or, for an object, as PHP's `[]`).
#[doc(hidden)]
pub fn optional<T: FromJson>(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Option<T>, DecodeError> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::from_json(value)
            .map(Some)
            .map_err(|err| err.in_field(field)),
    }
}

/// A model-typed field Leat may leave out, send as `null`, or as PHP's empty `[]`.
#[doc(hidden)]
pub fn optional_object<T: FromJson>(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Option<T>, DecodeError> {
    match object.get(field) {
        Some(Value::Array(items)) if items.is_empty() => Ok(None),
        _ => optional(object, field),
    }
}

/// A list Leat leaves out or sends as `null` when it has nothing.
#[doc(hidden)]
pub fn list_or_empty<T: FromJson>(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Vec<T>, DecodeError> {
    Ok(optional(object, field)?.unwrap_or_default())
}

/// The fields of `object` that `known` does not list, as they came.
#[doc(hidden)]
pub fn extra(object: &Map<String, Value>, known: &[&str]) -> Map<String, Value> {
    object
        .iter()
        .filter(|(key, _)| !known.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// Checks that `value` reads as a `T`, keeping nothing.
#[doc(hidden)]
pub fn check<T: FromJson>(value: &Value) -> Result<(), DecodeError> {
    T::from_json(value).map(drop)
}

/// Checks that `value` is a list of `T`.
#[doc(hidden)]
pub fn check_list<T: FromJson>(value: &Value) -> Result<(), DecodeError> {
    let items = value.as_array().ok_or_else(|| expected("a list", value))?;
    for (i, item) in items.iter().enumerate() {
        T::from_json(item).map_err(|err| err.at_index(i))?;
    }
    Ok(())
}

/// Accepts any `data` (an operation whose answer carries nothing of use).
#[doc(hidden)]
pub fn check_nothing(_: &Value) -> Result<(), DecodeError> {
    Ok(())
}

/// Implements `serde::Serialize` (through `to_json`) and `serde::Deserialize` (through
/// [`FromJson`]) for a generated model.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_serde {
    ($model:ident) => {
        impl serde::Serialize for $model {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.to_json().serialize(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $model {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                <$model as $crate::FromJson>::from_json(&value).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// Writes a model's fields back as JSON: known ones in Leat's order, then the unknown ones.
#[doc(hidden)]
pub trait ToJson {
    /// As JSON.
    fn to_json_value(&self) -> Value;
}

impl ToJson for String {
    fn to_json_value(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for i64 {
    fn to_json_value(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for f64 {
    fn to_json_value(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for bool {
    fn to_json_value(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for Value {
    fn to_json_value(&self) -> Value {
        self.clone()
    }
}

impl ToJson for Map<String, Value> {
    fn to_json_value(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl ToJson for OffsetDateTime {
    fn to_json_value(&self) -> Value {
        Value::String(datetime::format(self))
    }
}

impl ToJson for Date {
    fn to_json_value(&self) -> Value {
        Value::String(datetime::format_date(self))
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json_value)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json_value(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json_value).collect())
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json_value(&self) -> Value {
        Value::Object(
            self.iter()
                .map(|(k, v)| (k.clone(), v.to_json_value()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_failure_names_its_path() {
        let value = json!([{"a": 1}, {"a": "x"}]);
        let err = Vec::<BTreeMap<String, i64>>::from_json(&value).unwrap_err();
        assert_eq!(err.path_from("data"), "data[1].a");
        assert!(err.message().contains("the string \"x\""), "{err}");
    }

    #[test]
    fn php_empty_arrays_read_as_empty_objects() {
        let value = json!({"a": []});
        let object = object(&value, "M").unwrap();
        assert!(optional_object::<BTreeMap<String, i64>>(object, "a")
            .unwrap()
            .is_none());
        assert!(object_of_empty_array_is_empty());
    }

    fn object_of_empty_array_is_empty() -> bool {
        object(&json!([]), "M").unwrap().is_empty()
    }
}
