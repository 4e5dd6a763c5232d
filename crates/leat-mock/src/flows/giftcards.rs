//! Giftcard transactions: `amount_in_cents` added to or taken off a giftcard (5003 when the
//! card does not cover a charge), corrected or reversed by the opposite amount. Each sends
//! `giftcard_transaction_created`.

use serde_json::{json, Value};

use super::{lookup, put, refuse, shop, Call, Flow};
use crate::account::build_template as template;
use crate::contact_fields::euros;
use crate::events::Event;
use crate::store::Store;

/// Sets a giftcard's amount everywhere it shows it.
pub(crate) fn set_amount(giftcard: &mut Value, cents: i64) {
    giftcard["amount_in_cents"] = json!(cents);
    if giftcard.get("amount").is_some() {
        giftcard["amount"] = json!(cents as f64 / 100.0);
    }
    if giftcard.get("display_amount").is_some() {
        giftcard["display_amount"] = json!(euros(cents));
    }
}

/// Moves the giftcard `uuid` by `cents` and records the transaction.
fn transact(store: &mut Store, call: &Call<'_>, uuid: &str, cents: i64, shop: Value) -> Flow {
    let (at, mut card) = lookup(store, "giftcards", "uuid", uuid).ok_or_else(|| refuse(5001))?;
    let amount = card["amount_in_cents"].as_i64().unwrap_or(0);
    if amount + cents < 0 {
        return Err(refuse(5003));
    }
    set_amount(&mut card, amount + cents);
    put(store, "giftcards", at, card.clone());
    let mut entity = template("giftcard_transactions.create");
    let id = store
        .entities_named("giftcard_transactions")
        .map_or(0, |all| {
            all.iter()
                .filter_map(|t| t["id"].as_u64())
                .max()
                .unwrap_or(0)
        })
        + 1;
    entity["id"] = json!(id);
    entity["uuid"] = json!(store.ids.uuid());
    entity["amount_in_cents"] = json!(cents);
    // A card Leat recorded only in a list has no `id` there; it gets a stable one of its
    // place in the account.
    let card_id = card["id"]
        .as_u64()
        .unwrap_or(40_000 + u64::try_from(at).unwrap_or(0));
    entity["card"] = json!({"id": card_id, "uuid": card["uuid"]});
    entity["shop"] = super::carried(entity.get("shop"), &shop);
    entity["created_at"] = json!(store.ids.now());
    super::add(store, "giftcard_transactions", entity.clone(), false);
    Ok(call
        .answer(entity.clone())
        .with(Event::new("giftcard_transaction_created", entity)))
}

/// A charge (negative) or top-up (positive).
pub(crate) fn create(store: &mut Store, call: &Call<'_>) -> Flow {
    let place = shop(store, call)?;
    let uuid = call.text("giftcard_uuid").unwrap_or_default();
    transact(
        store,
        call,
        &uuid,
        call.integer("amount_in_cents").unwrap_or(0),
        place,
    )
}

/// The opposite of a transaction, once.
fn undo(store: &mut Store, call: &Call<'_>) -> Flow {
    let uuid = call.text("giftcard_transaction_uuid").unwrap_or_default();
    let (_, original) =
        lookup(store, "giftcard_transactions", "uuid", &uuid).ok_or_else(|| refuse(5010))?;
    let card = original
        .pointer("/card/uuid")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if lookup(store, "giftcards", "uuid", &card).is_none() {
        // A recorded transaction of a card the account does not hold: answered as recorded.
        return Ok(call.answer(call.example()["data"].clone()));
    }
    if store.books.reversed.contains(&uuid) {
        return Err(refuse(55025));
    }
    let cents = -original["amount_in_cents"].as_i64().unwrap_or(0);
    let flow = transact(store, call, &card, cents, original["shop"].clone())?;
    store.books.reversed.insert(uuid);
    Ok(flow)
}

/// Corrects a transaction by its opposite.
pub(crate) fn correct(store: &mut Store, call: &Call<'_>) -> Flow {
    undo(store, call)
}

/// Reverses a transaction by its opposite.
pub(crate) fn reverse(store: &mut Store, call: &Call<'_>) -> Flow {
    undo(store, call)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    #[test]
    fn a_giftcard_goes_up_and_down_and_refuses_a_charge_above_its_amount() {
        let mut store = store();
        let card = "bdfeabeb-a284-4e82-b39b-f70fd6b1c97e";
        let amount = |store: &mut crate::store::Store| {
            data(call(
                store,
                "giftcards.get",
                &[("giftcard_uuid", card)],
                json!({}),
            ))
            .get("amount_in_cents")
            .cloned()
        };
        let before = amount(&mut store).and_then(|a| a.as_i64()).unwrap();
        let fields = |cents: i64| json!({"giftcard_uuid": card, "shop_uuid": "123123", "amount_in_cents": cents});
        assert_eq!(
            code(call(
                &mut store,
                "giftcard_transactions.create",
                &[],
                fields(-(before + 1))
            )),
            5003
        );
        let top_up = data(call(
            &mut store,
            "giftcard_transactions.create",
            &[],
            fields(500),
        ));
        assert_eq!(amount(&mut store), Some(json!(before + 500)));
        let uuid = top_up["uuid"].as_str().unwrap().to_owned();
        let back = data(call(
            &mut store,
            "giftcard_transactions.reverse",
            &[("giftcard_transaction_uuid", &uuid)],
            json!({}),
        ));
        assert_eq!(back["amount_in_cents"], json!(-500));
        assert_eq!(amount(&mut store), Some(json!(before)));
        assert_eq!(
            code(call(
                &mut store,
                "giftcard_transactions.correct",
                &[("giftcard_transaction_uuid", &uuid)],
                json!({})
            )),
            55025
        );
    }
}
