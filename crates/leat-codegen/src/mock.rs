//! The mock's generated sources: the table of every operation the mock answers
//! (`crates/leat-mock/src/generated/`: route, parameters, what `data` holds, the `mock` rule,
//! the example answer, and the collections the rules share with the examples that seed them),
//! and the cases its wire tests call every operation with
//! (`crates/leat-mock/tests/wire/generated/`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::names::{quote, upper};
use crate::output::{header, Output};
use crate::spec::{Operation, Param, Returns, Scalar, Spec, TypeExpr};

const SRC: &str = "crates/leat-mock/src/generated";
const TESTS: &str = "crates/leat-mock/tests/wire/generated";

/// The directories whose generated files this module owns.
pub const OWNED: &[&str] = &[SRC, TESTS];

/// How many items of an example's `data` list the mock keeps: the mock is linked into the
/// Python and Node packages, and some recordings are long (`contacts.list` is 450 KB).
const EXAMPLE_ITEMS: usize = 3;

pub fn generate(spec: &Spec, out: &mut Output) {
    let collections = collections(spec);
    out.add_rust(format!("{SRC}/mod.rs"), module());
    out.add_rust(format!("{SRC}/examples.rs"), examples(spec));
    out.add_rust(
        format!("{SRC}/collections.rs"),
        collections_file(spec, &collections),
    );
    out.add_rust(
        format!("{SRC}/operations.rs"),
        operations_file(spec, &collections),
    );
    out.add_rust(format!("{TESTS}/cases.rs"), cases_file(spec, &collections));
}

/// A collection the rules name: its entities' model, key field and seeds.
struct Collection<'a> {
    name: &'a str,
    /// The type of one entity, as written in the spec (`Contact`).
    model: Option<String>,
    key_field: String,
    /// Example ids: lists (every item) first, then gets (one entity).
    lists: Vec<&'a str>,
    gets: Vec<&'a str>,
}

fn action(op: &Operation) -> &str {
    op.mock
        .as_ref()
        .and_then(|m| m.action.as_deref())
        .unwrap_or("answer")
}

fn collection_of(op: &Operation) -> Option<&str> {
    op.mock.as_ref().and_then(|m| m.collection.as_deref())
}

/// The entity field a key parameter matches: `contact_uuid` -> `uuid`, `promotion_attribute_id`
/// -> `id`; any other name is a field of its own (`email`, `code`).
fn key_field(key: &str) -> String {
    if key == "uuid" || key.ends_with("_uuid") {
        "uuid".into()
    } else if key == "id" || key.ends_with("_id") {
        "id".into()
    } else {
        key.into()
    }
}

fn item_type(op: &Operation) -> Option<String> {
    op.returns().item().map(ToString::to_string)
}

fn collections(spec: &Spec) -> BTreeMap<&str, Collection<'_>> {
    let mut all: BTreeMap<&str, Collection<'_>> = BTreeMap::new();
    for op in spec.operations() {
        let Some(name) = collection_of(op) else {
            continue;
        };
        let entry = all.entry(name).or_insert_with(|| Collection {
            name,
            model: None,
            key_field: String::new(),
            lists: Vec::new(),
            gets: Vec::new(),
        });
        match action(op) {
            "list" => entry.lists.push(&op.id),
            "get" => entry.gets.push(&op.id),
            _ => {}
        }
        if entry.key_field.is_empty() {
            if let Some(key) = op.mock.as_ref().and_then(|m| m.key.as_deref()) {
                entry.key_field = key_field(key);
            }
        }
    }
    // The entity model: the list's item, else the get's, else the first create's or update's.
    for wanted in ["list", "get", "create", "update"] {
        for op in spec.operations() {
            if let Some(entry) = collection_of(op).and_then(|name| all.get_mut(name)) {
                if entry.model.is_none() && action(op) == wanted {
                    entry.model = item_type(op);
                }
            }
        }
    }
    for entry in all.values_mut() {
        if entry.key_field.is_empty() {
            entry.key_field = "uuid".into();
        }
    }
    all
}

fn module() -> String {
    let mut s = header("//!", "spec/");
    s.push_str(
        "//! The mock's table of Leat's operations: every operation of the spec with its route,\n\
         //! parameters, answer and `mock` rule ([`operations`]), the collections the rules share\n\
         //! ([`collections`]), and the example answers ([`examples`]).\n\n",
    );
    s.push_str("pub(crate) mod collections;\nmod examples;\npub(crate) mod operations;\n");
    s
}

/// A Rust string literal holding `text`: a raw string with as many `#` as it needs.
fn raw(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

/// The static naming an operation's item in a table: `contacts.get` -> `CONTACTS__GET`.
fn static_name(id: &str) -> String {
    upper(&id.replace('.', "__"))
}

/// The example answer of `op` as the mock keeps it: a `data` list cut to its first items.
fn example_text(spec: &Spec, id: &str) -> String {
    let mut example = spec.examples[id].clone();
    if let Some(Value::Array(items)) = example.get_mut("data") {
        items.truncate(EXAMPLE_ITEMS);
    }
    serde_json::to_string(&example).expect("JSON values serialise")
}

/// Each distinct example text once, named after the first operation that has it; and the
/// name every operation's example goes by.
fn example_names(spec: &Spec) -> (Vec<(String, String)>, BTreeMap<String, String>) {
    let mut by_text: BTreeMap<String, String> = BTreeMap::new();
    let mut written = Vec::new();
    let mut of = BTreeMap::new();
    for op in spec.operations() {
        let text = example_text(spec, &op.id);
        let name = by_text
            .entry(text.clone())
            .or_insert_with(|| {
                let name = static_name(&op.id);
                written.push((name.clone(), text));
                name
            })
            .clone();
        of.insert(op.id.clone(), name);
    }
    (written, of)
}

fn examples(spec: &Spec) -> String {
    let mut s = header("//!", "spec/examples/*.json");
    s.push_str(
        "//! The example answer of every operation, as JSON text, named after the first operation\n\
         //! that answers it (identical answers are written once). A `data` list is cut to its\n\
         //! first 3 items, to keep the mock small: it is linked into the Python and Node packages.\n\n",
    );
    let (written, _) = example_names(spec);
    for (name, text) in written {
        let _ = writeln!(s, "pub(crate) static {name}: &str = {};", raw(&text));
    }
    s
}

fn collections_file(spec: &Spec, collections: &BTreeMap<&str, Collection<'_>>) -> String {
    let (_, example_of) = example_names(spec);
    let mut s = header("//!", "spec/groups/*.toml");
    s.push_str(
        "//! The collections the operations' `mock` rules share, each with the field that tells\n\
         //! its entities apart and the examples a fresh mock fills it from (the items of its\n\
         //! lists, then the entities of its gets).\n\n",
    );
    s.push_str("use super::examples;\nuse crate::table::{Collection, Seed};\n\n");
    for c in collections.values() {
        let mut seeds: Vec<String> = c
            .lists
            .iter()
            .map(|id| format!("Seed::Items(examples::{})", example_of[*id]))
            .collect();
        seeds.extend(
            c.gets
                .iter()
                .map(|id| format!("Seed::One(examples::{})", example_of[*id])),
        );
        let _ = writeln!(
            s,
            "/// `{}`: {}.\npub(crate) static {}: Collection = Collection {{ name: {}, key_field: {}, seeds: &[{}] }};\n",
            c.name,
            match &c.model {
                Some(model) => format!("entities of type {model}"),
                None => "entities".into(),
            },
            upper(c.name),
            quote(c.name),
            quote(&c.key_field),
            seeds.join(", ")
        );
    }
    s.push_str(
        "/// Every collection, by name.\npub(crate) static COLLECTIONS: &[&Collection] = &[\n",
    );
    for c in collections.values() {
        let _ = writeln!(s, "    &{},", upper(c.name));
    }
    s.push_str("];\n");
    s
}

fn kind_expr(spec: &Spec, p: &Param, ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(scalar) => {
            if let Some(values) = &p.values {
                let listed: Vec<String> = values.iter().map(|v| quote(v)).collect();
                return format!(
                    "Kind::Enum {{ values: &[{}], closed: true }}",
                    listed.join(", ")
                );
            }
            let name = match scalar {
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
            };
            format!("Kind::{name}")
        }
        TypeExpr::List(inner) => format!("Kind::List(&{})", kind_expr(spec, p, inner)),
        TypeExpr::Map(inner) => format!("Kind::Map(&{})", kind_expr(spec, p, inner)),
        TypeExpr::Named(name) => {
            let e = &spec.enums[name];
            let listed: Vec<String> = e.values.iter().map(|v| quote(&v.value)).collect();
            format!(
                "Kind::Enum {{ values: &[{}], closed: {} }}",
                listed.join(", "),
                e.closed_input()
            )
        }
    }
}

fn place(p: &Param) -> &'static str {
    match p.place.as_str() {
        "path" => "Place::Path",
        "query" => "Place::Query",
        _ => "Place::Body",
    }
}

fn operations_file(spec: &Spec, collections: &BTreeMap<&str, Collection<'_>>) -> String {
    let (_, example_of) = example_names(spec);
    let mut s = header("//!", "spec/groups/*.toml");
    s.push_str(
        "//! Every operation of Leat's API as the mock answers it: route, parameters, what `data`\n\
         //! holds, the spec's `mock` rule and the example answer.\n\n",
    );
    s.push_str("use super::{collections, examples};\nuse crate::table::{Action, Data, Key, Kind, MockOperation, NotFound, PageFormat, Paging, Param, Place, Rule, Verb};\n\n");
    for op in spec.operations() {
        let _ = writeln!(s, "/// `{} {}`: {}", op.method, op.path, op.summary);
        let _ = writeln!(
            s,
            "pub(crate) static {}: MockOperation = MockOperation {{",
            static_name(&op.id)
        );
        let _ = writeln!(s, "    id: {},", quote(&op.id));
        let _ = writeln!(s, "    group: {},", quote(&op.group));
        let verb = match op.method.as_str() {
            "GET" => "Get",
            "POST" => "Post",
            "PUT" => "Put",
            _ => "Delete",
        };
        let _ = writeln!(s, "    method: Verb::{verb},");
        let _ = writeln!(s, "    path: {},", quote(&op.path));
        let _ = writeln!(s, "    status: {},", op.success_status());
        s.push_str("    params: &[\n");
        for p in &op.params {
            let _ = writeln!(
                s,
                "        Param {{ name: {}, place: {}, kind: {}, required: {}, allow_empty: {} }},",
                quote(&p.name),
                place(p),
                kind_expr(spec, p, &p.ty()),
                p.is_required(),
                p.allow_empty
            );
        }
        s.push_str("    ],\n");
        let data = match op.returns() {
            Returns::One(_) => "Data::One".to_owned(),
            Returns::List(_) => "Data::List".to_owned(),
            Returns::None => "Data::None".to_owned(),
            Returns::Page(_) => {
                let format = match op.pagination.as_deref() {
                    Some("laravel") => "Laravel",
                    _ => "PageLimit",
                };
                let size = op
                    .params_in("query")
                    .find(|p| p.name == "limit" || p.name == "per_page")
                    .map(|p| format!("Some({})", quote(&p.name)))
                    .unwrap_or_else(|| "None".into());
                format!("Data::Page(Paging {{ format: PageFormat::{format}, size: {size} }})")
            }
        };
        let _ = writeln!(s, "    data: {data},");
        let _ = writeln!(s, "    rule: {},", rule(spec, op, collections));
        let _ = writeln!(s, "    example: examples::{},", example_of[&op.id]);
        s.push_str("};\n\n");
    }
    s.push_str("/// Every operation, group by group.\npub(crate) static OPERATIONS: &[&MockOperation] = &[\n");
    for op in spec.operations() {
        let _ = writeln!(s, "    &{},", static_name(&op.id));
    }
    s.push_str("];\n");
    s
}

fn rule(spec: &Spec, op: &Operation, collections: &BTreeMap<&str, Collection<'_>>) -> String {
    let action = match action(op) {
        "list" => "List",
        "get" => "Get",
        "create" => "Create",
        "update" => "Update",
        "delete" => "Delete",
        _ => "Answer",
    };
    let collection = collection_of(op).map(|name| &collections[name]);
    let mock = op.mock.as_ref();
    let key = mock.and_then(|m| m.key.as_deref()).map(|key| {
        let param = op
            .params
            .iter()
            .find(|p| p.name == key)
            .expect("the spec's checker keeps keys among the params");
        format!(
            "Some(Key {{ param: {}, place: {}, field: {} }})",
            quote(key),
            place(param),
            quote(&key_field(key))
        )
    });
    let not_found = mock.and_then(|m| m.not_found).map(|code| {
        let meaning = spec
            .contract
            .error_codes
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.meaning.as_str())
            .unwrap_or("Not found.");
        format!(
            "Some(NotFound {{ code: {code}, message: {} }})",
            quote(meaning)
        )
    });
    let answers_entity = match (collection, action) {
        (Some(c), "List" | "Get" | "Create" | "Update") => c.model == item_type(op),
        _ => true,
    };
    format!(
        "Rule {{ collection: {}, action: Action::{action}, key: {}, not_found: {}, answers_entity: {answers_entity} }}",
        collection
            .map(|c| format!("Some(&collections::{})", upper(c.name)))
            .unwrap_or_else(|| "None".into()),
        key.unwrap_or_else(|| "None".into()),
        not_found.unwrap_or_else(|| "None".into()),
    )
}

// ---------------------------------------------------------------------------------------------
// The wire tests' cases
// ---------------------------------------------------------------------------------------------

/// A value of `param` that Leat would accept: its `example`, else one made from its type.
fn sample(spec: &Spec, param: &Param) -> Value {
    if let Some(example) = &param.example {
        return example.clone();
    }
    if let Some(values) = &param.values {
        return Value::String(values[0].clone());
    }
    sample_of(spec, &param.ty())
}

fn sample_of(spec: &Spec, ty: &TypeExpr) -> Value {
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::String => "example".into(),
            Scalar::Uuid => "7c9e6679-7425-40de-944b-e07fc1f90ae7".into(),
            Scalar::Url => "https://example.com/hooks".into(),
            Scalar::Email => "jane@example.com".into(),
            Scalar::Integer => 1.into(),
            Scalar::Number => 2.5.into(),
            Scalar::Boolean => true.into(),
            Scalar::DateTime => "2023-10-20T11:46:22+00:00".into(),
            Scalar::Date => "2023-10-20".into(),
            Scalar::Json => "example".into(),
        },
        TypeExpr::List(inner) => Value::Array(vec![sample_of(spec, inner)]),
        TypeExpr::Map(inner) => {
            let mut map = Map::new();
            map.insert("example".into(), sample_of(spec, inner));
            Value::Object(map)
        }
        TypeExpr::Named(name) => spec.enums[name].values[0].value.clone().into(),
    }
}

/// `value` reduced to its shape: each scalar replaced by its kind, each list by its first item.
fn shape(value: &Value) -> Value {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "boolean".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        Value::Array(items) => Value::Array(items.first().map(shape).into_iter().collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| (key.clone(), shape(item)))
                .collect(),
        ),
    }
}

/// The entities a fresh mock holds in `collection`, with their keys as text, in order.
fn seeded(spec: &Spec, collection: &Collection<'_>) -> Vec<(String, Value)> {
    let lists = collection.lists.iter().flat_map(|id| {
        let items = spec.examples[*id]["data"].as_array().cloned();
        items.unwrap_or_default().into_iter().take(EXAMPLE_ITEMS)
    });
    let gets = collection
        .gets
        .iter()
        .map(|id| spec.examples[*id]["data"].clone());
    let mut entities: Vec<(String, Value)> = Vec::new();
    for entity in lists.chain(gets) {
        if let Some(key) = entity.get(&collection.key_field).and_then(key_text) {
            if !entities.iter().any(|(known, _)| *known == key) {
                entities.push((key, entity));
            }
        }
    }
    entities
}

fn key_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The entity a fresh mock holds to call `op` with, and its key: its own example's entity
/// when a fresh mock holds it (so the answer is that example), else the first one.
fn seeded_for(spec: &Spec, op: &Operation, collection: &Collection<'_>) -> Option<(String, Value)> {
    let entities = seeded(spec, collection);
    let own = spec.examples[&op.id]["data"]
        .get(&collection.key_field)
        .and_then(key_text);
    let found = entities.iter().find(|(key, _)| Some(key) == own.as_ref());
    found.or_else(|| entities.first()).cloned()
}

/// A query string as PHP writes one: `name[]=a` for lists, `name[key]=v` for maps.
fn query(pairs: &mut Vec<(String, String)>, key: String, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                query(pairs, format!("{key}[]"), item);
            }
        }
        Value::Object(map) => {
            for (sub, item) in map {
                query(pairs, format!("{key}[{sub}]"), item);
            }
        }
        Value::Bool(flag) => pairs.push((key, if *flag { "1" } else { "0" }.into())),
        Value::String(text) => pairs.push((key, text.clone())),
        Value::Number(n) => pairs.push((key, n.to_string())),
    }
}

fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn cases_file(spec: &Spec, collections: &BTreeMap<&str, Collection<'_>>) -> String {
    let mut s = header("//!", "spec/");
    s.push_str(
        "//! One call of every operation of the spec, every parameter given a value Leat accepts,\n\
         //! with what the mock must answer: the status, and the shape of the example's `data`\n\
         //! (each scalar written as its kind, each list as its first item).\n\n",
    );
    s.push_str("use super::Case;\n\n/// Every operation's case, group by group.\npub const CASES: &[Case] = &[\n");
    for op in spec.operations() {
        let collection = collection_of(op).map(|name| &collections[name]);
        let key = op.mock.as_ref().and_then(|m| m.key.as_deref());
        let mut path_values = Vec::new();
        // What `data` must look like: the example's, or for a lookup that answers the entity,
        // the entity the call names (an update's example may show another state of it).
        let mut shape_of = spec.examples[&op.id]["data"].clone();
        for p in op.params_in("path") {
            let entity = collection
                .filter(|_| key == Some(p.name.as_str()))
                .and_then(|c| seeded_for(spec, op, c));
            let answers_entity = collection.is_some_and(|c| c.model == item_type(op));
            if let (Some((_, entity)), true, "get" | "update") =
                (&entity, answers_entity, action(op))
            {
                shape_of = entity.clone();
            }
            let value = match entity.map(|(key, _)| key) {
                Some(value) => value,
                None => match sample(spec, p) {
                    Value::String(text) => text,
                    other => other.to_string(),
                },
            };
            path_values.push(format!("({}, {})", quote(&p.name), quote(&value)));
        }
        let mut pairs = Vec::new();
        for p in op.params_in("query") {
            query(&mut pairs, p.name.clone(), &sample(spec, p));
        }
        let query_text: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        let takes_body = op.custom_attributes || op.params_in("body").next().is_some();
        let body = takes_body.then(|| {
            let fields: Map<String, Value> = op
                .params_in("body")
                .map(|p| (p.name.clone(), sample(spec, p)))
                .collect();
            Value::Object(fields).to_string()
        });
        let not_found = op
            .mock
            .as_ref()
            .and_then(|m| m.not_found)
            .filter(|_| op.params_in("path").any(|p| Some(p.name.as_str()) == key));
        let _ = writeln!(
            s,
            "    Case {{ id: {}, method: {}, path: {}, path_values: &[{}], query: {}, body: {}, status: {}, not_found: {}, shape: {} }},",
            quote(&op.id),
            quote(&op.method),
            quote(&op.path),
            path_values.join(", "),
            quote(&query_text.join("&")),
            body.map(|b| format!("Some({})", raw(&b)))
                .unwrap_or_else(|| "None".into()),
            op.success_status(),
            not_found
                .map(|code| format!("Some(({}, {code}))", quote(key.unwrap_or_default())))
                .unwrap_or_else(|| "None".into()),
            raw(&shape(&shape_of).to_string()),
        );
    }
    s.push_str("];\n");
    s
}
