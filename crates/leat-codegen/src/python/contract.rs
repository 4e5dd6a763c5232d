//! The contract's Python side: `leat/exceptions.py` (every error class with its parent and
//! fields, and Leat's error codes), `leat/enums.py` (every enum of the spec), and
//! `leat/_exports.py` (where each name `leat` offers lives, for its lazy loading).

use std::fmt::Write as _;

use super::resources::classes;
use super::{bracketed, docstring, from_import_at, header, isort_names, py_str, py_tuple, PACKAGE};
use crate::output::Output;
use crate::spec::{ErrorClass, ErrorField, Spec};

/// The names `leat/__init__.py` offers itself (hand-written modules); a generated name must
/// not take one.
const HAND_WRITTEN: &[&str] = &[
    "Client",
    "AsyncClient",
    "Page",
    "AsyncPage",
    "AsyncPager",
    "RawResponse",
    "Headers",
    "Model",
    "exceptions",
    "enums",
    "webhooks",
    "models",
    "resources",
];

/// Fields every error of their class carries, so Python types them without `Optional`, and
/// the default an instance built by hand gets (`DESCRIBED`: the error's description).
const ALWAYS_SET: &[(&str, &str, &str)] = &[
    ("APIError", "status_code", "0"),
    ("APIError", "message", DESCRIBED),
    ("APIConnectionError", "maybe_sent", "True"),
];
const DESCRIBED: &str = "\"\"";

/// Python's own exceptions a class also is, so that `except ValueError` catches it.
const ALSO: &[(&str, &str)] = &[("ValidationError", "ValueError")];

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add(format!("{PACKAGE}/exceptions.py"), exceptions(spec));
    out.add(format!("{PACKAGE}/enums.py"), enums(spec));
    out.add(format!("{PACKAGE}/_exports.py"), exports(spec));
}

/// Where each generated name lives, in the order `leat.__all__` lists them.
pub fn exported(spec: &Spec) -> Vec<(String, String)> {
    let mut names = Vec::new();
    for class in &spec.contract.error_classes {
        names.push((class.name.clone(), "leat.exceptions".to_owned()));
    }
    for name in spec.enums.keys() {
        names.push((name.clone(), "leat.enums".to_owned()));
    }
    for group in &spec.groups {
        for name in group.models.keys() {
            names.push((name.clone(), format!("leat.models.{}", group.name)));
        }
    }
    for group in &spec.groups {
        let c = classes(spec, &group.name);
        for name in [c.sync, c.asynchronous, c.raw, c.async_raw] {
            names.push((name, format!("leat.resources.{}", group.name)));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (name, module) in &names {
        assert!(
            !HAND_WRITTEN.contains(&name.as_str()) && seen.insert(name.clone()),
            "{name} ({module}) would be exported by `leat` twice: rename the model, enum or group"
        );
    }
    names
}

fn python_type(field: &ErrorField, always: bool) -> String {
    let ty = match field.kind.as_str() {
        "text" => "str",
        "integer" => "int",
        "bool" => "bool",
        "duration" => "float",
        "field_errors" => "Dict[str, List[str]]",
        "headers" => "Dict[str, str]",
        "bytes" => "bytes",
        other => panic!("unknown field kind {other}"),
    };
    if always
        || matches!(
            field.kind.as_str(),
            "bool" | "field_errors" | "headers" | "bytes"
        )
    {
        ty.to_owned()
    } else {
        format!("Optional[{ty}]")
    }
}

/// What an empty dict or bytes field is made with.
fn empty_factory(field: &ErrorField) -> Option<&'static str> {
    match field.kind.as_str() {
        "field_errors" | "headers" => Some("dict"),
        "bytes" => Some("bytes"),
        _ => None,
    }
}

fn exceptions(spec: &Spec) -> String {
    let mut s = header("spec/contract.toml");
    s.push_str(&docstring(
        "The exceptions of leat-sdk: every failure is a :class:`LeatError`.\n\n\
         API errors carry Leat's answer: ``status_code``, ``code`` (Leat's error code, e.g. \
         55031), ``message``, ``errors`` (field -> messages), ``request_id``, on rate limits \
         ``retry_after`` (seconds), the call's ``method`` and ``path``, and the answer's \
         ``headers``, ``body`` and rate-limit headers. Connection errors carry ``method``, \
         ``path`` and ``maybe_sent``; timeouts also ``timeout`` (seconds) and ``attempts``. \
         Each of Leat's error codes raises the class ``ERROR_CODES`` names for it, whatever the \
         HTTP status; a code not listed there is classified by the status. Exceptions pickle \
         with their fields. No exception ever holds an API key, token or webhook secret.",
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\nimport types\nfrom typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Tuple, Type\n\n");
    let mut all: Vec<String> = spec
        .contract
        .error_classes
        .iter()
        .map(|c| py_str(&c.name))
        .collect();
    all.push(py_str("ErrorCode"));
    all.push(py_str("ERROR_CODES"));
    s.push_str(&bracketed("__all__ = ", "[", &all, "]", 0));
    s.push('\n');
    for class in &spec.contract.error_classes {
        s.push_str("\n\n");
        s.push_str(&error_class(spec, class));
    }
    s.push_str(
        "\n\ndef _rebuild(cls: Type[LeatError], description: str, fields: Dict[str, Any]) -> LeatError:\n    \
         return cls(description, **fields)\n",
    );
    // The code table.
    s.push_str("\n\nclass ErrorCode(NamedTuple):\n");
    s.push_str(&docstring(
        "One of Leat's error codes: the class an answer with it raises, and what it means.",
        4,
    ));
    s.push_str(
        "\n    #: Leat's code, e.g. 55031.\n    code: int\n    #: The name of the class it raises, \
         e.g. ``NotFoundError``.\n    class_name: str\n    #: What it means, in a few words.\n    \
         meaning: str\n\n    @property\n    def error_class(self) -> Type[APIError]:\n",
    );
    s.push_str(&docstring("The class an answer with this code raises.", 8));
    s.push_str("        return _API_CLASSES[self.class_name]\n\n\n");
    s.push_str("_API_CLASSES: Dict[str, Type[APIError]] = {\n");
    for class in api_classes(spec) {
        let _ = writeln!(s, "    {}: {},", py_str(&class.name), class.name);
    }
    s.push_str("}\n\n");
    s.push_str("#: Leat's error codes: code -> the class it raises and what it means.\n");
    s.push_str("ERROR_CODES: Mapping[int, ErrorCode] = types.MappingProxyType(\n    {\n");
    for code in &spec.contract.error_codes {
        let line = format!(
            "        {}: ErrorCode({}, {}, {}),",
            code.code,
            code.code,
            py_str(&code.class),
            py_str(&code.meaning)
        );
        if line.len() <= super::WIDTH {
            let _ = writeln!(s, "{line}");
        } else {
            let _ = writeln!(
                s,
                "        {}: ErrorCode(\n            {},\n            {},\n            {},\n        ),",
                code.code,
                code.code,
                py_str(&code.class),
                py_str(&code.meaning)
            );
        }
    }
    s.push_str("    }\n)\n");
    s
}

/// The API error classes: `APIError` and those below it.
fn api_classes(spec: &Spec) -> Vec<&ErrorClass> {
    spec.contract
        .error_classes
        .iter()
        .filter(|c| c.kind.is_some())
        .collect()
}

fn parent_of<'a>(spec: &'a Spec, class: &ErrorClass) -> Option<&'a ErrorClass> {
    spec.contract
        .error_classes
        .iter()
        .find(|c| c.name == class.parent)
}

fn error_class(spec: &Spec, class: &ErrorClass) -> String {
    let mut bases = vec![if class.parent.is_empty() {
        "Exception".to_owned()
    } else {
        class.parent.clone()
    }];
    for (name, also) in ALSO {
        if *name == class.name {
            bases.push((*also).to_owned());
        }
    }
    let mut s = format!("class {}({}):\n", class.name, bases.join(", "));
    let mut text = class.summary.clone();
    let mut chain = Vec::new();
    let mut next = Some(class);
    while let Some(c) = next {
        chain.insert(0, c);
        next = parent_of(spec, c);
    }
    let inherited = chain.iter().rev().skip(1).any(|c| !c.fields.is_empty());
    if !class.fields.is_empty() {
        text.push_str("\n\nAttributes:");
        for field in &class.fields {
            let _ = write!(text, "\n    {}: {}", field.name, field.summary);
        }
    }
    if inherited {
        let _ = write!(
            text,
            "\n\nIt carries the fields of :class:`{}` too.",
            class.parent
        );
    }
    s.push_str(&docstring(&text, 4));
    if class.parent.is_empty() {
        s.push_str(
            "\n    #: The fields of the class, its parents' first.\n    _fields: Tuple[str, ...] = ()\n    \
             #: Fields that default to the error's description.\n    _described: Tuple[str, ...] = ()\n    \
             #: Fields holding a dict or bytes, and what makes them when not given.\n    \
             _empty: Dict[str, Callable[[Any], Any]] = {}\n\n",
        );
        s.push_str(
            "    def __init__(self, description: str, **fields: Any) -> None:\n        \
             super().__init__(description)\n        for name in self._fields:\n            \
             value = fields.pop(name, None)\n            empty = self._empty.get(name)\n            \
             if empty is not None:\n                value = empty(value or ())\n            \
             elif value is None:\n                \
             value = description if name in self._described else getattr(type(self), name, None)\n            \
             setattr(self, name, value)\n        if fields:\n            \
             raise TypeError(f\"unexpected fields for {type(self).__name__}: {sorted(fields)}\")\n\n    \
             def __reduce__(self) -> Any:\n        \
             fields = {name: getattr(self, name) for name in self._fields}\n        \
             return (_rebuild, (type(self), str(self), fields))\n\n    \
             def __str__(self) -> str:\n        return str(self.args[0]) if self.args else \"\"\n",
        );
        return s;
    }
    if class.fields.is_empty() {
        return s;
    }
    let own: Vec<String> = class.fields.iter().map(|f| py_str(&f.name)).collect();
    let tuple = py_tuple("", &own, 4);
    let _ = writeln!(s, "\n    _fields = {}._fields + {tuple}", class.parent);
    let described: Vec<String> = class
        .fields
        .iter()
        .filter(|f| ALWAYS_SET.contains(&(class.name.as_str(), f.name.as_str(), DESCRIBED)))
        .map(|f| py_str(&f.name))
        .collect();
    if !described.is_empty() {
        let _ = writeln!(
            s,
            "    _described = {}._described + {}",
            class.parent,
            py_tuple("", &described, 4)
        );
    }
    let empties: Vec<String> = class
        .fields
        .iter()
        .filter_map(|f| empty_factory(f).map(|make| format!("{}: {make}", py_str(&f.name))))
        .collect();
    if !empties.is_empty() {
        let mut entries = vec![format!("**{}._empty", class.parent)];
        entries.extend(empties);
        let _ = writeln!(s, "    {}", bracketed("_empty = ", "{", &entries, "}", 4));
    }
    s.push('\n');
    for field in &class.fields {
        let always = ALWAYS_SET
            .iter()
            .find(|(c, f, _)| *c == class.name && *f == field.name);
        let ty = python_type(field, always.is_some());
        match (always, field.kind.as_str()) {
            (Some((_, _, default)), _) => {
                let _ = writeln!(s, "    {}: {ty} = {default}", field.name);
            }
            (None, "field_errors" | "headers" | "bytes") => {
                let _ = writeln!(s, "    {}: {ty}", field.name);
            }
            (None, "bool") => {
                let _ = writeln!(s, "    {}: {ty} = False", field.name);
            }
            (None, _) => {
                let _ = writeln!(s, "    {}: {ty} = None", field.name);
            }
        }
    }
    s
}

/// `CONTACT_CREATED` for `contact_created`, `ACTIVE` for `ACTIVE`, `V_1` for `1`.
fn member(value: &str) -> String {
    let mut name: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    name = name.trim_matches('_').to_owned();
    if name.chars().next().is_none_or(|c| c.is_ascii_digit()) {
        name.insert_str(0, "V_");
    }
    name
}

fn enums(spec: &Spec) -> String {
    let mut s = header("spec/contract.toml and spec/groups/*.toml");
    s.push_str(&docstring(
        "The values Leat's API names, as constants: every enum of the spec is a ``str`` enum, so \
         a constant and its plain string are interchangeable everywhere.\n\nMost are open: Leat \
         adds values over time, so any other string is accepted as input, and a value this \
         version does not know is returned as it came.",
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\nimport enum\n\n");
    let names: Vec<String> = spec.enums.keys().map(|n| py_str(n)).collect();
    s.push_str(&bracketed("__all__ = ", "[", &names, "]", 0));
    s.push('\n');
    for (name, e) in &spec.enums {
        let _ = write!(s, "\n\nclass {name}(str, enum.Enum):\n");
        let mut text = e.summary.clone();
        if e.closed_input() && e.open {
            text.push_str(
                "\n\nOnly these values are accepted as input (checked before sending); an answer \
                 may still carry another, returned as it came.",
            );
        } else if e.closed_input() {
            text.push_str("\n\nOnly these values are accepted as input (checked before sending).");
        } else {
            text.push_str(
                "\n\nLeat adds values over time: any other string is accepted as input too, and a \
                 value this version does not know is returned as it came.",
            );
        }
        s.push_str(&docstring(&text, 4));
        s.push('\n');
        for value in &e.values {
            let _ = writeln!(s, "    #: {}", value.summary);
            let _ = writeln!(s, "    {} = {}", member(&value.value), py_str(&value.value));
        }
        s.push_str("\n    def __str__(self) -> str:\n        return str(self.value)\n");
    }
    s
}

fn exports(spec: &Spec) -> String {
    let mut s = header("spec/contract.toml and spec/groups/*.toml");
    s.push_str(&docstring(
        "Where each name that ``leat`` offers from the spec lives: the exceptions, the enums, \
         the models and the resource classes.\n\n``import leat`` loads none of these modules; \
         ``leat/__init__.py`` loads a name's module the first time the name is used.",
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\nfrom typing import TYPE_CHECKING, Dict\n\nif TYPE_CHECKING:\n");
    let names = exported(spec);
    let mut by_module: Vec<(String, Vec<String>)> = Vec::new();
    for (name, module) in &names {
        match by_module.iter_mut().find(|(m, _)| m == module) {
            Some((_, list)) => list.push(name.clone()),
            None => by_module.push((module.clone(), vec![name.clone()])),
        }
    }
    // isort's order: `.enums`, `.exceptions`, `.models.*`, `.resources.*`.
    by_module.sort_by(|a, b| a.0.cmp(&b.0));
    for (module, list) in &mut by_module {
        isort_names(list);
        let relative = module.strip_prefix("leat").unwrap_or(module);
        for line in from_import_at(relative, list, 4).lines() {
            let _ = writeln!(s, "    {line}");
        }
    }
    s.push_str("\n#: Each name, and the module it lives in.\nEXPORTS: Dict[str, str] = {\n");
    for (name, module) in &names {
        let _ = writeln!(s, "    {}: {},", py_str(name), py_str(module));
    }
    s.push_str("}\n\n");
    let listed: Vec<String> = names.iter().map(|(n, _)| py_str(n)).collect();
    s.push_str(&bracketed("__all__ = ", "[", &listed, "]", 0));
    s.push('\n');
    s
}
