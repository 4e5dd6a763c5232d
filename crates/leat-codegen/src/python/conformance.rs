//! `python/tests/test_conformance_generated.py`: every operation called through the Python
//! package against the mock, from `Client` and from `AsyncClient`, with the sample arguments
//! every language's suite shares (`crate::conformance`); each test checks the request the mock
//! recorded (method, path, query, body) and that the result has the type the spec says. The
//! expected requests are written out as data a reader can check.

use super::{header, py_str, Py};
use crate::conformance::{custom_attributes, expected, samples};
use crate::output::Output;
use crate::spec::{Operation, Returns, Scalar, Spec, TypeExpr};

/// Whether the mock answers every operation of the spec. Until it does, an operation it does
/// not route (it answers HTTP 404 without a code) is reported as XFAIL, by name, instead of
/// failing; set this once the mock routes them all, and every operation must pass.
const MOCK_ROUTES_EVERY_OPERATION: bool = false;

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add("python/tests/test_conformance_generated.py", suite(spec));
}

/// What `returns` says, as the suite's `check_result` reads it.
fn returns(spec: &Spec, op: &Operation) -> String {
    match op.returns() {
        Returns::None => "none".into(),
        Returns::One(TypeExpr::Named(name)) if spec.is_model(&name) => format!("one:{name}"),
        Returns::One(TypeExpr::Scalar(Scalar::Json)) => "json".into(),
        Returns::One(_) => "text".into(),
        Returns::List(TypeExpr::Named(name)) => format!("list:{name}"),
        Returns::List(_) => "list".into(),
        Returns::Page(TypeExpr::Named(name)) => format!("page:{name}"),
        Returns::Page(_) => "page".into(),
    }
}

fn case(spec: &Spec, op: &Operation) -> String {
    let samples = samples(spec, op);
    let wanted = expected(op, &samples);
    let positional: Vec<Py> = samples
        .iter()
        .filter(|s| s.param.place == "path")
        .map(|s| Py::of(&s.value))
        .collect();
    let mut keywords: Vec<(String, Py)> = samples
        .iter()
        .filter(|s| s.param.place != "path")
        .map(|s| (py_str(&s.param.name), Py::of(&s.value)))
        .collect();
    if op.custom_attributes {
        keywords.push((py_str("custom_attributes"), Py::of(&custom_attributes())));
    }
    let pairs = Py::List(
        wanted
            .query
            .iter()
            .map(|(k, v)| Py::Tuple(vec![Py::Lit(py_str(k)), Py::Lit(py_str(v))]))
            .collect(),
    );
    let body = match &wanted.body {
        Some(value) => Py::of(value),
        None => Py::Lit("None".into()),
    };
    let field =
        |name: &str, value: &Py| format!("        {}\n", value.layout(&format!("{name}="), ",", 8));
    let mut s = String::from("    Case(\n");
    s.push_str(&field("id", &Py::Lit(py_str(&op.id))));
    s.push_str(&field("method", &Py::Lit(py_str(&wanted.method))));
    s.push_str(&field("path", &Py::Lit(py_str(&wanted.path))));
    s.push_str(&field("args", &Py::Tuple(positional)));
    s.push_str(&field("kwargs", &Py::Dict(keywords)));
    s.push_str(&field("query", &pairs));
    s.push_str(&field("body", &body));
    s.push_str(&field("returns", &Py::Lit(py_str(&returns(spec, op)))));
    // The code the mock answers while it lacks the entity the samples name (its seed).
    let keyed = op.mock.as_ref().filter(|rule| {
        rule.key
            .as_ref()
            .is_some_and(|key| op.params_in("path").any(|p| &p.name == key))
    });
    let not_found = keyed.and_then(|rule| rule.not_found);
    s.push_str(&field(
        "not_found",
        &Py::Lit(not_found.map_or("None".into(), |code| code.to_string())),
    ));
    s.push_str("    ),\n");
    s
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
    """One operation: the call with the shared sample arguments, the request it must become,
    what it returns (``one:Model``, ``list:Model``, ``page:Model``, ``none``, ``json`` or
    ``text``), and the code the mock answers when it lacks the entity the path names."""

    id: str
    method: str
    path: str
    args: Tuple[Any, ...]
    kwargs: Dict[str, Any]
    query: List[Tuple[str, str]]
    body: Optional[Dict[str, Any]]
    returns: str
    not_found: Optional[int]


def method_of(client: Any, operation: str) -> Any:
    group, name = operation.split(".")
    return getattr(getattr(client, group), name)


def not_answered_yet(err: leat.APIError, case: Case) -> None:
    """While the mock does not answer every operation: one it does not route (HTTP 404
    without a code), or whose sample entity it does not have yet (the entity's not-found
    code), is an expected failure, named."""
    if MOCK_ROUTES_EVERY_OPERATION:
        return
    if err.status_code == 404 and err.code is None:
        pytest.xfail(f"the mock does not route {case.id} yet (HTTP 404 without a code)")
    if case.not_found is not None and err.code == case.not_found:
        pytest.xfail(f"the mock does not have {case.path} yet (code {err.code}): it is not seeded")


def check_request(mock: MockServer, case: Case) -> None:
    sent = [r for r in mock.requests() if r["path"].startswith("/api/")][-1]
    assert (sent["method"], sent["path"]) == (case.method, case.path)
    assert urllib.parse.parse_qsl(sent["query"] or "", keep_blank_values=True) == case.query
    if case.body is None:
        assert not sent["body"]
    else:
        body = json.loads(sent["body"])
        assert body == case.body and list(body) == list(case.body)


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
    cls = getattr(leat, model) if model else object
    if kind == "none":
        assert result is None
    elif kind == "text":
        assert isinstance(result, str)
    elif kind == "one":
        assert isinstance(result, cls), result
    elif kind == "list":
        assert isinstance(result, list) and all(isinstance(item, cls) for item in result)
    elif kind == "page":
        assert isinstance(result, page_class)
        assert all(isinstance(item, cls) for item in result.data)
        result = result.data
    touch(result)
"#;

const TESTS: &str = r#"

@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_operation_sends_what_the_spec_says_and_returns_its_type(client, mock, case: Case):
    try:
        result = method_of(client, case.id)(*case.args, **case.kwargs)
    except leat.APIError as err:
        not_answered_yet(err, case)
        raise
    check_request(mock, case)
    check_result(result, case.returns, leat.Page)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_every_operation_from_the_async_client(aclient, mock, case: Case):
    try:
        result = await method_of(aclient, case.id)(*case.args, **case.kwargs)
    except leat.APIError as err:
        not_answered_yet(err, case)
        raise
    check_request(mock, case)
    check_result(result, case.returns, leat.AsyncPage)


def test_every_operation_of_the_spec_has_a_case():
    assert {entry["id"] for entry in leat._native.operations()} == {case.id for case in CASES}
"#;

fn suite(spec: &Spec) -> String {
    let mut s = header("spec/");
    s.push_str(
        "\"\"\"The conformance suite: every operation of the spec, called through the Python \
         package against the\nmock with the sample arguments every language's suite shares; \
         the request the mock recorded\n(method, path, query, body) must be the one the spec \
         gives, and the result, from ``Client`` and\n``AsyncClient``, must have the type the \
         spec says.\n",
    );
    if !MOCK_ROUTES_EVERY_OPERATION {
        s.push_str(
            "\nUntil the mock answers every operation (``MOCK_ROUTES_EVERY_OPERATION``, set in \
             the generator),\nan operation it does not route (HTTP 404 without a code), or \
             whose sample entity it does not\nhave (the entity's not-found code), is reported \
             as XFAIL, naming it; every other failure fails.\n",
        );
    }
    s.push_str("\"\"\"\n");
    s.push_str(PRELUDE);
    s.push_str(&format!(
        "\n\n#: Whether the mock answers every operation (else an unrouted one is an expected failure).\nMOCK_ROUTES_EVERY_OPERATION = {}\n",
        if MOCK_ROUTES_EVERY_OPERATION { "True" } else { "False" }
    ));
    s.push_str("\nCASES: List[Case] = [\n");
    for op in spec.operations() {
        s.push_str(&case(spec, op));
    }
    s.push_str("]\n");
    s.push_str(TESTS);
    s
}
