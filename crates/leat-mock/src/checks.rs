//! Checking an operation's input the way Leat (a Laravel application) does: each parameter of
//! the spec against its type, every problem collected into the `errors` map of one HTTP 400
//! code 1003 answer, with Laravel's messages (`The email field is required.`, `The selected
//! status is invalid.`, `The credits must be a number.`). Values that pass are made typed, as
//! Leat stores them: `"10"` from a form or a query is 10 for an integer.

use axum::response::Response;
use serde_json::{Map, Number, Value};

use crate::table::{Kind, MockOperation, Place};
use crate::validation::Errors;

/// Checks every non-path parameter of `op` in `fields`, typing the ones that pass. A blank
/// string or `null` counts as not given (Laravel's TrimStrings and ConvertEmptyStringsToNull)
/// unless the parameter allows an empty string. Fields the spec does not name are left as
/// they came (custom attributes travel so).
pub(crate) fn validate(
    op: &MockOperation,
    fields: &mut Map<String, Value>,
) -> Result<(), Response> {
    let mut errors = Errors::default();
    for param in op.params.iter().filter(|p| p.place != Place::Path) {
        let given = match fields.get(param.name) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) if text.trim().is_empty() && !param.allow_empty => None,
            Some(Value::Array(items)) if items.is_empty() && param.required => None,
            Some(value) => Some(value),
        };
        let Some(value) = given else {
            if param.required {
                errors.add(
                    param.name,
                    format!("The {} field is required.", label(param.name)),
                );
            }
            fields.remove(param.name);
            continue;
        };
        if let Some(typed) = check(&param.kind, value, param.name, &mut errors) {
            fields.insert(param.name.to_owned(), typed);
        }
    }
    errors.finish()
}

/// How Laravel names a field in a message: `event_type` -> `event type`.
fn label(key: &str) -> String {
    key.replace('_', " ")
}

/// `value` as `kind` types it, or `None` with the problem added under `key`.
fn check(kind: &Kind, value: &Value, key: &str, errors: &mut Errors) -> Option<Value> {
    let refuse = |errors: &mut Errors, rule: &str| {
        let label = label(key);
        let message = match rule {
            "in" => format!("The selected {label} is invalid."),
            "boolean" => format!("The {label} field must be true or false."),
            "date" => format!("The {label} is not a valid date."),
            other => format!("The {label} must be {other}."),
        };
        errors.add(key, message);
        None
    };
    let text = value.as_str();
    match kind {
        Kind::String | Kind::Uuid => match text {
            Some(_) => Some(value.clone()),
            None => refuse(errors, "a string"),
        },
        Kind::Email => match text {
            Some(text) if is_email(text) => Some(value.clone()),
            _ => refuse(errors, "a valid email address"),
        },
        Kind::Url => match text {
            Some(text) if is_url(text) => Some(value.clone()),
            _ => refuse(errors, "a valid URL"),
        },
        Kind::DateTime | Kind::Date => match text {
            Some(text) if is_date(text) => Some(value.clone()),
            _ => refuse(errors, "date"),
        },
        Kind::Integer => match integer(value) {
            Some(number) => Some(Value::Number(number)),
            None => refuse(errors, "an integer"),
        },
        Kind::Number => match number(value) {
            Some(number) => Some(Value::Number(number)),
            None => refuse(errors, "a number"),
        },
        Kind::Boolean => match boolean(value) {
            Some(flag) => Some(Value::Bool(flag)),
            None => refuse(errors, "boolean"),
        },
        Kind::Json => Some(value.clone()),
        Kind::Enum { values, closed } => match text {
            Some(text) if !*closed || values.contains(&text) => Some(value.clone()),
            _ => refuse(errors, "in"),
        },
        Kind::List(inner) => {
            let Value::Array(items) = value else {
                return refuse(errors, "an array");
            };
            let checked: Vec<Option<Value>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| check(inner, item, &format!("{key}.{i}"), errors))
                .collect();
            checked
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .map(Value::Array)
        }
        Kind::Map(inner) => {
            let entries = match value {
                Value::Object(entries) => entries.clone(),
                // PHP writes an empty map as [].
                Value::Array(items) if items.is_empty() => Map::new(),
                _ => return refuse(errors, "an array"),
            };
            let mut typed = Map::new();
            let mut ok = true;
            for (name, item) in entries {
                match check(inner, &item, &format!("{key}.{name}"), errors) {
                    Some(item) => {
                        typed.insert(name, item);
                    }
                    None => ok = false,
                }
            }
            ok.then_some(Value::Object(typed))
        }
    }
}

/// Laravel's `integer`: a whole number, or text that is one.
fn integer(value: &Value) -> Option<Number> {
    match value {
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.clone()),
        Value::String(text) => {
            let text = text.trim();
            text.parse::<i64>()
                .map(Number::from)
                .or_else(|_| text.parse::<u64>().map(Number::from))
                .ok()
        }
        _ => None,
    }
}

/// Laravel's `numeric`: a number, or text that is one.
fn number(value: &Value) -> Option<Number> {
    match value {
        Value::Number(n) => Some(n.clone()),
        Value::String(_) => integer(value).or_else(|| {
            let text = value.as_str()?.trim();
            let parsed = text.parse::<f64>().ok()?;
            let written = !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
            written.then(|| Number::from_f64(parsed)).flatten()
        }),
        _ => None,
    }
}

/// Laravel's `boolean`: `true`, `false`, 1, 0, `"1"`, `"0"`.
fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::Number(n) => match n.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(text) => match text.trim() {
            "0" => Some(false),
            "1" => Some(true),
            _ => None,
        },
        _ => None,
    }
}

fn is_email(text: &str) -> bool {
    text.split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_url(text: &str) -> bool {
    url::Url::parse(text.trim())
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// A calendar date first (`2023-10-20`), then anything (a time, an offset): Laravel's `date`
/// rule reads both.
fn is_date(text: &str) -> bool {
    let text = text.trim();
    let (Some(year), Some(month), Some(day)) = (text.get(0..4), text.get(5..7), text.get(8..10))
    else {
        return false;
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year) && digits(month) && digits(day))
        || text.as_bytes()[4] != b'-'
        || text.as_bytes()[7] != b'-'
    {
        return false;
    }
    let month = month
        .parse::<u8>()
        .ok()
        .and_then(|m| time::Month::try_from(m).ok());
    let (Ok(year), Some(month), Ok(day)) = (year.parse::<i32>(), month, day.parse::<u8>()) else {
        return false;
    };
    let rest = &text[10..];
    time::Date::from_calendar_date(year, month, day).is_ok()
        && (rest.is_empty() || rest.starts_with(['T', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn checked(kind: &Kind, value: Value) -> Result<Value, Vec<String>> {
        let mut errors = Errors::default();
        match check(kind, &value, "some_field", &mut errors) {
            Some(typed) => Ok(typed),
            None => Err(errors.messages("some_field")),
        }
    }

    #[test]
    fn text_from_forms_and_queries_is_typed_as_leat_stores_it() {
        assert_eq!(checked(&Kind::Integer, json!("10")), Ok(json!(10)));
        assert_eq!(checked(&Kind::Number, json!("2.50")), Ok(json!(2.5)));
        assert_eq!(checked(&Kind::Number, json!("7")), Ok(json!(7)));
        assert_eq!(checked(&Kind::Boolean, json!("1")), Ok(json!(true)));
        assert_eq!(checked(&Kind::Boolean, json!(0)), Ok(json!(false)));
        assert_eq!(
            checked(&Kind::List(&Kind::Integer), json!(["1", 2])),
            Ok(json!([1, 2]))
        );
    }

    #[test]
    fn wrong_values_get_laravels_messages() {
        let wrong = |kind: &Kind, value: Value| checked(kind, value).unwrap_err();
        assert_eq!(
            wrong(&Kind::Number, json!("ten")),
            ["The some field must be a number."]
        );
        assert_eq!(
            wrong(&Kind::Integer, json!(1.5)),
            ["The some field must be an integer."]
        );
        assert_eq!(
            wrong(&Kind::Boolean, json!("yes")),
            ["The some field field must be true or false."]
        );
        assert_eq!(
            wrong(&Kind::Email, json!("nobody")),
            ["The some field must be a valid email address."]
        );
        assert_eq!(
            wrong(&Kind::Date, json!("2023-02-30")),
            ["The some field is not a valid date."]
        );
        assert_eq!(
            wrong(
                &Kind::Enum {
                    values: &["A", "B"],
                    closed: true
                },
                json!("C")
            ),
            ["The selected some field is invalid."]
        );
        assert_eq!(
            wrong(&Kind::Map(&Kind::String), json!("x")),
            ["The some field must be an array."]
        );
    }

    #[test]
    fn open_enums_take_any_text_and_dates_may_carry_a_time() {
        let open = Kind::Enum {
            values: &["A"],
            closed: false,
        };
        assert_eq!(checked(&open, json!("Z")), Ok(json!("Z")));
        assert!(checked(&Kind::DateTime, json!("2023-10-20 11:46:22+00:00")).is_ok());
        assert!(checked(&Kind::DateTime, json!("2023-10-20T11:46:22Z")).is_ok());
    }

    #[test]
    fn a_wrong_item_is_named_by_its_place() {
        let mut errors = Errors::default();
        check(
            &Kind::List(&Kind::Email),
            &json!(["a@b.c", "no"]),
            "emails",
            &mut errors,
        );
        assert_eq!(
            errors.messages("emails.1"),
            ["The emails.1 must be a valid email address."]
        );
    }
}
