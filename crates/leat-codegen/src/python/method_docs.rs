//! The docstring of each generated method: its summary, its method and path, Leat's error
//! codes with the class each raises, whether it is sent once, and every argument.

use std::fmt::Write as _;

use crate::spec::{Operation, Param, Returns, Scalar, Spec, TypeExpr};

pub fn method_doc(spec: &Spec, op: &Operation) -> String {
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
