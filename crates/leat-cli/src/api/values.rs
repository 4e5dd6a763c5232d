//! Command-line text turned into the JSON value of a parameter, by the kind the core's table
//! gives it: whole numbers, numbers and booleans parsed (a bad one is a usage error naming
//! the flag, from clap), lists from repeated flags, maps from `NAME=VALUE` / `NAME:=JSON`,
//! JSON where the kind is JSON. Text stays text: the core checks uuids, URLs, emails, dates
//! and closed enums itself, before sending, as for every other caller.

use std::ffi::OsStr;

use clap::builder::{BoolishValueParser, PossibleValue, TypedValueParser, ValueParser};
use leat::operation::ParamKind;
use serde_json::{Map, Value};

/// The parser of one flag's value (one occurrence, for a repeated flag).
pub(crate) fn parser(kind: &'static ParamKind) -> ValueParser {
    match kind {
        ParamKind::Integer => ValueParser::new(integer),
        ParamKind::Number => ValueParser::new(number),
        ParamKind::Boolean => ValueParser::new(BoolishValueParser::new().map(Value::Bool)),
        ParamKind::Json => ValueParser::new(json),
        ParamKind::Enum { values, .. } => ValueParser::new(Known(values)),
        ParamKind::List(inner) if is_json(inner) => ValueParser::new(json),
        ParamKind::List(inner) => parser(inner),
        ParamKind::Map(inner) => ValueParser::new(move |text: &str| entry(inner, text)),
        _ => ValueParser::new(|text: &str| Ok::<Value, String>(Value::String(text.to_owned()))),
    }
}

/// Whether values of `kind` are written as JSON on the command line.
pub(crate) fn is_json(kind: &ParamKind) -> bool {
    matches!(
        kind,
        ParamKind::Json | ParamKind::Map(_) | ParamKind::List(_)
    )
}

/// The placeholder of a value in help and usage.
pub(crate) fn value_name(kind: &ParamKind) -> &'static str {
    match kind {
        ParamKind::String => "TEXT",
        ParamKind::Uuid => "UUID",
        ParamKind::Url => "URL",
        ParamKind::Email => "EMAIL",
        ParamKind::Integer => "INTEGER",
        ParamKind::Number => "NUMBER",
        ParamKind::Boolean => "true|false",
        ParamKind::DateTime => "DATETIME",
        ParamKind::Date => "DATE",
        ParamKind::Json => "JSON",
        ParamKind::Enum { .. } => "VALUE",
        ParamKind::Map(_) => "NAME=VALUE",
        ParamKind::List(inner) if is_json(inner) => "JSON",
        ParamKind::List(inner) => value_name(inner),
        _ => "VALUE",
    }
}

/// The value of a parameter from every occurrence of its flag: the one value, or for a list
/// the items (a JSON list given for a list of JSON items adds all of its items), or for a map
/// the entries merged in order.
pub(crate) fn collect(kind: &ParamKind, given: Vec<Value>) -> Option<Value> {
    match kind {
        ParamKind::List(inner) => {
            let mut items = Vec::new();
            for value in given {
                match value {
                    Value::Array(many) if is_json(inner) => items.extend(many),
                    one => items.push(one),
                }
            }
            (!items.is_empty()).then_some(Value::Array(items))
        }
        ParamKind::Map(_) => {
            let merged = merge_entries(given);
            (!merged.is_empty()).then_some(Value::Object(merged))
        }
        _ => given.into_iter().last(),
    }
}

/// The entries of several map occurrences, later ones winning.
pub(crate) fn merge_entries(given: Vec<Value>) -> Map<String, Value> {
    let mut merged = Map::new();
    for value in given {
        if let Value::Object(entries) = value {
            merged.extend(entries);
        }
    }
    merged
}

fn integer(text: &str) -> Result<Value, String> {
    let trimmed = text.trim();
    if let Ok(n) = trimmed.parse::<i64>() {
        return Ok(Value::from(n));
    }
    if let Ok(n) = trimmed.parse::<u64>() {
        return Ok(Value::from(n));
    }
    Err("not a whole number".into())
}

fn number(text: &str) -> Result<Value, String> {
    match serde_json::from_str::<serde_json::Number>(text.trim()) {
        Ok(n) => Ok(Value::Number(n)),
        Err(_) => Err("not a number (write it as 12, 12.5 or 1.5e3)".into()),
    }
}

fn json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|err| format!("not valid JSON ({err})"))
}

/// One occurrence of a map flag: `NAME=VALUE` (the value read by the map's value kind, text
/// for JSON values), `NAME:=JSON`, or a whole JSON object.
fn entry(inner: &ParamKind, text: &str) -> Result<Value, String> {
    if text.trim_start().starts_with('{') {
        return match json(text)? {
            object @ Value::Object(_) => Ok(object),
            _ => Err("not a JSON object".into()),
        };
    }
    let Some((name, value)) = text.split_once('=') else {
        return Err("write NAME=VALUE, NAME:=JSON or a JSON object".into());
    };
    let (name, value) = match name.strip_suffix(':') {
        Some(name) => (name, json(value)?),
        None => (name, scalar(inner, value)?),
    };
    if name.trim().is_empty() {
        return Err("the NAME before `=` is empty".into());
    }
    let mut one = Map::new();
    one.insert(name.to_owned(), value);
    Ok(Value::Object(one))
}

/// `text` as a value of a map's value kind: parsed for numbers and booleans, text otherwise.
fn scalar(kind: &ParamKind, text: &str) -> Result<Value, String> {
    match kind {
        ParamKind::Integer => integer(text),
        ParamKind::Number => number(text),
        ParamKind::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(Value::Bool(true)),
            "false" | "0" | "no" | "off" => Ok(Value::Bool(false)),
            _ => Err(format!("{text:?} is not true or false")),
        },
        _ => Ok(Value::String(text.to_owned())),
    }
}

/// An enum's values, offered for help and completion; whether other values are accepted is
/// the core's decision (closed enums are checked before sending).
#[derive(Clone)]
struct Known(&'static [&'static str]);

impl TypedValueParser for Known {
    type Value = Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Value, clap::Error> {
        let text = clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)?;
        Ok(Value::String(text))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.0.iter().map(|value| PossibleValue::new(*value)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static TEXT: ParamKind = ParamKind::String;
    static JSON: ParamKind = ParamKind::Json;
    static MAP_OF_JSON: ParamKind = ParamKind::Map(&JSON);

    #[test]
    fn numbers_keep_their_kind_and_nonsense_is_refused() {
        assert_eq!(integer(" 42 "), Ok(json!(42)));
        assert_eq!(integer("18446744073709551615"), Ok(json!(u64::MAX)));
        assert!(integer("4.2").is_err());
        assert_eq!(number("12.5"), Ok(json!(12.5)));
        assert!(number("twelve").is_err());
    }

    #[test]
    fn map_entries_are_text_json_or_a_whole_object() {
        assert_eq!(
            entry(&JSON, "firstname=Jane"),
            Ok(json!({"firstname": "Jane"}))
        );
        assert_eq!(entry(&JSON, "age:=42"), Ok(json!({"age": 42})));
        assert_eq!(entry(&JSON, "note=a=b"), Ok(json!({"note": "a=b"})));
        assert_eq!(
            entry(&JSON, r#"{"a": 1, "b": [true]}"#),
            Ok(json!({"a": 1, "b": [true]}))
        );
        assert!(entry(&JSON, "no-equals").is_err());
        assert!(entry(&JSON, "=value").is_err());
        assert!(entry(&JSON, "age:=forty").is_err());
    }

    #[test]
    fn repeated_flags_make_lists_and_maps() {
        static TEXTS: ParamKind = ParamKind::List(&TEXT);
        static ITEMS: ParamKind = ParamKind::List(&MAP_OF_JSON);
        assert_eq!(
            collect(&TEXTS, vec![json!("a"), json!("b")]),
            Some(json!(["a", "b"]))
        );
        assert_eq!(
            collect(&ITEMS, vec![json!([{"a": 1}, {"a": 2}]), json!({"a": 3})]),
            Some(json!([{"a": 1}, {"a": 2}, {"a": 3}]))
        );
        assert_eq!(
            collect(&MAP_OF_JSON, vec![json!({"a": 1}), json!({"a": 2, "b": 3})]),
            Some(json!({"a": 2, "b": 3}))
        );
        assert_eq!(collect(&TEXTS, vec![]), None);
    }
}
