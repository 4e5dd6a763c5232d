//! `docs/reference/python.md`: every operation of the Python package with its signature and
//! what it returns, group by group, then every model with its fields, the enums and the error
//! classes with Leat's codes: one page a user can scan (in the spirit of openai-python's
//! `api.md`).

use std::fmt::Write as _;

use super::resources::{classes, signature};
use super::{output_type, py_ident, Imports};
use crate::output::Output;
use crate::spec::{Returns, Spec};

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add("docs/reference/python.md", page(spec));
}

/// A heading's anchor as GitHub makes it.
fn anchor(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Text inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn page(spec: &Spec) -> String {
    let mut s = crate::output::header_markdown("spec/");
    s.push('\n');
    s.push_str("# Python reference\n\n");
    let _ = writeln!(
        s,
        "Every operation of Leat's OAuth v3 API in the `leat` package ({} operations in {} \
         groups), with its signature and what it returns; then every model with its fields, the \
         enums, and the errors with Leat's codes.\n",
        spec.operations().count(),
        spec.groups.len()
    );
    s.push_str(
        "How to read it:\n\n\
         - A group is a property of the client: `client.contacts`, `client.credit_receptions`. \
         `leat.AsyncClient` has the same groups and methods, as coroutines (`await \
         client.contacts.get(uuid)`).\n\
         - Path parameters are positional, in path order; every other parameter is keyword-only, \
         named exactly as Leat names it on the wire. An optional parameter left as `None` is not \
         sent.\n\
         - `Page[T]` is the first page of a list that pages: `.data` holds its items, iterating it \
         walks every item across pages. From `AsyncClient` a paged method returns an \
         `AsyncPager[T]`: `await` it for the first `AsyncPage[T]`, or `async for` over every \
         item.\n\
         - `client.<group>.with_raw_response.<method>(...)` returns a `leat.RawResponse[T]` \
         (status, headers, body, rate limits, and `parse()` for the result).\n\
         - Models expose Leat's fields as read-only attributes with Leat's names; `to_dict()` \
         gives the object as Leat sent it, unknown fields included.\n\n",
    );
    s.push_str("## Groups\n\n");
    for group in &spec.groups {
        let _ = writeln!(
            s,
            "- [{}](#{}): `client.{}`",
            group.title,
            anchor(&group.title),
            group.name
        );
    }
    s.push_str("\nAlso: [Models](#models), [Enums](#enums), [Errors](#errors).\n");
    for group in &spec.groups {
        let names = classes(spec, &group.name);
        let _ = write!(
            s,
            "\n## {}\n\n{}\n\n`client.{}`: `leat.{}` (`leat.{}` on an `AsyncClient`).\n\n",
            group.title, group.summary, group.name, names.sync, names.asynchronous
        );
        for op in &group.operations {
            let (params, returns) = signature(spec, op);
            let _ = writeln!(
                s,
                "- `client.{}.{}({}) -> {returns}`  \n  {} `{} {}`{}",
                group.name,
                op.name,
                params.join(", "),
                op.summary,
                op.method,
                op.path,
                if op.retry_safe() { "" } else { "; sent once" }
            );
        }
    }
    s.push_str("\n## Models\n\nEvery model is `leat.<Name>` (and `leat.models.<Name>`).\n");
    for group in &spec.groups {
        for (name, model) in &group.models {
            let _ = write!(
                s,
                "\n### {name}\n\n{}\n\n| attribute | type | |\n| --- | --- | --- |\n",
                model.summary
            );
            for field in &model.fields {
                let mut imports = Imports::default();
                let mut refs = |n: &str| n.to_owned();
                let mut ty = output_type(spec, &field.ty(), &mut imports, &mut refs);
                if field.maybe_missing() {
                    ty = format!("Optional[{ty}]");
                }
                let ident = py_ident(&field.name);
                let shown = if ident == field.name {
                    format!("`{ident}`")
                } else {
                    format!("`{ident}` (Leat's `{}`)", field.name)
                };
                let _ = writeln!(s, "| {shown} | `{ty}` | {} |", cell(&field.summary));
            }
        }
    }
    s.push_str(
        "\n## Enums\n\nEach is a `str` enum (`leat.<Name>`); a plain string works wherever one \
         is taken.\n",
    );
    for (name, e) in &spec.enums {
        let values: Vec<String> = e.values.iter().map(|v| format!("`{}`", v.value)).collect();
        let _ = writeln!(
            s,
            "\n- `{name}`: {} {}{}",
            e.summary,
            values.join(", "),
            if e.closed_input() {
                " (only these as input)"
            } else {
                " (others accepted)"
            }
        );
    }
    s.push_str(
        "\n## Errors\n\nEvery exception is `leat.<Name>` (and `leat.exceptions.<Name>`), all under \
         `leat.LeatError`.\n\n| class | parent | what |\n| --- | --- | --- |\n",
    );
    for class in &spec.contract.error_classes {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} |",
            class.name,
            if class.parent.is_empty() {
                "`Exception`".to_owned()
            } else {
                format!("`{}`", class.parent)
            },
            cell(&class.summary)
        );
    }
    s.push_str(
        "\nLeat's error codes and the class each raises, whatever the HTTP status \
         (`leat.exceptions.ERROR_CODES[code]`):\n\n| code | class | meaning |\n| ---: | --- | --- |\n",
    );
    let mut codes: Vec<_> = spec.contract.error_codes.iter().collect();
    codes.sort_by_key(|c| c.code);
    for code in codes {
        let _ = writeln!(
            s,
            "| {} | `{}` | {} |",
            code.code,
            code.class,
            cell(&code.meaning)
        );
    }
    let pages = spec
        .operations()
        .filter(|op| matches!(op.returns(), Returns::Page(_)))
        .count();
    let _ = writeln!(
        s,
        "\n{pages} operations page; each of them takes `page` (and a size) and returns `Page[T]`."
    );
    s
}
