//! Checking request fields the way Leat does, collecting every problem into the `errors`
//! map of a code 1003 answer.

use std::collections::BTreeMap;

use axum::response::Response;
use bytes::Bytes;
use http::{header, HeaderMap};
use serde_json::{Map, Value};

use crate::responses::invalid_input;

/// The 13 event types Leat documents.
pub(crate) const EVENT_TYPES: [&str; 13] = [
    "contact_created",
    "contact_updated",
    "credit_reception_created",
    "prepaid_transaction_created",
    "giftcard_transaction_created",
    "voucher_created",
    "voucher_updated",
    "voucher_redeemed",
    "form_submission_completed",
    "referral_completed",
    "contact_identifier_created",
    "reward_updated",
    "promotion_updated",
];

/// The statuses a subscription can have.
pub(crate) const STATUSES: [&str; 2] = ["ACTIVE", "INACTIVE"];

/// The field -> messages map of a validation error.
#[derive(Default)]
pub(crate) struct Errors(Map<String, Value>);

impl Errors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        let entry = self
            .0
            .entry(field.to_owned())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(messages) = entry {
            messages.push(Value::String(message.into()));
        }
    }

    /// `Ok` when nothing was added, else the 1003 answer listing every problem.
    pub fn finish(self) -> Result<(), Response> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(invalid_input(self.0))
        }
    }

    fn refuse(field: &str, message: &str) -> Response {
        let mut errors = Errors::default();
        errors.add(field, message);
        invalid_input(errors.0)
    }
}

/// The fields of a body, as Leat (a Laravel-style API) reads them: a JSON object, or an
/// `application/x-www-form-urlencoded` form as Leat's own PHP SDK sends it
/// (`attributes[0]=a&attributes[1]=b`, or `attributes[]=a`), whose values are all text.
/// Anything else is the 1003 answer saying what the body must be.
pub(crate) fn object(headers: &HeaderMap, body: &Bytes) -> Result<Map<String, Value>, Response> {
    if is_form(headers) {
        return Ok(form_fields(body));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        _ => Err(Errors::refuse(
            "body",
            "The body must be a JSON object or an application/x-www-form-urlencoded form.",
        )),
    }
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// A form's fields: `key=value` as text, `key[]=...` and `key[N]=...` as a list (ordered by
/// `N`, then as sent). A later plain `key` replaces an earlier one, as PHP does.
fn form_fields(body: &[u8]) -> Map<String, Value> {
    let mut fields = Map::new();
    // Each list's items by (index given, position in the body), in the order lists appeared.
    type Items = BTreeMap<(u64, usize), String>;
    let mut lists: Vec<(String, Items)> = Vec::new();
    for (position, (key, value)) in url::form_urlencoded::parse(body).enumerate() {
        match key.split_once('[') {
            Some((name, rest)) if rest.ends_with(']') => {
                let index = rest[..rest.len() - 1].parse::<u64>().unwrap_or(u64::MAX);
                let slot = match lists.iter().position(|(n, _)| n == name) {
                    Some(found) => found,
                    None => {
                        lists.push((name.to_owned(), BTreeMap::new()));
                        lists.len() - 1
                    }
                };
                lists[slot].1.insert((index, position), value.into_owned());
                fields.insert(name.to_owned(), Value::Null);
            }
            _ => {
                fields.insert(key.into_owned(), Value::String(value.into_owned()));
            }
        }
    }
    for (name, items) in lists {
        fields.insert(
            name,
            Value::Array(items.into_values().map(Value::String).collect()),
        );
    }
    fields
}

/// A string field, present and non-blank when `required`. `null` counts as absent.
pub(crate) fn text(fields: &Map<String, Value>, name: &str, required: bool, errors: &mut Errors) {
    match fields.get(name) {
        None | Some(Value::Null) if required => {
            errors.add(name, format!("The {name} field is required."))
        }
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.trim().is_empty() => {
            errors.add(name, format!("The {name} field is required."))
        }
        Some(Value::String(_)) => {}
        Some(_) => errors.add(name, format!("The {name} must be a string.")),
    }
}

/// `url`, when a non-blank string, must be an absolute http(s) URL.
pub(crate) fn url(fields: &Map<String, Value>, errors: &mut Errors) {
    let Some(Value::String(text)) = fields.get("url") else {
        return;
    };
    let valid = url::Url::parse(text)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if !valid && !text.trim().is_empty() {
        errors.add("url", "The url must be a valid URL.");
    }
}

/// `event_type`, required, must be one of the documented types.
pub(crate) fn event_type(fields: &Map<String, Value>, errors: &mut Errors) {
    match fields.get("event_type") {
        None | Some(Value::Null) => errors.add("event_type", "The event type field is required."),
        Some(Value::String(known)) if EVENT_TYPES.contains(&known.as_str()) => {}
        Some(_) => errors.add("event_type", "The selected event type is invalid."),
    }
}

/// `status`, when present, must be ACTIVE or INACTIVE.
pub(crate) fn status(fields: &Map<String, Value>, errors: &mut Errors) {
    match fields.get("status") {
        None => {}
        Some(Value::String(known)) if STATUSES.contains(&known.as_str()) => {}
        Some(_) => errors.add("status", "The selected status is invalid."),
    }
}

/// `attributes`, when present and not `null`, must be an array of strings.
pub(crate) fn attributes(fields: &Map<String, Value>, errors: &mut Errors) {
    match fields.get("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {}
        Some(_) => errors.add(
            "attributes",
            "The attributes must be an array of contact attribute names.",
        ),
    }
}

/// The `attributes` sent, if they are an array of strings.
pub(crate) fn attribute_names(fields: &Map<String, Value>) -> Option<Vec<String>> {
    fields
        .get("attributes")?
        .as_array()?
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_lists_are_read_as_php_writes_them() {
        let fields = form_fields(
            b"name=New+members&attributes%5B1%5D=lastname&attributes%5B0%5D=firstname&status=ACTIVE",
        );
        assert_eq!(
            Value::Object(fields),
            serde_json::json!({"name": "New members", "attributes": ["firstname", "lastname"], "status": "ACTIVE"})
        );
        let fields = form_fields(b"attributes[]=a&attributes[]=b");
        assert_eq!(fields["attributes"], serde_json::json!(["a", "b"]));
    }
}
