//! Checking request fields the way Leat does, collecting every problem into the `errors`
//! map of a code 1003 answer.

use axum::response::Response;
use bytes::Bytes;
use http::{header, HeaderMap};
use serde_json::{Map, Value};

use crate::php_form;
use crate::responses::invalid_input;

/// The event types Leat documents (the spec's `EventType`).
pub(crate) use crate::generated::operations::EVENT_TYPE as EVENT_TYPES;

/// The statuses a subscription can have (the spec's `Status`).
pub(crate) use crate::generated::operations::STATUS as STATUSES;

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

    /// The messages added for `field`.
    #[cfg(test)]
    pub fn messages(&self, field: &str) -> Vec<String> {
        self.0
            .get(field)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|m| m.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn refuse(field: &str, message: &str) -> Response {
        let mut errors = Errors::default();
        errors.add(field, message);
        invalid_input(errors.0)
    }
}

/// The fields of a body, as Leat (a Laravel-style API) reads them: a JSON object, or an
/// `application/x-www-form-urlencoded` form as Leat's own PHP SDK sends it
/// (`attributes[0]=a&attributes[1]=b`, or `attributes[]=a`; see [`php_form`]), whose values
/// are all text.
/// Anything else is the 1003 answer saying what the body must be.
pub(crate) fn object(headers: &HeaderMap, body: &Bytes) -> Result<Map<String, Value>, Response> {
    if is_form(headers) {
        return Ok(php_form::fields(body));
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
