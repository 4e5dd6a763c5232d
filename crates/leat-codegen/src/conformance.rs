//! What the generated conformance suites of every language share: for each operation, the
//! arguments a suite sends (every parameter, with a value its kind allows and the mock
//! accepts) and the request those arguments must become (method, path, query pairs, body).
//! Each language's suite calls the operation through its own surface and compares what the
//! mock recorded with this.

use serde_json::{json, Map, Value};

use crate::spec::{Operation, Param, Scalar, Spec, TypeExpr};

/// One argument of a conformance call.
pub struct Sample<'a> {
    pub param: &'a Param,
    pub value: Value,
}

/// What the mock must receive.
pub struct Expected {
    pub method: String,
    pub path: String,
    /// Decoded `(key, value)` pairs in order (PHP's `name[]` / `name[key]` keys).
    pub query: Vec<(String, String)>,
    /// The JSON body, when the operation sends one.
    pub body: Option<Value>,
}

/// The uuid of an entity the mock knows from its seed: the first entity of the examples of
/// the operations that read `collection`.
fn seeded_key(spec: &Spec, collection: &str) -> Option<String> {
    for op in spec.operations() {
        let Some(rule) = &op.mock else { continue };
        if rule.collection.as_deref() != Some(collection) {
            continue;
        }
        let Some(example) = spec.examples.get(&op.id) else {
            continue;
        };
        let data = &example["data"];
        let entity = match rule.action.as_deref() {
            Some("list") => data.get(0),
            Some("get") => Some(data),
            _ => None,
        };
        if let Some(uuid) = entity.and_then(|e| e.get("uuid")).and_then(Value::as_str) {
            return Some(uuid.to_owned());
        }
    }
    None
}

/// A value of `ty` for `param`.
fn value_for(spec: &Spec, param: &Param, ty: &TypeExpr) -> Value {
    if let Some(example) = &param.example {
        return example.clone();
    }
    if let Some(values) = &param.values {
        return Value::String(values[0].clone());
    }
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::String => match param.name.as_str() {
                name if name.ends_with("_uuid") => "5ee1f6d2-0c0b-4c7e-9a51-6f3d0b1a2c3d".into(),
                _ => "example".into(),
            },
            Scalar::Uuid => "5ee1f6d2-0c0b-4c7e-9a51-6f3d0b1a2c3d".into(),
            Scalar::Url => "https://example.com/hooks".into(),
            Scalar::Email => "jane@example.com".into(),
            Scalar::Integer => json!(2),
            Scalar::Number => json!(10.5),
            Scalar::Boolean => json!(true),
            Scalar::DateTime => "2024-05-01T09:30:00+02:00".into(),
            Scalar::Date => "2024-05-01".into(),
            Scalar::Json => json!({"note": "example"}),
        },
        TypeExpr::List(inner) => Value::Array(vec![value_for(spec, param, inner)]),
        TypeExpr::Map(inner) => {
            let mut map = Map::new();
            let key = if param.place == "query" {
                "gte"
            } else {
                "example_key"
            };
            map.insert(key.into(), value_for(spec, param, inner));
            Value::Object(map)
        }
        TypeExpr::Named(name) => {
            let values = &spec.enums[name].values;
            Value::String(values[0].value.clone())
        }
    }
}

/// Every parameter of `op` with a value to send. Path parameters that name an entity of a
/// collection get the uuid of one the mock has from its seed; `page` is left out (the suite
/// checks one call).
pub fn samples<'a>(spec: &Spec, op: &'a Operation) -> Vec<Sample<'a>> {
    op.params
        .iter()
        .filter(|p| p.name != "page")
        .map(|param| {
            let keyed = op.mock.as_ref().and_then(|rule| {
                (rule.key.as_deref() == Some(param.name.as_str()))
                    .then_some(rule.collection.as_deref())
                    .flatten()
            });
            let value = match keyed.and_then(|c| seeded_key(spec, c)) {
                Some(uuid) if param.place == "path" => Value::String(uuid),
                _ => value_for(spec, param, &param.ty()),
            };
            Sample { param, value }
        })
        .collect()
}

/// The custom attributes a suite sends where an operation takes them.
pub fn custom_attributes() -> Value {
    json!({"loyalty_colour": "green"})
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "1".into(),
        Value::Bool(false) => "0".into(),
        other => other.to_string(),
    }
}

fn push_query(out: &mut Vec<(String, String)>, key: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                push_query(out, &format!("{key}[]"), item);
            }
        }
        Value::Object(map) => {
            for (sub, item) in map {
                push_query(out, &format!("{key}[{sub}]"), item);
            }
        }
        other => out.push((key.to_owned(), scalar_text(other))),
    }
}

/// The request `samples` must become.
pub fn expected(op: &Operation, samples: &[Sample<'_>]) -> Expected {
    let mut path = op.path.clone();
    let mut query = Vec::new();
    let mut body: Option<Map<String, Value>> = None;
    for sample in samples {
        match sample.param.place.as_str() {
            "path" => {
                path = path.replace(
                    &format!("{{{}}}", sample.param.name),
                    &scalar_text(&sample.value),
                );
            }
            "query" => push_query(&mut query, &sample.param.name, &sample.value),
            _ => {
                body.get_or_insert_with(Map::new)
                    .insert(sample.param.name.clone(), sample.value.clone());
            }
        }
    }
    if op.custom_attributes {
        let body = body.get_or_insert_with(Map::new);
        if let Value::Object(custom) = custom_attributes() {
            body.extend(custom);
        }
    }
    let takes_body = op.custom_attributes || op.params.iter().any(|p| p.place == "body");
    let body = match body {
        Some(fields) => Some(Value::Object(fields)),
        None if takes_body => Some(json!({})),
        None => None,
    };
    Expected {
        method: op.method.clone(),
        path,
        query,
        body,
    }
}
