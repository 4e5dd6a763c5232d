//! The entities of the collections the generic engine keeps (contacts, vouchers, shops, ...),
//! each filled from its examples the first time it is used, so a fresh mock holds realistic
//! entities with stable uuids, with the starting account (`account/`) written over them.
//! Beside the entities, the books the flows keep that no answer shows (`Books`), and where
//! new uuids come from (`ids.rs`).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::account::{self, Account};
use crate::generated::collections::COLLECTIONS;
use crate::ids::Ids;
use crate::table::{Collection, Seed};

/// What the flows keep that no answer shows.
#[derive(Debug, Default, Clone)]
pub(crate) struct Books {
    /// Credits one of a unit earns, by unit name (1 when not set).
    pub rates: HashMap<String, f64>,
    /// The loyalty program, once an account description set it (else the recorded one).
    pub program: Option<Value>,
    /// Voucher uuid -> the release key of its lock.
    pub locks: HashMap<String, String>,
    /// Voucher uuid -> (times redeemed, times allowed).
    pub redemptions: HashMap<String, (i64, i64)>,
    /// The uuids of receptions and transactions reversed already.
    pub reversed: HashSet<String>,
    /// The contact identifiers; `None` until first used (then seeded from the examples).
    pub identifiers: Option<Vec<Value>>,
}

/// Every collection used so far, by name; the others are still as their seed.
pub(crate) struct Store {
    used: HashMap<&'static str, Vec<Value>>,
    /// The flows' own records.
    pub books: Books,
    /// Where new uuids come from.
    pub ids: Ids,
    /// The account a reset returns to.
    start: Account,
}

impl Default for Store {
    fn default() -> Self {
        Store::new(None, Account::default_additions())
    }
}

impl Store {
    /// A store holding `start` (over the recorded entities), its uuids from `seed`.
    pub fn new(seed: Option<u64>, start: Account) -> Self {
        let mut store = Store {
            used: HashMap::new(),
            books: Books::default(),
            ids: Ids::new(seed),
            start,
        };
        store.reset();
        store
    }

    /// Replaces the account: it is what the store holds now and what a reset returns to.
    pub fn load(&mut self, start: Account) {
        self.start = start;
        self.reset();
    }

    /// The default unit: the one marked `is_default`, else the first.
    pub fn default_unit(&mut self) -> Option<Value> {
        let units = self.entities_named("units")?;
        units
            .iter()
            .find(|u| u.get("is_default").and_then(Value::as_bool) == Some(true))
            .or_else(|| units.first())
            .cloned()
    }

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

    /// Back to the starting account, the uuid sequence restarted.
    pub fn reset(&mut self) {
        self.used.clear();
        self.books = Books::default();
        self.ids.restart();
        let start = self.start.clone();
        account::apply(self, &start);
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
