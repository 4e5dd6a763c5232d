//! Credit receptions: credits given to a contact, as a number or for a unit value converted
//! at the unit's rate (credits per unit, rounded down); what a value would earn; reversal by
//! a reception of the negative credits. Each raises (or lowers) the contact's balance and
//! joins the loyalty transactions.

use axum::response::Response;
use serde_json::{json, Value};

use super::{add, contact, invalid, lookup, put, refuse, shop, Call, Flow};
use crate::account::build_template as template;
use crate::contact_fields;
use crate::events::Event;
use crate::store::Store;

/// The unit `unit_name` names (60007), else the default (55046 when there is none).
fn unit(store: &mut Store, call: &Call<'_>) -> Result<Value, axum::response::Response> {
    match call.text("unit_name").filter(|n| !n.is_empty()) {
        Some(name) => lookup(store, "units", "name", &name)
            .map(|(_, unit)| unit)
            .ok_or_else(|| refuse(60007)),
        None => store.default_unit().ok_or_else(|| refuse(55046)),
    }
}

/// The credits `unit_value` of `unit` earns.
fn convert(store: &Store, unit: &Value, unit_value: f64) -> i64 {
    let name = unit["name"].as_str().unwrap_or_default();
    let rate = store.books.rates.get(name).copied().unwrap_or(1.0);
    (unit_value * rate).floor() as i64
}

/// Moves the contact at `at` by `credits`, and returns it.
pub(crate) fn move_balance(store: &mut Store, at: usize, mut entity: Value, credits: i64) -> Value {
    let balance = contact_fields::credits(&entity) + credits;
    let previous = contact_fields::credits(&entity);
    contact_fields::set_attribute(&mut entity, "previous_loyalty_balance", &json!(previous));
    contact_fields::set_credits(&mut entity, balance);
    if credits > 0 {
        let received = contact_fields::attribute(&entity, "loyalty_total_credits_received")
            .and_then(|t| t.parse::<i64>().ok())
            .unwrap_or(0);
        contact_fields::set_attribute(
            &mut entity,
            "loyalty_total_credits_received",
            &json!(received + credits),
        );
    }
    let count = contact_fields::attribute(&entity, "loyalty_number_of_transactions")
        .and_then(|t| t.parse::<i64>().ok())
        .unwrap_or(0);
    contact_fields::set_attribute(
        &mut entity,
        "loyalty_number_of_transactions",
        &json!(count + 1),
    );
    contact_fields::set_attribute(
        &mut entity,
        "loyalty_last_transaction_date",
        &json!(store.ids.now()),
    );
    put(store, "contacts", at, entity.clone());
    entity
}

/// A credit reception in Leat's shape.
fn reception(
    store: &mut Store,
    contact: &Value,
    shop: &Value,
    credits: i64,
    unit: Option<&Value>,
    unit_value: Option<f64>,
) -> Value {
    let mut entity = template("credit_receptions.create");
    entity["uuid"] = json!(store.ids.uuid());
    entity["contact"] = contact_fields::summary(contact);
    entity["shop"] = super::carried(entity.get("shop"), shop);
    entity["credits"] = json!(credits);
    entity["created_at"] = json!(store.ids.now());
    if let Some(unit) = unit {
        entity["unit"] = super::carried(entity.get("unit"), unit);
    }
    entity["unit_value"] = json!(unit_value);
    entity
}

/// Records a reception: in its collection and first among the loyalty transactions.
pub(crate) fn record(store: &mut Store, entity: &Value) {
    add(store, "credit_receptions", entity.clone(), false);
    add(store, "loyalty_transactions", entity.clone(), true);
}

/// Gives credits: `credits` as given, else `unit_value` converted.
pub(crate) fn create(store: &mut Store, call: &Call<'_>) -> Flow {
    let (at, person) = contact(store, call, "contact_uuid")?;
    let place = shop(store, call)?;
    let (credits, unit, unit_value) = match (call.integer("credits"), call.number("unit_value")) {
        (Some(credits), _) => (credits, store.default_unit(), None),
        (None, Some(value)) => {
            let unit = unit(store, call)?;
            (convert(store, &unit, value), Some(unit), Some(value))
        }
        (None, None) => {
            return Err(invalid(
                "credits",
                "The credits field is required when unit value is not present.",
            ))
        }
    };
    let person = move_balance(store, at, person, credits);
    let entity = reception(store, &person, &place, credits, unit.as_ref(), unit_value);
    record(store, &entity);
    Ok(call
        .answer(entity.clone())
        .with(Event::new("credit_reception_created", entity)))
}

/// What a unit value would earn, without giving it.
pub(crate) fn calculate(store: &mut Store, call: &Call<'_>) -> Flow {
    shop(store, call)?;
    if call.text("contact_uuid").is_some() {
        contact(store, call, "contact_uuid")?;
    }
    let value = call.number("unit_value").unwrap_or(0.0);
    let unit = unit(store, call)?;
    Ok(call.answer(json!({"credits": convert(store, &unit, value)})))
}

/// Gives the credits `original` (a credit or reward reception) moved back to its contact
/// (55031 when the account no longer holds it): the contact after, and the credits moved.
pub(crate) fn give_back(store: &mut Store, original: &Value) -> Result<(Value, i64), Response> {
    let contact_uuid = original
        .pointer("/contact/uuid")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let (at, person) =
        lookup(store, "contacts", "uuid", contact_uuid).ok_or_else(|| refuse(55031))?;
    let credits = -original["credits"].as_i64().unwrap_or(0);
    Ok((move_balance(store, at, person, credits), credits))
}

/// Takes a reception back: a new one for the negative credits. The reception is one made
/// here or one of the account's recorded loyalty transactions; 1028 for any other uuid, and
/// for one reversed already (Leat's code for a second reversal is not documented; 1028 is
/// inferred).
pub(crate) fn reverse(store: &mut Store, call: &Call<'_>) -> Flow {
    let uuid = call.text("credit_reception_uuid").unwrap_or_default();
    let original = lookup(store, "credit_receptions", "uuid", &uuid)
        .or_else(|| {
            lookup(store, "loyalty_transactions", "uuid", &uuid)
                .filter(|(_, t)| t["type"].as_str() == Some("credit_reception"))
        })
        .map(|(_, reception)| reception)
        .ok_or_else(|| refuse(1028))?;
    if !store.books.reversed.insert(uuid) {
        return Err(refuse(1028));
    }
    let (person, credits) = give_back(store, &original)?;
    // The reversal in the reverse answer's recorded shape, with the original's values.
    let mut entity = super::carried(Some(&template("credit_receptions.reverse")), &original);
    entity["uuid"] = json!(store.ids.uuid());
    entity["credits"] = json!(credits);
    entity["created_at"] = json!(store.ids.now());
    entity["contact"] = contact_fields::summary(&person);
    record(store, &entity);
    Ok(call
        .answer(entity.clone())
        .with(Event::new("credit_reception_created", entity)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    #[test]
    fn a_recorded_reception_reverses_from_its_contacts_balance_and_an_unknown_one_is_1028() {
        let mut store = store();
        let balance = |store: &mut crate::store::Store| {
            data(call(
                store,
                "contacts.get_credit_balance",
                &[("contact_uuid", "123")],
                json!({}),
            ))["balance"]
                .as_i64()
                .unwrap()
        };
        let before = balance(&mut store);
        let recorded = [(
            "credit_reception_uuid",
            "daa78841-b321-4564-9dd3-91c6ccd9d600",
        )];
        let back = data(call(
            &mut store,
            "credit_receptions.reverse",
            &recorded,
            json!({}),
        ));
        assert_eq!(back["credits"], json!(-1177));
        assert_eq!(balance(&mut store), before - 1177);
        let unknown = [(
            "credit_reception_uuid",
            "00000000-0000-4000-8000-000000000000",
        )];
        assert_eq!(
            code(call(
                &mut store,
                "credit_receptions.reverse",
                &unknown,
                json!({})
            )),
            1028
        );
    }

    #[test]
    fn a_purchase_earns_credits_at_the_units_rate_and_a_reverse_takes_them_back() {
        let mut store = store();
        store.books.rates.insert("test".into(), 2.0);
        let uuid = contact_with(&mut store, 0);
        let made = call(
            &mut store,
            "credit_receptions.create",
            &[],
            json!({"contact_uuid": uuid, "shop_uuid": "123123", "unit_value": 12.75}),
        )
        .unwrap();
        assert_eq!(made.body["data"]["credits"], json!(25));
        assert_eq!(
            made.body["data"]["contact"]["credit_balance"]["balance"],
            json!(25)
        );
        assert_eq!(made.events[0].event_type, "credit_reception_created");
        let estimate = data(call(
            &mut store,
            "credit_receptions.calculate",
            &[],
            json!({"shop_uuid": "123123", "unit_value": 5}),
        ));
        assert_eq!(estimate["credits"], json!(10));
        let balance = data(call(
            &mut store,
            "contacts.get_credit_balance",
            &[("contact_uuid", &uuid)],
            json!({}),
        ));
        assert_eq!(balance["balance"], json!(25));
        let reception = made.body["data"]["uuid"].as_str().unwrap().to_owned();
        let reversed = data(call(
            &mut store,
            "credit_receptions.reverse",
            &[("credit_reception_uuid", &reception)],
            json!({}),
        ));
        assert_eq!(reversed["credits"], json!(-25));
        assert_eq!(reversed["contact"]["credit_balance"]["balance"], json!(0));
        assert_eq!(
            code(call(
                &mut store,
                "credit_receptions.reverse",
                &[("credit_reception_uuid", &reception)],
                json!({})
            )),
            1028
        );
    }

    #[test]
    fn unknown_contacts_shops_and_units_are_refused_with_leats_codes() {
        let mut store = store();
        let uuid = contact_with(&mut store, 0);
        assert_eq!(
            code(call(
                &mut store,
                "credit_receptions.create",
                &[],
                json!({"contact_uuid": "x", "shop_uuid": "123123", "credits": 1})
            )),
            55031
        );
        assert_eq!(
            code(call(
                &mut store,
                "credit_receptions.create",
                &[],
                json!({"contact_uuid": uuid, "shop_uuid": "x", "credits": 1})
            )),
            1008
        );
        assert_eq!(
            code(call(
                &mut store,
                "credit_receptions.create",
                &[],
                json!({"contact_uuid": uuid, "shop_uuid": "123123", "unit_value": 1, "unit_name": "nope"})
            )),
            60007
        );
    }
}
