//! Prepaid transactions: `amount_in_cents` added to or taken off a contact's prepaid balance
//! (`contacts.get_prepaid_balance`), reversed by the opposite amount. Each sends
//! `prepaid_transaction_created`.

use serde_json::{json, Value};

use super::{contact, lookup, put, refuse, shop, Call, Flow};
use crate::account::build_template as template;
use crate::clock;
use crate::contact_fields;
use crate::events::Event;
use crate::store::Store;

fn transact(
    store: &mut Store,
    call: &Call<'_>,
    contact_uuid: &str,
    cents: i64,
    shop: Value,
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
    entity["created_at"] = json!(clock::now());
    entity["shop"] = super::carried(entity.get("shop"), &shop);
    entity["contact_identifier"] = Value::Null;
    let mut stored = entity.clone();
    stored["contact"] = json!({"uuid": contact_uuid});
    super::add(store, "prepaid_transactions", stored, true);
    Ok(call.answer(entity.clone()).with(Event::new(
        "prepaid_transaction_created",
        "prepaid_transaction",
        entity,
    )))
}

/// Adds to (positive) or takes off (negative) the contact's prepaid balance.
pub(crate) fn create(store: &mut Store, call: &Call<'_>) -> Flow {
    let place = shop(store, call)?;
    let (_, person) = contact(store, call, "contact_uuid")?;
    let uuid = person["uuid"].as_str().unwrap_or_default().to_owned();
    transact(
        store,
        call,
        &uuid,
        call.integer("amount_in_cents").unwrap_or(0),
        place,
    )
}

/// Reverses a transaction by its opposite, once. One the mock never made (a recorded one)
/// is answered as recorded.
pub(crate) fn reverse(store: &mut Store, call: &Call<'_>) -> Flow {
    let uuid = call.text("prepaid_transaction_uuid").unwrap_or_default();
    let Some((_, original)) = lookup(store, "prepaid_transactions", "uuid", &uuid)
        .filter(|(_, t)| t.pointer("/contact/uuid").is_some())
    else {
        return Ok(call.answer(call.example()["data"].clone()));
    };
    if !store.books.reversed.insert(uuid) {
        return Err(super::invalid(
            "prepaid_transaction_uuid",
            "The prepaid transaction was reversed already.",
        ));
    }
    let owner = original
        .pointer("/contact/uuid")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let cents = -original["amount_in_cents"].as_i64().unwrap_or(0);
    transact(store, call, &owner, cents, original["shop"].clone())
}

fn uuid_of(call: &Call<'_>) -> String {
    call.text("prepaid_transaction_uuid").unwrap_or_default()
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
