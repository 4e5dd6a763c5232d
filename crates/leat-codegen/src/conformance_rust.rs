//! `crates/leat/tests/suite/conformance.rs`: one test per operation, calling its typed method
//! against the mock with the shared sample arguments, then checking the request the mock
//! recorded and that the answer read into the operation's type.

use std::fmt::Write as _;

use serde_json::Value;

use crate::conformance::{expected, samples, Sample};
use crate::names::{pascal, quote, rust_ident};
use crate::output::{header, Output};
use crate::spec::{Operation, Returns, Scalar, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add_rust("crates/leat/tests/suite/conformance.rs", suite(spec));
}

/// The Rust type of a returned value, from outside the crate.
fn qualified(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::String | Scalar::Uuid | Scalar::Url | Scalar::Email => "String".into(),
            Scalar::Integer => "i64".into(),
            Scalar::Number => "f64".into(),
            Scalar::Boolean => "bool".into(),
            Scalar::DateTime => "leat::OffsetDateTime".into(),
            Scalar::Date => "time::Date".into(),
            Scalar::Json => "serde_json::Value".into(),
        },
        TypeExpr::List(inner) => format!("Vec<{}>", qualified(inner)),
        TypeExpr::Map(inner) if **inner == TypeExpr::Scalar(Scalar::Json) => {
            "serde_json::Map<String, serde_json::Value>".into()
        }
        TypeExpr::Map(inner) => format!("std::collections::BTreeMap<String, {}>", qualified(inner)),
        TypeExpr::Named(name) => format!("leat::{name}"),
    }
}

fn returned(op: &Operation) -> String {
    match op.returns() {
        Returns::One(t) => qualified(&t),
        Returns::List(t) => format!("Vec<{}>", qualified(&t)),
        Returns::Page(t) => format!("leat::Page<{}>", qualified(&t)),
        Returns::None => "()".into(),
    }
}

/// The type a method takes for `ty`, from outside the crate: dates stay text.
fn input_type(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(Scalar::DateTime | Scalar::Date) => "String".into(),
        TypeExpr::List(inner) => format!("Vec<{}>", input_type(inner)),
        TypeExpr::Map(inner) if **inner != TypeExpr::Scalar(Scalar::Json) => {
            format!("std::collections::BTreeMap<String, {}>", input_type(inner))
        }
        other => qualified(other),
    }
}

/// A Rust expression of a sample's value, for the method's parameter type.
fn expression(sample: &Sample<'_>) -> String {
    let ty = sample.param.ty();
    match (&ty, &sample.value) {
        (TypeExpr::Scalar(Scalar::Integer), Value::Number(n)) => format!("{n}i64"),
        (TypeExpr::Scalar(Scalar::Number), Value::Number(n)) => {
            format!("{}f64", n.as_f64().unwrap_or(0.0))
        }
        (TypeExpr::Scalar(Scalar::Boolean), Value::Bool(b)) => b.to_string(),
        (TypeExpr::Scalar(Scalar::Json), value) => format!("serde_json::json!({value})"),
        (_, Value::String(text)) if matches!(ty, TypeExpr::Scalar(_) | TypeExpr::Named(_)) => {
            quote(text)
        }
        (_, value) => format!(
            "serde_json::from_value::<{}>(serde_json::json!({value})).unwrap()",
            input_type(&ty)
        ),
    }
}

fn call(op: &Operation, samples: &[Sample<'_>]) -> String {
    let mut args: Vec<String> = samples
        .iter()
        .filter(|s| s.param.place == "path")
        .map(|s| match s.made_by {
            Some(_) => "&made".to_owned(),
            None => quote(s.value.as_str().unwrap_or_default()),
        })
        .collect();
    let rest: Vec<&Sample<'_>> = samples.iter().filter(|s| s.param.place != "path").collect();
    if !rest.is_empty() || op.custom_attributes || op.params.iter().any(|p| p.place != "path") {
        let required: Vec<String> = rest
            .iter()
            .filter(|s| s.param.is_required())
            .map(|s| expression(s))
            .collect();
        let mut params = format!(
            "leat::api::{}::{}Params::new({})",
            op.group,
            pascal(&op.name),
            required.join(", ")
        );
        for s in rest.iter().filter(|s| !s.param.is_required()) {
            let setter = match s.param.name.as_str() {
                "new" | "validate" | "to_args" => format!("with_{}", s.param.name),
                other => rust_ident(other),
            };
            let _ = write!(params, ".{setter}({})", expression(s));
        }
        if op.custom_attributes {
            params.push_str(".custom_attribute(\"loyalty_colour\", \"green\")");
        }
        args.push(params);
    }
    format!(
        "client.{}().{}({})",
        op.group,
        rust_ident(&op.name),
        args.join(", ")
    )
}

fn suite(spec: &Spec) -> String {
    let mut s = header("//!", "spec/");
    s.push_str("//! Every operation through its typed method against the mock: the request the mock\n//! recorded is the one the spec gives, and the answer reads into the operation's type.\n\n");
    s.push_str("#![allow(clippy::unreadable_literal)]\n\nuse crate::common::*;\n\n");
    s.push_str(
        r#"/// The last call the mock received (the API's, not the token endpoint's).
pub(super) fn last_call(mock: &leat_mock::MockServer) -> leat_mock::RecordedRequest {
    mock.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/"))
        .last()
        .expect("the mock received the call")
}

/// Checks what the mock received.
pub(super) fn expect_request(
    mock: &leat_mock::MockServer,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) {
    let request = last_call(mock);
    assert_eq!(request.method, method);
    assert_eq!(request.path, path);
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(request.query.as_deref().unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let wanted: Vec<(String, String)> =
        query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    assert_eq!(pairs, wanted, "the query of {method} {path}");
    assert_eq!(request.json(), body, "the body of {method} {path}");
}

"#,
    );
    for group in &spec.groups {
        let _ = writeln!(s, "mod {} {{\n    use super::*;\n", group.name);
        for op in &group.operations {
            s.push_str(&test(spec, op));
        }
        s.push_str("}\n\n");
    }
    s
}

/// The test of one operation, named after it inside its group's module.
fn test(spec: &Spec, op: &Operation) -> String {
    let mut s = String::new();
    {
        let samples = samples(spec, op);
        let wanted = expected(op, &samples);
        let _ = writeln!(s, "#[tokio::test]\nasync fn {}() {{", rust_ident(&op.name));
        s.push_str("    let mock = mock().await;\n    let client = client(&mock);\n");
        if let Some(maker) = samples.iter().find_map(|s| s.made_by) {
            let made: serde_json::Map<String, Value> = crate::conformance::samples(spec, maker)
                .into_iter()
                .map(|s| (s.param.name.clone(), s.value))
                .collect();
            let _ = writeln!(
                s,
                "    // The mock holds none of these until a test makes one.\n    let made = client\n        .request({}, serde_json::json!({}).as_object().unwrap().clone(), leat::Naming::Wire)\n        .await\n        .unwrap();\n    let made = made.data[\"uuid\"].as_str().unwrap().to_owned();",
                quote(&maker.id),
                Value::Object(made)
            );
        }
        // The binding's type is the check that the answer reads as the spec says.
        let binding = match op.returns() {
            Returns::None => "()".to_owned(),
            _ => format!("_result: {}", returned(op)),
        };
        let _ = writeln!(
            s,
            "    let {binding} = {}.await.unwrap_or_else(|err| panic!(\"{}: {{err}}\"));",
            call(op, &samples),
            op.id
        );
        let query: Vec<String> = wanted
            .query
            .iter()
            .map(|(k, v)| format!("({}, {})", quote(k), quote(v)))
            .collect();
        let body = match &wanted.body {
            Some(value) => format!("Some(serde_json::json!({value}))"),
            None => "None".into(),
        };
        let path = if wanted.path.contains(crate::conformance::MADE) {
            format!(
                "&{}.replace({}, &made)",
                quote(&wanted.path),
                quote(crate::conformance::MADE)
            )
        } else {
            quote(&wanted.path)
        };
        let _ = writeln!(
            s,
            "    expect_request(&mock, {}, {path}, &[{}], {body});\n}}\n",
            quote(&wanted.method),
            query.join(", ")
        );
    }
    s
}
