//! The entities of the collections the generic engine keeps (contacts, vouchers, shops, ...),
//! each filled from its examples the first time it is used, so a fresh mock holds realistic
//! entities with stable uuids. Every change to an entity goes through this file's methods,
//! the one place where later behaviour (webhook events from state changes) can hook in.

use std::collections::HashMap;

use serde_json::Value;

use crate::generated::collections::COLLECTIONS;
use crate::table::{Collection, Seed};

/// Every collection used so far, by name; the others are still as their seed.
#[derive(Default)]
pub(crate) struct Store {
    used: HashMap<&'static str, Vec<Value>>,
}

impl Store {
    /// The entities of `collection`, in the order stored (seeded on first use).
    pub fn entities(&mut self, collection: &'static Collection) -> &mut Vec<Value> {
        self.used
            .entry(collection.name)
            .or_insert_with(|| seed(collection))
    }

    /// The entities of the collection called `name`, if the spec has one.
    pub fn entities_named(&mut self, name: &str) -> Option<&mut Vec<Value>> {
        let collection = COLLECTIONS.iter().find(|c| c.name == name)?;
        Some(self.entities(collection))
    }

    /// Where in `collection` the entity whose `field` reads `value` is.
    pub fn position(
        &mut self,
        collection: &'static Collection,
        field: &str,
        value: &str,
    ) -> Option<usize> {
        self.entities(collection)
            .iter()
            .position(|entity| entity.get(field).and_then(key_text).as_deref() == Some(value))
    }

    /// Adds `entity` to the end of `collection`.
    pub fn insert(&mut self, collection: &'static Collection, entity: Value) {
        self.entities(collection).push(entity);
    }

    /// Replaces the entity at `at` (from [`Store::position`]).
    pub fn replace(&mut self, collection: &'static Collection, at: usize, entity: Value) {
        if let Some(slot) = self.entities(collection).get_mut(at) {
            *slot = entity;
        }
    }

    /// Removes the entity at `at` (from [`Store::position`]).
    pub fn remove(&mut self, collection: &'static Collection, at: usize) {
        let entities = self.entities(collection);
        if at < entities.len() {
            entities.remove(at);
        }
    }

    /// Back to the seed: every collection as a fresh mock has it.
    pub fn reset(&mut self) {
        self.used.clear();
    }
}

/// A key value as text, to compare with a path or query parameter: `"abc"` or `22`.
pub(crate) fn key_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The entities a fresh mock holds: the items of the collection's list examples, then the
/// entities of its get examples, each key once.
fn seed(collection: &Collection) -> Vec<Value> {
    let mut entities: Vec<Value> = Vec::new();
    for seed in collection.seeds {
        let (text, many) = match seed {
            Seed::Items(text) => (text, true),
            Seed::One(text) => (text, false),
        };
        let data = serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|mut body| body.get_mut("data").map(Value::take));
        let found = match data {
            Some(Value::Array(items)) if many => items,
            Some(entity @ Value::Object(_)) if !many => vec![entity],
            _ => Vec::new(),
        };
        for entity in found {
            let key = entity.get(collection.key_field).and_then(key_text);
            let known = key.is_some()
                && entities
                    .iter()
                    .any(|e| e.get(collection.key_field).and_then(key_text) == key);
            if !known {
                entities.push(entity);
            }
        }
    }
    entities
}
