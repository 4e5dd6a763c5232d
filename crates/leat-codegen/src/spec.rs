//! The spec as data: what `spec/` holds, read from its TOML and JSON files (the format is told
//! in `spec/README.md`), and the type expressions its entries use.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// Everything in `spec/`.
#[derive(Debug)]
pub struct Spec {
    pub sources: BTreeMap<String, Source>,
    pub contract: Contract,
    /// In file-name order.
    pub groups: Vec<Group>,
    /// Every model, from whichever group file owns it.
    pub models: BTreeMap<String, Model>,
    /// Every enum: the contract's, then the groups'.
    pub enums: BTreeMap<String, Enum>,
    /// `<group>.<operation>` -> the example answer body.
    pub examples: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub error_classes: Vec<ErrorClass>,
    pub error_codes: Vec<ErrorCode>,
    #[serde(default)]
    pub enums: BTreeMap<String, Enum>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorClass {
    pub name: String,
    pub parent: String,
    pub summary: String,
    /// For API error classes: the `ApiErrorKind` variant.
    pub kind: Option<String>,
    /// For the other classes: the `leat::Error` variant.
    pub variant: Option<String>,
    #[serde(default)]
    pub statuses: Vec<u16>,
    #[serde(default)]
    pub server_errors: bool,
    #[serde(default)]
    pub fields: Vec<ErrorField>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorField {
    pub name: String,
    pub node: String,
    pub kind: String,
    pub summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    pub code: i64,
    pub class: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enum {
    pub summary: String,
    #[serde(default)]
    pub open: bool,
    /// `closed`: only these values are accepted as input.
    pub input: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    pub values: Vec<EnumValue>,
}

impl Enum {
    /// Whether input is checked against the values.
    pub fn closed_input(&self) -> bool {
        !self.open || self.input.as_deref() == Some("closed")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    pub summary: String,
    /// For an event type: the key of `data` holding the entity the event carries.
    pub entity: Option<String>,
    /// For an event type: the model the entity is read as.
    pub model: Option<String>,
    /// For an event type: how the entity's current state is fetched.
    pub fetch: Option<Fetch>,
}

/// How an event's entity is fetched: the operation, and each of its parameters as a dotted
/// path in the entity (`contact_uuid = "contact.uuid"`).
#[derive(Debug, Clone, Deserialize)]
pub struct Fetch {
    pub operation: String,
    #[serde(flatten)]
    pub args: BTreeMap<String, String>,
}

impl Spec {
    /// The operation with this id.
    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations().find(|op| op.id == id)
    }

    /// The event types that carry an entity, with its key, model and fetch.
    pub fn event_entities(&self) -> Vec<(&EnumValue, &str, &str)> {
        self.enums
            .get("EventType")
            .map(|e| {
                e.values
                    .iter()
                    .filter_map(|v| Some((v, v.entity.as_deref()?, v.model.as_deref()?)))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// One `groups/<name>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    pub title: String,
    pub summary: String,
    pub sources: Vec<String>,
    #[serde(default)]
    pub operations: Vec<Operation>,
    #[serde(default)]
    pub models: BTreeMap<String, Model>,
    #[serde(default)]
    pub enums: BTreeMap<String, Enum>,
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub name: String,
    pub summary: String,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub params: Vec<Param>,
    pub returns: String,
    pub status: Option<u16>,
    pub pagination: Option<String>,
    pub retry: Option<String>,
    pub errors: Vec<i64>,
    #[serde(default)]
    pub custom_attributes: bool,
    pub example: Option<String>,
    pub mock: Option<MockRule>,
    pub sources: Vec<String>,
    pub notes: Option<String>,
    /// Set when loading: `<group>.<name>`.
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub group: String,
}

impl Operation {
    /// Whether repeating the call after an unknown outcome is harmless.
    pub fn retry_safe(&self) -> bool {
        match self.retry.as_deref() {
            Some("safe") => true,
            Some(_) => false,
            None => self.method != "POST",
        }
    }

    /// The parsed return type.
    pub fn returns(&self) -> Returns {
        Returns::parse(&self.returns).expect("checked when loading")
    }

    /// The parameters in `place`.
    pub fn params_in<'a>(&'a self, place: &'a str) -> impl Iterator<Item = &'a Param> + 'a {
        self.params.iter().filter(move |p| p.place == place)
    }

    /// The success status.
    pub fn success_status(&self) -> u16 {
        self.status.unwrap_or(200)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    #[serde(rename = "in")]
    pub place: String,
    #[serde(rename = "type")]
    pub type_text: String,
    #[serde(default)]
    pub required: bool,
    pub summary: String,
    #[serde(rename = "enum")]
    pub values: Option<Vec<String>>,
    #[serde(default)]
    pub secret: bool,
    #[serde(default)]
    pub allow_empty: bool,
    pub example: Option<Value>,
}

impl Param {
    pub fn ty(&self) -> TypeExpr {
        TypeExpr::parse(&self.type_text).expect("checked when loading")
    }

    /// Path parameters are always required.
    pub fn is_required(&self) -> bool {
        self.required || self.place == "path"
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockRule {
    pub collection: Option<String>,
    pub action: Option<String>,
    pub key: Option<String>,
    pub not_found: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<String>,
    pub fields: Vec<Field>,
    #[serde(skip)]
    pub group: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub type_text: String,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub nullable: bool,
    pub absent: Option<String>,
    pub summary: String,
}

impl Field {
    pub fn ty(&self) -> TypeExpr {
        TypeExpr::parse(&self.type_text).expect("checked when loading")
    }

    /// A list that reads as empty when absent or `null`.
    pub fn empty_when_absent(&self) -> bool {
        self.absent.as_deref() == Some("empty")
    }

    /// Whether the value may be missing (absent or null) in an answer.
    pub fn maybe_missing(&self) -> bool {
        (self.optional || self.nullable) && !self.empty_when_absent()
    }
}

/// A type expression: `string`, `list<Contact>`, `map<json>`, `EventType`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    Scalar(Scalar),
    List(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    /// A model or an enum of the spec (which one is known once the spec is loaded).
    Named(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Uuid,
    Url,
    Email,
    Integer,
    Number,
    Boolean,
    DateTime,
    Date,
    Json,
}

impl Scalar {
    pub const ALL: &'static [(&'static str, Scalar)] = &[
        ("string", Scalar::String),
        ("uuid", Scalar::Uuid),
        ("url", Scalar::Url),
        ("email", Scalar::Email),
        ("integer", Scalar::Integer),
        ("number", Scalar::Number),
        ("boolean", Scalar::Boolean),
        ("datetime", Scalar::DateTime),
        ("date", Scalar::Date),
        ("json", Scalar::Json),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, s)| *s == self).unwrap().0
    }
}

impl TypeExpr {
    pub fn parse(text: &str) -> Result<TypeExpr, String> {
        let text = text.trim();
        for (prefix, make) in [
            ("list<", TypeExpr::List as fn(Box<TypeExpr>) -> TypeExpr),
            ("map<", TypeExpr::Map),
        ] {
            if let Some(rest) = text.strip_prefix(prefix) {
                let inner = rest
                    .strip_suffix('>')
                    .ok_or_else(|| format!("{text:?} lacks its closing `>`"))?;
                return Ok(make(Box::new(TypeExpr::parse(inner)?)));
            }
        }
        if let Some((_, scalar)) = Scalar::ALL.iter().find(|(name, _)| *name == text) {
            return Ok(TypeExpr::Scalar(*scalar));
        }
        let pascal = text.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && text.chars().all(|c| c.is_ascii_alphanumeric());
        if pascal {
            Ok(TypeExpr::Named(text.to_owned()))
        } else {
            Err(format!(
                "{text:?} is not a type: use a scalar ({}), list<T>, map<T>, or a model or enum name",
                Scalar::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ))
        }
    }

    /// Every name this type refers to.
    pub fn names(&self) -> Vec<&str> {
        match self {
            TypeExpr::Scalar(_) => Vec::new(),
            TypeExpr::List(inner) | TypeExpr::Map(inner) => inner.names(),
            TypeExpr::Named(name) => vec![name],
        }
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Scalar(s) => f.write_str(s.name()),
            TypeExpr::List(inner) => write!(f, "list<{inner}>"),
            TypeExpr::Map(inner) => write!(f, "map<{inner}>"),
            TypeExpr::Named(name) => f.write_str(name),
        }
    }
}

/// What an operation's `data` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returns {
    /// One value of this type (a model, usually).
    One(TypeExpr),
    /// A list that does not page.
    List(TypeExpr),
    /// A list that pages.
    Page(TypeExpr),
    /// Nothing worth returning.
    None,
}

impl Returns {
    pub fn parse(text: &str) -> Result<Returns, String> {
        let text = text.trim();
        if text == "none" {
            return Ok(Returns::None);
        }
        if let Some(rest) = text.strip_prefix("page<") {
            let inner = rest
                .strip_suffix('>')
                .ok_or_else(|| format!("{text:?} lacks its closing `>`"))?;
            return Ok(Returns::Page(TypeExpr::parse(inner)?));
        }
        match TypeExpr::parse(text)? {
            TypeExpr::List(inner) => Ok(Returns::List(*inner)),
            other => Ok(Returns::One(other)),
        }
    }

    /// The type of one item (or the one value).
    pub fn item(&self) -> Option<&TypeExpr> {
        match self {
            Returns::One(t) | Returns::List(t) | Returns::Page(t) => Some(t),
            Returns::None => None,
        }
    }
}

/// Reads every file of `root` (the `spec/` directory).
pub fn load(root: &Path) -> Result<Spec, Vec<String>> {
    let mut problems = Vec::new();
    let sources: BTreeMap<String, Source> =
        read_toml(&root.join("sources.toml"), &mut problems).unwrap_or_default();
    let contract: Option<Contract> = read_toml(&root.join("contract.toml"), &mut problems);
    let mut groups = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join("groups"))
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_else(|err| {
            problems.push(format!("spec/groups: {err}"));
            Vec::new()
        });
    entries.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    entries.sort();
    for path in entries {
        if let Some(mut group) = read_toml::<Group>(&path, &mut problems) {
            group.file = path.clone();
            for op in &mut group.operations {
                op.id = format!("{}.{}", group.name, op.name);
                op.group = group.name.clone();
            }
            for model in group.models.values_mut() {
                model.group = group.name.clone();
            }
            groups.push(group);
        }
    }
    let Some(contract) = contract else {
        return Err(problems);
    };
    let mut models = BTreeMap::new();
    let mut enums = contract.enums.clone();
    for group in &groups {
        for (name, model) in &group.models {
            if models.insert(name.clone(), model.clone()).is_some() {
                problems.push(format!(
                    "{}: model {name} is defined twice",
                    display(&group.file)
                ));
            }
        }
        for (name, e) in &group.enums {
            if enums.insert(name.clone(), e.clone()).is_some() {
                problems.push(format!(
                    "{}: enum {name} is defined twice",
                    display(&group.file)
                ));
            }
        }
    }
    let mut examples = BTreeMap::new();
    if let Ok(dir) = std::fs::read_dir(root.join("examples")) {
        let mut files: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for path in files {
            let Some(id) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".json"))
            else {
                continue;
            };
            match std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice::<Value>(&b).map_err(|e| e.to_string()))
            {
                Ok(value) => {
                    examples.insert(id.to_owned(), value);
                }
                Err(err) => problems.push(format!("{}: {err}", display(&path))),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Spec {
        sources,
        contract,
        groups,
        models,
        enums,
        examples,
    })
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path, problems: &mut Vec<String>) -> Option<T> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => {
            problems.push(format!("{}: {err}", display(path)));
            return None;
        }
    };
    match toml::from_str(&text) {
        Ok(value) => Some(value),
        Err(err) => {
            problems.push(format!("{}: {err}", display(path)));
            None
        }
    }
}

/// A path as shown in messages: from `spec/` on.
pub fn display(path: &Path) -> String {
    let text = path.display().to_string();
    match text.find("spec/") {
        Some(at) => text[at..].to_owned(),
        None => text,
    }
}

impl Spec {
    /// Every operation, group by group.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|g| g.operations.iter())
    }

    /// Whether `name` is a model (else an enum, once checked).
    pub fn is_model(&self, name: &str) -> bool {
        self.models.contains_key(name)
    }
}
