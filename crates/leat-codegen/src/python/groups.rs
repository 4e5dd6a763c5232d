//! `python/leat/resources/__init__.py`, which loads each group's module when one of its
//! classes is first used, and `python/leat/_client_groups.py`, the group properties of
//! `Client` and `AsyncClient`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::resources::classes;
use super::{bracketed, docstring, from_import_at, header, isort_names, lower_first, py_str};
use crate::spec::Spec;

/// Names a client has of its own, which no group may take.
const CLIENT_MEMBERS: &[&str] = &["base_url", "with_options", "close"];

/// `leat.resources`: every resource class by name, each module loaded when first used.
pub fn package(spec: &Spec) -> String {
    let mut s = header("spec/groups/*.toml");
    s.push_str(&docstring(
        "The classes behind ``client.<group>``, by name: ``leat.resources.Contacts``, or \
         ``leat.Contacts``.\n\nEach group's classes live in a module of their own \
         (``leat.resources.contacts``), loaded the first time the group is used.",
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\nimport importlib\nfrom typing import TYPE_CHECKING, Any, Dict, List\n\n");
    s.push_str("if TYPE_CHECKING:\n");
    let mut table = String::new();
    let mut all = BTreeSet::new();
    for group in &spec.groups {
        let names = classes(spec, &group.name);
        let mut listed = vec![names.sync, names.asynchronous, names.raw, names.async_raw];
        isort_names(&mut listed);
        for line in from_import_at(&format!(".{}", group.name), &listed, 4).lines() {
            let _ = writeln!(s, "    {line}");
        }
        for name in listed {
            let _ = writeln!(
                table,
                "    {}: {},",
                py_str(&name),
                py_str(&format!("leat.resources.{}", group.name))
            );
            all.insert(name);
        }
    }
    s.push_str("\n#: Where each class lives.\n_MODULES: Dict[str, str] = {\n");
    s.push_str(&table);
    s.push_str("}\n\n");
    let names: Vec<String> = all.iter().map(|n| py_str(n)).collect();
    s.push_str(&format!(
        "{}\n",
        bracketed("__all__: List[str] = ", "[", &names, "]", 0)
    ));
    s.push_str(
        "\n\ndef __getattr__(name: str) -> Any:\n    module = _MODULES.get(name)\n    if module is None:\n        \
         raise AttributeError(f\"module 'leat.resources' has no attribute {name!r}\")\n    \
         value = getattr(importlib.import_module(module), name)\n    globals()[name] = value\n    return value\n\n\n\
         def __dir__() -> List[str]:\n    return sorted(set(globals()) | set(__all__))\n",
    );
    s
}

/// `_client_groups.py`: a property per group for `Client` and for `AsyncClient`, each
/// loading its module the first time it is read, then kept on the client.
pub fn client_groups(spec: &Spec) -> String {
    let mut s = header("spec/groups/*.toml");
    s.push_str(&docstring(
        "The group properties of ``leat.Client`` and ``leat.AsyncClient``: one per group of \
         Leat's API, named after it (``client.credit_receptions``).\n\nEach loads its module \
         (``leat.resources.<group>``) the first time it is read and is kept on the client \
         after that, so ``import leat`` loads none of them.",
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\nfrom functools import cached_property\nfrom typing import TYPE_CHECKING\n\n");
    s.push_str("if TYPE_CHECKING:\n    from ._native import AsyncClient, Client\n");
    for group in &spec.groups {
        assert!(
            !CLIENT_MEMBERS.contains(&group.name.as_str()),
            "group {}: the Python clients have a member of this name; name the group otherwise",
            group.name
        );
        let names = classes(spec, &group.name);
        let mut listed = vec![names.sync, names.asynchronous];
        isort_names(&mut listed);
        for line in from_import_at(&format!(".resources.{}", group.name), &listed, 4).lines() {
            let _ = writeln!(s, "    {line}");
        }
    }
    s.push_str("\n__all__ = [\"ClientGroups\", \"AsyncClientGroups\"]\n");
    for asynchronous in [false, true] {
        let (class, client) = if asynchronous {
            ("AsyncClientGroups", "AsyncClient")
        } else {
            ("ClientGroups", "Client")
        };
        let _ = write!(s, "\n\nclass {class}:\n");
        s.push_str(&docstring(
            &format!("The groups of :class:`leat.{client}`, one property each."),
            4,
        ));
        let _ = writeln!(s, "\n    _inner: {client}");
        for group in &spec.groups {
            let names = classes(spec, &group.name);
            let resource = if asynchronous {
                names.asynchronous
            } else {
                names.sync
            };
            let _ = write!(
                s,
                "\n    @cached_property\n    def {}(self) -> {resource}:\n",
                group.name
            );
            s.push_str(&docstring(
                &format!("{}: {}", group.title, lower_first(&group.summary)),
                8,
            ));
            let _ = write!(
                s,
                "        from .resources.{} import {resource}\n\n        return {resource}(self._inner)\n",
                group.name
            );
        }
    }
    s
}
