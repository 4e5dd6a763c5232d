//! The mock's generated sources: the table of every operation the mock answers
//! (`crates/leat-mock/src/generated/`: route, parameters, what `data` holds, the `mock` rule,
//! the example answer, and the collections the rules share with the examples that seed them),
//! and, through `mock_cases.rs`, the cases its wire tests call every operation with
//! (`crates/leat-mock/tests/wire/generated/`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use crate::names::{quote, upper};
use crate::output::{header, Output};
use crate::spec::{Operation, Param, Returns, Scalar, Spec, TypeExpr};

const SRC: &str = "crates/leat-mock/src/generated";
pub(crate) const TESTS: &str = "crates/leat-mock/tests/wire/generated";

/// The directories whose generated files this module owns.
pub const OWNED: &[&str] = &[SRC, TESTS];

/// The group the mock answers by hand (`crates/leat-mock/src/subscriptions.rs`), whose
/// entities are only those a test made: the engine leaves it alone and seeds nothing for it.
pub(crate) const BY_HAND: &str = "webhook_subscriptions";

/// How many items of an example's `data` list the mock keeps: the mock is linked into the
/// Python and Node packages, and some recordings are long (`contacts.list` is 450 KB).
pub(crate) const EXAMPLE_ITEMS: usize = 3;

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
    out.add_rust(
        format!("{TESTS}/cases.rs"),
        crate::mock_cases::cases_file(spec, &collections),
    );
}

/// A collection the rules name: its entities' model, key field and seeds.
pub(crate) struct Collection<'a> {
    pub name: &'a str,
    /// The type of one entity, as written in the spec (`Contact`).
    pub model: Option<String>,
    pub key_field: String,
    /// Example ids: lists (every item) first, then gets (one entity).
    pub lists: Vec<&'a str>,
    pub gets: Vec<&'a str>,
}

pub(crate) fn action(op: &Operation) -> &str {
    op.mock
        .as_ref()
        .and_then(|m| m.action.as_deref())
        .unwrap_or("answer")
}

pub(crate) fn collection_of(op: &Operation) -> Option<&str> {
    op.mock.as_ref().and_then(|m| m.collection.as_deref())
}

/// The entity field a key parameter matches: `contact_uuid` -> `uuid`, `promotion_attribute_id`
/// -> `id`; any other name is a field of its own (`email`, `code`).
pub(crate) fn key_field(key: &str) -> String {
    if key == "uuid" || key.ends_with("_uuid") {
        "uuid".into()
    } else if key == "id" || key.ends_with("_id") {
        "id".into()
    } else {
        key.into()
    }
}

pub(crate) fn item_type(op: &Operation) -> Option<String> {
    op.returns().item().map(ToString::to_string)
}

pub(crate) fn collections(spec: &Spec) -> BTreeMap<&str, Collection<'_>> {
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
        // The collection's own key is the one its path lookups use (a finder by email or
        // code keys on a field of its own).
        if entry.key_field.is_empty() {
            if let Some(key) = op.mock.as_ref().and_then(|m| m.key.as_deref()) {
                if op.params_in("path").any(|p| p.name == key) {
                    entry.key_field = key_field(key);
                }
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
         //! ([`collections`]), the example answers ([`examples`]), and the key each webhook\n\
         //! event carries its entity under ([`events`]).\n\n",
    );
    s.push_str(
        "pub(crate) mod collections;\npub(crate) mod events;\nmod examples;\npub(crate) mod operations;\n",
    );
    s
}

/// A Rust string literal holding `text`: a raw string with as many `#` as it needs.
pub(crate) fn raw(text: &str) -> String {
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
    let _ = writeln!(
        s,
        "/// The group the mock answers by hand (`subscriptions.rs`); the engine leaves it alone.\npub(crate) const BY_HAND: &str = {};\n",
        quote(BY_HAND)
    );
    for (name, e) in &spec.enums {
        let values: Vec<String> = e.values.iter().map(|v| quote(&v.value)).collect();
        let _ = writeln!(
            s,
            "/// The values of the spec's enum `{name}`.\n#[allow(dead_code)]\npub(crate) const {}: &[&str] = &[{}];\n",
            upper(&crate::names::snake(name)),
            values.join(", ")
        );
    }
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
