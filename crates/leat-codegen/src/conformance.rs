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
    /// For the key of an entity the mock holds none of from its seed (the group it answers by
    /// hand): the operation that makes one first, whose answer's `uuid` is the key. `value`
    /// is then [`MADE`].
    pub made_by: Option<&'a Operation>,
}

/// Stands for the key of the entity a suite made first, in a sample and the expected path.
pub const MADE: &str = "{made}";

/// The operation that makes an entity for `op`'s key, when the mock seeds none.
fn maker<'a>(spec: &'a Spec, op: &Operation, param: &Param) -> Option<&'a Operation> {
    let rule = op.mock.as_ref()?;
    if op.group != crate::mock::BY_HAND
        || param.place != "path"
        || rule.key.as_deref() != Some(param.name.as_str())
    {
        return None;
    }
    spec.operations().find(|other| {
        other.mock.as_ref().is_some_and(|r| {
            r.collection == rule.collection && r.action.as_deref() == Some("create")
        })
    })
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

/// A value of `param` that Leat would accept: its `example`, else one made from its kind.
pub fn sample(spec: &Spec, param: &Param) -> Value {
    if let Some(example) = &param.example {
        return example.clone();
    }
    if let Some(values) = &param.values {
        return Value::String(values[0].clone());
    }
    value_for(spec, param, &param.ty())
}

/// A value of `ty` for `param`.
fn value_for(spec: &Spec, param: &Param, ty: &TypeExpr) -> Value {
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::String => match param.name.as_str() {
                name if name.ends_with("_uuid") => "5ee1f6d2-0c0b-4c7e-9a51-6f3d0b1a2c3d".into(),
                _ => "example".into(),
            },
            Scalar::Uuid => "5ee1f6d2-0c0b-4c7e-9a51-6f3d0b1a2c3d".into(),
            Scalar::Url => "https://example.com/hooks".into(),
            Scalar::Email => "jane@example.com".into(),
            Scalar::Integer => json!(1),
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

/// Every parameter of `op` with a value to send. A parameter the mock looks an entity up by
/// gets the key of one it holds from its seed; `page` is left out (the suite checks one
/// call).
pub fn samples<'a>(spec: &'a Spec, op: &'a Operation) -> Vec<Sample<'a>> {
    op.params
        .iter()
        .filter(|p| p.name != "page")
        .map(|param| {
            if let Some(made_by) = maker(spec, op, param) {
                return Sample {
                    param,
                    value: Value::String(MADE.into()),
                    made_by: Some(made_by),
                };
            }
            // A value the spec gives wins over a held entity's key (a claim needs an
            // anonymous contact, not the first one held).
            let value = param
                .example
                .clone()
                .or_else(|| crate::mock_cases::seeded_key(spec, op, param))
                .or_else(|| crate::mock_cases::referenced_key(spec, op, param))
                .unwrap_or_else(|| sample(spec, param));
            Sample {
                param,
                value,
                made_by: None,
            }
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
