//! What the client knows of each operation of Leat's API, as data: its method and path, its
//! parameters and the rules they keep, whether a repeat is safe, what its answer holds. The
//! table itself ([`operations`]) is generated from the spec (`spec/`); everything that builds a
//! request or reads an answer works from it, so every operation behaves the same way.

use serde_json::Value;

use crate::from_json::DecodeError;

/// One operation of Leat's API.
#[derive(Debug)]
#[non_exhaustive]
pub struct Operation {
    /// `<group>.<operation>`, e.g. `contacts.find_one_by`.
    pub id: &'static str,
    /// The group, snake_case (`contacts`).
    pub group: &'static str,
    /// The operation within its group, snake_case (`find_one_by`).
    pub name: &'static str,
    /// What it does, in one line.
    pub summary: &'static str,
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path from the host, with `{name}` for each path parameter.
    pub path: &'static str,
    /// Its parameters: path ones first, in path order.
    pub params: &'static [Param],
    /// What its answer's `data` holds.
    pub returns: Returns,
    /// Whether sending it twice cannot do anything twice (so a call whose outcome is unknown
    /// may be repeated).
    pub retry_safe: bool,
    /// Whether the body also takes the account's custom attributes at its top level, given as
    /// the `custom_attributes` map.
    pub custom_attributes: bool,
    /// Leat's error codes it may answer.
    pub errors: &'static [i64],
    /// The dotted attribute path from a Python client, e.g. `contacts.find_one_by`.
    pub python: &'static str,
    /// The dotted property path from a Node client, e.g. `contacts.findOneBy`.
    pub node: &'static str,
    /// Checks that a success answer's `data` has the shape the operation's type says.
    pub(crate) check: fn(&Value) -> Result<(), DecodeError>,
}

/// The name the custom-attributes parameter goes by (in Node: `customAttributes`).
pub const CUSTOM_ATTRIBUTES: &str = "custom_attributes";

/// One parameter of an operation.
#[derive(Debug)]
#[non_exhaustive]
pub struct Param {
    /// Its name on the wire, as Python and Rust name it.
    pub name: &'static str,
    /// Its name in Node: the camelCase of `name`.
    pub node_name: &'static str,
    /// Where it travels.
    pub place: Place,
    /// What it holds.
    pub kind: ParamKind,
    /// Whether Leat refuses the call without it.
    pub required: bool,
    /// Whether an empty string is meaningful (otherwise a given string must not be blank).
    pub allow_empty: bool,
    /// Whether it is a secret: scrubbed from everything the server sends back.
    pub secret: bool,
    /// What it is, in one line.
    pub summary: &'static str,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
    /// A key of the JSON body.
    Body,
}

impl Place {
    /// `path`, `query` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Body => "body",
        }
    }
}

/// What a parameter holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamKind {
    /// Text.
    String,
    /// Text naming one entity: never empty, never anything that could change a path.
    Uuid,
    /// An absolute http(s) URL.
    Url,
    /// An email address.
    Email,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An ISO 8601 date-time.
    DateTime,
    /// An ISO 8601 date.
    Date,
    /// Any JSON value.
    Json,
    /// A list of values of one kind.
    List(&'static ParamKind),
    /// A map from text to values of one kind.
    Map(&'static ParamKind),
    /// One of a set of values: checked before sending when `closed`.
    Enum {
        /// The enum's name in the spec (or the parameter's, for an inline one).
        name: &'static str,
        /// The values Leat documents.
        values: &'static [&'static str],
        /// Whether only these values are accepted as input.
        closed: bool,
    },
}

impl ParamKind {
    /// The spec's name for this kind: `string`, `list<string>`, `EventType`, ...
    pub fn type_name(&self) -> String {
        match self {
            ParamKind::String => "string".into(),
            ParamKind::Uuid => "uuid".into(),
            ParamKind::Url => "url".into(),
            ParamKind::Email => "email".into(),
            ParamKind::Integer => "integer".into(),
            ParamKind::Number => "number".into(),
            ParamKind::Boolean => "boolean".into(),
            ParamKind::DateTime => "datetime".into(),
            ParamKind::Date => "date".into(),
            ParamKind::Json => "json".into(),
            ParamKind::List(inner) => format!("list<{}>", inner.type_name()),
            ParamKind::Map(inner) => format!("map<{}>", inner.type_name()),
            ParamKind::Enum { name, .. } => (*name).into(),
        }
    }
}

impl ParamKind {
    /// Adds `type` (a JSON type: string, integer, number, boolean, array, object, any) and
    /// what refines it (`format`, `enum`, `items`) to a listing entry.
    fn describe_into(&self, entry: &mut Value) {
        let (kind, format) = match self {
            ParamKind::String => ("string", None),
            ParamKind::Uuid => ("string", Some("uuid")),
            ParamKind::Url => ("string", Some("url")),
            ParamKind::Email => ("string", Some("email")),
            ParamKind::DateTime => ("string", Some("date-time")),
            ParamKind::Date => ("string", Some("date")),
            ParamKind::Integer => ("integer", None),
            ParamKind::Number => ("number", None),
            ParamKind::Boolean => ("boolean", None),
            ParamKind::Json => ("any", None),
            ParamKind::List(inner) => {
                let mut items = serde_json::json!({});
                inner.describe_into(&mut items);
                entry["type"] = "array".into();
                entry["items"] = items;
                return;
            }
            ParamKind::Map(inner) => {
                let mut values = serde_json::json!({});
                inner.describe_into(&mut values);
                entry["type"] = "object".into();
                entry["values"] = values;
                return;
            }
            ParamKind::Enum { values, closed, .. } => {
                entry["type"] = "string".into();
                entry["enum"] = values.to_vec().into();
                entry["open"] = (!closed).into();
                return;
            }
        };
        entry["type"] = kind.into();
        if let Some(format) = format {
            entry["format"] = format.into();
        }
    }
}

/// What the `data` of a success answer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Returns {
    /// One value, named by its model (or type).
    One(&'static str),
    /// A list of them, all at once.
    List(&'static str),
    /// A list that pages.
    Page(&'static str, Pagination),
    /// Nothing worth returning.
    None,
}

impl Returns {
    /// How the list pages, when it does.
    pub fn pagination(self) -> Option<Pagination> {
        match self {
            Returns::Page(_, pagination) => Some(pagination),
            _ => None,
        }
    }
}

/// The two ways Leat's lists page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Pagination {
    /// `meta` is `{page, limit, last_page, total}` (contacts, loyalty transactions).
    PageLimit,
    /// `meta` is Laravel's `{current_page, last_page, per_page, total, links}` (vouchers).
    Laravel,
}

/// Every operation the client knows, group by group.
pub fn operations() -> &'static [&'static Operation] {
    crate::api::OPERATIONS
}

/// The operation with this id (`contacts.get`), if there is one.
pub fn operation(id: &str) -> Option<&'static Operation> {
    crate::api::find(id)
}

impl Operation {
    /// The parameter called `name` (its wire name).
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// Every operation as `leat operations --json` prints it: one object each, with its id,
/// method, path, the attribute paths from a Python and a Node client, its parameters by wire
/// name, and whether it pages.
pub fn listing() -> Value {
    Value::Array(operations().iter().map(|op| op.describe()).collect())
}

impl Operation {
    /// This operation as one entry of [`listing`].
    pub fn describe(&self) -> Value {
        let mut params: Vec<Value> = self
            .params
            .iter()
            .map(|p| {
                let mut entry = serde_json::json!({
                    "name": p.name,
                    "in": p.place.as_str(),
                    "required": p.required,
                });
                p.kind.describe_into(&mut entry);
                entry
            })
            .collect();
        if self.custom_attributes {
            params.push(serde_json::json!({
                "name": CUSTOM_ATTRIBUTES,
                "in": "body",
                "required": false,
                "type": "object",
                "spread": true,
            }));
        }
        serde_json::json!({
            "id": self.id,
            "method": self.method,
            "path": self.path,
            "python": self.python,
            "node": self.node,
            "params": params,
            "paginated": self.returns.pagination().is_some(),
            "summary": self.summary,
            "retry_safe": self.retry_safe,
            "errors": self.errors,
        })
    }
}
