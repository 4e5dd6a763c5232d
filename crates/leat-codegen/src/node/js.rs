//! The JavaScript the Node package runs: the error classes (`lib/errors.js`), the enums
//! (`lib/enums.js`), the model mappers (`lib/models.js`), one class per group (`lib/api/`), and
//! the CommonJS and ESM entry points (`index.js`, `index.mjs`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{
    access, arguments, constant, doc_comment, field_property, group_class, group_file,
    group_property, items, key, kind, line_comment, mapper, method, method_details, path_params,
    string, takes_params,
};
use crate::names::{camel, pascal, upper};
use crate::output::{header, Output};
use crate::spec::{ErrorClass, Field, Group, Returns, Scalar, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add("node/lib/errors.js", errors(spec));
    out.add("node/lib/enums.js", enums(spec));
    let mut mappers = Mappers::new(spec);
    for group in &spec.groups {
        out.add(
            format!("node/lib/api/{}.js", group_file(group)),
            group_module(spec, group, &mut mappers),
        );
    }
    out.add("node/lib/api/index.js", groups_index(spec));
    out.add("node/lib/models.js", models(spec, &mut mappers));
    out.add("node/index.js", entry(spec));
    out.add("node/index.mjs", esm_entry(spec));
}

// ---------------------------------------------------------------------------------------------
// lib/errors.js
// ---------------------------------------------------------------------------------------------

/// Error fields whose Node default, in an error built by hand (`new APIError(message)`), is a
/// value rather than `null`; kept from the hand-written classes these replace. By Node name:
/// the default's expression (`message` is the constructor's argument) and its TypeScript type.
pub const FIELD_DEFAULTS: &[(&str, &str, &str)] = &[
    ("status", "0", "number"),
    ("apiMessage", "message", "string"),
    ("bodySnippet", "''", "string"),
    ("maybeSent", "true", "boolean"),
];

/// The default of a field of `kind` built by hand, when [`FIELD_DEFAULTS`] does not name it.
fn default_of(node: &str, kind: &str) -> String {
    if let Some((_, value, _)) = FIELD_DEFAULTS.iter().find(|(name, _, _)| *name == node) {
        return (*value).into();
    }
    match kind {
        "bool" => "false".into(),
        "field_errors" | "headers" => "{}".into(),
        _ => "null".into(),
    }
}

/// Text the Node docs add to a field's summary: durations are milliseconds here.
pub fn field_doc(kind: &str, summary: &str) -> String {
    if kind == "duration" {
        format!("{summary} In milliseconds.")
    } else {
        summary.to_owned()
    }
}

fn errors(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml");
    s.push_str(
        "// The error classes of leat-sdk, and the one mapping from the addon's structured errors to them\n\
         // (`{ class, message, ...fields }`, fields under their Node names). Every failure is a LeatError;\n\
         // no error ever holds an API key, token or secret: the core scrubs them before they cross. Adding\n\
         // a class or a field is an edit of spec/contract.toml and `make generate`.\n\n",
    );
    s.push_str(
        "/** A Buffer of an error's raw bytes: the addon sends them as a list of numbers. */\n\
         function bytes(value) {\n  if (value === undefined || value === null) return Buffer.alloc(0);\n  \
         return Buffer.isBuffer(value) ? value : Buffer.from(value);\n}\n\n",
    );
    for class in &spec.contract.error_classes {
        s.push_str(&error_class(class));
    }
    s.push_str("const CLASSES = {\n");
    for class in &spec.contract.error_classes {
        let _ = writeln!(s, "  {},", class.name);
    }
    s.push_str("};\n\n");
    s.push_str(
        "// `name` on each prototype, not on instances: stacks and util.inspect show the class, and the\n\
         // name survives minifiers.\n\
         for (const [name, Class] of Object.entries(CLASSES)) {\n  \
         Object.defineProperty(Class.prototype, 'name', {\n    value: name,\n    writable: true,\n    \
         configurable: true,\n    enumerable: false,\n  });\n}\n\n",
    );
    s.push_str("/** Leat's error codes: the class an answer with each raises, whatever its HTTP status, and what it means. */\n");
    s.push_str("const ERROR_CODES = Object.freeze({\n");
    for code in &spec.contract.error_codes {
        let entries = [
            format!("class: {}", code.class),
            format!("meaning: {}", string(&code.meaning)),
        ];
        let lead = format!("  {}: Object.freeze(", code.code);
        let _ = writeln!(s, "{lead}{}),", items(&entries, "{", "}", lead.len(), 2, 2));
    }
    s.push_str("});\n\n");
    s.push_str(
        "/**\n * The exported class for an error the addon described as `{ class, message, ...fields }`,\n \
         * with its stack starting below `above` (so it points at the caller's code).\n */\n\
         function errorFrom(payload, above) {\n  \
         const Class = Object.hasOwn(CLASSES, payload.class) ? CLASSES[payload.class] : LeatError;\n  \
         const error = new Class(payload.message, payload);\n  \
         if (above) Error.captureStackTrace(error, above);\n  return error;\n}\n\n",
    );
    s.push_str("module.exports = { ...CLASSES, ERROR_CODES, errorFrom };\n");
    s
}

fn error_class(class: &ErrorClass) -> String {
    let mut s = doc_comment(&class.summary, "");
    if class.parent.is_empty() {
        let _ = writeln!(s, "class {} extends Error {{", class.name);
        s.push_str(
            "  /**\n   * @param {string} message\n   * @param {{ cause?: unknown }} [fields]\n   */\n  \
             constructor(message, fields) {\n    \
             super(message, fields?.cause === undefined ? undefined : { cause: fields.cause });\n  }\n}\n\n",
        );
        return s;
    }
    if class.fields.is_empty() {
        let _ = writeln!(s, "class {} extends {} {{}}\n", class.name, class.parent);
        return s;
    }
    let _ = writeln!(s, "class {} extends {} {{", class.name, class.parent);
    s.push_str("  constructor(message, fields = {}) {\n    super(message, fields);\n");
    for field in &class.fields {
        s.push_str(&doc_comment(
            &field_doc(&field.kind, &field.summary),
            "    ",
        ));
        let value = access("fields", &field.node);
        if field.kind == "bytes" {
            let _ = writeln!(s, "    this.{} = bytes({value});", field.node);
        } else {
            let _ = writeln!(
                s,
                "    this.{} = {value} ?? {};",
                field.node,
                default_of(&field.node, &field.kind)
            );
        }
    }
    s.push_str("  }\n}\n\n");
    s
}

// ---------------------------------------------------------------------------------------------
// lib/enums.js
// ---------------------------------------------------------------------------------------------

fn enums(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml and spec/groups/*.toml");
    s.push_str(
        "// Every enum of the spec as frozen constants: `EventType.CONTACT_CREATED === 'contact_created'`. An\n\
         // open enum accepts any other string too, and answers may carry values added later, returned as\n\
         // they came.\n\n",
    );
    for (name, e) in &spec.enums {
        s.push_str(&doc_comment(&e.summary, ""));
        let _ = writeln!(s, "const {name} = Object.freeze({{");
        for value in &e.values {
            s.push_str(&doc_comment(
                &format!("`{}`: {}", value.value, value.summary),
                "  ",
            ));
            let _ = writeln!(s, "  {}: {},", constant(&value.value), string(&value.value));
        }
        s.push_str("});\n\n");
    }
    let names: Vec<String> = spec.enums.keys().cloned().collect();
    let _ = writeln!(
        s,
        "module.exports = {};",
        items(&names, "{", "}", "module.exports = ".len(), 1, 0)
    );
    s
}

// ---------------------------------------------------------------------------------------------
// lib/models.js
// ---------------------------------------------------------------------------------------------

/// The functions that map a value of a type, and the composite ones (`listOfContact`) they need.
struct Mappers<'s> {
    spec: &'s Spec,
    /// Name -> definition, for lists and maps of mapped values.
    composites: BTreeMap<String, String>,
}

impl<'s> Mappers<'s> {
    fn new(spec: &'s Spec) -> Self {
        Mappers {
            spec,
            composites: BTreeMap::new(),
        }
    }

    /// The function of `lib/models.js` that maps one value of `ty`; `None` when the value is
    /// returned as Leat sent it.
    fn function(&mut self, ty: &TypeExpr) -> Option<String> {
        match ty {
            TypeExpr::Scalar(Scalar::DateTime) => Some("toDate".into()),
            TypeExpr::Scalar(_) => None,
            TypeExpr::Named(name) if self.spec.is_model(name) => Some(mapper(name)),
            TypeExpr::Named(_) => None,
            TypeExpr::List(inner) => {
                let item = self.function(inner)?;
                let name = format!("listOf{}", suffix(inner));
                self.composites.entry(name.clone()).or_insert_with(|| {
                    format!(
                        "/** A list of `{inner}`, each mapped. */\nfunction {name}(value) {{\n  return list(value, {item});\n}}\n\n"
                    )
                });
                Some(name)
            }
            TypeExpr::Map(inner) => {
                let item = self.function(inner);
                let name = format!("dictOf{}", suffix(inner));
                let call = match &item {
                    Some(item) => format!("dict(value, {item})"),
                    None => "dict(value)".into(),
                };
                self.composites.entry(name.clone()).or_insert_with(|| {
                    format!(
                        "/** A map of `{inner}` (PHP's `[]` read as `{{}}`). */\nfunction {name}(value) {{\n  return {call};\n}}\n\n"
                    )
                });
                Some(name)
            }
        }
    }

    /// The expression that maps `field` of `raw`.
    fn field(&mut self, field: &Field) -> String {
        let raw = access("raw", &field.name);
        let ty = field.ty();
        if field.empty_when_absent() {
            let item = match &ty {
                TypeExpr::List(inner) => self.function(inner),
                _ => None,
            };
            return match item {
                Some(item) => format!("listOrEmpty({raw}, {item})"),
                None => format!("listOrEmpty({raw})"),
            };
        }
        match &ty {
            TypeExpr::Scalar(Scalar::DateTime) if !field.maybe_missing() => {
                format!("new Date({raw})")
            }
            TypeExpr::Named(name) if self.spec.is_model(name) && field.maybe_missing() => {
                format!("optionalModel({raw}, {})", mapper(name))
            }
            other => match self.function(other) {
                Some(function) => format!("{function}({raw})"),
                None => raw,
            },
        }
    }

    /// How an operation's `data` is read: the function's name in `lib/models.js`.
    fn returns(&mut self, returns: &Returns) -> Option<String> {
        match returns {
            Returns::None => None,
            Returns::One(ty) | Returns::Page(ty) => {
                Some(self.function(ty).unwrap_or_else(|| "same".into()))
            }
            Returns::List(ty) => Some(
                self.function(&TypeExpr::List(Box::new(ty.clone())))
                    .unwrap_or_else(|| "same".into()),
            ),
        }
    }
}

/// `Contact`, `Json`, `ListOfString`: a type as part of a function's name.
fn suffix(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => pascal(scalar.name()),
        TypeExpr::Named(name) => name.clone(),
        TypeExpr::List(inner) => format!("ListOf{}", suffix(inner)),
        TypeExpr::Map(inner) => format!("DictOf{}", suffix(inner)),
    }
}

fn models(spec: &Spec, mappers: &mut Mappers<'_>) -> String {
    let mut body = String::new();
    let mut exports = Vec::new();
    for (name, model) in &spec.models {
        let fields = format!("{}_FIELDS", upper(&crate::names::snake(name)));
        let names: Vec<String> = model.fields.iter().map(|f| string(&f.name)).collect();
        let lead = format!("const {fields} = new Set(");
        let _ = writeln!(
            body,
            "{lead}{});\n",
            items(&names, "[", "]", lead.len(), 2, 0)
        );
        body.push_str(&doc_comment(
            &format!("`{name}` as the SDK returns it: {}", model.summary),
            "",
        ));
        let _ = writeln!(body, "function {}(raw) {{\n  return {{", mapper(name));
        for field in &model.fields {
            let value = mappers.field(field);
            let _ = writeln!(body, "    {}: {value},", key(&field_property(model, field)));
        }
        let _ = writeln!(body, "    extra: extra(raw, {fields}),\n  }};\n}}\n");
        exports.push(mapper(name));
    }
    let mut s = header("//", "spec/groups/*.toml");
    s.push_str(
        "// Every model of the spec, from Leat's snake_case JSON (checked by the core against the operation's\n\
         // type) to the plain camelCase object the SDK returns: known fields camelCased, timestamps as\n\
         // `Date`, nested models mapped, unknown fields kept as Leat sent them under `extra`.\n\n",
    );
    s.push_str(
        "const { dict, extra, list, listOrEmpty, optionalModel, same, toDate } = require('./mapping');\n\n",
    );
    s.push_str(&body);
    for (name, definition) in &mappers.composites {
        s.push_str(definition);
        exports.push(name.clone());
    }
    exports.push("same".into());
    exports.push("toDate".into());
    s.push_str("module.exports = {\n");
    for name in exports {
        let _ = writeln!(s, "  {name},");
    }
    s.push_str("};\n");
    s
}

// ---------------------------------------------------------------------------------------------
// lib/api/<group>.js
// ---------------------------------------------------------------------------------------------

fn group_module(spec: &Spec, group: &Group, mappers: &mut Mappers<'_>) -> String {
    let class = group_class(spec, group);
    let mut s = header("//", &format!("spec/groups/{}.toml", group.name));
    s.push_str(&line_comment(&format!(
        "`client.{}`: {} Every method starts its call at once and returns an APIPromise (a PagePromise for a list that pages); see lib/request.js.",
        group_property(group),
        group.summary
    )));
    s.push('\n');
    if group.operations.iter().any(|op| kind(op) != "none") {
        s.push_str("const models = require('../models');\n");
    }
    s.push_str("const { request } = require('../request');\n\n");
    for op in &group.operations {
        let read = match mappers.returns(&op.returns()) {
            Some(function) => format!("models.{function}"),
            None => "null".into(),
        };
        s.push_str(&doc_comment(&format!("`{}`: {}", op.id, op.summary), ""));
        let _ = writeln!(s, "const {} = {{", upper(&op.name));
        let _ = writeln!(s, "  id: {},", string(&op.id));
        let _ = writeln!(s, "  name: {},", string(&method(op)));
        let _ = writeln!(s, "  kind: {},", string(kind(op)));
        let _ = writeln!(s, "  read: {read},");
        let _ = writeln!(s, "  sentOnce: {},", !op.retry_safe());
        s.push_str("};\n\n");
    }
    s.push_str(&doc_comment(
        &format!(
            "{} From `client.{}`; the TypeScript declarations document every method.",
            group.summary,
            group_property(group)
        ),
        "",
    ));
    let _ = writeln!(s, "class {class} {{\n  #native;\n");
    let _ = writeln!(
        s,
        "  /** @internal Obtained from `client.{}`. */\n  constructor(native) {{\n    this.#native = native;\n  }}",
        group_property(group)
    );
    for op in &group.operations {
        s.push('\n');
        s.push_str(&doc_comment(
            &format!("{}\n\n{}", op.summary, method_details(spec, op)),
            "  ",
        ));
        let path: Vec<String> = path_params(op).iter().map(|p| camel(&p.name)).collect();
        let path_object = if path.is_empty() {
            "undefined".to_owned()
        } else {
            format!("{{ {} }}", path.join(", "))
        };
        let params = if takes_params(op) {
            "params"
        } else {
            "undefined"
        };
        let _ = writeln!(
            s,
            "  {}({}) {{\n    return request(this.#native, {}, {path_object}, {params}, options);\n  }}",
            method(op),
            arguments(op).join(", "),
            upper(&op.name)
        );
    }
    s.push_str("}\n\n");
    let _ = writeln!(s, "module.exports = {{ {class} }};");
    s
}

fn groups_index(spec: &Spec) -> String {
    let mut s = header("//", "spec/groups/*.toml");
    s.push_str(
        "// Every group of the API: its property on a client, and how to load its class. lib/client.js makes\n\
         // one getter of each, which loads the group's module on first use.\n\n",
    );
    s.push_str("module.exports = {\n");
    for group in &spec.groups {
        let _ = writeln!(
            s,
            "  {}: () => require('./{}').{},",
            group_property(group),
            group_file(group),
            group_class(spec, group)
        );
    }
    s.push_str("};\n");
    s
}

// ---------------------------------------------------------------------------------------------
// index.js, index.mjs
// ---------------------------------------------------------------------------------------------

/// Every name the package exports, in the order the entry points list them.
pub fn public_names(spec: &Spec) -> Vec<(String, &'static str)> {
    let mut names: Vec<(String, &'static str)> = vec![
        ("Client".into(), "Client"),
        ("APIPromise".into(), "APIPromise"),
        ("PagePromise".into(), "PagePromise"),
        ("Page".into(), "Page"),
        ("webhooks".into(), "webhooks"),
    ];
    for name in spec.enums.keys() {
        names.push((name.clone(), "enums"));
    }
    for class in &spec.contract.error_classes {
        names.push((class.name.clone(), "errors"));
    }
    names.push(("AbortError".into(), "AbortError"));
    names.push(("ERROR_CODES".into(), "errors"));
    names
}

fn entry(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml and spec/groups/*.toml");
    s.push_str(
        "// leat-sdk: a Node.js client for the Leat (formerly Piggy) loyalty platform's API, and the `webhooks`\n\
         // helpers that verify deliveries. One Rust core does the work; this package converts arguments and\n\
         // results. The groups of the API are reached from a Client and loaded on first use.\n\n",
    );
    s.push_str(
        "const { AbortError } = require('./lib/abort-error');\n\
         const { APIPromise } = require('./lib/api-promise');\n\
         const { Client } = require('./lib/client');\n\
         const enums = require('./lib/enums');\n\
         const errors = require('./lib/errors');\n\
         const { Page, PagePromise } = require('./lib/pagination');\n\
         const { webhooks } = require('./lib/webhooks');\n\n",
    );
    s.push_str("module.exports = {\n");
    for (name, from) in public_names(spec) {
        match from {
            "enums" | "errors" => {
                let _ = writeln!(s, "  {name}: {from}.{name},");
            }
            _ => {
                let _ = writeln!(s, "  {name},");
            }
        }
    }
    s.push_str("};\n");
    s
}

fn esm_entry(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml and spec/groups/*.toml");
    s.push_str("// The ESM entry: the same objects as the CommonJS entry, so `instanceof` holds across both.\n");
    s.push_str("import sdk from './index.js';\n\nexport const {\n");
    for (name, _) in public_names(spec) {
        let _ = writeln!(s, "  {name},");
    }
    s.push_str("} = sdk;\n\nexport default sdk;\n");
    s
}
