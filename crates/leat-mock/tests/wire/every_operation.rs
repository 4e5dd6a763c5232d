//! Every operation of the spec, called once on a fresh mock with every parameter given
//! (`generated/cases.rs`, written by leat-codegen from the spec): each answers its success
//! status with `data` of its example's shape, and each that looks an entity up answers its
//! resource's not-found code for a uuid no entity has.

use leat_mock::MockServer;
use serde_json::Value;

use crate::http::{self, Call};

#[path = "generated/cases.rs"]
mod cases;

/// One call of one operation, and what it must answer.
pub struct Case {
    pub id: &'static str,
    pub method: &'static str,
    /// With `{name}` for each path parameter.
    pub path: &'static str,
    /// A value for each path parameter: the key of an entity a fresh mock holds, where the
    /// operation looks one up.
    pub path_values: &'static [(&'static str, &'static str)],
    pub query: &'static str,
    pub body: Option<&'static str>,
    pub status: u16,
    /// The path parameter naming the entity, and Leat's code when none has it.
    pub not_found: Option<(&'static str, i64)>,
    /// The example's `data` with each scalar written as its kind and each list as its first
    /// item.
    pub shape: &'static str,
}

/// A uuid no entity of a fresh mock has.
const UNKNOWN: &str = "00000000-0000-4000-8000-000000000000";

impl Case {
    /// The path and query, with `values` for the path parameters.
    fn target(&self, values: &[(&str, String)]) -> String {
        let mut path = self.path.to_owned();
        for (name, value) in values {
            path = path.replace(&format!("{{{name}}}"), value);
        }
        if self.query.is_empty() {
            path
        } else {
            format!("{path}?{}", self.query)
        }
    }

    /// The path values to call with: the generated ones, or for the subscriptions (answered
    /// by hand, from a store a fresh mock holds nothing in) one just created.
    async fn values(&self, mock: &MockServer) -> Vec<(&'static str, String)> {
        let mut values: Vec<(&'static str, String)> = self
            .path_values
            .iter()
            .map(|(name, value)| (*name, (*value).to_owned()))
            .collect();
        if self.id.starts_with("webhook_subscriptions.") {
            let created = http::create(mock, "Every operation", "contact_created").await;
            for (name, value) in &mut values {
                if *name == "uuid" {
                    value.clone_from(&created);
                }
            }
        }
        values
    }

    async fn call(&self, mock: &MockServer, values: &[(&str, String)]) -> http::Answer {
        let target = self.target(values);
        Call::new(self.method, &target)
            .body(self.body.unwrap_or(""))
            .send(mock)
            .await
    }
}

/// Whether `value` has `shape`: the kinds its scalars are, the keys its objects have, a first
/// item of that shape where the example's list has one. A `"null"` in the shape takes anything.
fn conforms(shape: &Value, value: &Value, at: &str) -> Result<(), String> {
    let kind = |value: &Value| match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    };
    match (shape, value) {
        (Value::String(wanted), _) if wanted == "null" => Ok(()),
        (Value::String(wanted), _) if wanted == kind(value) => Ok(()),
        (Value::Array(item), Value::Array(items)) => match (item.first(), items.first()) {
            (Some(item), Some(first)) => conforms(item, first, &format!("{at}[0]")),
            (Some(_), None) => Err(format!("{at}: an empty list where the example has items")),
            (None, _) => Ok(()),
        },
        (Value::Object(fields), Value::Object(answered)) => {
            for (key, field) in fields {
                let at = format!("{at}.{key}");
                match answered.get(key) {
                    Some(item) => conforms(field, item, &at)?,
                    None => return Err(format!("{at}: missing")),
                }
            }
            Ok(())
        }
        _ => Err(format!(
            "{at}: {} where the example has {}",
            kind(value),
            match shape {
                Value::String(kind) => kind.clone(),
                other => kind(other).to_owned(),
            }
        )),
    }
}

#[tokio::test]
async fn every_operation_answers_its_status_with_data_shaped_as_its_example() {
    let mock = MockServer::start().await.unwrap();
    let mut failures = Vec::new();
    for case in cases::CASES {
        Call::new("POST", "/__mock/reset").send(&mock).await;
        let values = case.values(&mock).await;
        let answer = case.call(&mock, &values).await;
        if answer.status != case.status {
            failures.push(format!(
                "{}: {} instead of {}: {}",
                case.id, answer.status, case.status, answer.body
            ));
            continue;
        }
        let shape: Value = serde_json::from_str(case.shape).unwrap();
        let body: Value = match serde_json::from_str(&answer.body) {
            Ok(body) => body,
            Err(err) => {
                failures.push(format!("{}: not JSON ({err}): {}", case.id, answer.body));
                continue;
            }
        };
        match body.get("data") {
            Some(data) => {
                if let Err(why) = conforms(&shape, data, "data") {
                    failures.push(format!("{}: {why}", case.id));
                }
            }
            None => failures.push(format!("{}: no data in {}", case.id, answer.body)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} operations:\n{}",
        failures.len(),
        cases::CASES.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_lookup_answers_its_resources_not_found_code_for_an_unknown_uuid() {
    let mock = MockServer::start().await.unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in cases::CASES {
        let Some((key, code)) = case.not_found else {
            continue;
        };
        let values: Vec<(&str, String)> = case
            .path_values
            .iter()
            .map(|(name, value)| {
                let value = if *name == key { UNKNOWN } else { value };
                (*name, value.to_owned())
            })
            .collect();
        let answer = case.call(&mock, &values).await;
        let body = answer.json();
        if (answer.status, &body["code"], &body["status_code"])
            != (400, &Value::from(code), &Value::from(400))
            || !body["message"].is_string()
        {
            failures.push(format!(
                "{}: {} {} instead of 400 with code {code}",
                case.id, answer.status, answer.body
            ));
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} operations look an entity up");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_shape_refuses_what_the_example_does_not_have() {
    let shape = serde_json::json!({"uuid": "string", "tags": ["string"], "note": "null"});
    let fine = serde_json::json!({"uuid": "a", "tags": ["x"], "note": 3, "extra": true});
    assert_eq!(conforms(&shape, &fine, "data"), Ok(()));
    let cases = [
        (serde_json::json!({"tags": ["x"]}), "data.uuid: missing"),
        (
            serde_json::json!({"uuid": 1, "tags": ["x"]}),
            "data.uuid: number where the example has string",
        ),
        (
            serde_json::json!({"uuid": "a", "tags": []}),
            "data.tags: an empty list where the example has items",
        ),
        (
            serde_json::json!([]),
            "data: list where the example has object",
        ),
    ];
    for (value, why) in cases {
        assert_eq!(conforms(&shape, &value, "data"), Err(why.to_owned()));
    }
}
