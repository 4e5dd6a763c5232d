//! `python/tests/test_conformance_generated.py`: every operation called through the Python
//! package against the mock, from `Client` and from `AsyncClient`, with the sample arguments
//! every language's suite shares (`crate::conformance`); each test checks the request the mock
//! recorded (method, path, query, body) and that the result has the type the spec says. The
//! expected requests are written out as data a reader can check.

use super::{header, py_str, Py};
use crate::conformance::{custom_attributes, expected, samples, samples as samples_of, MADE};
use crate::output::Output;
use crate::spec::{Operation, Returns, Scalar, Spec, TypeExpr};

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
    // Where the mock holds no entity to name (the group it answers by hand), the operation
    // that makes one first, with its own sample arguments.
    let make = match samples.iter().find_map(|s| s.made_by) {
        Some(maker) => {
            let made: Vec<(String, Py)> = samples_of(spec, maker)
                .iter()
                .map(|s| (py_str(&s.param.name), Py::of(&s.value)))
                .collect();
            Py::Tuple(vec![Py::Lit(py_str(&maker.id)), Py::Dict(made)])
        }
        None => Py::Lit("None".into()),
    };
    s.push_str(&field("make", &make));
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
    ``text``), and, where the mock holds no entity to name, the operation that makes one first
    (its uuid then stands for ``MADE`` in ``args`` and ``path``)."""

    id: str
    method: str
    path: str
    args: Tuple[Any, ...]
    kwargs: Dict[str, Any]
    query: List[Tuple[str, str]]
    body: Optional[Dict[str, Any]]
    returns: str
    make: Optional[Tuple[str, Dict[str, Any]]]


def method_of(client: Any, operation: str) -> Any:
    group, name = operation.split(".")
    return getattr(getattr(client, group), name)


def made_first(client: Any, case: Case) -> Case:
    """The case with the entity it names made first, where the mock holds none."""
    if case.make is None:
        return case
    operation, kwargs = case.make
    made = method_of(client, operation)(**kwargs).uuid
    return case._replace(
        args=tuple(made if arg == MADE else arg for arg in case.args),
        path=case.path.replace(MADE, made),
    )


async def made_first_async(aclient: Any, case: Case) -> Case:
    """``made_first`` through an ``AsyncClient``."""
    if case.make is None:
        return case
    operation, kwargs = case.make
    made = (await method_of(aclient, operation)(**kwargs)).uuid
    return case._replace(
        args=tuple(made if arg == MADE else arg for arg in case.args),
        path=case.path.replace(MADE, made),
    )


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
    case = made_first(client, case)
    result = method_of(client, case.id)(*case.args, **case.kwargs)
    check_request(mock, case)
    check_result(result, case.returns, leat.Page)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_every_operation_from_the_async_client(aclient, mock, case: Case):
    case = await made_first_async(aclient, case)
    result = await method_of(aclient, case.id)(*case.args, **case.kwargs)
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
    s.push_str("\"\"\"\n");
    s.push_str(PRELUDE);
    s.push_str(&format!(
        "\n\n#: Stands for the uuid of the entity a case made first.\nMADE = {}\n",
        py_str(MADE)
    ));
    s.push_str("\nCASES: List[Case] = [\n");
    for op in spec.operations() {
        s.push_str(&case(spec, op));
    }
    s.push_str("]\n");
    s.push_str(TESTS);
    s
}
