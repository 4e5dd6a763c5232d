//! Writing an [`Account`] into the store: each entity made from Leat's recorded shape for
//! its kind (the operations' examples), with the description's values written over it.

use serde_json::{json, Value};

use super::{Account, Contact, Giftcard, Promotion, Reward, Shop, Unit, Voucher};
use crate::contact_fields;
use crate::generated::operations::OPERATIONS;
use crate::store::{key_text, Store};

/// The histories that name the account's entities: a description of its own starts them
/// empty, as they would name contacts and shops it does not have.
const HISTORIES: &[&str] = &[
    "loyalty_transactions",
    "credit_receptions",
    "reward_receptions",
    "collectable_rewards",
    "prepaid_transactions",
    "giftcard_transactions",
];

/// Writes `account` into `store`: the collections it names replace the store's (or, for the
/// default account, are added to them, an entity with a key already held replacing it).
pub(crate) fn apply(store: &mut Store, account: &Account) {
    if account.replaces {
        for name in HISTORIES {
            put(store, name, Vec::new(), true);
        }
        store.books.identifiers = Some(Vec::new());
    }
    if let Some(units) = &account.units {
        let built = units_of(store, units, account.replaces);
        put(store, "units", built, account.replaces);
    }
    if let Some(shops) = &account.shops {
        let built = shops.iter().map(|s| shop(store, s)).collect();
        put(store, "shops", built, account.replaces);
    }
    if let Some(program) = &account.loyalty_program {
        let mut entity = template("loyalty_program.get");
        entity["name"] = json!(program.name);
        entity["custom_credit_name"] = json!(program.custom_credit_name);
        if let Some(max) = program.max_amount {
            entity["max_amount"] = json!(max);
        }
        store.books.program = Some(entity);
    }
    if let Some(unit) = store.default_unit() {
        if let Some(program) = store.books.program.as_mut() {
            program["unit"] =
                json!({"name": unit["name"], "label": unit["label"], "prefix": unit["prefix"]});
        }
    }
    if let Some(promotions) = &account.promotions {
        let built = promotions.iter().map(|p| promotion(store, p)).collect();
        put(store, "promotions", built, account.replaces);
    }
    if let Some(rewards) = &account.rewards {
        let built = rewards
            .iter()
            .enumerate()
            .map(|(i, r)| reward(store, i, r))
            .collect();
        put(store, "rewards", built, account.replaces);
    }
    if let Some(contacts) = &account.contacts {
        let built = contacts
            .iter()
            .enumerate()
            .map(|(i, c)| contact(store, i, c))
            .collect();
        put(store, "contacts", built, account.replaces);
    }
    if let Some(giftcards) = &account.giftcards {
        let built = giftcards
            .iter()
            .enumerate()
            .map(|(i, g)| giftcard(store, i, g))
            .collect();
        put(store, "giftcards", built, account.replaces);
    }
    if let Some(vouchers) = &account.vouchers {
        let built = vouchers.iter().map(|v| voucher(store, v)).collect();
        put(store, "vouchers", built, account.replaces);
    }
}

/// The `data` of operation `id`'s example (its first item, for a list): the shape an entity
/// of that kind has.
pub(crate) fn template(id: &str) -> Value {
    let example = OPERATIONS
        .iter()
        .find(|op| op.id == id)
        .and_then(|op| serde_json::from_str::<Value>(op.example).ok())
        .and_then(|mut body| body.get_mut("data").map(Value::take));
    match example {
        Some(Value::Array(mut items)) if !items.is_empty() => items.swap_remove(0),
        Some(entity @ Value::Object(_)) => entity,
        _ => json!({}),
    }
}

fn put(store: &mut Store, name: &str, built: Vec<Value>, replaces: bool) {
    let Some(entities) = store.entities_named(name) else {
        return;
    };
    if replaces {
        *entities = built;
        return;
    }
    for entity in built {
        let key = entity
            .get("uuid")
            .or_else(|| entity.get("name"))
            .and_then(key_text);
        let at = entities.iter().position(|e| {
            key.is_some() && e.get("uuid").or_else(|| e.get("name")).and_then(key_text) == key
        });
        match at {
            Some(at) => entities[at] = entity,
            None => entities.push(entity),
        }
    }
}

fn units_of(store: &mut Store, units: &[Unit], replaces: bool) -> Vec<Value> {
    let any_default = units.iter().any(|u| u.is_default);
    units
        .iter()
        .enumerate()
        .map(|(index, unit)| {
            store
                .books
                .rates
                .insert(unit.name.clone(), unit.credits_per_unit);
            let is_default = unit.is_default || (replaces && !any_default && index == 0);
            let mut entity = template("units.list");
            entity["name"] = json!(unit.name);
            entity["label"] = json!(unit.label);
            entity["prefix"] = json!(unit.prefix);
            entity["is_default"] = json!(is_default);
            entity
        })
        .collect()
}

fn uuid_or_new(store: &mut Store, given: &Option<String>) -> String {
    given.clone().unwrap_or_else(|| store.ids.uuid())
}

fn shop(store: &mut Store, shop: &Shop) -> Value {
    let mut entity = template("shops.get");
    entity["uuid"] = json!(uuid_or_new(store, &shop.uuid));
    entity["name"] = json!(shop.name);
    entity["type"] = json!(shop.kind);
    entity
}

fn promotion(store: &mut Store, promotion: &Promotion) -> Value {
    let mut entity = template("promotions.get");
    entity["uuid"] = json!(uuid_or_new(store, &promotion.uuid));
    entity["name"] = json!(promotion.name);
    entity["description"] = json!(promotion.description);
    entity["voucher_limit"] = json!(promotion.voucher_limit);
    entity["limit_per_contact"] = json!(promotion.limit_per_contact);
    entity["expiration_duration"] = json!(promotion.expiration_duration);
    entity
}

fn reward(store: &mut Store, index: usize, reward: &Reward) -> Value {
    let mut entity = template("rewards.get");
    entity["uuid"] = json!(uuid_or_new(store, &reward.uuid));
    if entity.get("id").is_some() {
        entity["id"] = json!(30_000 + index);
    }
    entity["title"] = json!(reward.title);
    entity["description"] = json!(reward.description);
    entity["required_credits"] = json!(reward.required_credits);
    entity["reward_type"] = json!(reward.reward_type);
    entity["is_active"] = json!(reward.is_active);
    if entity.get("active").is_some() {
        entity["active"] = json!(reward.is_active);
    }
    entity
}

fn contact(store: &mut Store, index: usize, contact: &Contact) -> Value {
    let mut entity = template("contacts.get");
    let uuid = uuid_or_new(store, &contact.uuid);
    entity["id"] = json!(1000 + index);
    entity["uuid"] = json!(uuid);
    entity["email"] = json!(contact.email);
    contact_fields::set_attribute(&mut entity, "uuid", &json!(uuid));
    contact_fields::set_attribute(
        &mut entity,
        "email",
        &json!(contact.email.clone().unwrap_or_default()),
    );
    contact_fields::set_attribute(&mut entity, "is_anonymous", &json!(contact.email.is_none()));
    contact_fields::set_credits(&mut entity, contact.credits);
    contact_fields::set_prepaid_cents(&mut entity, contact.prepaid_balance_in_cents);
    for (name, value) in &contact.attributes {
        contact_fields::set_attribute(&mut entity, name, value);
    }
    entity
}

fn giftcard(store: &mut Store, index: usize, giftcard: &Giftcard) -> Value {
    let mut entity = template("giftcards.get");
    let id = 50_000 + index;
    let hash = giftcard.hash.clone().unwrap_or_else(|| id.to_string());
    entity["id"] = json!(id);
    entity["uuid"] = json!(uuid_or_new(store, &giftcard.uuid));
    entity["hash"] = json!(hash);
    crate::flows::giftcards::set_amount(&mut entity, giftcard.amount_in_cents);
    if let Some(Value::String(url)) = entity.get_mut("url") {
        if let Some(at) = url.find("hash=") {
            url.truncate(at + 5);
            url.push_str(&hash);
        }
    }
    entity
}

fn voucher(store: &mut Store, voucher: &Voucher) -> Value {
    let mut entity = template("vouchers.list");
    entity["uuid"] = json!(uuid_or_new(store, &voucher.uuid));
    entity["code"] = json!(voucher.code);
    entity["status"] = json!(voucher.status);
    entity["is_redeemed"] = json!(voucher.status == "REDEEMED");
    entity["redeemed_at"] = Value::Null;
    let promotion = {
        let promotions = store
            .entities_named("promotions")
            .cloned()
            .unwrap_or_default();
        match &voucher.promotion_uuid {
            Some(wanted) => promotions
                .into_iter()
                .find(|p| p["uuid"].as_str() == Some(wanted)),
            None => promotions.into_iter().next(),
        }
    };
    if let Some(promotion) = promotion {
        crate::flows::vouchers::set_promotion(&mut entity, &promotion);
    }
    entity["contact"] = match &voucher.contact_uuid {
        Some(uuid) => {
            let email = store
                .entities_named("contacts")
                .and_then(|all| {
                    all.iter()
                        .find(|c| c["uuid"].as_str() == Some(uuid))
                        .cloned()
                })
                .map_or(Value::Null, |c| c["email"].clone());
            json!({"uuid": uuid, "email": email})
        }
        None => Value::Null,
    };
    entity
}
