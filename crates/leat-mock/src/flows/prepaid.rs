//! Prepaid transactions: `amount_in_cents` added to or taken off a contact's prepaid balance
//! (`contacts.get_prepaid_balance`), reversed by the opposite amount. Each sends
//! `prepaid_transaction_created`.

use serde_json::{json, Value};

use super::{contact, identifiers, lookup, put, refuse, shop, Call, Flow};
use crate::account::build_template as template;
use crate::contact_fields;
use crate::events::Event;
use crate::store::Store;

/// Moves the prepaid balance of `contact_uuid` by `cents` and records the transaction, made
/// with `identifier` (`{name, value, active}`) when one was used.
fn transact(
    store: &mut Store,
    call: &Call<'_>,
    contact_uuid: &str,
    cents: i64,
    shop: Value,
    identifier: Value,
) -> Flow {
    let (at, mut person) =
        lookup(store, "contacts", "uuid", contact_uuid).ok_or_else(|| refuse(55031))?;
    let balance = contact_fields::prepaid_cents(&person) + cents;
    contact_fields::set_prepaid_cents(&mut person, balance);
    put(store, "contacts", at, person);
    let mut entity = template("prepaid_transactions.create");
    entity["uuid"] = json!(store.ids.uuid());
    entity["amount_in_cents"] = json!(cents);
    entity["prepaid_balance"] =
        json!({"balance_in_cents": balance, "balance": contact_fields::euros(balance)});
    entity["created_at"] = json!(store.ids.now());
    entity["shop"] = super::carried(entity.get("shop"), &shop);
    entity["contact_identifier"] = identifier;
    let mut stored = entity.clone();
    stored["contact"] = json!({"uuid": contact_uuid});
    super::add(store, "prepaid_transactions", stored, true);
    Ok(call
        .answer(entity.clone())
        .with(Event::new("prepaid_transaction_created", entity)))
}

/// Adds to (positive) or takes off (negative) the prepaid balance of the contact named by
/// `contact_uuid`, or else by the contact identifier `contact_identifier_value` is linked to
/// (1003 when neither is given; 60003/60004 for an unknown or inactive identifier).
pub(crate) fn create(store: &mut Store, call: &Call<'_>) -> Flow {
    let place = shop(store, call)?;
    let identifier = match call
        .text("contact_identifier_value")
        .filter(|v| !v.is_empty())
    {
        Some(value) => Some(identifiers::usable(store, &value)?),
        None => None,
    };
    let owner = if call.text("contact_uuid").is_some() {
        contact(store, call, "contact_uuid")?.1["uuid"].clone()
    } else if let Some(identifier) = &identifier {
        identifier
            .pointer("/contact/uuid")
            .cloned()
            .ok_or_else(|| refuse(55031))?
    } else {
        return Err(super::invalid(
            "contact_uuid",
            "The contact uuid field is required when contact identifier value is not present.",
        ));
    };
    let shown = identifier.map_or(
        Value::Null,
        |i| json!({"name": i["name"], "value": i["value"], "active": i["active"]}),
    );
    transact(
        store,
        call,
        owner.as_str().unwrap_or_default(),
        call.integer("amount_in_cents").unwrap_or(0),
        place,
        shown,
    )
}

/// Reverses a transaction by its opposite, once. A recorded one whose contact the account
/// does not hold (the mock cannot move that balance) is answered as recorded.
pub(crate) fn reverse(store: &mut Store, call: &Call<'_>) -> Flow {
    let uuid = call.text("prepaid_transaction_uuid").unwrap_or_default();
    let original = lookup(store, "prepaid_transactions", "uuid", &uuid).map(|(_, t)| t);
    let owner = original
        .as_ref()
        .and_then(|t| t.pointer("/contact/uuid"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let (Some(original), Some(owner)) = (original, owner) else {
        return Ok(call.answer(call.example()["data"].clone()));
    };
    if lookup(store, "contacts", "uuid", &owner).is_none() {
        return Ok(call.answer(call.example()["data"].clone()));
    }
    if !store.books.reversed.insert(uuid) {
        return Err(super::invalid(
            "prepaid_transaction_uuid",
            "The prepaid transaction was reversed already.",
        ));
    }
    let cents = -original["amount_in_cents"].as_i64().unwrap_or(0);
    transact(
        store,
        call,
        &owner,
        cents,
        original["shop"].clone(),
        original["contact_identifier"].clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    #[test]
    fn the_prepaid_balance_follows_its_transactions() {
        let mut store = store();
        let uuid = contact_with(&mut store, 0);
        let made = data(call(
            &mut store,
            "prepaid_transactions.create",
            &[],
            json!({"contact_uuid": uuid, "shop_uuid": "123123", "amount_in_cents": 2550}),
        ));
        assert_eq!(made["prepaid_balance"]["balance_in_cents"], json!(2550));
        let balance = data(call(
            &mut store,
            "contacts.get_prepaid_balance",
            &[("contact_uuid", &uuid)],
            json!({}),
        ));
        assert_eq!(
            balance,
            json!({"balance_in_cents": 2550, "balance": "\u{20ac}25.50"})
        );
        let made_uuid = made["uuid"].as_str().unwrap().to_owned();
        data(call(
            &mut store,
            "prepaid_transactions.reverse",
            &[("prepaid_transaction_uuid", &made_uuid)],
            json!({}),
        ));
        let balance = data(call(
            &mut store,
            "contacts.get_prepaid_balance",
            &[("contact_uuid", &uuid)],
            json!({}),
        ));
        assert_eq!(balance["balance_in_cents"], json!(0));
    }
}
