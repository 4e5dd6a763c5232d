//! The cases the mock's wire tests call every operation with
//! (`crates/leat-mock/tests/wire/generated/cases.rs`): each operation with every parameter
//! given a value Leat accepts, the key of an entity a fresh mock holds where it looks one up,
//! and what it must answer (status, the shape of `data`, the not-found code).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::mock::{action, collection_of, item_type, raw, Collection, EXAMPLE_ITEMS};
use crate::names::quote;
use crate::output::header;
use crate::spec::{Operation, Param, Spec};

use crate::conformance::sample;

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

/// The key of an entity a fresh mock holds, for a parameter of `op` that its rule looks an
/// entity up by (a path uuid, or a finder's email or code); `None` for any other parameter.
pub(crate) fn seeded_key(spec: &Spec, op: &Operation, param: &Param) -> Option<Value> {
    let rule = op.mock.as_ref()?;
    if rule.key.as_deref() != Some(param.name.as_str()) || op.group == crate::mock::BY_HAND {
        return None;
    }
    let collections = crate::mock::collections(spec);
    let collection = collections.get(rule.collection.as_deref()?)?;
    let (key, entity) = seeded_for(spec, op, collection)?;
    if param.place == "path" {
        Some(Value::String(key))
    } else {
        entity.get(crate::mock::key_field(&param.name)).cloned()
    }
}

/// For a parameter naming an entity of another kind (`contact_uuid`, `shop_uuid`,
/// `unit_name`), or taking the key its group's finder takes (a voucher's `code`): the key of
/// one a fresh mock holds, so a call the mock checks (a reward reception needs a contact, a
/// shop and a reward it holds) succeeds. The entity the operation's example names is
/// preferred when held (the contact that could afford the recorded reward), else the first.
pub(crate) fn referenced_key(spec: &Spec, op: &Operation, param: &Param) -> Option<Value> {
    if op.group == crate::mock::BY_HAND {
        return None;
    }
    if op.mock.as_ref().and_then(|m| m.key.as_deref()) == Some(param.name.as_str()) {
        return None;
    }
    let collections = crate::mock::collections(spec);
    let finder = || {
        if action(op) == "create" {
            // A create takes a new value, not one held.
            return None;
        }
        spec.operations().find(|other| {
            other.group == op.group
                && action(other) == "get"
                && other.mock.as_ref().and_then(|m| m.key.as_deref()) == Some(param.name.as_str())
        })
    };
    let (collection, thing, field) = if let Some(thing) = param.name.strip_suffix("_uuid") {
        (
            collections.get(format!("{thing}s").as_str())?,
            thing.to_owned(),
            "uuid".to_owned(),
        )
    } else if let Some(thing) = param.name.strip_suffix("_name") {
        (
            collections.get(format!("{thing}s").as_str())?,
            thing.to_owned(),
            "name".to_owned(),
        )
    } else if let Some(found) = finder() {
        let name = collection_of(found)?;
        (collections.get(name)?, String::new(), param.name.clone())
    } else {
        return None;
    };
    // Every entity a fresh mock holds, keyed or not (units have no uuid).
    let entities: Vec<(String, Value)> = collection
        .lists
        .iter()
        .flat_map(|id| {
            spec.examples[*id]["data"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .take(EXAMPLE_ITEMS)
        })
        .chain(
            collection
                .gets
                .iter()
                .map(|id| spec.examples[*id]["data"].clone()),
        )
        .map(|entity| (String::new(), entity))
        .collect();
    let mut data = spec.examples[&op.id]["data"].clone();
    if let Value::Array(items) = data {
        data = items.into_iter().next().unwrap_or(Value::Null);
    }
    let holder = if thing.is_empty() {
        Some(&data)
    } else {
        data.get(&thing)
    };
    let named = holder
        .and_then(|entity| entity.get(&field))
        .and_then(key_text);
    let holds = |entity: &Value| entity.get(&field).and_then(key_text);
    let chosen = entities
        .iter()
        .find(|(_, e)| {
            named.is_some()
                && holds(e) == named
                && e.get("status").and_then(Value::as_str) != Some("REDEEMED")
        })
        .or_else(|| {
            entities.iter().find(|(_, e)| {
                holds(e).is_some() && e.get("status").and_then(Value::as_str) != Some("REDEEMED")
            })
        })?;
    chosen.1.get(&field).cloned()
}

/// The value the spec gives `param`, else the key of a held entity it names, else one made
/// from its kind.
fn given_or_referenced(spec: &Spec, op: &Operation, param: &Param) -> Value {
    param
        .example
        .clone()
        .or_else(|| referenced_key(spec, op, param))
        .unwrap_or_else(|| sample(spec, param))
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

pub fn cases_file(spec: &Spec, collections: &BTreeMap<&str, Collection<'_>>) -> String {
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
            // A value the spec gives wins over a held entity's key.
            let entity = collection
                .filter(|_| key == Some(p.name.as_str()) && p.example.is_none())
                .and_then(|c| seeded_for(spec, op, c));
            let answers_entity = collection.is_some_and(|c| c.model == item_type(op));
            if let (Some((_, entity)), true, "get" | "update") =
                (&entity, answers_entity, action(op))
            {
                shape_of = entity.clone();
            }
            let value = match entity.map(|(key, _)| key) {
                Some(value) => value,
                None => match given_or_referenced(spec, op, p) {
                    Value::String(text) => text,
                    other => other.to_string(),
                },
            };
            path_values.push(format!("({}, {})", quote(&p.name), quote(&value)));
        }
        let mut pairs = Vec::new();
        for p in op.params_in("query") {
            // A finder keyed on a query parameter (an email, a code) asks for an entity the
            // mock holds.
            let seeded_value = collection
                .filter(|_| key == Some(p.name.as_str()) && p.example.is_none())
                .and_then(|c| seeded_for(spec, op, c))
                .and_then(|(_, entity)| entity.get(crate::mock::key_field(&p.name)).cloned());
            if let Some(value) = seeded_value {
                query(&mut pairs, p.name.clone(), &value);
                continue;
            }
            let value = given_or_referenced(spec, op, p);
            query(&mut pairs, p.name.clone(), &value);
        }
        let query_text: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        let takes_body = op.custom_attributes || op.params_in("body").next().is_some();
        let body = takes_body.then(|| {
            let fields: Map<String, Value> = op
                .params_in("body")
                .map(|p| (p.name.clone(), given_or_referenced(spec, op, p)))
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
