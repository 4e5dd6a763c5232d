//! The core crate's generated sources: the error-kind table (`contract_table.rs`), the enums
//! (`enums.rs`), one module of models per group (`models/`), and one module per group of
//! operations with their parameter structs and descriptors (`api/`).

use std::fmt::Write as _;

use crate::names::{pascal, quote, rust_ident, upper};
use crate::output::{header, Output};
use crate::spec::{Enum, Field, Group, Model, Operation, Param, Returns, Scalar, Spec, TypeExpr};

const CRATE: &str = "crates/leat/src";

/// The directories whose generated files this module owns.
pub const OWNED: &[&str] = &["crates/leat/src/api", "crates/leat/src/models"];

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add_rust(format!("{CRATE}/contract_table.rs"), contract_table(spec));
    out.add_rust(format!("{CRATE}/enums.rs"), enums(spec));
    out.add_rust(format!("{CRATE}/models/mod.rs"), models_mod(spec));
    for group in &spec.groups {
        if !group.models.is_empty() {
            out.add_rust(
                format!("{CRATE}/models/{}.rs", group.name),
                models_file(spec, group),
            );
        }
        out.add_rust(
            format!("{CRATE}/api/{}.rs", group.name),
            api_file(spec, group),
        );
    }
    out.add_rust(format!("{CRATE}/api/mod.rs"), api_mod(spec));
}

fn doc(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// contract_table.rs
// ---------------------------------------------------------------------------------------------

fn contract_table(spec: &Spec) -> String {
    let mut s = header("//!", "spec/contract.toml");
    s.push_str("//! The contract's tables: the kinds of API error and the class each is in each\n//! language, Leat's error codes, and every error class with its fields.\n\n");
    s.push_str("use crate::contract::{class, field, ErrorClass, ErrorCode, FieldKind};\n\n");
    let api: Vec<_> = spec
        .contract
        .error_classes
        .iter()
        .filter(|c| c.kind.is_some())
        .collect();
    s.push_str(
        "/// What kind of error Leat answered, from its `code` first and the HTTP status second.\n",
    );
    s.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n#[non_exhaustive]\npub enum ApiErrorKind {\n");
    // `Other` (the base class) goes last.
    let mut ordered: Vec<_> = api
        .iter()
        .filter(|c| c.kind.as_deref() != Some("Other"))
        .collect();
    ordered.extend(api.iter().filter(|c| c.kind.as_deref() == Some("Other")));
    for class in &ordered {
        s.push_str(&doc(
            &format!("`{}`: {}", class.name, class.summary),
            "    ",
        ));
        let _ = writeln!(s, "    {},", class.kind.as_ref().unwrap());
    }
    s.push_str("}\n\nimpl ApiErrorKind {\n");
    s.push_str("    /// Every kind.\n    pub const ALL: &'static [ApiErrorKind] = &[\n");
    for class in &ordered {
        let _ = writeln!(s, "        ApiErrorKind::{},", class.kind.as_ref().unwrap());
    }
    s.push_str("    ];\n\n");
    s.push_str("    /// The class an error of this kind is in the Python and Node packages.\n");
    s.push_str("    pub fn class_name(self) -> &'static str {\n        match self {\n");
    for class in &ordered {
        let _ = writeln!(
            s,
            "            ApiErrorKind::{} => {},",
            class.kind.as_ref().unwrap(),
            quote(&class.name)
        );
    }
    s.push_str("        }\n    }\n\n");
    s.push_str("    /// The kind Leat's error `code` gives, when the contract lists it.\n");
    s.push_str("    pub fn for_code(code: i64) -> Option<ApiErrorKind> {\n        match code {\n");
    for code in &spec.contract.error_codes {
        let kind = spec
            .contract
            .error_classes
            .iter()
            .find(|c| c.name == code.class)
            .and_then(|c| c.kind.clone())
            .unwrap();
        let _ = writeln!(
            s,
            "            {} => Some(ApiErrorKind::{kind}),",
            code.code
        );
    }
    s.push_str("            _ => None,\n        }\n    }\n\n");
    s.push_str("    /// The kind an HTTP status gives when the body's code does not decide.\n");
    s.push_str("    pub fn for_status(status: u16) -> ApiErrorKind {\n        match status {\n");
    for class in &ordered {
        for status in &class.statuses {
            let _ = writeln!(
                s,
                "            {status} => ApiErrorKind::{},",
                class.kind.as_ref().unwrap()
            );
        }
    }
    for class in &ordered {
        if class.server_errors {
            let _ = writeln!(
                s,
                "            500..=599 => ApiErrorKind::{},",
                class.kind.as_ref().unwrap()
            );
        }
    }
    s.push_str("            _ => ApiErrorKind::Other,\n        }\n    }\n}\n\n");
    s.push_str("/// Every error class of the Python and Node packages, parents before children.\n");
    s.push_str("pub const ERROR_CLASSES: &[ErrorClass] = &[\n");
    for class in &spec.contract.error_classes {
        let _ = write!(
            s,
            "    class({}, {}, &[",
            quote(&class.name),
            quote(&class.parent)
        );
        for f in &class.fields {
            let kind = match f.kind.as_str() {
                "text" => "Text",
                "integer" => "Integer",
                "bool" => "Bool",
                "duration" => "Duration",
                "field_errors" => "FieldErrors",
                "headers" => "Headers",
                "bytes" => "Bytes",
                other => panic!("unknown field kind {other}"),
            };
            let _ = write!(
                s,
                "field({}, {}, FieldKind::{kind}, {}),",
                quote(&f.name),
                quote(&f.node),
                quote(&f.summary)
            );
        }
        let _ = writeln!(s, "], {}),", quote(&class.summary));
    }
    s.push_str("];\n\n/// Leat's error codes, and the class each raises.\npub const ERROR_CODES: &[ErrorCode] = &[\n");
    for code in &spec.contract.error_codes {
        let _ = writeln!(
            s,
            "    ErrorCode {{ code: {}, class: {}, meaning: {} }},",
            code.code,
            quote(&code.class),
            quote(&code.meaning)
        );
    }
    s.push_str("];\n");
    s
}

// ---------------------------------------------------------------------------------------------
// enums.rs
// ---------------------------------------------------------------------------------------------

fn enums(spec: &Spec) -> String {
    let mut s = header("//!", "spec/contract.toml and spec/groups/*.toml");
    s.push_str("//! The enums of the spec, open: a value this version does not know is kept as\n//! `Other`.\n\n");
    s.push_str("use std::fmt;\nuse std::str::FromStr;\n\nuse serde::{Deserialize, Deserializer, Serialize, Serializer};\n\nuse crate::open_enum::open_enum;\n\n");
    for (name, e) in &spec.enums {
        s.push_str(&enum_def(name, e));
    }
    s
}

fn enum_def(name: &str, e: &Enum) -> String {
    let mut s = String::from("open_enum! {\n");
    s.push_str(&doc(&e.summary, "    "));
    if e.closed_input() {
        s.push_str("    ///\n    /// Only the values listed are accepted as input; an answer may still carry another,\n    /// kept as [`Self::Other`].\n");
    } else {
        s.push_str("    ///\n    /// Leat adds values over time: one this SDK does not know arrives as [`Self::Other`]\n    /// and is accepted as input too.\n");
    }
    let _ = writeln!(s, "    {name} {{");
    for value in &e.values {
        s.push_str(&doc(
            &format!("`{}`: {}", value.value, value.summary),
            "        ",
        ));
        let _ = writeln!(
            s,
            "        {} => {},",
            variant(&value.value),
            quote(&value.value)
        );
    }
    s.push_str("    }\n}\n\n");
    s
}

/// `contact_created` / `ACTIVE` -> `ContactCreated` / `Active`.
pub fn variant(value: &str) -> String {
    pascal(&value.to_ascii_lowercase().replace(['-', ' ', '.'], "_"))
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// The Rust type of a value of `ty` in a model.
fn rust_type(ty: &TypeExpr, owner: &str) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => scalar_type(*scalar).into(),
        TypeExpr::List(inner) => format!("Vec<{}>", rust_type(inner, "")),
        TypeExpr::Map(inner) if **inner == TypeExpr::Scalar(Scalar::Json) => {
            "serde_json::Map<String, serde_json::Value>".into()
        }
        TypeExpr::Map(inner) => format!(
            "std::collections::BTreeMap<String, {}>",
            rust_type(inner, "")
        ),
        TypeExpr::Named(name) if name == owner => format!("Box<{name}>"),
        TypeExpr::Named(name) => name.clone(),
    }
}

fn scalar_type(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String | Scalar::Uuid | Scalar::Url | Scalar::Email => "String",
        Scalar::Integer => "i64",
        Scalar::Number => "f64",
        Scalar::Boolean => "bool",
        Scalar::DateTime => "time::OffsetDateTime",
        Scalar::Date => "time::Date",
        Scalar::Json => "serde_json::Value",
    }
}

/// The Rust type of a parameter (input): dates stay text.
pub fn param_type(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(Scalar::DateTime | Scalar::Date) => "String".into(),
        TypeExpr::Scalar(scalar) => scalar_type(*scalar).into(),
        TypeExpr::List(inner) => format!("Vec<{}>", param_type(inner)),
        TypeExpr::Map(inner) if **inner == TypeExpr::Scalar(Scalar::Json) => {
            "serde_json::Map<String, serde_json::Value>".into()
        }
        TypeExpr::Map(inner) => {
            format!("std::collections::BTreeMap<String, {}>", param_type(inner))
        }
        TypeExpr::Named(name) => name.clone(),
    }
}

fn is_model(spec: &Spec, ty: &TypeExpr) -> bool {
    matches!(ty, TypeExpr::Named(n) if spec.is_model(n))
}

fn field_type(field: &Field, owner: &str) -> String {
    let ty = rust_type(&field.ty(), owner);
    if field.maybe_missing() {
        format!("Option<{ty}>")
    } else {
        ty
    }
}

// ---------------------------------------------------------------------------------------------
// models
// ---------------------------------------------------------------------------------------------

fn models_mod(spec: &Spec) -> String {
    let mut s = header("//!", "spec/groups/*.toml");
    s.push_str("//! Every model Leat answers with, typed, each keeping the fields this version does not\n//! know in `extra`.\n\n");
    for group in &spec.groups {
        if !group.models.is_empty() {
            let _ = writeln!(s, "mod {};", group.name);
        }
    }
    s.push('\n');
    for group in &spec.groups {
        if !group.models.is_empty() {
            let _ = writeln!(s, "pub use {}::*;", group.name);
        }
    }
    s
}

fn models_file(spec: &Spec, group: &Group) -> String {
    let mut s = header("//!", &format!("spec/groups/{}.toml", group.name));
    let _ = writeln!(s, "//! The models of {}.\n", group.title);
    s.push_str("#![allow(unused_imports)]\n\nuse serde_json::{Map, Value};\n\nuse crate::from_json::{self, DecodeError, FromJson, ToJson};\nuse crate::enums::*;\nuse crate::models::*;\n\n");
    for (name, model) in &group.models {
        s.push_str(&model_def(spec, name, model));
    }
    s
}

fn model_def(spec: &Spec, name: &str, model: &Model) -> String {
    let mut s = doc(&model.summary, "");
    s.push_str("#[derive(Debug, Clone, PartialEq)]\n#[non_exhaustive]\n#[allow(non_snake_case)]\n");
    let _ = writeln!(s, "pub struct {name} {{");
    for field in &model.fields {
        let mut text = field.summary.clone();
        if field.maybe_missing() {
            text.push_str(if field.optional {
                " `None` when Leat leaves it out or sends `null`."
            } else {
                " `None` when Leat sends `null`."
            });
        } else if field.empty_when_absent() {
            text.push_str(" Empty when Leat leaves it out.");
        }
        s.push_str(&doc(&text, "    "));
        let _ = writeln!(
            s,
            "    pub {}: {},",
            rust_ident(&field.name),
            field_type(field, name)
        );
    }
    s.push_str("    /// Fields Leat sent that this version of the SDK does not know, kept as they came.\n    pub extra: Map<String, Value>,\n}\n\n");
    let _ = writeln!(s, "impl {name} {{");
    s.push_str(
        "    /// The fields this version of the SDK knows, as Leat names them, in Leat's order.\n",
    );
    let names: Vec<String> = model.fields.iter().map(|f| quote(&f.name)).collect();
    let _ = writeln!(
        s,
        "    pub const FIELDS: &'static [&'static str] = &[{}];\n",
        names.join(", ")
    );
    s.push_str(
        "    /// The model as a JSON object with Leat's field names, unknown fields included.\n",
    );
    let _ = writeln!(s, "    pub fn to_json(&self) -> Map<String, Value> {{");
    let _ = writeln!(
        s,
        "        let mut map = Map::with_capacity({} + self.extra.len());",
        model.fields.len()
    );
    for field in &model.fields {
        let ident = rust_ident(&field.name);
        let key = quote(&field.name);
        if field.maybe_missing() {
            if field.nullable && !field.optional {
                let _ = writeln!(
                    s,
                    "        map.insert({key}.into(), self.{ident}.to_json_value());"
                );
            } else {
                let _ = writeln!(s, "        if let Some(value) = &self.{ident} {{ map.insert({key}.into(), value.to_json_value()); }}");
            }
        } else {
            let _ = writeln!(
                s,
                "        map.insert({key}.into(), self.{ident}.to_json_value());"
            );
        }
    }
    s.push_str("        for (key, value) in &self.extra {\n            map.insert(key.clone(), value.clone());\n        }\n        map\n    }\n}\n\n");
    let _ = writeln!(s, "impl FromJson for {name} {{");
    s.push_str("    fn from_json(value: &Value) -> Result<Self, DecodeError> {\n");
    let _ = writeln!(
        s,
        "        let object = from_json::object(value, {})?;",
        quote(name)
    );
    let _ = writeln!(s, "        Ok({name} {{");
    for field in &model.fields {
        let ident = rust_ident(&field.name);
        let key = quote(&field.name);
        let ty = rust_type(&field.ty(), name);
        let read = if field.empty_when_absent() {
            format!("from_json::list_or_empty(object, {key})?")
        } else if field.maybe_missing() && is_model(spec, &field.ty()) {
            format!("from_json::optional_object::<{ty}>(object, {key})?")
        } else if field.maybe_missing() && field.nullable && !field.optional {
            format!("from_json::required::<Option<{ty}>>(object, {key})?")
        } else if field.maybe_missing() {
            format!("from_json::optional::<{ty}>(object, {key})?")
        } else {
            format!("from_json::required::<{ty}>(object, {key})?")
        };
        let _ = writeln!(s, "            {ident}: {read},");
    }
    let _ = writeln!(
        s,
        "            extra: from_json::extra(object, Self::FIELDS),"
    );
    s.push_str("        })\n    }\n}\n\n");
    let _ = writeln!(s, "impl ToJson for {name} {{\n    fn to_json_value(&self) -> Value {{\n        Value::Object(self.to_json())\n    }}\n}}\n");
    let _ = writeln!(s, "crate::__model_serde!({name});\n");
    s
}

// ---------------------------------------------------------------------------------------------
// api
// ---------------------------------------------------------------------------------------------

fn api_mod(spec: &Spec) -> String {
    let mut s = header("//!", "spec/groups/*.toml");
    s.push_str(
        "//! Every group of Leat's operations: one module each, reached from [`Client`].\n\n",
    );
    s.push_str("use crate::client::Client;\nuse crate::operation::Operation;\n\n");
    for group in &spec.groups {
        s.push_str(&doc(&group.summary, ""));
        let _ = writeln!(s, "pub mod {};", group.name);
    }
    s.push_str("\n/// Every operation, group by group.\npub(crate) static OPERATIONS: &[&Operation] = &[\n");
    for op in spec.operations() {
        let _ = writeln!(s, "    &{}::{},", op.group, upper(&op.name));
    }
    s.push_str("];\n\n/// The operation with this id.\npub(crate) fn find(id: &str) -> Option<&'static Operation> {\n    Some(match id {\n");
    for op in spec.operations() {
        let _ = writeln!(
            s,
            "        {} => &{}::{},",
            quote(&op.id),
            op.group,
            upper(&op.name)
        );
    }
    s.push_str("        _ => return None,\n    })\n}\n\nimpl Client {\n");
    for group in &spec.groups {
        s.push_str(&doc(&group.summary, "    "));
        let _ = writeln!(
            s,
            "    pub fn {0}(&self) -> {0}::{1}<'_> {{\n        {0}::{1}::new(self)\n    }}\n",
            group.name,
            resource_name(spec, &group.name)
        );
    }
    s.push_str("}\n");
    s
}

/// The longest path every operation of the group starts with (up to a `/`), without
/// parameters.
fn common_path(group: &Group) -> String {
    let paths: Vec<Vec<&str>> = group
        .operations
        .iter()
        .map(|op| {
            op.path
                .split('/')
                .take_while(|s| !s.starts_with('{'))
                .collect()
        })
        .collect();
    let Some(first) = paths.first() else {
        return String::new();
    };
    let mut common = first.clone();
    for path in &paths[1..] {
        let shared = common.iter().zip(path).take_while(|(a, b)| a == b).count();
        common.truncate(shared);
    }
    common.join("/")
}

/// The resource struct of a group: its PascalCase name, unless a model has that name.
pub fn resource_name(spec: &Spec, group: &str) -> String {
    let name = pascal(group);
    if spec.models.contains_key(&name) || spec.enums.contains_key(&name) {
        format!("{name}Resource")
    } else {
        name
    }
}

fn params_struct_name(op: &Operation) -> String {
    format!("{}Params", pascal(&op.name))
}

/// The non-path parameters, and whether the operation takes a params struct at all.
fn struct_params(op: &Operation) -> Vec<&Param> {
    op.params.iter().filter(|p| p.place != "path").collect()
}

fn takes_struct(op: &Operation) -> bool {
    !struct_params(op).is_empty() || op.custom_attributes
}

fn return_type(op: &Operation) -> String {
    match op.returns() {
        Returns::One(ty) => rust_type(&ty, ""),
        Returns::List(ty) => format!("Vec<{}>", rust_type(&ty, "")),
        Returns::Page(ty) => format!("crate::Page<{}>", rust_type(&ty, "")),
        Returns::None => "()".into(),
    }
}

fn api_file(spec: &Spec, group: &Group) -> String {
    let mut s = header("//!", &format!("spec/groups/{}.toml", group.name));
    let _ = writeln!(s, "//! {}: {}\n", group.title, group.summary);
    s.push_str("#![allow(unused_imports)]\n\nuse std::fmt;\n\nuse serde::Serialize;\nuse serde_json::{Map, Value};\n\n");
    s.push_str("use crate::build::Args;\nuse crate::call::Call;\nuse crate::client::Client;\nuse crate::enums::*;\nuse crate::error::Result;\nuse crate::models::*;\nuse crate::operation::{Operation, Pagination, Param, ParamKind, Place, Returns};\n\n");
    s.push_str("/// Where the group's operations live below the base URL.\n");
    let _ = writeln!(
        s,
        "pub const PATH: &str = {};\n",
        quote(&common_path(group))
    );
    let resource = resource_name(spec, &group.name);
    s.push_str(&doc(
        &format!("{}\n\nFrom [`Client::{}`].", group.summary, group.name),
        "",
    ));
    let _ = writeln!(s, "#[derive(Debug, Clone, Copy)]\npub struct {resource}<'a> {{\n    client: &'a Client,\n}}\n");
    let _ = writeln!(s, "impl<'a> {resource}<'a> {{\n    pub(crate) fn new(client: &'a Client) -> Self {{\n        {resource} {{ client }}\n    }}\n");
    for op in &group.operations {
        s.push_str(&method(op));
    }
    s.push_str("}\n\n");
    for op in &group.operations {
        if takes_struct(op) {
            s.push_str(&params_struct(spec, op));
        }
    }
    for op in &group.operations {
        s.push_str(&descriptor(spec, op));
    }
    s
}

fn method_doc(op: &Operation) -> String {
    let mut text = format!("{}\n\n`{} {}`", op.summary, op.method, op.path);
    if !op.errors.is_empty() {
        let codes: Vec<String> = op.errors.iter().map(|c| c.to_string()).collect();
        let _ = write!(text, "; Leat's error codes: {}", codes.join(", "));
    }
    text.push('.');
    if !op.retry_safe() {
        text.push_str(" Sent once: a call whose outcome is unknown (a connection broken after\nsending, a timeout) is never repeated.");
    }
    text.push_str("\n\n# Errors\n[`Error::InvalidArgument`](crate::Error::InvalidArgument) for a bad argument (nothing is\nsent), or any error of the call.");
    text
}

fn method(op: &Operation) -> String {
    let mut s = doc(&method_doc(op), "    ");
    let mut args = Vec::new();
    for p in op.params_in("path") {
        args.push(format!("{}: &str", rust_ident(&p.name)));
    }
    if takes_struct(op) {
        args.push(format!("params: {}", params_struct_name(op)));
    }
    let args_text = if args.is_empty() {
        String::new()
    } else {
        format!(", {}", args.join(", "))
    };
    let _ = writeln!(
        s,
        "    pub fn {}(&self{args_text}) -> Call<{}> {{",
        rust_ident(&op.name),
        return_type(op)
    );
    if takes_struct(op) && op.params_in("path").next().is_none() {
        s.push_str("        let args = params.to_args();\n");
    } else if takes_struct(op) {
        s.push_str("        let args = params.to_args().map(|mut args| {\n");
        for p in op.params_in("path") {
            let _ = writeln!(
                s,
                "            args.insert({}.into(), Value::from({}));",
                quote(&p.name),
                rust_ident(&p.name)
            );
        }
        s.push_str("            args\n        });\n");
    } else {
        s.push_str("        #[allow(unused_mut)]\n        let mut args = Args::new();\n");
        for p in op.params_in("path") {
            let _ = writeln!(
                s,
                "        args.insert({}.into(), Value::from({}));",
                quote(&p.name),
                rust_ident(&p.name)
            );
        }
        s.push_str("        let args = Ok(args);\n");
    }
    let _ = writeln!(
        s,
        "        Call::new(self.client, &{}, args)\n    }}\n",
        upper(&op.name)
    );
    s
}

fn params_struct(spec: &Spec, op: &Operation) -> String {
    let name = params_struct_name(op);
    let params = struct_params(op);
    let required: Vec<&&Param> = params.iter().filter(|p| p.is_required()).collect();
    let mut s = doc(
        &format!(
            "The arguments of [`{}`]({}::{}); fields left `None` are not sent.",
            op.name,
            resource_name(spec, &op.group),
            rust_ident(&op.name)
        ),
        "",
    );
    let derive_default = required.is_empty();
    if derive_default {
        s.push_str("#[derive(Clone, Default, PartialEq, Serialize)]\n");
    } else {
        s.push_str("#[derive(Clone, PartialEq, Serialize)]\n");
    }
    let _ = writeln!(s, "pub struct {name} {{");
    for p in &params {
        let mut text = p.summary.clone();
        if p.is_required() {
            text.push_str(" Required.");
        }
        if p.secret {
            text.push_str(" Never shown in `Debug`.");
        }
        s.push_str(&doc(&text, "    "));
        let ty = param_type(&p.ty());
        if p.is_required() {
            let _ = writeln!(s, "    pub {}: {ty},", rust_ident(&p.name));
        } else {
            let _ = writeln!(s, "    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub {}: Option<{ty}>,", rust_ident(&p.name));
        }
    }
    if op.custom_attributes {
        s.push_str("    /// The account's custom attributes, sent as keys of the body's own.\n    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub custom_attributes: Option<Map<String, Value>>,\n");
    }
    s.push_str("}\n\n");
    let _ = writeln!(s, "impl {name} {{");
    // new(): the required ones.
    let mut new_args = Vec::new();
    let mut fields = Vec::new();
    for p in &params {
        let ident = rust_ident(&p.name);
        if p.is_required() {
            new_args.push(format!("{ident}: impl Into<{}>", param_type(&p.ty())));
            fields.push(format!("{ident}: {ident}.into()"));
        } else {
            fields.push(format!("{ident}: None"));
        }
    }
    if op.custom_attributes {
        fields.push("custom_attributes: None".into());
    }
    if required.is_empty() {
        s.push_str("    /// Nothing set.\n");
    } else {
        let names: Vec<String> = required.iter().map(|p| format!("`{}`", p.name)).collect();
        let _ = writeln!(
            s,
            "    /// The required {}; the rest left out.",
            names.join(", ")
        );
    }
    let _ = writeln!(
        s,
        "    #[must_use]\n    pub fn new({}) -> Self {{\n        {name} {{ {} }}\n    }}\n",
        new_args.join(", "),
        fields.join(", ")
    );
    for p in params.iter().filter(|p| !p.is_required()) {
        let ident = rust_ident(&p.name);
        let setter = setter_name(&p.name);
        let ty = param_type(&p.ty());
        s.push_str(&doc(
            &format!("Sets `{}`: {}", p.name, lower_first(&p.summary)),
            "    ",
        ));
        match p.ty() {
            TypeExpr::List(inner) => {
                let item = param_type(&inner);
                let _ = writeln!(s, "    #[must_use]\n    pub fn {setter}<I, V>(mut self, {ident}: I) -> Self where I: IntoIterator<Item = V>, V: Into<{item}> {{\n        self.{ident} = Some({ident}.into_iter().map(Into::into).collect());\n        self\n    }}\n");
            }
            _ => {
                let _ = writeln!(s, "    #[must_use]\n    pub fn {setter}(mut self, {ident}: impl Into<{ty}>) -> Self {{\n        self.{ident} = Some({ident}.into());\n        self\n    }}\n");
            }
        }
    }
    if op.custom_attributes {
        s.push_str("    /// Adds one of the account's custom attributes, sent as a key of the body.\n    #[must_use]\n    pub fn custom_attribute(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {\n        self.custom_attributes.get_or_insert_with(Map::new).insert(name.into(), value.into());\n        self\n    }\n\n");
    }
    let _ = writeln!(s, "    /// Checks these arguments as the call would, without sending anything.\n    ///\n    /// # Errors\n    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming the argument refused.\n    pub fn validate(&self) -> Result<()> {{\n        crate::build::check_params(&{}, &self.to_args()?)\n    }}\n", upper(&op.name));
    s.push_str("    fn to_args(&self) -> Result<Args> {\n        crate::build::params_to_args(self)\n    }\n}\n\n");
    // Debug with secrets redacted.
    let _ = writeln!(s, "impl fmt::Debug for {name} {{\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{");
    let _ = writeln!(s, "        f.debug_struct({})", quote(&name));
    for p in &params {
        let ident = rust_ident(&p.name);
        if p.secret {
            if p.is_required() {
                let _ = writeln!(s, "            .field({}, &\"<redacted>\")", quote(&p.name));
            } else {
                let _ = writeln!(
                    s,
                    "            .field({}, &self.{ident}.as_ref().map(|_| \"<redacted>\"))",
                    quote(&p.name)
                );
            }
        } else {
            let _ = writeln!(s, "            .field({}, &self.{ident})", quote(&p.name));
        }
    }
    if op.custom_attributes {
        s.push_str("            .field(\"custom_attributes\", &self.custom_attributes)\n");
    }
    s.push_str("            .finish()\n    }\n}\n\n");
    s
}

/// A setter's name: the field's, unless it would clash with a method every struct has.
fn setter_name(name: &str) -> String {
    match name {
        "new" | "validate" | "to_args" => format!("with_{name}"),
        other => rust_ident(other),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A parameter kind as a Rust constant expression.
fn kind_expr(spec: &Spec, p: &Param, ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => {
            if let Some(values) = &p.values {
                let listed: Vec<String> = values.iter().map(|v| quote(v)).collect();
                return format!(
                    "ParamKind::Enum {{ name: {}, values: &[{}], closed: true }}",
                    quote(&p.name),
                    listed.join(", ")
                );
            }
            format!("ParamKind::{}", scalar_kind(*scalar))
        }
        TypeExpr::List(inner) => format!("ParamKind::List(&{})", kind_expr(spec, p, inner)),
        TypeExpr::Map(inner) => format!("ParamKind::Map(&{})", kind_expr(spec, p, inner)),
        TypeExpr::Named(name) => {
            let e = &spec.enums[name];
            let listed: Vec<String> = e.values.iter().map(|v| quote(&v.value)).collect();
            format!(
                "ParamKind::Enum {{ name: {}, values: &[{}], closed: {} }}",
                quote(name),
                listed.join(", "),
                e.closed_input()
            )
        }
    }
}

fn scalar_kind(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "String",
        Scalar::Uuid => "Uuid",
        Scalar::Url => "Url",
        Scalar::Email => "Email",
        Scalar::Integer => "Integer",
        Scalar::Number => "Number",
        Scalar::Boolean => "Boolean",
        Scalar::DateTime => "DateTime",
        Scalar::Date => "Date",
        Scalar::Json => "Json",
    }
}

fn check_fn(op: &Operation) -> String {
    match op.returns() {
        Returns::One(ty) => format!("crate::from_json::check::<{}>", rust_type(&ty, "")),
        Returns::List(ty) | Returns::Page(ty) => {
            format!("crate::from_json::check_list::<{}>", rust_type(&ty, ""))
        }
        Returns::None => "crate::from_json::check_nothing".into(),
    }
}

fn returns_expr(op: &Operation) -> String {
    let name = |ty: &TypeExpr| quote(&ty.to_string());
    match op.returns() {
        Returns::One(ty) => format!("Returns::One({})", name(&ty)),
        Returns::List(ty) => format!("Returns::List({})", name(&ty)),
        Returns::Page(ty) => {
            let pagination = match op.pagination.as_deref() {
                Some("laravel") => "Laravel",
                _ => "PageLimit",
            };
            format!("Returns::Page({}, Pagination::{pagination})", name(&ty))
        }
        Returns::None => "Returns::None".into(),
    }
}

fn descriptor(spec: &Spec, op: &Operation) -> String {
    let mut s = format!("/// `{}`: {}\n", op.id, op.summary);
    let _ = writeln!(
        s,
        "pub(crate) static {}: Operation = Operation {{",
        upper(&op.name)
    );
    let _ = writeln!(s, "    id: {},", quote(&op.id));
    let _ = writeln!(s, "    group: {},", quote(&op.group));
    let _ = writeln!(s, "    name: {},", quote(&op.name));
    let _ = writeln!(s, "    summary: {},", quote(&op.summary));
    let _ = writeln!(s, "    method: {},", quote(&op.method));
    let _ = writeln!(s, "    path: {},", quote(&op.path));
    s.push_str("    params: &[\n");
    for p in &op.params {
        let place = match p.place.as_str() {
            "path" => "Path",
            "query" => "Query",
            _ => "Body",
        };
        let _ = writeln!(
            s,
            "        Param {{ name: {}, node_name: {}, place: Place::{place}, kind: {}, required: {}, allow_empty: {}, secret: {}, summary: {} }},",
            quote(&p.name),
            quote(&crate::names::camel(&p.name)),
            kind_expr(spec, p, &p.ty()),
            p.is_required(),
            p.allow_empty,
            p.secret,
            quote(&p.summary)
        );
    }
    s.push_str("    ],\n");
    let _ = writeln!(s, "    returns: {},", returns_expr(op));
    let _ = writeln!(s, "    retry_safe: {},", op.retry_safe());
    let _ = writeln!(s, "    custom_attributes: {},", op.custom_attributes);
    let codes: Vec<String> = op.errors.iter().map(|c| c.to_string()).collect();
    let _ = writeln!(s, "    errors: &[{}],", codes.join(", "));
    let _ = writeln!(s, "    python: {},", quote(&op.id));
    let _ = writeln!(
        s,
        "    node: {},",
        quote(&format!(
            "{}.{}",
            crate::names::camel(&op.group),
            crate::names::camel(&op.name)
        ))
    );
    let _ = writeln!(s, "    check: {},", check_fn(op));
    s.push_str("};\n\n");
    s
}
