//! Reward receptions: a contact spends a reward's `required_credits` on it (1017 when short,
//! 1052 for an inactive reward); a reversal gives the credits back. A reward's change sends
//! `reward_updated`.

use serde_json::{json, Value};

use super::{contact, lookup, refuse, shop, Call, Flow};
use crate::account::build_template as template;
use crate::actions;
use crate::contact_fields;
use crate::events::Event;
use crate::flows::credits::{give_back, move_balance, record};
use crate::store::Store;

/// Spends the reward's credits.
pub(crate) fn receive(store: &mut Store, call: &Call<'_>) -> Flow {
    let (at, person) = contact(store, call, "contact_uuid")?;
    let place = shop(store, call)?;
    let reward_uuid = call.text("reward_uuid").unwrap_or_default();
    let (_, reward) = lookup(store, "rewards", "uuid", &reward_uuid).ok_or_else(|| refuse(6003))?;
    if reward.get("is_active").and_then(Value::as_bool) == Some(false) {
        return Err(refuse(1052));
    }
    let price = reward["required_credits"].as_i64().unwrap_or(0);
    if contact_fields::credits(&person) < price {
        return Err(refuse(1017));
    }
    let person = move_balance(store, at, person, -price);
    let mut entity = template("reward_receptions.create");
    entity["uuid"] = json!(store.ids.uuid());
    entity["title"] = reward["title"].clone();
    entity["credits"] = json!(-price);
    entity["contact"] = contact_fields::summary(&person);
    entity["shop"] = super::carried(entity.get("shop"), &place);
    entity["created_at"] = json!(store.ids.now());
    entity["reward"] = super::carried(entity.get("reward"), &reward);
    entity["has_been_collected"] = json!(false);
    super::add(store, "reward_receptions", entity.clone(), false);
    super::add(store, "loyalty_transactions", entity.clone(), true);
    if let Some(all) = store.entities_named("collectable_rewards") {
        let mut collectable = entity.clone();
        if let Value::Object(fields) = &mut collectable {
            fields.retain(|k, _| {
                [
                    "contact",
                    "created_at",
                    "uuid",
                    "title",
                    "reward",
                    "expires_at",
                    "has_been_collected",
                ]
                .contains(&k.as_str())
            });
        }
        all.push(collectable);
    }
    Ok(call.answer(entity))
}

/// Gives the credits of a reward reception back, as a credit reception (6003 when reversed
/// already). One the mock never made is answered as recorded.
pub(crate) fn reverse(store: &mut Store, call: &Call<'_>) -> Flow {
    let uuid = call.text("reward_reception_uuid").unwrap_or_default();
    let Some((_, original)) = lookup(store, "reward_receptions", "uuid", &uuid) else {
        return Ok(call.answer(call.example()["data"].clone()));
    };
    if !store.books.reversed.insert(uuid) {
        return Err(refuse(6003));
    }
    let (person, credits) = give_back(store, &original)?;
    let mut entity = template("reward_receptions.reverse");
    entity["uuid"] = json!(store.ids.uuid());
    entity["credits"] = json!(credits);
    entity["contact"] = contact_fields::summary(&person);
    entity["shop"] = original["shop"].clone();
    entity["created_at"] = json!(store.ids.now());
    record(store, &entity);
    Ok(call
        .answer(entity.clone())
        .with(Event::new("credit_reception_created", entity)))
}

/// The generic update, then `reward_updated` with the reward as it is now.
pub(crate) fn update(store: &mut Store, call: &Call<'_>) -> Flow {
    let (status, body) = actions::act(store, call.url, call.op, call.input)?;
    let uuid = call.text("reward_uuid").unwrap_or_default();
    let mut outcome = super::Outcome {
        status,
        body,
        events: Vec::new(),
    };
    if let Some((_, reward)) = lookup(store, "rewards", "uuid", &uuid) {
        outcome = outcome.with(Event::new("reward_updated", reward));
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    const CHEAP: &str = "3f0c9a52-6a1e-4b7d-9a0e-1c2d3e4f5a10";
    const DEAR: &str = "3f0c9a52-6a1e-4b7d-9a0e-1c2d3e4f5a12";

    #[test]
    fn a_reward_costs_its_credits_and_a_short_contact_gets_1017() {
        let mut store = store();
        let uuid = contact_with(&mut store, 25);
        let fields = |reward: &str| json!({"contact_uuid": uuid, "reward_uuid": reward, "shop_uuid": "123123"});
        assert_eq!(
            code(call(
                &mut store,
                "reward_receptions.create",
                &[],
                fields(DEAR)
            )),
            1017
        );
        let got = data(call(
            &mut store,
            "reward_receptions.create",
            &[],
            fields(CHEAP),
        ));
        assert_eq!(got["credits"], json!(-10));
        assert_eq!(got["contact"]["credit_balance"]["balance"], json!(15));
        assert_eq!(got["reward"]["required_credits"], json!(10));
        let reception = got["uuid"].as_str().unwrap().to_owned();
        let back = data(call(
            &mut store,
            "reward_receptions.reverse",
            &[("reward_reception_uuid", &reception)],
            json!({}),
        ));
        assert_eq!(back["credits"], json!(10));
        let balance = data(call(
            &mut store,
            "contacts.get_credit_balance",
            &[("contact_uuid", &uuid)],
            json!({}),
        ));
        assert_eq!(balance["balance"], json!(25));
        assert_eq!(
            code(call(
                &mut store,
                "reward_receptions.create",
                &[],
                fields("nope")
            )),
            6003
        );
    }
}
