//! Turning an operation and its arguments into the request to send, refusing a bad argument
//! before anything leaves: each parameter is checked by the kind its operation gives it, then
//! placed in the path, the query (PHP's `name[]=` and `name[key]=` forms, which Laravel reads)
//! or the JSON body.

use std::borrow::Cow;

use bytes::Bytes;
use reqwest::Method;
use secrecy::SecretString;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::from_json::describe;
use crate::http::{Body, Request};
use crate::operation::{Operation, Param, ParamKind, Place, CUSTOM_ATTRIBUTES};
use crate::validate;

/// How the caller's language names the parameters (in errors, and for Node, in the arguments
/// it passes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Naming {
    /// Leat's wire names: Rust, Python, the command line.
    #[default]
    Wire,
    /// camelCase: Node.
    Node,
}

impl Naming {
    /// `param`'s name in this naming.
    pub fn of(self, param: &Param) -> &'static str {
        match self {
            Naming::Wire => param.name,
            Naming::Node => param.node_name,
        }
    }

    fn custom_attributes(self) -> &'static str {
        match self {
            Naming::Wire => CUSTOM_ATTRIBUTES,
            Naming::Node => "customAttributes",
        }
    }
}

/// The arguments of one call, keyed by wire name; `null` means "not given".
pub type Args = Map<String, Value>;

/// Renames arguments given in `naming` to wire names, refusing any the operation does not take.
pub(crate) fn to_wire(op: &Operation, args: Args, naming: Naming) -> Result<Args> {
    let known = |key: &str| {
        op.params
            .iter()
            .find(|p| naming.of(p) == key)
            .map(|p| p.name)
            .or_else(|| {
                (op.custom_attributes && key == naming.custom_attributes())
                    .then_some(CUSTOM_ATTRIBUTES)
            })
    };
    if naming == Naming::Wire {
        if let Some(unknown) = args.keys().find(|key| known(key).is_none()) {
            return Err(unknown_argument(op, unknown, naming));
        }
        return Ok(args);
    }
    let mut wire = Map::with_capacity(args.len());
    for (key, value) in args {
        match known(&key) {
            Some(name) => {
                wire.insert(name.to_owned(), value);
            }
            None => return Err(unknown_argument(op, &key, naming)),
        }
    }
    Ok(wire)
}

fn unknown_argument(op: &Operation, key: &str, naming: Naming) -> Error {
    let mut names: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.place != Place::Path)
        .map(|p| naming.of(p))
        .collect();
    if op.custom_attributes {
        names.push(naming.custom_attributes());
    }
    let listed = if names.is_empty() {
        "it takes none".to_owned()
    } else {
        format!("the options are {}", names.join(", "))
    };
    Error::invalid_argument(key, format!("is not an option of {}; {listed}", op.id))
}

/// The request for `op` with `args` (wire names), every argument checked.
pub(crate) fn request(op: &'static Operation, args: &Args, naming: Naming) -> Result<Request> {
    let mut path = String::with_capacity(op.path.len() + 40);
    let mut query: Vec<(Cow<'static, str>, String)> = Vec::new();
    let mut body: Option<Map<String, Value>> = None;
    let mut secrets = Vec::new();
    let mut rest = op.path;
    for param in op.params {
        let name = naming.of(param);
        let Some(value) = given(param, args, naming)? else {
            continue;
        };
        if param.secret {
            if let Value::String(text) = value {
                secrets.push(SecretString::from(text.clone()));
            }
        }
        match param.place {
            Place::Path => {
                let text = scalar_text(value);
                validate::path_segment(name, &text)?;
                let marker = format!("{{{}}}", param.name);
                let at = rest
                    .find(&marker)
                    .expect("the spec's checker keeps paths and params in step");
                path.push_str(&rest[..at]);
                path.push_str(&text);
                rest = &rest[at + marker.len()..];
            }
            Place::Query => push_query(&mut query, Cow::Borrowed(param.name), value),
            Place::Body => {
                body.get_or_insert_with(Map::new)
                    .insert(param.name.to_owned(), value.clone());
            }
        }
    }
    path.push_str(rest);
    if let Some(custom) = custom_attributes(op, args, naming)? {
        let body = body.get_or_insert_with(Map::new);
        for (key, value) in custom {
            body.insert(key.clone(), value.clone());
        }
    }
    let takes_body = op.custom_attributes || op.params.iter().any(|p| p.place == Place::Body);
    let body = match body {
        Some(fields) => Body::Json(Bytes::from(Value::Object(fields).to_string())),
        None if takes_body => Body::Json(Bytes::from_static(b"{}")),
        None => Body::None,
    };
    let method =
        Method::from_bytes(op.method.as_bytes()).expect("the spec's checker keeps methods known");
    Ok(Request {
        idempotent: op.retry_safe,
        method,
        path,
        query,
        body,
        secrets,
    })
}

/// The value given for `param`, checked; `None` when it is not given (and need not be).
fn given<'a>(param: &Param, args: &'a Args, naming: Naming) -> Result<Option<&'a Value>> {
    let name = naming.of(param);
    match args.get(param.name) {
        None | Some(Value::Null) if param.required => {
            Err(Error::invalid_argument(name, "is required"))
        }
        None | Some(Value::Null) => Ok(None),
        Some(value) => {
            check(name, param, &param.kind, value)?;
            Ok(Some(value))
        }
    }
}

/// The custom attributes given, checked: an object, none of whose keys is a parameter.
fn custom_attributes<'a>(
    op: &Operation,
    args: &'a Args,
    naming: Naming,
) -> Result<Option<&'a Map<String, Value>>> {
    if !op.custom_attributes {
        return Ok(None);
    }
    let Some(custom) = args.get(CUSTOM_ATTRIBUTES).filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let name = naming.custom_attributes();
    let Value::Object(custom) = custom else {
        return Err(wrong_type(
            name,
            "an object of custom attribute values",
            custom,
        ));
    };
    if let Some(key) = custom.keys().find(|key| op.param(key).is_some()) {
        return Err(Error::invalid_argument(
            name,
            format!(
                "{key:?} is a parameter of {}: pass it as one, not as a custom attribute",
                op.id
            ),
        ));
    }
    Ok(Some(custom))
}

/// Checks the arguments other than the path's, as [`request`] would.
pub(crate) fn check_params(op: &'static Operation, args: &Args) -> Result<()> {
    for param in op.params.iter().filter(|p| p.place != Place::Path) {
        given(param, args, Naming::Wire)?;
    }
    custom_attributes(op, args, Naming::Wire).map(drop)
}

/// A generated params struct as arguments by wire name.
pub(crate) fn params_to_args(params: &impl serde::Serialize) -> Result<Args> {
    match serde_json::to_value(params) {
        Ok(Value::Object(args)) => Ok(args),
        Ok(_) => Ok(Args::new()),
        Err(err) => Err(Error::invalid_argument("params", err.to_string())),
    }
}

fn wrong_type(argument: &str, wanted: &str, value: &Value) -> Error {
    Error::argument_type(
        argument,
        format!("must be {wanted}, got {}", kind_of(value)),
    )
}

/// What a value is, without quoting it (it may be a secret).
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Checks `value` against `kind`; `name` is how the caller calls it.
fn check(name: &str, param: &Param, kind: &ParamKind, value: &Value) -> Result<()> {
    let text = || -> Result<&str> {
        value
            .as_str()
            .ok_or_else(|| wrong_type(name, "a string", value))
    };
    match kind {
        ParamKind::String => {
            let text = text()?;
            if !param.allow_empty {
                validate::non_empty(name, text, param.secret)?;
            }
        }
        ParamKind::Uuid => {
            let text = text()?;
            validate::non_empty(name, text, param.secret)?;
            if param.place != Place::Path {
                validate::path_segment(name, text)?;
            }
        }
        ParamKind::Url => validate::absolute_url(name, text()?)?,
        ParamKind::Email => validate::email(name, text()?)?,
        ParamKind::DateTime => validate::date_like(name, text()?, true)?,
        ParamKind::Date => validate::date_like(name, text()?, false)?,
        ParamKind::Integer => {
            if !(value.is_i64() || value.is_u64()) {
                let wanted = "a whole number";
                return Err(match value {
                    Value::Number(_) => Error::invalid_argument(
                        name,
                        format!("must be {wanted}, got {}", describe(value)),
                    ),
                    other => wrong_type(name, wanted, other),
                });
            }
        }
        ParamKind::Number => {
            if !value.is_number() {
                return Err(wrong_type(name, "a number", value));
            }
        }
        ParamKind::Boolean => {
            if !value.is_boolean() {
                return Err(wrong_type(name, "true or false", value));
            }
        }
        ParamKind::Json => {}
        ParamKind::Enum { values, closed, .. } => {
            let text = text()?;
            validate::non_empty(name, text, false)?;
            if *closed {
                validate::one_of(name, text, values)?;
            }
        }
        ParamKind::List(inner) => {
            let Value::Array(items) = value else {
                return Err(wrong_type(
                    name,
                    &format!("a list of {}", plural(inner)),
                    value,
                ));
            };
            for item in items {
                check(name, param, inner, item).map_err(|err| match err {
                    Error::InvalidArgument {
                        argument,
                        message,
                        wrong_type,
                        ..
                    } => Error::InvalidArgument {
                        argument,
                        message: format!("{message} (in the list)"),
                        wrong_type,
                    },
                    other => other,
                })?;
            }
        }
        ParamKind::Map(inner) => {
            let Value::Object(entries) = value else {
                return Err(wrong_type(name, "an object", value));
            };
            for item in entries.values() {
                check(name, param, inner, item)?;
            }
        }
    }
    Ok(())
}

fn plural(kind: &ParamKind) -> String {
    match kind {
        ParamKind::String | ParamKind::Uuid | ParamKind::Url | ParamKind::Email => "strings".into(),
        ParamKind::Integer => "whole numbers".into(),
        ParamKind::Number => "numbers".into(),
        ParamKind::Boolean => "booleans".into(),
        ParamKind::DateTime | ParamKind::Date => "ISO 8601 dates".into(),
        other => format!("{} values", other.type_name()),
    }
}

/// A scalar as a query or path value: text as is, numbers as written, booleans as `1`/`0`
/// (what Laravel's boolean rule reads in a query string).
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "1".into(),
        Value::Bool(false) => "0".into(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn push_query(query: &mut Vec<(Cow<'static, str>, String)>, key: Cow<'static, str>, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            let key = format!("{key}[]");
            for item in items {
                push_query(query, Cow::Owned(key.clone()), item);
            }
        }
        Value::Object(entries) => {
            for (sub, item) in entries {
                push_query(query, Cow::Owned(format!("{key}[{sub}]")), item);
            }
        }
        scalar => query.push((key, scalar_text(scalar))),
    }
}
