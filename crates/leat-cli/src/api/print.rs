//! Printing what an operation answered: Leat's `data` as JSON, exactly as received (key order
//! and numbers kept), or with `--output table` a few columns for a list of objects and one
//! `field value` line per field for one object. Anything else is printed as JSON either way.

use serde_json::Value;

use crate::output::{one_line, Output};

/// At most this many columns in a table: the first scalar fields of the first item.
const COLUMNS: usize = 6;

/// Prints `data` as the output format says.
pub(crate) fn result(data: &Value, out: &Output) {
    if out.is_json() {
        out.json(data);
        return;
    }
    match data {
        Value::Array(items) if items.is_empty() => out.line("No items."),
        Value::Array(items) if items.iter().all(Value::is_object) => {
            let columns = columns(items);
            if columns.is_empty() {
                out.json(data);
                return;
            }
            let header: Vec<String> = columns
                .iter()
                .map(|key| key.replace('_', " ").to_ascii_uppercase())
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|item| {
                    columns
                        .iter()
                        .map(|key| one_line(&plain(item.get(key).unwrap_or(&Value::Null))))
                        .collect()
                })
                .collect();
            out.table(&header, &rows);
        }
        Value::Object(fields) if !fields.is_empty() => {
            let pairs: Vec<(String, String)> = fields
                .iter()
                .map(|(key, value)| (key.clone(), plain(value)))
                .collect();
            out.fields(&pairs);
        }
        other => out.json(other),
    }
}

/// The columns of a list: the fields of the first item whose values are not objects or lists
/// (`uuid` and `id` first, then in Leat's order), at most [`COLUMNS`].
fn columns(items: &[Value]) -> Vec<String> {
    let Some(Value::Object(first)) = items.first() else {
        return Vec::new();
    };
    let scalar = |(key, value): (&String, &Value)| {
        (!value.is_object() && !value.is_array()).then(|| key.clone())
    };
    let mut columns: Vec<String> = ["uuid", "id"]
        .into_iter()
        .filter(|key| {
            first
                .get(*key)
                .is_some_and(|v| !v.is_object() && !v.is_array())
        })
        .map(str::to_owned)
        .collect();
    for key in first.iter().filter_map(scalar) {
        if columns.len() >= COLUMNS {
            break;
        }
        if !columns.contains(&key) {
            columns.push(key);
        }
    }
    columns
}

/// A JSON value as a person reads it: text without quotes, nothing for null, other values as
/// compact JSON.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        Value::Object(map) if map.is_empty() => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn columns_are_the_first_item_s_scalar_fields_uuid_first() {
        let items = vec![json!({
            "name": "a", "uuid": "u1", "nested": {"x": 1}, "list": [1], "n": 1,
            "b": true, "c": null, "d": "x", "e": "too many"
        })];
        assert_eq!(columns(&items), ["uuid", "name", "n", "b", "c", "d"]);
    }

    #[test]
    fn plain_values_read_as_text() {
        assert_eq!(plain(&json!("text")), "text");
        assert_eq!(plain(&json!(null)), "");
        assert_eq!(plain(&json!(12.5)), "12.5");
        assert_eq!(plain(&json!({"a": 1})), r#"{"a":1}"#);
    }
}
