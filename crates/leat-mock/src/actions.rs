//! What an operation's `mock` rule does to the account, and what the mock answers for it:
//! `list` the collection's entities (paged as Leat pages them), `get` one by its key, `create`
//! one from the example's `data` with the parameters given written over it, `update` one with
//! the fields given, `delete` one; `answer` answers the example, once the entity its key
//! names is known when it has a key; an operation without a rule answers its example. Every
//! answer keeps the example's envelope (`data`, `meta`, and whatever else Leat recorded).

use axum::response::Response;
use http::StatusCode;
use serde_json::{json, Map, Value};

use crate::input::Input;
use crate::paging;
use crate::responses::{json_response, resource_not_found};
use crate::store::{key_text, Store};
use crate::table::{Action, Collection, Data, MockOperation, Place};

/// Acts on `input` (checked) as `op`'s rule says, and answers.
pub(crate) fn perform(
    store: &mut Store,
    url: &str,
    op: &'static MockOperation,
    input: &Input,
) -> Response {
    match act(store, url, op, input) {
        Ok((status, body)) => json_response(status, &body),
        Err(refused) => refused,
    }
}

/// What [`perform`] answers, as its status and body (for a flow that builds on the rule).
pub(crate) fn act(
    store: &mut Store,
    url: &str,
    op: &'static MockOperation,
    input: &Input,
) -> Result<(StatusCode, Value), Response> {
    let example: Value = serde_json::from_str(op.example).unwrap_or_else(|_| json!({}));
    let status = StatusCode::from_u16(op.status).unwrap_or(StatusCode::OK);
    // An answer with a key answers only once the entity it names is known (a contact's
    // balance, a voucher's lock); without one, it is the example as it is.
    let keyed = op.rule.action != Action::Answer || op.rule.key.is_some();
    let (Some(collection), true) = (op.rule.collection, keyed) else {
        return Ok((status, example));
    };
    let answer = |data: Value| {
        if op.rule.answers_entity {
            Ok((status, with_data(&example, data)))
        } else {
            Ok((status, example.clone()))
        }
    };
    match op.rule.action {
        Action::List => {
            let entities = store.entities(collection).clone();
            let body = match &op.data {
                Data::Page(paging) => {
                    let list_url = format!("{url}{}", op.path);
                    paging::page(paging, &example, &input.fields, &entities, &list_url)
                }
                _ => with_data(&example, Value::Array(entities)),
            };
            Ok((status, body))
        }
        Action::Create => {
            let Some(Value::Object(template)) = example.get("data") else {
                return Ok((status, example));
            };
            let entity = create(op, collection, store, template.clone(), &input.fields);
            store.insert(collection, entity.clone());
            answer(entity)
        }
        Action::Get | Action::Update | Action::Delete | Action::Answer => {
            let Some(at) = find(op, collection, store, input) else {
                return match &op.rule.not_found {
                    Some(not_found) => Err(resource_not_found(not_found.code, not_found.message)),
                    None => Ok((status, example)),
                };
            };
            let mut entity = store.entities(collection)[at].clone();
            match op.rule.action {
                Action::Get => answer(entity),
                Action::Answer => Ok((status, example)),
                Action::Update => {
                    for (name, value) in given(op, &input.fields) {
                        overlay(&mut entity, name, value);
                    }
                    let now = store.ids.now();
                    stamp(&mut entity, "updated_at", &now);
                    store.replace(collection, at, entity.clone());
                    answer(entity)
                }
                _ => {
                    store.remove(collection, at);
                    // Leat's answer to a delete, as recorded (`data: []` or `data: null`).
                    Ok((status, example))
                }
            }
        }
    }
}

/// `example` with its `data` replaced, every other key kept in its place.
pub(crate) fn with_data(example: &Value, data: Value) -> Value {
    match example {
        Value::Object(body) => {
            let mut body = body.clone();
            body.insert("data".into(), data);
            Value::Object(body)
        }
        _ => json!({"data": data, "meta": []}),
    }
}

/// The entity the rule's key names, if the call gave the key and an entity has it.
fn find(
    op: &MockOperation,
    collection: &'static Collection,
    store: &mut Store,
    input: &Input,
) -> Option<usize> {
    let key = op.rule.key.as_ref()?;
    let value = match key.place {
        Place::Path => input.path_value(key.param)?.to_owned(),
        _ => key_text(input.fields.get(key.param)?)?,
    };
    store.position(collection, key.field, &value)
}

/// The fields a call gives to write into an entity: its parameters outside the path, except
/// the rule's key.
fn given<'a>(
    op: &'a MockOperation,
    fields: &'a Map<String, Value>,
) -> impl Iterator<Item = (&'a str, &'a Value)> + 'a {
    let key = op.rule.key.as_ref().map(|k| k.param);
    op.params
        .iter()
        .filter(move |p| p.place != Place::Path && Some(p.name) != key)
        .filter_map(move |p| Some((p.name, fields.get(p.name)?)))
}

/// A new entity: the example's `data` with the parameters given written over it, a fresh
/// `uuid`, the next `id`, and `created_at` (and `updated_at`) now, where the template has them.
fn create(
    op: &MockOperation,
    collection: &'static Collection,
    store: &mut Store,
    template: Map<String, Value>,
    fields: &Map<String, Value>,
) -> Value {
    let mut entity = Value::Object(template);
    for (name, value) in given(op, fields) {
        overlay(&mut entity, name, value);
    }
    if entity.get("uuid").is_some_and(Value::is_string) {
        entity["uuid"] = json!(store.ids.uuid());
    }
    if let Some(id) = entity.get("id").and_then(Value::as_u64) {
        let highest = store
            .entities(collection)
            .iter()
            .filter_map(|e| e.get("id").and_then(Value::as_u64))
            .max()
            .unwrap_or(0);
        entity["id"] = json!(highest.max(id) + 1);
    }
    let now = store.ids.now();
    stamp(&mut entity, "created_at", &now);
    stamp(&mut entity, "updated_at", &now);
    entity
}

/// Writes `value` over the entity's field `name` (see [`merge`]); `<thing>_uuid` also names the
/// uuid of the entity's `<thing>` (`contact_uuid` -> `contact.uuid`). A name the entity does
/// not have is not added: the answer keeps the fields Leat recorded.
fn overlay(entity: &mut Value, name: &str, value: &Value) {
    let Value::Object(fields) = entity else {
        return;
    };
    if let Some(current) = fields.get_mut(name) {
        merge(current, value);
        return;
    }
    if let (Some(thing), Value::String(_)) = (name.strip_suffix("_uuid"), value) {
        if let Some(Value::Object(related)) = fields.get_mut(thing) {
            if related.get("uuid").is_some_and(Value::is_string) {
                related.insert("uuid".into(), value.clone());
            }
        }
    }
}

/// Writes `given` over `current` keeping its shape: a value of the same kind (or over `null`)
/// replaces it, an object's keys are merged in one by one, and a list of objects becomes the
/// items given, each written over the first item `current` had (so each keeps the fields Leat
/// sends). A value of another kind is left out.
fn merge(current: &mut Value, given: &Value) {
    match (&mut *current, given) {
        (Value::Null, _) => *current = given.clone(),
        (Value::Object(fields), Value::Object(entries)) => {
            for (key, value) in entries {
                match fields.get_mut(key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        fields.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(items), Value::Array(entries)) => match items.first() {
            Some(template @ Value::Object(_)) => {
                let template = template.clone();
                let merged: Option<Vec<Value>> = entries
                    .iter()
                    .map(|entry| {
                        entry.is_object().then(|| {
                            let mut item = template.clone();
                            merge(&mut item, entry);
                            item
                        })
                    })
                    .collect();
                if let Some(merged) = merged {
                    *items = merged;
                }
            }
            Some(template) if !entries.iter().all(|e| same_kind(template, e)) => {}
            _ => *items = entries.clone(),
        },
        (current, given) if same_kind(current, given) => *current = given.clone(),
        _ => {}
    }
}

fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Sets the timestamp `field` to `now`, when the entity has it.
pub(crate) fn stamp(entity: &mut Value, field: &str, now: &str) {
    if let Some(slot) = entity.get_mut(field) {
        if slot.is_string() || slot.is_null() {
            *slot = json!(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_given_keep_the_entitys_shape() {
        let mut entity = json!({
            "name": "a", "credits": 1, "note": null, "tags": ["x"],
            "contact": {"uuid": "c1", "email": "x@y.z"},
            "attributes": {"colour": "red"},
            "options": [{"value": "v", "label": "l"}],
        });
        for (name, value) in [
            ("name", json!("b")),
            ("credits", json!("not a number")),
            ("contact_uuid", json!("c2")),
            ("note", json!("now set")),
            ("tags", json!({"not": "a list"})),
            ("unknown", json!(1)),
            ("attributes", json!({"size": "L"})),
            (
                "options",
                json!([{"value": "a"}, {"value": "b", "label": "B"}]),
            ),
        ] {
            overlay(&mut entity, name, &value);
        }
        assert_eq!(
            entity,
            json!({
                "name": "b", "credits": 1, "note": "now set", "tags": ["x"],
                "contact": {"uuid": "c2", "email": "x@y.z"},
                "attributes": {"colour": "red", "size": "L"},
                "options": [{"value": "a", "label": "l"}, {"value": "b", "label": "B"}],
            })
        );
    }

    #[test]
    fn a_list_of_other_items_leaves_the_entitys_list_alone() {
        let mut entity = json!({"categories": [{"uuid": "c"}], "codes": ["a"]});
        overlay(&mut entity, "categories", &json!(["c2"]));
        overlay(&mut entity, "codes", &json!([1]));
        assert_eq!(
            entity,
            json!({"categories": [{"uuid": "c"}], "codes": ["a"]})
        );
        overlay(&mut entity, "codes", &json!([]));
        assert_eq!(entity["codes"], json!([]));
    }
}
