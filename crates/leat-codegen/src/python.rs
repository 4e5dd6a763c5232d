//! The Python package's generated sources: one module of models and one of resources per
//! group (`python/leat/models/`, `python/leat/resources/`), the client's group properties,
//! the exceptions and the error-code table, the enums, the package's lazy exports, the
//! reference page (`docs/reference/python.md`) and the conformance suite.
//!
//! The code is written as `ruff format` would write it (110 columns, double quotes, magic
//! trailing commas), so the repository's format check passes on it too.

mod conformance;
mod contract;
mod groups;
mod literal;
mod method_docs;
mod models;
mod reference;
mod resources;

use std::collections::BTreeSet;

use crate::check::PYTHON_KEYWORDS;
pub use literal::Py;

use crate::output::Output;
use crate::spec::{Scalar, Spec, TypeExpr};

/// The directories whose generated files this module owns.
pub const OWNED: &[&str] = &["python/leat/models", "python/leat/resources"];

/// Where the package's sources are.
const PACKAGE: &str = "python/leat";

/// The line length `ruff format` keeps to (ruff.toml).
const WIDTH: usize = 110;

/// How far docstrings are wrapped: short of the line length, for reading.
const DOC_WIDTH: usize = 96;

pub fn generate(spec: &Spec, out: &mut Output) {
    models::generate(spec, out);
    resources::generate(spec, out);
    contract::generate(spec, out);
    reference::generate(spec, out);
    conformance::generate(spec, out);
}

/// The names a model's attributes cannot take: the base class's own.
const MODEL_MEMBERS: &[&str] = &["to_dict"];

/// A wire name as a Python attribute or argument: `return` -> `return_`, `some-key` ->
/// `some_key`, `3d` -> `field_3d`.
pub fn py_ident(name: &str) -> String {
    let mut ident: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if ident.chars().next().is_none_or(|c| c.is_ascii_digit()) {
        ident.insert_str(0, "field_");
    }
    if PYTHON_KEYWORDS.contains(&ident.as_str()) || MODEL_MEMBERS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// A Python string literal in double quotes.
pub fn py_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `items` inside `open`/`close` after `head`, at `indent`: on one line when it fits, else one
/// item a line with a trailing comma (which `ruff format` keeps as it is).
pub fn bracketed(head: &str, open: &str, items: &[String], close: &str, indent: usize) -> String {
    let one_line = format!("{head}{open}{}{close}", items.join(", "));
    if indent + one_line.len() <= WIDTH || items.is_empty() {
        return one_line;
    }
    let pad = " ".repeat(indent + 4);
    let mut out = format!("{head}{open}\n");
    for item in items {
        out.push_str(&format!("{pad}{item},\n"));
    }
    out.push_str(&" ".repeat(indent));
    out.push_str(close);
    out
}

/// A tuple literal after `head`: `("uuid",)` for one item, else as [`bracketed`].
pub fn py_tuple(head: &str, items: &[String], indent: usize) -> String {
    if items.len() == 1 {
        let one = format!("{head}({},)", items[0]);
        if indent + one.len() <= WIDTH {
            return one;
        }
    }
    bracketed(head, "(", items, ")", indent)
}

/// A docstring at `indent`: wrapped, escaped, its closing quotes on their own line when it
/// takes more than one.
pub fn docstring(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let text = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let lines = wrap(&text, DOC_WIDTH.saturating_sub(indent), 3);
    let mut out = String::new();
    if lines.len() == 1 {
        let mut line = lines[0].clone();
        if line.ends_with('"') {
            line.push(' ');
        }
        out.push_str(&format!("{pad}\"\"\"{line}\"\"\"\n"));
        return out;
    }
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("{pad}\"\"\"{line}\n"));
        } else if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{line}\n"));
        }
    }
    out.push_str(&format!("{pad}\"\"\"\n"));
    out
}

/// `text` wrapped at `width` columns (the first line `first_taken` shorter). Paragraphs are
/// separated by blank lines; a paragraph whose lines start with spaces, `-` or `|` keeps its
/// lines, each wrapped on its own with a hanging indent.
pub fn wrap(text: &str, width: usize, first_taken: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (p, paragraph) in text.split("\n\n").enumerate() {
        if p > 0 {
            lines.push(String::new());
        }
        let keep_lines = paragraph
            .lines()
            .skip(1)
            .any(|l| l.starts_with(' ') || l.starts_with("- ") || l.starts_with('|'))
            || paragraph.starts_with("- ");
        let pieces: Vec<String> = if keep_lines {
            paragraph.lines().map(str::to_owned).collect()
        } else {
            vec![paragraph.split_whitespace().collect::<Vec<_>>().join(" ")]
        };
        for piece in pieces {
            let lead: String = piece.chars().take_while(|c| *c == ' ').collect();
            let hang = if piece.trim_start().starts_with("- ") || piece.starts_with(' ') {
                format!("{lead}    ")
            } else {
                lead.clone()
            };
            let mut line = lead.clone();
            let mut empty = true;
            for word in piece.split_whitespace() {
                let limit = if lines.is_empty() {
                    width.saturating_sub(first_taken)
                } else {
                    width
                };
                if !empty && line.len() + 1 + word.len() > limit {
                    lines.push(line);
                    line = hang.clone();
                    empty = true;
                }
                if !empty {
                    line.push(' ');
                }
                line.push_str(word);
                empty = false;
            }
            lines.push(line.trim_end().to_owned());
        }
    }
    lines
}

/// The header every generated Python file starts with.
pub fn header(from: &str) -> String {
    crate::output::header("#", from)
}

/// `typing` names and modules a generated module uses, for its imports.
#[derive(Default)]
pub struct Imports {
    pub typing: BTreeSet<&'static str>,
    pub datetime: bool,
}

impl Imports {
    /// The `import datetime` / `from typing import ...` lines (the standard library block).
    pub fn standard(&self) -> String {
        let mut s = String::new();
        if self.datetime {
            s.push_str("import datetime\n");
        }
        if !self.typing.is_empty() {
            let mut names: Vec<String> = self.typing.iter().map(|n| n.to_string()).collect();
            isort_names(&mut names);
            s.push_str(&from_import("typing", &names));
        }
        s
    }
}

/// `from <module> import <names>`: on one line when it fits, else in parentheses, a name a
/// line. `names` are written in the order given (sort them as isort would).
pub fn from_import(module: &str, names: &[String]) -> String {
    from_import_at(module, names, 0)
}

/// `from_import` for a line `indent` columns in (the lines come unindented).
pub fn from_import_at(module: &str, names: &[String], indent: usize) -> String {
    let line = format!("from {module} import {}\n", names.join(", "));
    if indent + line.len() - 1 <= WIDTH {
        return line;
    }
    let mut out = format!("from {module} import (\n");
    for name in names {
        out.push_str(&format!("    {name},\n"));
    }
    out.push_str(")\n");
    out
}

/// Names sorted as ruff's isort sorts those of one `from` import: constants, then classes,
/// then the rest, each alphabetically.
pub fn isort_names(names: &mut [String]) {
    fn rank(name: &str) -> u8 {
        let bare = name.split(" as ").next().unwrap_or(name);
        if bare.len() > 1
            && bare
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        {
            0
        } else if bare.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            1
        } else {
            2
        }
    }
    names.sort_by_key(|name| (rank(name), name.to_lowercase()));
}

/// How a model type is written from the module of group `here`: `Contact` in its own group's
/// module, `contacts.Contact` from another (the module imported whole, so cycles between
/// model modules cannot break an import).
pub fn model_in_models(
    spec: &Spec,
    name: &str,
    here: &str,
    modules: &mut BTreeSet<String>,
) -> String {
    let owner = &spec.models[name].group;
    if owner == here {
        name.to_owned()
    } else {
        modules.insert(owner.clone());
        format!("{owner}.{name}")
    }
}

/// How a generated module writes a model's class (and notes what it must import).
pub type ModelRef<'a> = dyn FnMut(&str) -> String + 'a;

/// The annotation of a value of `ty` in an answer.
pub fn output_type(
    spec: &Spec,
    ty: &TypeExpr,
    imports: &mut Imports,
    model: &mut ModelRef<'_>,
) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => scalar_type(*scalar, imports, false),
        TypeExpr::List(inner) => {
            imports.typing.insert("List");
            format!("List[{}]", output_type(spec, inner, imports, model))
        }
        TypeExpr::Map(inner) => {
            imports.typing.insert("Dict");
            format!("Dict[str, {}]", output_type(spec, inner, imports, model))
        }
        TypeExpr::Named(name) if spec.is_model(name) => model(name),
        TypeExpr::Named(_) => "str".into(),
    }
}

/// The annotation of an argument of `ty`.
pub fn input_type(ty: &TypeExpr, imports: &mut Imports) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => scalar_type(*scalar, imports, true),
        TypeExpr::List(inner) => {
            imports.typing.insert("Sequence");
            format!("Sequence[{}]", input_type(inner, imports))
        }
        TypeExpr::Map(inner) => {
            imports.typing.insert("Mapping");
            format!("Mapping[str, {}]", input_type(inner, imports))
        }
        TypeExpr::Named(_) => "str".into(),
    }
}

fn scalar_type(scalar: Scalar, imports: &mut Imports, input: bool) -> String {
    match scalar {
        Scalar::String | Scalar::Uuid | Scalar::Url | Scalar::Email => "str".into(),
        Scalar::Integer => "int".into(),
        Scalar::Number => "float".into(),
        Scalar::Boolean => "bool".into(),
        Scalar::DateTime | Scalar::Date => {
            imports.datetime = true;
            let class = if scalar == Scalar::DateTime {
                "datetime.datetime"
            } else {
                "datetime.date"
            };
            if input {
                imports.typing.insert("Union");
                format!("Union[str, {class}]")
            } else {
                class.into()
            }
        }
        Scalar::Json => {
            imports.typing.insert("Any");
            "Any".into()
        }
    }
}

/// What turns the JSON value `expr` of `ty` into what Python code is given; `None` when it is
/// given as it came. `depth` names the loop variables of nested lists and maps.
pub fn convert(
    spec: &Spec,
    ty: &TypeExpr,
    expr: &str,
    uses: &mut Uses,
    depth: usize,
    model: &mut ModelRef<'_>,
) -> Option<String> {
    let item = if depth == 0 {
        "item".to_owned()
    } else {
        format!("item{depth}")
    };
    match ty {
        TypeExpr::Scalar(Scalar::DateTime) => {
            uses.parse_datetime = true;
            Some(format!("_parse_datetime({expr})"))
        }
        TypeExpr::Scalar(Scalar::Date) => {
            uses.date = true;
            Some(format!("datetime.date.fromisoformat({expr})"))
        }
        TypeExpr::Scalar(_) => None,
        TypeExpr::Named(name) if spec.is_model(name) => Some(format!("{}({expr})", model(name))),
        TypeExpr::Named(_) => None,
        TypeExpr::List(inner) => Some(match convert(spec, inner, &item, uses, depth + 1, model) {
            Some(each) => format!("[{each} for {item} in {expr}]"),
            None => format!("list({expr})"),
        }),
        TypeExpr::Map(inner) => {
            uses.entries = true;
            Some(match convert(spec, inner, &item, uses, depth + 1, model) {
                Some(each) => format!("{{key: {each} for key, {item} in entries({expr})}}"),
                None => format!("dict(entries({expr}))"),
            })
        }
    }
}

/// What the conversions of a module need imported.
#[derive(Default)]
pub struct Uses {
    pub parse_datetime: bool,
    pub date: bool,
    pub entries: bool,
}

/// The Python class of group `group`'s blocking resource.
pub fn resource_class(spec: &Spec, group: &str) -> String {
    crate::rust_core::resource_name(spec, group)
}

/// `text` with its first letter in lower case.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
