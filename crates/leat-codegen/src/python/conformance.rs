//! `python/tests/test_conformance_generated.py`: every operation called through the Python
//! package against the mock, with arguments made from the spec. For each operation one test
//! checks the request the mock recorded (method, path, query and body, every parameter given)
//! and others that the result, from `Client` and from `AsyncClient`, has the type the spec
//! says. The expected requests are written out here from the spec, as data a reader can check.

use serde_json::{json, Map, Value};

use super::{header, py_str, Py};
use crate::output::Output;
use crate::spec::{Operation, Param, Returns, Scalar, Spec, TypeExpr};

/// Stands for the identifier of an entity the test creates first; replaced when it runs.
const CREATED: &str = "{created}";

/// The uuid sent where no entity has to exist.
const SOME_UUID: &str = "7f9c2b1e-3a4d-4e5f-8a6b-0c1d2e3f4a5b";

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add("python/tests/test_conformance_generated.py", suite(spec));
}

/// A value of `ty` for parameter `p`: its `example`, else one made from the type.
fn value_of(spec: &Spec, p: &Param, ty: &TypeExpr) -> Value {
    if let Some(example) = &p.example {
        return example.clone();
    }
    if let Some(values) = &p.values {
        return json!(values[0]);
    }
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::String => json!("text"),
            Scalar::Uuid => json!(SOME_UUID),
            Scalar::Url => json!("https://example.com/leat"),
            Scalar::Email => json!("jane@example.com"),
            Scalar::Integer => json!(2),
            Scalar::Number => json!(1.5),
            Scalar::Boolean => json!(true),
            Scalar::DateTime => json!("2023-10-20T11:46:22+00:00"),
            Scalar::Date => json!("2023-10-20"),
            Scalar::Json => json!("value"),
        },
        TypeExpr::List(inner) => json!([value_of(spec, p, inner)]),
        TypeExpr::Map(inner) => json!({"key": value_of(spec, p, inner)}),
        TypeExpr::Named(name) => json!(spec.enums[name].values[0].value),
    }
}

/// The query pairs a value makes, as the core writes them (PHP's `name[]=` and
/// `name[key]=` forms; booleans as 1 and 0).
fn query_pairs(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                query_pairs(&format!("{key}[]"), item, out);
            }
        }
        Value::Object(entries) => {
            for (sub, item) in entries {
                query_pairs(&format!("{key}[{sub}]"), item, out);
            }
        }
        Value::String(text) => out.push((key.to_owned(), text.clone())),
        Value::Bool(b) => out.push((key.to_owned(), if *b { "1" } else { "0" }.to_owned())),
        other => out.push((key.to_owned(), other.to_string())),
    }
}

/// The operation that makes the entity `op` reads or changes, and the field of its result
/// that names it: `contacts.create` and `uuid` for `contacts.get`'s `contact_uuid`.
fn maker<'a>(spec: &'a Spec, op: &Operation) -> Option<(&'a Operation, String, String)> {
    let rule = op.mock.as_ref()?;
    let action = rule.action.as_deref()?;
    if !matches!(action, "get" | "update" | "delete") {
        return None;
    }
    let key = rule.key.clone()?;
    let collection = rule.collection.as_deref()?;
    let create = spec
        .operations()
        .filter(|other| {
            other.mock.as_ref().is_some_and(|m| {
                m.collection.as_deref() == Some(collection) && m.action.as_deref() == Some("create")
            })
        })
        .min_by_key(|other| (other.group != op.group, other.params.len()))?;
    let field = key.rsplit('_').next().unwrap_or(&key).to_owned();
    Some((create, key, field))
}

/// What `returns` says, as the suite's `expect` reads it.
fn expected(op: &Operation) -> String {
    match op.returns() {
        Returns::None => "none".into(),
        Returns::One(TypeExpr::Named(name)) => format!("one:{name}"),
        Returns::One(TypeExpr::Scalar(Scalar::Json)) => "json".into(),
        Returns::One(_) => "text".into(),
        Returns::List(TypeExpr::Named(name)) => format!("list:{name}"),
        Returns::List(_) => "list".into(),
        Returns::Page(TypeExpr::Named(name)) => format!("page:{name}"),
        Returns::Page(_) => "page".into(),
    }
}

/// The call of `op` with `params` given: positional path values and keyword arguments, as
/// Python literals.
fn call_args(
    spec: &Spec,
    op: &Operation,
    every: bool,
    key: Option<&str>,
) -> (Vec<Value>, Map<String, Value>) {
    let mut positional = Vec::new();
    let mut keywords = Map::new();
    for p in &op.params {
        if !every && !p.is_required() {
            continue;
        }
        let value = if Some(p.name.as_str()) == key {
            json!(CREATED)
        } else {
            value_of(spec, p, &p.ty())
        };
        if p.place == "path" {
            positional.push(value);
        } else {
            keywords.insert(p.name.clone(), value);
        }
    }
    if every && op.custom_attributes {
        keywords.insert("custom_attributes".into(), json!({"loyalty_level": "gold"}));
    }
    (positional, keywords)
}

fn case(spec: &Spec, op: &Operation) -> String {
    let made = maker(spec, op);
    let key = made.as_ref().map(|(_, key, _)| key.as_str());
    let (positional, keywords) = call_args(spec, op, true, None);
    let (needed_positional, needed_keywords) = call_args(spec, op, false, key);
    // The request every parameter makes.
    let mut path = op.path.clone();
    let mut at = 0;
    for p in op.params_in("path") {
        let text = positional[at]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| positional[at].to_string());
        path = path.replace(&format!("{{{}}}", p.name), &text);
        at += 1;
    }
    let mut query = Vec::new();
    let mut body = Map::new();
    for p in &op.params {
        let Some(value) = keywords.get(&p.name) else {
            continue;
        };
        match p.place.as_str() {
            "query" => query_pairs(&p.name, value, &mut query),
            "body" => {
                body.insert(p.name.clone(), value.clone());
            }
            _ => {}
        }
    }
    if let (true, Some(Value::Object(custom))) =
        (op.custom_attributes, keywords.get("custom_attributes"))
    {
        for (k, v) in custom {
            body.insert(k.clone(), v.clone());
        }
    }
    let takes_body = op.custom_attributes || op.params.iter().any(|p| p.place == "body");
    let body = if takes_body {
        Py::of(&Value::Object(body))
    } else {
        Py::Lit("None".into())
    };
    let pairs = Py::List(
        query
            .iter()
            .map(|(k, v)| Py::Tuple(vec![Py::Lit(py_str(k)), Py::Lit(py_str(v))]))
            .collect(),
    );
    let field =
        |name: &str, value: &Py| format!("        {}\n", value.layout(&format!("{name}="), ",", 8));
    let mut s = String::from("    Case(\n");
    s.push_str(&field("id", &Py::Lit(py_str(&op.id))));
    s.push_str(&field("method", &Py::Lit(py_str(&op.method))));
    s.push_str(&field("path", &Py::Lit(py_str(&path))));
    s.push_str(&field("args", &tuple(&positional)));
    s.push_str(&field("kwargs", &Py::of(&Value::Object(keywords))));
    s.push_str(&field("query", &pairs));
    s.push_str(&field("body", &body));
    s.push_str(&field("returns", &Py::Lit(py_str(&expected(op)))));
    s.push_str(&field("needed_args", &tuple(&needed_positional)));
    s.push_str(&field(
        "needed_kwargs",
        &Py::of(&Value::Object(needed_keywords)),
    ));
    let maker = match made {
        Some((create, _, name)) => {
            let (p, k) = call_args(spec, create, false, None);
            Py::Tuple(vec![
                Py::Lit(py_str(&create.id)),
                tuple(&p),
                Py::of(&Value::Object(k)),
                Py::Lit(py_str(&name)),
            ])
        }
        None => Py::Lit("None".into()),
    };
    s.push_str(&field("maker", &maker));
    s.push_str("    ),\n");
    s
}

fn tuple(values: &[Value]) -> Py {
    Py::Tuple(values.iter().map(Py::of).collect())
}

const PRELUDE: &str = r#"
from __future__ import annotations

import json
import urllib.parse
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

import leat
import pytest
from leat.testing import MockServer


class Case(NamedTuple):
    """One operation: the call with every parameter and the request it makes; the call with
    the required ones only; what it returns; and the operation that makes the entity it needs
    (its id, arguments, and the result's field naming the entity), when it needs one."""

    id: str
    method: str
    path: str
    args: Tuple[Any, ...]
    kwargs: Dict[str, Any]
    query: List[Tuple[str, str]]
    body: Optional[Dict[str, Any]]
    returns: str
    needed_args: Tuple[Any, ...]
    needed_kwargs: Dict[str, Any]
    maker: Optional[Tuple[str, Tuple[Any, ...], Dict[str, Any], str]]


def method_of(client: Any, operation: str) -> Any:
    group, name = operation.split(".")
    return getattr(getattr(client, group), name)


def unrouted(err: leat.APIError) -> bool:
    """The mock's answer to a route it does not know: HTTP 404 without a code."""
    return err.status_code == 404 and err.code is None


def skip_if_unrouted(err: leat.APIError, operation: str) -> None:
    if unrouted(err):
        pytest.xfail(f"the mock does not route {operation} yet (its answer: HTTP 404 without a code)")


def touch(value: Any, depth: int = 0) -> None:
    """Reads every property of a model (and of the models inside it), as a user would."""
    if isinstance(value, leat.Model) and depth < 4:
        for cls in type(value).__mro__:
            for name, attribute in vars(cls).items():
                if isinstance(attribute, property):
                    touch(getattr(value, name), depth + 1)
    elif isinstance(value, list):
        for item in value:
            touch(item, depth + 1)


def check_result(result: Any, returns: str, page_class: type) -> None:
    kind, _, model = returns.partition(":")
    cls = getattr(leat, model) if model else None
    if kind == "none":
        assert result is None
    elif kind == "text":
        assert isinstance(result, str)
    elif kind == "one":
        assert isinstance(result, cls), result  # type: ignore[arg-type]
    elif kind == "list":
        assert isinstance(result, list) and all(cls is None or isinstance(i, cls) for i in result)
    elif kind == "page":
        assert isinstance(result, page_class)
        assert all(cls is None or isinstance(i, cls) for i in result.data)
        result = result.data
    touch(result)


def with_entity(value: Any, created: str) -> Any:
    if value == "{created}":
        return created
    return value


def make_entity(client: leat.Client, case: Case) -> Optional[str]:
    """Makes the entity the case needs; its identifier."""
    if case.maker is None:
        return None
    operation, args, kwargs, field = case.maker
    try:
        made = method_of(client, operation)(*args, **kwargs)
    except leat.APIError as err:
        skip_if_unrouted(err, operation)
        raise
    return str(made.to_dict()[field])
"#;

const TESTS: &str = r#"

@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_parameter_reaches_the_wire_as_the_spec_says(client: leat.Client, mock: MockServer, case: Case):
    try:
        method_of(client, case.id)(*case.args, **case.kwargs)
    except leat.APIError:
        pass  # made-up values may be refused; what was sent is what this test checks
    sent = mock.requests()[-1]
    assert (sent["method"], sent["path"]) == (case.method, case.path)
    assert urllib.parse.parse_qsl(sent["query"] or "", keep_blank_values=True) == case.query
    if case.body is None:
        assert sent["body"] in (b"", None)
    else:
        body = json.loads(sent["body"])
        assert body == case.body and list(body) == list(case.body)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_operation_returns_the_type_the_spec_says(client: leat.Client, case: Case):
    created = make_entity(client, case)
    args = tuple(with_entity(a, created) for a in case.needed_args)  # type: ignore[arg-type]
    kwargs = {k: with_entity(v, created) for k, v in case.needed_kwargs.items()}  # type: ignore[arg-type]
    try:
        result = method_of(client, case.id)(*args, **kwargs)
    except leat.APIError as err:
        skip_if_unrouted(err, case.id)
        raise
    check_result(result, case.returns, leat.Page)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_every_operation_returns_the_type_the_spec_says_from_the_async_client(
    client: leat.Client, aclient: leat.AsyncClient, case: Case
):
    created = make_entity(client, case)
    args = tuple(with_entity(a, created) for a in case.needed_args)  # type: ignore[arg-type]
    kwargs = {k: with_entity(v, created) for k, v in case.needed_kwargs.items()}  # type: ignore[arg-type]
    try:
        result = await method_of(aclient, case.id)(*args, **kwargs)
    except leat.APIError as err:
        skip_if_unrouted(err, case.id)
        raise
    check_result(result, case.returns, leat.AsyncPage)


def test_every_operation_of_the_spec_has_a_case():
    listed = {entry["id"] for entry in leat._native.operations()}
    assert listed == {case.id for case in CASES}
"#;

fn suite(spec: &Spec) -> String {
    let mut s = header("spec/");
    s.push_str(
        "\"\"\"The conformance suite: every operation of the spec, called through the Python \
         package against the mock.\n\nFor each operation: the request it sends with every \
         parameter given (method, path, query,\nbody), and the type of its result with the \
         required parameters, from ``Client`` and\n``AsyncClient``. An operation that needs an \
         entity (a get, update or delete) has it made\nfirst by the create of its mock \
         collection.\n\nAn operation the mock does not route yet (it answers HTTP 404 without a \
         code) is reported\nas an expected failure, XFAIL, naming it; once the mock routes it, \
         the test checks it in\nfull. Nothing else is excused.\n\"\"\"\n",
    );
    s.push_str(PRELUDE);
    s.push_str("\n\nCASES: List[Case] = [\n");
    for op in spec.operations() {
        s.push_str(&case(spec, op));
    }
    s.push_str("]\n");
    s.push_str(TESTS);
    s
}
