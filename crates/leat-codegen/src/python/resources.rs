//! `python/leat/resources/<group>.py`: each group's methods, four ways: for `Client`
//! (`Contacts`), for `AsyncClient` (`AsyncContacts`), and the `with_raw_response` view of
//! each (`ContactsWithRawResponse`, `AsyncContactsWithRawResponse`). Every method is one call
//! of the native client's `call` (or `call_raw`) by operation id, its answer wrapped in the
//! model the spec names. Also `resources/__init__.py` and `_client_groups.py`, the group
//! properties of the clients (`groups.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{
    bracketed, convert, docstring, from_import, header, input_type, isort_names, output_type,
    py_str, resource_class, Imports, Uses, PACKAGE, WIDTH,
};
use crate::output::Output;
use crate::spec::{Group, Operation, Param, Returns, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    for group in &spec.groups {
        out.add(
            format!("{PACKAGE}/resources/{}.py", group.name),
            module(spec, group),
        );
    }
    out.add(
        format!("{PACKAGE}/resources/__init__.py"),
        super::groups::package(spec),
    );
    out.add(
        format!("{PACKAGE}/_client_groups.py"),
        super::groups::client_groups(spec),
    );
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

/// Names a resource class has of its own, which no operation may take.
const RESOURCE_MEMBERS: &[&str] = &["with_raw_response"];

fn method(spec: &Spec, op: &Operation, way: Way, names: &Classes, needs: &mut Needs) -> String {
    assert!(
        !RESOURCE_MEMBERS.contains(&op.name.as_str()),
        "{}: the Python resource classes have a member of this name; name the operation otherwise",
        op.id
    );
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
        Way::Sync | Way::Async => super::method_docs::method_doc(spec, op),
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
