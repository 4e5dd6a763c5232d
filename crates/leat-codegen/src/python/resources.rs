//! `python/leat/resources/<group>.py`: each group's methods, four ways: for `Client`
//! (`Contacts`), for `AsyncClient` (`AsyncContacts`), and the `with_raw_response` view of
//! each (`ContactsWithRawResponse`, `AsyncContactsWithRawResponse`). Every method is one call
//! of the native client's `call` (or `call_raw`) by operation id, its answer wrapped in the
//! model the spec names. Also `resources/__init__.py` and `_client_groups.py`, the group
//! properties of the clients.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{
    bracketed, convert, docstring, from_import, from_import_at, header, input_type, isort_names,
    lower_first, output_type, py_str, resource_class, Imports, Uses, PACKAGE, WIDTH,
};
use crate::output::Output;
use crate::spec::{Group, Operation, Param, Returns, Scalar, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    for group in &spec.groups {
        out.add(
            format!("{PACKAGE}/resources/{}.py", group.name),
            module(spec, group),
        );
    }
    out.add(format!("{PACKAGE}/resources/__init__.py"), package(spec));
    out.add(format!("{PACKAGE}/_client_groups.py"), client_groups(spec));
}

/// The four classes of a group.
pub struct Classes {
    pub sync: String,
    pub asynchronous: String,
    pub raw: String,
    pub async_raw: String,
}

pub fn classes(spec: &Spec, group: &str) -> Classes {
    let sync = resource_class(spec, group);
    Classes {
        asynchronous: format!("Async{sync}"),
        raw: format!("{sync}WithRawResponse"),
        async_raw: format!("Async{sync}WithRawResponse"),
        sync,
    }
}

/// Which of the four ways a method is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Sync,
    Async,
    Raw,
    AsyncRaw,
}

impl Way {
    fn is_async(self) -> bool {
        matches!(self, Way::Async | Way::AsyncRaw)
    }

    fn is_raw(self) -> bool {
        matches!(self, Way::Raw | Way::AsyncRaw)
    }
}

/// What a module needs imported, beyond `typing` and `datetime`.
#[derive(Default)]
struct Needs {
    imports: Imports,
    uses: Uses,
    /// group -> model names.
    models: BTreeMap<String, BTreeSet<String>>,
    plain: bool,
    page: bool,
    raw_page: bool,
}

impl Needs {
    fn model(&mut self, spec: &Spec, name: &str) -> String {
        self.models
            .entry(spec.models[name].group.clone())
            .or_default()
            .insert(name.to_owned());
        name.to_owned()
    }
}

fn module(spec: &Spec, group: &Group) -> String {
    let names = classes(spec, &group.name);
    let mut needs = Needs::default();
    let mut body = String::new();
    for (way, class) in [
        (Way::Sync, &names.sync),
        (Way::Async, &names.asynchronous),
        (Way::Raw, &names.raw),
        (Way::AsyncRaw, &names.async_raw),
    ] {
        body.push_str("\n\n");
        body.push_str(&class_def(spec, group, &names, way, class, &mut needs));
    }
    let mut s = header(&format!("spec/groups/{}.toml", group.name));
    s.push_str(&docstring(
        &format!(
            "{}: {}\n\n``client.{}`` of a ``Client`` is a :class:`{}`, of an ``AsyncClient`` \
             an :class:`{}`; the ``with_raw_response`` of each answers Leat's HTTP answer too.",
            group.title,
            super::lower_first(&group.summary),
            group.name,
            names.sync,
            names.asynchronous
        ),
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\n");
    needs.imports.datetime |= needs.uses.date;
    needs.imports.typing.insert("TYPE_CHECKING");
    let standard = needs.imports.standard();
    s.push_str(&standard);
    s.push('\n');
    if needs.plain {
        s.push_str("from .._arguments import plain\n");
    }
    if needs.uses.parse_datetime {
        s.push_str("from .._native import parse_datetime as _parse_datetime\n");
    }
    let mut pagination: Vec<String> = Vec::new();
    if needs.page {
        pagination.extend(["AsyncPager", "Page", "fetch_page"].map(String::from));
    }
    if needs.raw_page {
        pagination.extend(["AsyncPage", "async_page_parser", "page_parser"].map(String::from));
    }
    if !pagination.is_empty() {
        isort_names(&mut pagination);
        s.push_str(&from_import(".._pagination", &pagination));
    }
    s.push_str("from .._response import RawResponse\n");
    for (owner, models) in &needs.models {
        let mut names: Vec<String> = models.iter().cloned().collect();
        isort_names(&mut names);
        s.push_str(&from_import(&format!("..models.{owner}"), &names));
    }
    s.push_str("\nif TYPE_CHECKING:\n    from .._native import AsyncClient, Client\n\n");
    let exported: Vec<String> = [
        &names.sync,
        &names.asynchronous,
        &names.raw,
        &names.async_raw,
    ]
    .iter()
    .map(|n| py_str(n))
    .collect();
    s.push_str(&bracketed("__all__ = ", "[", &exported, "]", 0));
    s.push('\n');
    s.push_str(&body);
    s
}

fn class_def(
    spec: &Spec,
    group: &Group,
    names: &Classes,
    way: Way,
    class: &str,
    needs: &mut Needs,
) -> String {
    let client = if way.is_async() {
        "AsyncClient"
    } else {
        "Client"
    };
    let mut s = format!("class {class}:\n");
    let text = match way {
        Way::Sync => format!(
            "{}\n\n``client.{}`` of a blocking :class:`leat.Client`.",
            group.summary, group.name
        ),
        Way::Async => format!(
            "{}\n\n``client.{}`` of an :class:`leat.AsyncClient`: every method is a coroutine \
             (nothing is sent until it runs, and cancelling its task cancels the call); a list \
             that pages returns an :class:`leat.AsyncPager`.",
            group.summary, group.name
        ),
        Way::Raw => format!(
            "The methods of :class:`{}`, each answering a :class:`leat.RawResponse`: Leat's \
             HTTP answer as it came, and ``parse()`` for the result.",
            names.sync
        ),
        Way::AsyncRaw => format!(
            "The methods of :class:`{}` as coroutines answering a :class:`leat.RawResponse`: \
             Leat's HTTP answer as it came, and ``parse()`` for the result.",
            names.asynchronous
        ),
    };
    s.push_str(&docstring(&text, 4));
    s.push_str("\n    __slots__ = (\"_client\", \"_call\")\n\n");
    let call = if way.is_raw() { "call_raw" } else { "call" };
    let _ = writeln!(
        s,
        "    def __init__(self, client: {client}) -> None:\n        self._client = client\n        self._call = client.{call}"
    );
    if !way.is_raw() {
        let raw = if way == Way::Sync {
            &names.raw
        } else {
            &names.async_raw
        };
        let _ = write!(
            s,
            "\n    @property\n    def with_raw_response(self) -> {raw}:\n{}        return {raw}(self._client)\n",
            docstring(
                "These methods answering a :class:`leat.RawResponse`: status, headers and body as \
                 they came, and ``parse()``.",
                8
            )
        );
    }
    for op in &group.operations {
        s.push('\n');
        s.push_str(&method(spec, op, way, names, needs));
    }
    s
}

/// A parameter's argument: its name, annotation and default.
fn argument(p: &Param, needs: &mut Needs) -> String {
    let mut annotation = input_type(&p.ty(), &mut needs.imports);
    if p.is_required() {
        format!("{}: {annotation}", p.name)
    } else {
        needs.imports.typing.insert("Optional");
        annotation = format!("Optional[{annotation}]");
        format!("{}: {annotation} = None", p.name)
    }
}

/// How an argument is handed to the native call.
fn passed(name: &str, ty: &TypeExpr, needs: &mut Needs) -> String {
    if matches!(ty, TypeExpr::List(_) | TypeExpr::Map(_)) {
        needs.plain = true;
        format!("plain({name})")
    } else {
        name.to_owned()
    }
}

/// The annotation of what the method returns.
fn return_type(spec: &Spec, op: &Operation, way: Way, needs: &mut Needs) -> String {
    let one = |ty: &TypeExpr, needs: &mut Needs| {
        let mut refs = |name: &str| name.to_owned();
        let text = output_type(spec, ty, &mut needs.imports, &mut refs);
        collect_models(spec, ty, needs);
        text
    };
    let plain = match op.returns() {
        Returns::One(ty) => one(&ty, needs),
        Returns::List(ty) => {
            needs.imports.typing.insert("List");
            format!("List[{}]", one(&ty, needs))
        }
        Returns::Page(ty) => {
            let item = one(&ty, needs);
            match way {
                Way::Sync | Way::Raw => format!("Page[{item}]"),
                Way::Async => format!("AsyncPager[{item}]"),
                Way::AsyncRaw => format!("AsyncPage[{item}]"),
            }
        }
        Returns::None => "None".into(),
    };
    if way.is_raw() {
        format!("RawResponse[{plain}]")
    } else {
        plain
    }
}

fn collect_models(spec: &Spec, ty: &TypeExpr, needs: &mut Needs) {
    for name in ty.names() {
        if spec.is_model(name) {
            needs.model(spec, name);
        }
    }
}

/// The expression that turns the answer's `data` into the result (`None`: as it came).
fn wrap_data(spec: &Spec, op: &Operation, data: &str, needs: &mut Needs) -> Option<String> {
    let mut refs = |name: &str| name.to_owned();
    let (ty, list) = match op.returns() {
        Returns::One(ty) => (ty, false),
        Returns::List(ty) => (ty, true),
        Returns::Page(_) | Returns::None => return None,
    };
    collect_models(spec, &ty, needs);
    let ty = if list {
        TypeExpr::List(Box::new(ty))
    } else {
        ty
    };
    match convert(spec, &ty, data, &mut needs.uses, 0, &mut refs) {
        // A list of plain values is handed over as the answer made it: no copy.
        Some(text) if text == format!("list({data})") => None,
        other => other,
    }
}

/// The page's item wrapper: the model class, or a function that gives an item as it came.
fn page_item(spec: &Spec, op: &Operation, needs: &mut Needs) -> String {
    let Returns::Page(ty) = op.returns() else {
        unreachable!("only for pages")
    };
    match &ty {
        TypeExpr::Named(name) if spec.is_model(name) => needs.model(spec, name),
        other => panic!(
            "{}: a page of {other} is not supported by the Python emitter yet (only pages of models)",
            op.id
        ),
    }
}

fn method_doc(spec: &Spec, op: &Operation) -> String {
    let mut text = format!("{}\n\n``{} {}``.", op.summary, op.method, op.path);
    if op.errors.is_empty() {
        text.push_str(" Leat documents no error codes for it.");
    } else {
        let codes: Vec<String> = op
            .errors
            .iter()
            .map(|code| {
                let class = spec
                    .contract
                    .error_codes
                    .iter()
                    .find(|c| c.code == *code)
                    .map(|c| c.class.as_str())
                    .unwrap_or("APIError");
                format!("{code} ({class})")
            })
            .collect();
        let _ = write!(text, " Leat's error codes: {}.", codes.join(", "));
    }
    if !op.retry_safe() {
        text.push_str(
            " Sent once: a call whose outcome is unknown (a connection broken after sending, a \
             timeout) is never repeated.",
        );
    }
    if let Returns::Page(_) = op.returns() {
        text.push_str(
            " The result is the first page; iterating it walks every item across pages, each \
             page fetched when it is reached.",
        );
    }
    let mut args = Vec::new();
    for p in &op.params {
        let mut line = format!("- {}: {}", p.name, p.summary);
        line.push_str(&param_note(spec, p));
        args.push(line);
    }
    if op.custom_attributes {
        args.push(
            "- custom_attributes: The account's custom attributes, name -> value, sent as keys of \
             the body's own."
                .into(),
        );
    }
    if !args.is_empty() {
        text.push_str("\n\nArgs:\n");
        // Google style: each argument indented under `Args:`.
        let lines: Vec<String> = args.iter().map(|a| format!("    {}", &a[2..])).collect();
        text.push_str(&lines.join("\n"));
    }
    text
}

/// What a parameter's docs add to its summary: its values, its forms.
fn param_note(spec: &Spec, p: &Param) -> String {
    let quoted = |values: &mut dyn Iterator<Item = &str>| {
        values
            .map(|v| format!("``{v}``"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(values) = &p.values {
        return format!(
            " One of {}.",
            quoted(&mut values.iter().map(String::as_str))
        );
    }
    let mut ty = p.ty();
    while let TypeExpr::List(inner) = ty {
        ty = *inner;
    }
    match &ty {
        TypeExpr::Named(name) => {
            let e = &spec.enums[name];
            let values = quoted(&mut e.values.iter().map(|v| v.value.as_str()));
            if e.closed_input() {
                format!(" One of {values} (:class:`leat.{name}`).")
            } else {
                format!(" :class:`leat.{name}` ({values}) or another value Leat added.")
            }
        }
        TypeExpr::Scalar(Scalar::DateTime) => " A ``datetime`` or ISO 8601 text.".into(),
        TypeExpr::Scalar(Scalar::Date) => " A ``date`` or ISO 8601 text (``2023-10-20``).".into(),
        _ => String::new(),
    }
}

fn method(spec: &Spec, op: &Operation, way: Way, names: &Classes, needs: &mut Needs) -> String {
    let mut params = vec!["self".to_owned()];
    let mut kwargs = Vec::new();
    for p in op.params_in("path") {
        params.push(format!("{}: str", p.name));
        kwargs.push(format!("{0}={0}", p.name));
    }
    let keyword: Vec<&Param> = op.params.iter().filter(|p| p.place != "path").collect();
    if !keyword.is_empty() || op.custom_attributes {
        params.push("*".into());
    }
    for p in &keyword {
        params.push(argument(p, needs));
        kwargs.push(format!("{}={}", p.name, passed(&p.name, &p.ty(), needs)));
    }
    if op.custom_attributes {
        needs.imports.typing.extend(["Optional", "Mapping", "Any"]);
        params.push("custom_attributes: Optional[Mapping[str, Any]] = None".into());
        needs.plain = true;
        kwargs.push("custom_attributes=plain(custom_attributes)".into());
    }
    let returns = return_type(spec, op, way, needs);
    let keyword_def = if way.is_async() && !(way == Way::Async && is_page(op)) {
        "async def"
    } else {
        "def"
    };
    let mut s = bracketed(
        &format!("    {keyword_def} {}", op.name),
        "(",
        &params,
        &format!(") -> {returns}:"),
        4,
    );
    s.push('\n');
    let doc = match way {
        Way::Sync | Way::Async => method_doc(spec, op),
        Way::Raw | Way::AsyncRaw => {
            let plain = if way == Way::Raw {
                &names.sync
            } else {
                &names.asynchronous
            };
            format!(
                ":meth:`{plain}.{}`, answering Leat's HTTP answer too; ``parse()`` gives what it \
                 returns.\n\n``{} {}``.",
                op.name, op.method, op.path
            )
        }
    };
    s.push_str(&docstring(&doc, 8));
    let awaited = if way.is_async() { "await " } else { "" };
    let id = py_str(&op.id);
    if is_page(op) {
        let item = page_item(spec, op, needs);
        needs.imports.typing.extend(["Any", "Dict"]);
        let entries: Vec<String> = kwargs
            .iter()
            .map(|kw| {
                let (name, value) = kw.split_once('=').unwrap();
                format!("{}: {value}", py_str(name))
            })
            .collect();
        let _ = writeln!(
            s,
            "{}",
            bracketed("        args: Dict[str, Any] = ", "{", &entries, "}", 8)
        );
        match way {
            Way::Sync => {
                needs.page = true;
                let _ = writeln!(
                    s,
                    "        return fetch_page(self._call, {id}, {item}, args)"
                );
            }
            Way::Async => {
                needs.page = true;
                let _ = writeln!(
                    s,
                    "        return AsyncPager(self._call, {id}, {item}, args)"
                );
            }
            Way::Raw | Way::AsyncRaw => {
                needs.raw_page = true;
                let parser = if way == Way::Raw {
                    "page_parser"
                } else {
                    "async_page_parser"
                };
                let _ = writeln!(s, "        answer = {awaited}self._call({id}, **args)");
                let parse = format!("{parser}(self._client.call, {id}, {item}, args)");
                let _ = writeln!(
                    s,
                    "{}",
                    bracketed(
                        "        return RawResponse",
                        "(",
                        &["answer".into(), parse],
                        ")",
                        8
                    )
                );
            }
        }
        return s;
    }
    let mut items = vec![id.clone()];
    items.extend(kwargs);
    let wrap = wrap_data(spec, op, "data", needs);
    if way.is_raw() {
        let call = bracketed(
            &format!("        answer = {awaited}self._call"),
            "(",
            &items,
            ")",
            8,
        );
        let _ = writeln!(s, "{call}");
        let result = match (&wrap, op.returns()) {
            (_, Returns::None) => "None".to_owned(),
            (Some(text), _) => text.clone(),
            (None, _) => "data".into(),
        };
        let parse = format!("lambda data, page: {result}");
        let _ = writeln!(
            s,
            "{}",
            bracketed(
                "        return RawResponse",
                "(",
                &["answer".into(), parse],
                ")",
                8
            )
        );
        return s;
    }
    match (op.returns(), wrap) {
        (Returns::None, _) => {
            let call = bracketed(&format!("        {awaited}self._call"), "(", &items, ")", 8);
            let _ = writeln!(s, "{call}");
        }
        (_, None) => {
            let call = bracketed(
                &format!("        return {awaited}self._call"),
                "(",
                &items,
                ")",
                8,
            );
            let _ = writeln!(s, "{call}");
        }
        (_, Some(text)) => {
            // `Contact(self._call(...))` on one line when it fits, else through `data`.
            let simple =
                text.starts_with(|c: char| c.is_ascii_uppercase()) && text.ends_with("(data)");
            let inline = format!(
                "{}({awaited}self._call({}))",
                &text[..text.len() - "(data)".len()],
                items.join(", ")
            );
            if simple && 8 + "return ".len() + inline.len() <= WIDTH {
                let _ = writeln!(s, "        return {inline}");
            } else {
                let call = bracketed(
                    &format!("        data = {awaited}self._call"),
                    "(",
                    &items,
                    ")",
                    8,
                );
                let _ = writeln!(s, "{call}");
                let _ = writeln!(s, "        return {text}");
            }
        }
    }
    s
}

fn is_page(op: &Operation) -> bool {
    matches!(op.returns(), Returns::Page(_))
}

/// `leat.resources`: every resource class by name, each module loaded when first used.
fn package(spec: &Spec) -> String {
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
fn client_groups(spec: &Spec) -> String {
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

/// An operation's parameters as the blocking method declares them (without `self`) and what
/// it returns, for the reference page.
pub fn signature(spec: &Spec, op: &Operation) -> (Vec<String>, String) {
    let mut needs = Needs::default();
    let mut params = Vec::new();
    for p in op.params_in("path") {
        params.push(format!("{}: str", p.name));
    }
    let keyword: Vec<&Param> = op.params.iter().filter(|p| p.place != "path").collect();
    if !keyword.is_empty() || op.custom_attributes {
        params.push("*".into());
    }
    for p in keyword {
        params.push(argument(p, &mut needs));
    }
    if op.custom_attributes {
        params.push("custom_attributes: Optional[Mapping[str, Any]] = None".into());
    }
    (params, return_type(spec, op, Way::Sync, &mut needs))
}
