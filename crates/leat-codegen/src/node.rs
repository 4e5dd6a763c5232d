//! The Node package's generated sources: the JavaScript the package runs (`node/lib/errors.js`,
//! `enums.js`, `models.js`, one module per group in `node/lib/api/`, the entry points), its
//! type declarations (`node/index.d.ts` and `node/types/`), the reference page
//! (`docs/reference/node.md`) and the conformance suite. What they share, the names each spec
//! item gets in JavaScript and TypeScript, is here; each kind of file has its own module.
//!
//! The hand-written runtime they call into is in `node/lib/` (`client.js`, `request.js`,
//! `api-promise.js`, `pagination.js`, `mapping.js`, `abort-error.js`) and
//! `node/types/runtime.d.ts`.

mod conformance;
mod js;
mod reference;
mod types;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::names::{camel, pascal};
use crate::output::Output;
use crate::spec::{Enum, Field, Group, Model, Operation, Param, Returns, Spec};

/// The directories whose generated files this module owns.
pub const OWNED: &[&str] = &["node/lib/api", "node/types/api"];

pub fn generate(spec: &Spec, out: &mut Output) {
    js::generate(spec, out);
    types::generate(spec, out);
    reference::generate(spec, out);
    conformance::generate(spec, out);
}

/// What the spec must keep for the Node names to work: names that camelCase alike, fields
/// called `extra` (the bag of unknown fields), enum values that make the same constant.
pub fn check(spec: &Spec) -> Vec<String> {
    let mut problems = Vec::new();
    let mut groups = BTreeSet::new();
    for group in &spec.groups {
        if !groups.insert(group_property(group)) {
            problems.push(format!(
                "group {}: its Node name {} is another group's too",
                group.name,
                group_property(group)
            ));
        }
        let mut methods = BTreeSet::new();
        for op in &group.operations {
            if !methods.insert(method(op)) {
                problems.push(format!("{}: Node method {} is taken", op.id, method(op)));
            }
            let mut keys = BTreeSet::new();
            for param in &op.params {
                if !keys.insert(camel(&param.name)) {
                    problems.push(format!(
                        "{}: params camelCase to the same Node key {}",
                        op.id,
                        camel(&param.name)
                    ));
                }
            }
            if op.custom_attributes && keys.contains("customAttributes") {
                problems.push(format!("{}: customAttributes is taken", op.id));
            }
        }
    }
    for (name, model) in &spec.models {
        let mut keys = BTreeSet::new();
        for field in &model.fields {
            let key = field_property(model, field);
            if key == "extra" || !keys.insert(key.clone()) {
                problems.push(format!(
                    "model {name}: field {} becomes the Node property {key}, which is taken",
                    field.name
                ));
            }
        }
    }
    for (name, e) in &spec.enums {
        let mut constants = BTreeSet::new();
        for value in &e.values {
            if !constants.insert(constant(&value.value)) {
                problems.push(format!(
                    "enum {name}: value {} makes the constant {}, which is taken",
                    value.value,
                    constant(&value.value)
                ));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/// `webhook_subscriptions` -> `webhookSubscriptions`: the group's property on a client.
pub fn group_property(group: &Group) -> String {
    camel(&group.name)
}

/// `webhook_subscriptions` -> `WebhookSubscriptions`: the group's class; `BrandKitResource`
/// for a group named like a model or an enum (`brand_kit` answers a `BrandKit`).
pub fn group_class(spec: &Spec, group: &Group) -> String {
    let name = pascal(&group.name);
    if spec.models.contains_key(&name) || spec.enums.contains_key(&name) {
        format!("{name}Resource")
    } else {
        name
    }
}

/// `webhook_subscriptions` -> `webhook-subscriptions`: the group's file names.
pub fn group_file(group: &Group) -> String {
    group.name.replace('_', "-")
}

/// A model field's Node property: the camelCase of its wire name; but when that is the wire
/// name of another field of the model (Leat sends reward attributes' flags both as
/// `isPiggyDefined` and as `is_piggy_defined`), the wire name itself, so both stay reachable.
pub fn field_property(model: &Model, field: &Field) -> String {
    let camel = camel(&field.name);
    if camel != field.name && model.fields.iter().any(|other| other.name == camel) {
        field.name.clone()
    } else {
        camel
    }
}

/// `find_one_by` -> `findOneBy`.
pub fn method(op: &Operation) -> String {
    camel(&op.name)
}

/// `webhook_subscriptions.create` -> `WebhookSubscriptionsCreateParams`.
pub fn params_interface(op: &Operation) -> String {
    format!("{}{}Params", pascal(&op.group), pascal(&op.name))
}

/// `contact_created` / `-created_at` -> `CONTACT_CREATED` / `_CREATED_AT`.
pub fn constant(value: &str) -> String {
    let mut out: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.chars().next().is_none_or(|c| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// `Contact` -> `toContact`: the mapper of a model in `lib/models.js`.
pub fn mapper(model: &str) -> String {
    format!("to{model}")
}

/// Whether `name` can be written bare as a property name or after a dot.
pub fn is_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property name as written in an object literal or an interface.
pub fn key(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else {
        string(name)
    }
}

/// `raw.name`, or `raw['some-name']`.
pub fn access(object: &str, name: &str) -> String {
    if is_identifier(name) {
        format!("{object}.{name}")
    } else {
        format!("{object}[{}]", string(name))
    }
}

/// A JavaScript string literal as Biome writes it: in single quotes, or in double quotes when
/// that needs fewer escapes.
pub fn string(text: &str) -> String {
    let quote = if text.matches('\'').count() > text.matches('"').count() {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The widest line Biome leaves alone (biome.json's `lineWidth`).
pub const WIDTH: usize = 120;

/// A JSON value as a JavaScript literal laid out the way Biome's formatter lays it out: on one
/// line when it fits in [`WIDTH`] (`lead` columns are taken before it, `trail` after it),
/// otherwise one element or entry per line, each laid out the same way.
pub fn literal(value: &Value, indent: usize, lead: usize, trail: usize) -> String {
    let inline = inline_literal(value);
    if lead + inline.len() + trail <= WIDTH && !always_broken(value) {
        return inline;
    }
    let inner = " ".repeat(indent + 2);
    let close = " ".repeat(indent);
    match value {
        Value::Array(items) => {
            let mut out = String::from("[\n");
            for item in items {
                out.push_str(&inner);
                out.push_str(&literal(item, indent + 2, indent + 2, 1));
                out.push_str(",\n");
            }
            out.push_str(&close);
            out.push(']');
            out
        }
        Value::Object(map) => {
            let mut out = String::from("{\n");
            for (name, item) in map {
                let name = key(name);
                out.push_str(&inner);
                out.push_str(&name);
                out.push_str(": ");
                out.push_str(&literal(item, indent + 2, indent + 2 + name.len() + 2, 1));
                out.push_str(",\n");
            }
            out.push_str(&close);
            out.push('}');
            out
        }
        _ => inline,
    }
}

/// Biome (as Prettier) always breaks a list of two or more objects, or of two or more lists
/// that each hold two or more items.
fn always_broken(value: &Value) -> bool {
    let Value::Array(items) = value else {
        return false;
    };
    items.len() > 1
        && (items
            .iter()
            .all(|item| item.as_object().is_some_and(|map| !map.is_empty()))
            || items
                .iter()
                .all(|item| item.as_array().is_some_and(|list| list.len() > 1)))
}

fn inline_literal(value: &Value) -> String {
    match value {
        Value::String(text) => string(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline_literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) if map.is_empty() => "{}".into(),
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", key(k), inline_literal(v)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
        other => other.to_string(),
    }
}

/// `names` as the items of a list (`[`...`]`, `{`...`}`) after `lead`: on one line when it fits,
/// otherwise one per line at `indent + 2`.
pub fn items(
    names: &[String],
    open: &str,
    close: &str,
    lead: usize,
    trail: usize,
    indent: usize,
) -> String {
    let spaced = open == "{";
    let joined = names.join(", ");
    let inline = if spaced {
        format!("{open} {joined} {close}")
    } else {
        format!("{open}{joined}{close}")
    };
    if lead + inline.len() + trail <= WIDTH {
        return inline;
    }
    let mut out = format!("{open}\n");
    for name in names {
        out.push_str(&" ".repeat(indent + 2));
        out.push_str(name);
        out.push_str(",\n");
    }
    out.push_str(&" ".repeat(indent));
    out.push_str(close);
    out
}

// ---------------------------------------------------------------------------------------------
// Operations as JavaScript sees them
// ---------------------------------------------------------------------------------------------

/// The path parameters of `op`, in path order.
pub fn path_params(op: &Operation) -> Vec<&Param> {
    op.params_in("path").collect()
}

/// Whether the method takes an object of parameters after the path ones.
pub fn takes_params(op: &Operation) -> bool {
    op.custom_attributes || op.params.iter().any(|p| p.place != "path")
}

/// Whether that object must be given (some parameter in it is required).
pub fn params_required(op: &Operation) -> bool {
    op.params
        .iter()
        .any(|p| p.place != "path" && p.is_required())
}

/// The method's arguments as written in a call: `uuid, params, options`.
pub fn arguments(op: &Operation) -> Vec<String> {
    let mut args: Vec<String> = path_params(op).iter().map(|p| camel(&p.name)).collect();
    if takes_params(op) {
        args.push("params".into());
    }
    args.push("options".into());
    args
}

/// How a call's answer is read: `one`, `page` or `none`.
pub fn kind(op: &Operation) -> &'static str {
    match op.returns() {
        Returns::Page(_) => "page",
        Returns::None => "none",
        Returns::One(_) | Returns::List(_) => "one",
    }
}

/// Whether Leat's docs for this enum say it accepts other values too (`open`), as output.
pub fn enum_is_open(e: &Enum) -> bool {
    e.open
}

/// Lines of text no longer than `width`, words kept whole and `code spans` never broken.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in unbreakable(paragraph) {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        lines.push(line);
    }
    lines
}

/// The words of `text`, the spaces inside a `code span` kept within one word.
fn unbreakable(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut open = false;
    for word in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
        if word.matches('`').count() % 2 == 1 {
            open = !open;
        }
    }
    words
}

/// `// ` comment lines of `text`, wrapped to fit 120 columns.
pub fn line_comment(text: &str) -> String {
    wrap(text, 116)
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                "//\n".to_owned()
            } else {
                format!("// {line}\n")
            }
        })
        .collect()
}

/// A `/** ... */` comment at `indent`, wrapped to fit 120 columns.
pub fn doc_comment(text: &str, indent: &str) -> String {
    let width = 116usize.saturating_sub(indent.len()).max(40);
    let lines = wrap(text, width);
    if lines.len() == 1 && indent.len() + lines[0].len() + 7 <= 120 {
        return format!("{indent}/** {} */\n", lines[0]);
    }
    let mut out = format!("{indent}/**\n");
    for line in lines {
        if line.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {line}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// The summary of each of Leat's error codes `op` may answer: `1003 (InvalidInputError)`.
pub fn error_codes(spec: &Spec, op: &Operation) -> String {
    op.errors
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
        .collect::<Vec<_>>()
        .join(", ")
}

/// What every method's documentation says beyond its summary: where it goes, its error codes,
/// and, for a call that is not repeated, that it is sent once.
pub fn method_details(spec: &Spec, op: &Operation) -> String {
    let mut text = format!("`{} {}`", op.method, op.path);
    let said = op.summary.contains("Sent once");
    if op.errors.is_empty() {
        text.push_str("; Leat documents no error codes for it.");
    } else {
        text.push_str(&format!("; Leat's error codes: {}.", error_codes(spec, op)));
    }
    if !op.retry_safe() && !said {
        text.push_str(
            " Sent once: a call whose outcome is unknown (a connection broken after sending, a timeout) is never \
             repeated.",
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_for_javascript() {
        assert_eq!(constant("contact_created"), "CONTACT_CREATED");
        assert_eq!(constant("-created_at"), "_CREATED_AT");
        assert_eq!(constant("3d"), "_3D");
        assert_eq!(key("event_type"), "event_type");
        assert_eq!(key("some-key"), "'some-key'");
        assert_eq!(access("raw", "2fa"), "raw['2fa']");
        assert_eq!(string("it's\n"), "\"it's\\n\"");
        assert_eq!(string("say \"it's\""), "'say \"it\\'s\"'");
        assert_eq!(string("plain"), "'plain'");
    }

    #[test]
    fn doc_comments_fit_the_line() {
        let text = "word ".repeat(60);
        for line in doc_comment(&text, "  ").lines() {
            assert!(line.len() <= 120, "{line}");
        }
        assert_eq!(doc_comment("Short.", ""), "/** Short. */\n");
    }
}
