//! `docs/reference/rust.md`: every operation of the Rust client with its signature and return
//! type, group by group, then every model with its fields: one page a reader can scan.

use std::fmt::Write as _;

use crate::names::{pascal, rust_ident};
use crate::output::{header_markdown, Output};
use crate::rust_core::resource_name;
use crate::spec::{Operation, Returns, Scalar, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add("docs/reference/rust.md", page(spec));
}

fn ty(t: &TypeExpr) -> String {
    match t {
        TypeExpr::Scalar(s) => match s {
            Scalar::String | Scalar::Uuid | Scalar::Url | Scalar::Email => "String",
            Scalar::Integer => "i64",
            Scalar::Number => "f64",
            Scalar::Boolean => "bool",
            Scalar::DateTime => "OffsetDateTime",
            Scalar::Date => "time::Date",
            Scalar::Json => "Value",
        }
        .into(),
        TypeExpr::List(inner) => format!("Vec<{}>", ty(inner)),
        TypeExpr::Map(inner) => format!("Map<String, {}>", ty(inner)),
        TypeExpr::Named(n) => n.clone(),
    }
}

fn returns(op: &Operation) -> String {
    match op.returns() {
        Returns::One(t) => ty(&t),
        Returns::List(t) => format!("Vec<{}>", ty(&t)),
        Returns::Page(t) => format!("Page<{}>", ty(&t)),
        Returns::None => "()".into(),
    }
}

fn signature(op: &Operation) -> String {
    let mut args: Vec<String> = op
        .params_in("path")
        .map(|p| format!("{}: &str", rust_ident(&p.name)))
        .collect();
    if op.params.iter().any(|p| p.place != "path") || op.custom_attributes {
        args.push(format!("{}::{}Params", op.group, pascal(&op.name)));
    }
    format!(
        "client.{}().{}({}) -> Call<{}>",
        op.group,
        rust_ident(&op.name),
        args.join(", "),
        returns(op)
    )
}

fn page(spec: &Spec) -> String {
    let mut s = header_markdown("spec/");
    s.push_str("\n# Rust reference\n\n");
    s.push_str("Every operation of `leat::Client`, group by group. Each method returns a\n[`Call`](https://docs.rs/leat-sdk/latest/leat/struct.Call.html): await it for the result, or\n`.with_response()` for the result and the HTTP answer; `.options(...)` sets a timeout or\nretry count for this call; a `Page<T>` call also streams `.pages()` and `.items()`.\nParameters other than the path's go in the operation's `Params` struct (`new(...)` takes\nthe required ones, a setter each the rest). Models keep the fields this version does not\nknow in `extra`.\n\n");
    s.push_str("## Groups\n\n");
    for group in &spec.groups {
        let _ = writeln!(
            s,
            "- [`{}`](#{}): {}",
            group.name,
            group.name.replace('_', "-"),
            group.summary
        );
    }
    for group in &spec.groups {
        let _ = writeln!(s, "\n## {}\n", group.name);
        let _ = writeln!(
            s,
            "{}\n\n`client.{}()` -> `leat::api::{}::{}`\n",
            group.summary,
            group.name,
            group.name,
            resource_name(spec, &group.name)
        );
        for op in &group.operations {
            let _ = writeln!(s, "- `{}`", signature(op));
            let _ = writeln!(s, "  <br>`{} {}`: {}", op.method, op.path, op.summary);
            let params: Vec<String> = op
                .params
                .iter()
                .filter(|p| p.place != "path")
                .map(|p| {
                    let mut text = format!("`{}`", p.name);
                    if p.is_required() {
                        text.push_str(" (required)");
                    }
                    text
                })
                .collect();
            if !params.is_empty() {
                let _ = writeln!(s, "  <br>Params: {}", params.join(", "));
            }
        }
    }
    s.push_str("\n## Models\n");
    for (name, model) in &spec.models {
        let _ = writeln!(s, "\n### {name}\n\n{}\n", model.summary);
        s.push_str("| field | type | |\n|---|---|---|\n");
        for field in &model.fields {
            let mut t = ty(&field.ty());
            if field.maybe_missing() {
                t = format!("Option<{t}>");
            }
            let _ = writeln!(
                s,
                "| `{}` | `{t}` | {} |",
                rust_ident(&field.name),
                field.summary.replace('|', "\\|")
            );
        }
    }
    s
}
