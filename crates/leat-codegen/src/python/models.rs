//! `python/leat/models/<group>.py`: one class per model, each a `leat._models.Model` whose
//! fields are typed, read-only properties over the answer's `dict`; and the package's
//! `__init__.py`, which loads each module when one of its names is first used.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{
    bracketed, convert, docstring, from_import, from_import_at, header, isort_names,
    model_in_models, output_type, py_ident, py_str, py_tuple, Imports, ModelRef, Uses, PACKAGE,
};
use crate::output::Output;
use crate::spec::{Field, Group, Model, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    for group in &spec.groups {
        if !group.models.is_empty() {
            out.add(
                format!("{PACKAGE}/models/{}.py", group.name),
                module(spec, group),
            );
        }
    }
    out.add(format!("{PACKAGE}/models/__init__.py"), package(spec));
}

/// The models of `group`, in the spec's order of names.
fn module(spec: &Spec, group: &Group) -> String {
    let mut imports = Imports::default();
    let mut uses = Uses::default();
    let mut modules = BTreeSet::new();
    let mut body = String::new();
    {
        let mut model_ref = |name: &str| model_in_models(spec, name, &group.name, &mut modules);
        for (name, model) in &group.models {
            body.push_str("\n\n");
            body.push_str(&class(
                spec,
                name,
                model,
                &mut imports,
                &mut uses,
                &mut model_ref,
            ));
        }
    }
    let mut s = header(&format!("spec/groups/{}.toml", group.name));
    s.push_str(&docstring(
        &format!(
            "The models of {}: what Leat answers about them, typed.\n\nEach model keeps the \
             object Leat sent and reads its fields from it when they are asked for; \
             ``to_dict()`` gives the object as it came.",
            group.title
        ),
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\n");
    imports.datetime |= uses.date;
    let standard = imports.standard();
    if !standard.is_empty() {
        s.push_str(&standard);
        s.push('\n');
    }
    let mut base = vec!["Model".to_owned()];
    if uses.entries {
        base.push("entries".into());
    }
    s.push_str(&from_import(".._models", &base));
    if uses.parse_datetime {
        s.push_str("from .._native import parse_datetime as _parse_datetime\n");
    }
    let others: Vec<String> = modules.iter().cloned().collect();
    if !others.is_empty() {
        s.push_str(&from_import(".", &others));
    }
    s.push('\n');
    let names: Vec<String> = group.models.keys().map(|n| py_str(n)).collect();
    s.push_str(&bracketed("__all__ = ", "[", &names, "]", 0));
    s.push('\n');
    s.push_str(&body);
    s
}

fn class(
    spec: &Spec,
    name: &str,
    model: &Model,
    imports: &mut Imports,
    uses: &mut Uses,
    model_ref: &mut ModelRef<'_>,
) -> String {
    let mut s = format!("class {name}(Model):\n");
    let renamed: Vec<String> = model
        .fields
        .iter()
        .filter(|f| py_ident(&f.name) != f.name)
        .map(|f| format!("``{}`` reads as ``{}``", f.name, py_ident(&f.name)))
        .collect();
    let mut text = format!(
        "{}\n\nIts fields are read-only properties named as Leat sends them",
        model.summary
    );
    if !renamed.is_empty() {
        let _ = write!(text, " ({})", renamed.join(", "));
    }
    text.push_str(
        "; ``to_dict()`` gives the object as it came, fields this version does not know \
         included.",
    );
    s.push_str(&docstring(&text, 4));
    s.push_str("\n    __slots__ = ()\n");
    let fields: Vec<String> = model.fields.iter().map(|f| py_str(&f.name)).collect();
    s.push_str(&format!("    {}\n", py_tuple("_fields = ", &fields, 4)));
    for field in &model.fields {
        s.push('\n');
        s.push_str(&property(spec, field, imports, uses, model_ref));
    }
    s
}

fn property(
    spec: &Spec,
    field: &Field,
    imports: &mut Imports,
    uses: &mut Uses,
    model_ref: &mut ModelRef<'_>,
) -> String {
    let ty = field.ty();
    let mut annotation = output_type(spec, &ty, imports, model_ref);
    if field.maybe_missing() {
        imports.typing.insert("Optional");
        annotation = format!("Optional[{annotation}]");
    }
    let ident = py_ident(&field.name);
    let key = py_str(&field.name);
    let mut s = format!("    @property\n    def {ident}(self) -> {annotation}:\n");
    let mut text = field.summary.clone();
    if ident != field.name {
        let _ = write!(
            text,
            " Leat names it ``{}``; here it is ``{ident}``.",
            field.name
        );
    }
    if field.empty_when_absent() {
        text.push_str(" Empty when Leat leaves it out.");
    } else if field.maybe_missing() {
        text.push_str(if field.optional {
            " ``None`` when Leat leaves it out or sends ``null``."
        } else {
            " ``None`` when Leat sends ``null``."
        });
    }
    s.push_str(&docstring(&text, 8));
    let is_model = matches!(&ty, TypeExpr::Named(n) if spec.is_model(n));
    if field.empty_when_absent() {
        let conv =
            convert(spec, &ty, "value", uses, 0, model_ref).unwrap_or_else(|| "value".into());
        let _ = writeln!(s, "        value = self._data.get({key}) or ()");
        let _ = writeln!(s, "        return {conv}");
    } else if field.maybe_missing() {
        match convert(spec, &ty, "value", uses, 0, model_ref) {
            None => {
                let _ = writeln!(s, "        return self._data.get({key})");
            }
            Some(conv) => {
                let _ = writeln!(s, "        value = self._data.get({key})");
                if is_model {
                    // PHP writes an empty object as `[]`: that reads as absent.
                    let _ = writeln!(
                        s,
                        "        return {conv} if isinstance(value, dict) else None"
                    );
                } else {
                    let _ = writeln!(s, "        return None if value is None else {conv}");
                }
            }
        }
    } else {
        match convert(spec, &ty, "value", uses, 0, model_ref) {
            None => {
                let _ = writeln!(s, "        return self._data[{key}]");
            }
            Some(conv) => {
                let _ = writeln!(s, "        value = self._data[{key}]");
                let _ = writeln!(s, "        return {conv}");
            }
        }
    }
    s
}

/// `leat.models`: every model by name, each module loaded when one of its names is first used.
fn package(spec: &Spec) -> String {
    let mut s = header("spec/groups/*.toml");
    s.push_str(&docstring(
        "Every model of Leat's answers, by name: ``leat.models.Contact``, or ``leat.Contact``.\n\n\
         Each group's models live in a module of their own (``leat.models.contacts``), loaded \
         the first time one of its names is used.",
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\nimport importlib\nfrom typing import TYPE_CHECKING, Any, Dict, List\n\n");
    s.push_str("if TYPE_CHECKING:\n");
    for group in &spec.groups {
        if group.models.is_empty() {
            continue;
        }
        let mut names: Vec<String> = group.models.keys().cloned().collect();
        isort_names(&mut names);
        for line in from_import_at(&format!(".{}", group.name), &names, 4).lines() {
            let _ = writeln!(s, "    {line}");
        }
    }
    s.push_str("\n#: Where each model lives.\n_MODULES: Dict[str, str] = {\n");
    let mut all: BTreeSet<&str> = BTreeSet::new();
    for group in &spec.groups {
        for name in group.models.keys() {
            let _ = writeln!(
                s,
                "    {}: {},",
                py_str(name),
                py_str(&format!("leat.models.{}", group.name))
            );
            all.insert(name);
        }
    }
    s.push_str("}\n\n");
    let names: Vec<String> = all.iter().map(|n| py_str(n)).collect();
    s.push_str(&format!(
        "{}\n",
        bracketed("__all__: List[str] = ", "[", &names, "]", 0)
    ));
    s.push_str(
        "\n\ndef __getattr__(name: str) -> Any:\n    module = _MODULES.get(name)\n    if module is None:\n        \
         raise AttributeError(f\"module 'leat.models' has no attribute {name!r}\")\n    \
         value = getattr(importlib.import_module(module), name)\n    globals()[name] = value\n    return value\n\n\n\
         def __dir__() -> List[str]:\n    return sorted(set(globals()) | set(__all__))\n",
    );
    s
}
