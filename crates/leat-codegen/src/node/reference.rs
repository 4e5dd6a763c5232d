//! `docs/reference/node.md`: every operation of the Node client with its signature and what it
//! resolves to, group by group, then every model with its fields (openai-node's `api.md`).

use std::fmt::Write as _;

use super::{
    error_codes, field_property, group_property, method, params_interface, params_required,
    path_params, takes_params,
};
use crate::names::camel;
use crate::output::{header, Output};
use crate::spec::{Operation, Returns, Scalar, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add("docs/reference/node.md", page(spec));
}

/// A type as the page writes it (the names of `index.d.ts`).
fn type_name(spec: &Spec, ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::Integer | Scalar::Number => "number".into(),
            Scalar::Boolean => "boolean".into(),
            Scalar::DateTime => "Date".into(),
            Scalar::Json => "unknown".into(),
            _ => "string".into(),
        },
        TypeExpr::List(inner) => format!("{}[]", type_name(spec, inner)),
        TypeExpr::Map(inner) => format!("Record<string, {}>", type_name(spec, inner)),
        TypeExpr::Named(name) if spec.is_model(name) => name.clone(),
        TypeExpr::Named(name) => format!("{name}Name"),
    }
}

fn returns(spec: &Spec, op: &Operation) -> String {
    match op.returns() {
        Returns::None => "APIPromise<void>".into(),
        Returns::One(ty) => format!("APIPromise<{}>", type_name(spec, &ty)),
        Returns::List(ty) => format!("APIPromise<{}[]>", type_name(spec, &ty)),
        Returns::Page(ty) => format!("PagePromise<{}>", type_name(spec, &ty)),
    }
}

fn signature(op: &Operation) -> String {
    let mut args: Vec<String> = path_params(op).iter().map(|p| camel(&p.name)).collect();
    if takes_params(op) {
        let keys: Vec<String> = op
            .params
            .iter()
            .filter(|p| p.place != "path")
            .map(|p| {
                let mark = if p.is_required() { "" } else { "?" };
                format!("{}{mark}", camel(&p.name))
            })
            .chain(op.custom_attributes.then(|| "customAttributes?".to_owned()))
            .collect();
        let optional = if params_required(op) { "" } else { "?" };
        args.push(format!("{{ {} }}{optional}", keys.join(", ")));
    }
    args.push("options?".into());
    format!("{}({})", method(op), args.join(", "))
}

fn page(spec: &Spec) -> String {
    let mut s = String::from("<!-- ");
    s.push_str(header("", "spec/").trim());
    s.push_str(" -->\n\n# leat-sdk for Node: reference\n\n");
    s.push_str(
        "Every operation of Leat's API as the Node client offers it, group by group, then every model\n\
         it answers with. The types are those of `index.d.ts`.\n\n\
         - **Arguments**: path parameters first, in path order; then one object of the other parameters,\n  \
         keyed by the camelCase of Leat's names (`?` marks an optional one; those left out are not sent);\n  \
         then the per-call options `{ timeout, maxRetries, signal }`.\n\
         - **Results**: every method returns an `APIPromise`: await it for the result, or call\n  \
         `.withResponse()` for `{ data, response }` (`status`, `headers`, `body`, `requestId`,\n  \
         `rateLimit`). A list that pages returns a `PagePromise`: await it for the first `Page` (`data`,\n  \
         `page`, `lastPage`, `perPage`, `total`, `hasNextPage()`, `nextPage()`, `iterPages()`), or\n  \
         `for await` over it for every item across pages.\n\
         - **Errors**: a `ValidationError` before anything is sent; Leat's error codes map to the classes\n  \
         named beside each operation; see `ERROR_CODES`.\n\
         - **Models** are plain objects: Leat's fields camelCased, timestamps as `Date`, and what this\n  \
         version does not know under `extra`, as Leat sent it.\n\n",
    );
    s.push_str("## Groups\n\n");
    for group in &spec.groups {
        let _ = writeln!(
            s,
            "- [`client.{}`](#{}): {}",
            group_property(group),
            group.title.to_lowercase().replace(' ', "-"),
            group.summary
        );
    }
    s.push('\n');
    for group in &spec.groups {
        let _ = writeln!(s, "## {}\n", group.title);
        let _ = writeln!(s, "`client.{}`: {}\n", group_property(group), group.summary);
        for op in &group.operations {
            let _ = writeln!(
                s,
                "- `client.{}.{}` → `{}`  ",
                group_property(group),
                signature(op),
                returns(spec, op)
            );
            let mut line = format!("  {} `{} {}`", op.summary, op.method, op.path);
            if !op.errors.is_empty() {
                let _ = write!(line, "; errors {}", error_codes(spec, op));
            }
            if takes_params(op) {
                let _ = write!(line, "; params `{}`", params_interface(op));
            }
            if !op.retry_safe() {
                line.push_str("; sent once");
            }
            line.push('.');
            let _ = writeln!(s, "{line}");
        }
        s.push('\n');
    }
    s.push_str("## Models\n\n");
    for (name, model) in &spec.models {
        let _ = writeln!(s, "### {name}\n\n{}\n", model.summary);
        s.push_str("| field | type | |\n| --- | --- | --- |\n");
        for field in &model.fields {
            let mut ty = type_name(spec, &field.ty());
            if field.nullable {
                ty.push_str(" | null");
            }
            let mark = if field.optional && !field.empty_when_absent() {
                "?"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "| `{}{mark}` | `{}` | {} |",
                field_property(model, field),
                ty.replace('|', "\\|"),
                field.summary.replace('|', "\\|")
            );
        }
        s.push_str("| `extra` | `Record<string, unknown>` | Fields this version does not know, as Leat sent them. |\n\n");
    }
    s.truncate(s.len() - 1);
    s
}
