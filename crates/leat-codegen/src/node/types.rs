//! The Node package's type declarations: the error classes (`types/errors.d.ts`), the enums
//! (`types/enums.d.ts`), the models (`types/models.d.ts`), one file per group with its params
//! interfaces and methods (`types/api/`), and `index.d.ts`, which re-exports them with the
//! hand-written `types/runtime.d.ts` and declares the `Client` with a property per group.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::js::{field_doc, FIELD_DEFAULTS};
use super::{
    constant, doc_comment, enum_is_open, field_property, group_class, group_file, group_property,
    key, method, method_details, params_interface, params_required, path_params, string,
    takes_params,
};
use crate::names::camel;
use crate::output::{header, Output};
use crate::spec::{Field, Group, Operation, Param, Returns, Scalar, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add("node/types/errors.d.ts", errors(spec));
    out.add("node/types/enums.d.ts", enums(spec));
    out.add("node/types/models.d.ts", models(spec));
    for group in &spec.groups {
        out.add(
            format!("node/types/api/{}.d.ts", group_file(group)),
            group_types(spec, group),
        );
    }
    out.add("node/index.d.ts", index(spec));
}

/// The names a declaration file imports, by the module they come from.
#[derive(Default)]
struct Imports {
    by_module: BTreeMap<&'static str, BTreeSet<String>>,
}

impl Imports {
    fn add(&mut self, module: &'static str, name: impl Into<String>) {
        self.by_module
            .entry(module)
            .or_default()
            .insert(name.into());
    }

    /// `import type { A, B } from '<module>';` lines, modules given relative to the file.
    fn render(&self, relative: impl Fn(&str) -> String) -> String {
        let mut s = String::new();
        for (module, names) in &self.by_module {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let line = format!(
                "import type {{ {} }} from '{}';",
                names.join(", "),
                relative(module)
            );
            if line.len() <= 120 {
                s.push_str(&line);
                s.push('\n');
            } else {
                s.push_str("import type {\n");
                for name in names {
                    let _ = writeln!(s, "  {name},");
                }
                let _ = writeln!(s, "}} from '{}';", relative(module));
            }
        }
        if !s.is_empty() {
            s.push('\n');
        }
        s
    }
}

// ---------------------------------------------------------------------------------------------
// Types of values
// ---------------------------------------------------------------------------------------------

/// The TypeScript type of a value of `ty` in an answer.
fn output_type(spec: &Spec, ty: &TypeExpr, imports: &mut Imports) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::Integer | Scalar::Number => "number".into(),
            Scalar::Boolean => "boolean".into(),
            Scalar::DateTime => "Date".into(),
            Scalar::Json => "unknown".into(),
            _ => "string".into(),
        },
        TypeExpr::List(inner) => array(output_type(spec, inner, imports)),
        TypeExpr::Map(inner) => format!("Record<string, {}>", output_type(spec, inner, imports)),
        TypeExpr::Named(name) if spec.is_model(name) => {
            imports.add("models", name.clone());
            name.clone()
        }
        TypeExpr::Named(name) => {
            let open = format!("{name}Name");
            imports.add("enums", open.clone());
            open
        }
    }
}

/// The TypeScript type a parameter of `ty` accepts.
fn input_type(spec: &Spec, param: &Param, ty: &TypeExpr, imports: &mut Imports) -> String {
    if let Some(values) = &param.values {
        let literals: Vec<String> = values.iter().map(|v| string(v)).collect();
        return literals.join(" | ");
    }
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::Integer | Scalar::Number => "number".into(),
            Scalar::Boolean => "boolean".into(),
            Scalar::DateTime => "string | Date".into(),
            Scalar::Json => "unknown".into(),
            _ => "string".into(),
        },
        TypeExpr::List(inner) => {
            let item = input_type(spec, param, inner, imports);
            if item.contains(' ') {
                format!("ReadonlyArray<{item}>")
            } else {
                format!("readonly {item}[]")
            }
        }
        TypeExpr::Map(inner) => format!(
            "Record<string, {}>",
            input_type(spec, param, inner, imports)
        ),
        TypeExpr::Named(name) if spec.is_model(name) => "Record<string, unknown>".into(),
        TypeExpr::Named(name) => {
            let e = &spec.enums[name];
            let name = if e.closed_input() {
                format!("Known{name}")
            } else {
                format!("{name}Name")
            };
            imports.add("enums", name.clone());
            name
        }
    }
}

/// `T[]`, parenthesised when `T` is a union.
fn array(item: String) -> String {
    if item.contains(' ') {
        format!("Array<{item}>")
    } else {
        format!("{item}[]")
    }
}

/// The type a method's promise resolves to.
fn returns_type(spec: &Spec, op: &Operation, imports: &mut Imports) -> String {
    match op.returns() {
        Returns::None => {
            imports.add("runtime", "APIPromise");
            "APIPromise<void>".into()
        }
        Returns::One(ty) => {
            imports.add("runtime", "APIPromise");
            format!("APIPromise<{}>", output_type(spec, &ty, imports))
        }
        Returns::List(ty) => {
            imports.add("runtime", "APIPromise");
            format!("APIPromise<{}>", array(output_type(spec, &ty, imports)))
        }
        Returns::Page(ty) => {
            imports.add("runtime", "PagePromise");
            format!("PagePromise<{}>", output_type(spec, &ty, imports))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// types/errors.d.ts
// ---------------------------------------------------------------------------------------------

/// A field's type as an error carries it, and as a hand-built error's `fields` take it.
fn error_field_types(node: &str, kind: &str) -> (String, String) {
    if node == "reason" {
        let t = "SignatureVerificationReason | null".to_owned();
        return (t.clone(), t);
    }
    if let Some((_, _, ty)) = FIELD_DEFAULTS.iter().find(|(name, _, _)| *name == node) {
        return ((*ty).into(), (*ty).into());
    }
    let t = match kind {
        "text" => "string | null",
        "integer" | "duration" => "number | null",
        "bool" => "boolean",
        "field_errors" => "Record<string, string[]>",
        "headers" => "Record<string, string>",
        "bytes" => return ("Buffer".into(), "Uint8Array | readonly number[]".into()),
        other => panic!("unknown error field kind {other}"),
    };
    (t.into(), t.into())
}

/// The nearest class (`name` or a parent) that declares fields: whose `...Fields` it takes.
fn fields_of(spec: &Spec, name: &str) -> Option<String> {
    let mut next = spec.contract.error_classes.iter().find(|c| c.name == name);
    while let Some(class) = next {
        if !class.fields.is_empty() {
            return Some(format!("{}Fields", class.name));
        }
        next = spec
            .contract
            .error_classes
            .iter()
            .find(|c| c.name == class.parent);
    }
    None
}

fn errors(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml");
    s.push_str("// The error classes of leat-sdk (lib/errors.js) and Leat's error codes.\n\n");
    s.push_str("import type { SignatureVerificationReason } from './runtime.js';\n\n");
    for class in &spec.contract.error_classes {
        if class.parent.is_empty() {
            let _ = writeln!(
                s,
                "/** The fields of a {} built by hand: `cause` becomes the standard `cause`. */",
                class.name
            );
            let _ = writeln!(
                s,
                "export interface {}Fields {{\n  cause?: unknown;\n}}\n",
                class.name
            );
            s.push_str(&doc_comment(&class.summary, ""));
            let _ = writeln!(
                s,
                "export declare class {} extends Error {{\n  constructor(message: string, fields?: {}Fields);\n}}\n",
                class.name, class.name
            );
            continue;
        }
        if !class.fields.is_empty() {
            let parent_fields =
                fields_of(spec, &class.parent).unwrap_or_else(|| "LeatErrorFields".into());
            let _ = writeln!(
                s,
                "/** The fields of a {} built by hand (e.g. to fake failures in tests); each has a default. */",
                class.name
            );
            let _ = writeln!(
                s,
                "export interface {}Fields extends {parent_fields} {{",
                class.name
            );
            for field in &class.fields {
                s.push_str(&doc_comment(&field_doc(&field.kind, &field.summary), "  "));
                let (_, input) = error_field_types(&field.node, &field.kind);
                let _ = writeln!(s, "  {}?: {input};", key(&field.node));
            }
            s.push_str("}\n\n");
        }
        s.push_str(&doc_comment(&class.summary, ""));
        if class.fields.is_empty() {
            let _ = writeln!(
                s,
                "export declare class {} extends {} {{}}\n",
                class.name, class.parent
            );
            continue;
        }
        let _ = writeln!(
            s,
            "export declare class {} extends {} {{",
            class.name, class.parent
        );
        let _ = writeln!(
            s,
            "  constructor(message: string, fields?: {}Fields);",
            class.name
        );
        for field in &class.fields {
            s.push_str(&doc_comment(&field_doc(&field.kind, &field.summary), "  "));
            let (output, _) = error_field_types(&field.node, &field.kind);
            let _ = writeln!(s, "  readonly {}: {output};", key(&field.node));
        }
        s.push_str("}\n\n");
    }
    s.push_str("/**\n * Leat's error codes: the class an answer with each raises, whatever its HTTP status, and what\n * it means. A code not listed here is classified by its HTTP status.\n */\n");
    s.push_str("export declare const ERROR_CODES: {\n");
    for code in &spec.contract.error_codes {
        let _ = writeln!(
            s,
            "  /** {} */\n  readonly {}: {{ readonly class: typeof {}; readonly meaning: string }};",
            code.meaning, code.code, code.class
        );
    }
    s.push_str("};\n");
    s
}

// ---------------------------------------------------------------------------------------------
// types/enums.d.ts
// ---------------------------------------------------------------------------------------------

fn enums(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml and spec/groups/*.toml");
    s.push_str("// Every enum of the spec: its known values as a type and as constants (lib/enums.js).\n\n");
    for (name, e) in &spec.enums {
        let _ = writeln!(
            s,
            "/** The values of {name} this version of the SDK knows. */"
        );
        let literals: Vec<String> = e.values.iter().map(|v| string(&v.value)).collect();
        let one_line = format!("export type Known{name} = {};", literals.join(" | "));
        if one_line.len() <= 120 {
            s.push_str(&one_line);
            s.push('\n');
        } else {
            let _ = writeln!(s, "export type Known{name} =");
            for literal in &literals {
                let _ = writeln!(s, "  | {literal}");
            }
            s.truncate(s.len() - 1);
            s.push_str(";\n");
        }
        s.push('\n');
        if enum_is_open(e) {
            s.push_str(&doc_comment(
                &format!(
                    "A {name} as answers carry it: a known one (editors suggest them), or one Leat added since, returned as it came."
                ),
                "",
            ));
            let _ = writeln!(
                s,
                "export type {name}Name = Known{name} | (string & {{}});\n"
            );
        } else {
            let _ = writeln!(s, "/** A {name}: only the known values. */");
            let _ = writeln!(s, "export type {name}Name = Known{name};\n");
        }
        let extra = if e.closed_input() {
            " As input, only these values are accepted."
        } else {
            " Any other string is accepted as input too."
        };
        s.push_str(&doc_comment(&format!("{}{extra}", e.summary), ""));
        let _ = writeln!(s, "export declare const {name}: {{");
        for value in &e.values {
            s.push_str(&doc_comment(
                &format!("`{}`: {}", value.value, value.summary),
                "  ",
            ));
            let _ = writeln!(
                s,
                "  readonly {}: {};",
                constant(&value.value),
                string(&value.value)
            );
        }
        s.push_str("};\n\n");
    }
    s.truncate(s.len() - 1);
    s
}

// ---------------------------------------------------------------------------------------------
// types/models.d.ts
// ---------------------------------------------------------------------------------------------

fn field_type(spec: &Spec, field: &Field, imports: &mut Imports) -> (bool, String) {
    let ty = field.ty();
    let mut text = output_type(spec, &ty, imports);
    if field.empty_when_absent() {
        return (false, text);
    }
    let model = matches!(&ty, TypeExpr::Named(n) if spec.is_model(n));
    if field.nullable || (field.optional && model) {
        text.push_str(" | null");
    }
    (field.optional, text)
}

fn models(spec: &Spec) -> String {
    let mut imports = Imports::default();
    let mut body = String::new();
    for (name, model) in &spec.models {
        body.push_str(&doc_comment(
            &format!(
                "{} A plain object that survives `JSON.stringify` (dates become ISO text).",
                model.summary
            ),
            "",
        ));
        let _ = writeln!(body, "export interface {name} {{");
        for field in &model.fields {
            let mut text = field.summary.clone();
            if field.empty_when_absent() {
                text.push_str(" `[]` when Leat sent none.");
            }
            body.push_str(&doc_comment(&text, "  "));
            let (optional, ty) = field_type(spec, field, &mut imports);
            let _ = writeln!(
                body,
                "  {}{}: {ty};",
                key(&field_property(model, field)),
                if optional { "?" } else { "" }
            );
        }
        body.push_str(
            "  /**\n   * Fields Leat sent that this version of the SDK does not know, under Leat's own (snake_case)\n   \
             * names and with their values as sent. Empty when there are none.\n   */\n  \
             extra: Record<string, unknown>;\n}\n\n",
        );
    }
    body.truncate(body.len() - 1);
    imports.by_module.remove("models");
    let mut s = header("//", "spec/groups/*.toml");
    s.push_str(
        "// Every model Leat answers with, as the SDK returns it: Leat's fields camelCased.\n\n",
    );
    s.push_str(&imports.render(|m| format!("./{m}.js")));
    s.push_str(&body);
    s
}

// ---------------------------------------------------------------------------------------------
// types/api/<group>.d.ts
// ---------------------------------------------------------------------------------------------

fn group_types(spec: &Spec, group: &Group) -> String {
    let mut imports = Imports::default();
    let mut body = String::new();
    let class = group_class(spec, group);
    for op in &group.operations {
        if !takes_params(op) {
            continue;
        }
        let _ = writeln!(
            body,
            "/** The parameters of `client.{}.{}()`; those left out are not sent. */",
            group_property(group),
            method(op)
        );
        let _ = writeln!(body, "export interface {} {{", params_interface(op));
        for param in op.params.iter().filter(|p| p.place != "path") {
            let mut text = param.summary.clone();
            if param.secret {
                text.push_str(" A secret: never shown in errors or logs.");
            }
            body.push_str(&doc_comment(&text, "  "));
            let ty = input_type(spec, param, &param.ty(), &mut imports);
            let _ = writeln!(
                body,
                "  {}{}: {ty};",
                key(&camel(&param.name)),
                if param.is_required() { "" } else { "?" }
            );
        }
        if op.custom_attributes {
            body.push_str(
                "  /**\n   * The account's custom attributes for this call: each entry is sent as a key of the body's own,\n   \
                 * beside the parameters above.\n   */\n  customAttributes?: Record<string, unknown>;\n",
            );
        }
        body.push_str("}\n\n");
    }
    body.push_str(&doc_comment(
        &format!(
            "{} From `client.{}`. Every method checks its arguments before sending (rejecting with a ValidationError) and rejects with a LeatError subclass on failure.",
            group.summary,
            group_property(group)
        ),
        "",
    ));
    let _ = writeln!(body, "export interface {class} {{");
    imports.add("runtime", "CallOptions");
    for op in &group.operations {
        let mut text = format!("{}\n\n{}\n", op.summary, method_details(spec, op));
        for param in path_params(op) {
            let _ = write!(text, "\n@param {} - {}", camel(&param.name), param.summary);
        }
        if takes_params(op) {
            let _ = write!(
                text,
                "\n@param params - See {{@link {}}}.",
                params_interface(op)
            );
        }
        text.push_str("\n@param options - `{ timeout, maxRetries, signal }` for this call.");
        body.push_str(&doc_comment(&text, "  "));
        let mut args: Vec<String> = path_params(op)
            .iter()
            .map(|p| format!("{}: string", camel(&p.name)))
            .collect();
        if takes_params(op) {
            let optional = if params_required(op) { "" } else { "?" };
            args.push(format!("params{optional}: {}", params_interface(op)));
        }
        args.push("options?: CallOptions".into());
        let returns = returns_type(spec, op, &mut imports);
        let line = format!("  {}({}): {returns};", method(op), args.join(", "));
        if line.len() <= 120 {
            body.push_str(&line);
            body.push('\n');
        } else {
            let _ = writeln!(body, "  {}(", method(op));
            for arg in &args {
                let _ = writeln!(body, "    {arg},");
            }
            let _ = writeln!(body, "  ): {returns};");
        }
    }
    body.push_str("}\n");
    let mut s = header("//", &format!("spec/groups/{}.toml", group.name));
    let _ = writeln!(
        s,
        "// `client.{}`: its methods and their parameters.\n",
        group_property(group)
    );
    s.push_str(&imports.render(|m| format!("../{m}.js")));
    s.push_str(&body);
    s
}

// ---------------------------------------------------------------------------------------------
// index.d.ts
// ---------------------------------------------------------------------------------------------

fn index(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml and spec/groups/*.toml");
    s.push_str(
        "/**\n * leat-sdk: a Node.js client for the Leat (formerly Piggy) loyalty platform's API, and\n \
         * {@link webhooks} to verify the deliveries Leat sends. One Rust core does the work (validation,\n \
         * retries, timeouts, OAuth, decoding, error classification, signature checks); this package\n \
         * converts arguments and results. Every group of the API is a property of a {@link Client}:\n \
         * `client.contacts`, `client.creditReceptions`, ... (docs/reference/node.md lists them all).\n *\n \
         * @example\n * ```ts\n * import { Client } from 'leat-sdk';\n *\n \
         * const client = new Client({ apiKey: process.env.LEAT_API_KEY });\n \
         * const contact = await client.contacts.findOrCreate({ email: 'jane@example.com' });\n \
         * for await (const transaction of client.loyaltyTransactions.list({ contactUuid: contact.uuid })) {\n \
         *   console.log(transaction.uuid);\n * }\n * ```\n *\n * @packageDocumentation\n */\n\n",
    );
    s.push_str("export * from './types/runtime.js';\nexport * from './types/errors.js';\nexport * from './types/enums.js';\nexport * from './types/models.js';\nexport * from './types/webhook-events.js';\n");
    for group in &spec.groups {
        let _ = writeln!(s, "export * from './types/api/{}.js';", group_file(group));
    }
    s.push('\n');
    s.push_str(
        "import type { ClientOptions, RequestOptions, Webhooks } from './types/runtime.js';\n",
    );
    for group in &spec.groups {
        let _ = writeln!(
            s,
            "import type {{ {} }} from './types/api/{}.js';",
            group_class(spec, group),
            group_file(group)
        );
    }
    s.push_str(
        "\n/**\n * A client for the Leat API. Cheap to keep: one per process serves any number of concurrent calls\n \
         * over one connection pool and one OAuth token. Nothing to close. Each group of the API is a\n \
         * property, made on first use.\n *\n \
         * Its credentials stay inside the native addon: `util.inspect(client)` and `JSON.stringify(client)`\n \
         * show the base URL only.\n *\n * @example\n * ```ts\n \
         * const client = new Client({ apiKey: 'my-personal-access-token', timeout: 10_000 });\n * ```\n \
         * @throws {@link ConfigurationError} when the options cannot make a client.\n */\n",
    );
    s.push_str("export declare class Client {\n  constructor(options?: ClientOptions);\n  /** The base URL requests go to. */\n  readonly baseUrl: string;\n  /**\n   * What a received webhook event leads to: `await client.webhooks.resolve(event)` fetches the\n   * current state of its entity (docs/webhook-events.md says how, for each event type).\n   */\n  readonly webhooks: Webhooks;\n");
    for group in &spec.groups {
        s.push_str(&doc_comment(&group.summary, "  "));
        let _ = writeln!(
            s,
            "  readonly {}: {};",
            group_property(group),
            group_class(spec, group)
        );
    }
    s.push_str(
        "  /**\n   * A client whose calls use these settings instead, sharing this client's connections,\n   \
         * credentials and OAuth token.\n   *\n   * @example\n   * ```ts\n   \
         * const quick = client.withOptions({ timeout: 2_000, maxRetries: 0 });\n   * ```\n   \
         * @throws {@link ConfigurationError} for a setting out of bounds.\n   */\n  \
         withOptions(options: RequestOptions): Client;\n  /** `{ baseUrl }`: what `JSON.stringify(client)` shows. */\n  \
         toJSON(): { baseUrl: string };\n}\n",
    );
    s
}
