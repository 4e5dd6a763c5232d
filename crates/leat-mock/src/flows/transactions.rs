//! Loyalty transactions: credit and reward receptions, newest first, filtered by contact,
//! shop and type, paged as Leat pages the list.

use serde_json::Value;

use super::{Call, Flow, Outcome};
use crate::paging;
use crate::store::Store;
use crate::table::Data;

/// The transactions the filters given keep, paged.
pub(crate) fn list(store: &mut Store, call: &Call<'_>) -> Flow {
    let wanted = |param: &str| call.text(param).filter(|v| !v.is_empty());
    let (contact, shop, kind) = (wanted("contact_uuid"), wanted("shop_uuid"), wanted("type"));
    let keeps = |t: &Value, pointer: &str, value: &Option<String>| {
        value
            .as_deref()
            .is_none_or(|v| t.pointer(pointer).and_then(Value::as_str) == Some(v))
    };
    let kept: Vec<Value> = store
        .entities_named("loyalty_transactions")
        .map(|all| all.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|t| {
            keeps(t, "/contact/uuid", &contact)
                && keeps(t, "/shop/uuid", &shop)
                && keeps(t, "/type", &kind)
        })
        .collect();
    let example = call.example();
    let body = match &call.op.data {
        Data::Page(page) => {
            let url = format!("{}{}", call.url, call.op.path);
            paging::page(page, &example, &call.input.fields, &kept, &url)
        }
        _ => crate::actions::with_data(&example, Value::Array(kept)),
    };
    let mut outcome: Outcome = call.answer(Value::Null);
    outcome.body = body;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    #[test]
    fn the_history_of_a_contact_has_both_kinds_newest_first() {
        let mut store = store();
        let uuid = contact_with(&mut store, 30);
        data(call(
            &mut store,
            "reward_receptions.create",
            &[],
            json!({"contact_uuid": uuid, "shop_uuid": "123123", "reward_uuid": "3f0c9a52-6a1e-4b7d-9a0e-1c2d3e4f5a10"}),
        ));
        let listed = data(call(
            &mut store,
            "loyalty_transactions.list",
            &[],
            json!({"contact_uuid": uuid}),
        ));
        let kinds: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["type"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["reward_reception", "credit_reception"]);
        let credits = data(call(
            &mut store,
            "loyalty_transactions.list",
            &[],
            json!({"contact_uuid": uuid, "type": "credit_reception"}),
        ));
        assert_eq!(credits.as_array().unwrap().len(), 1);
        let paged = call(
            &mut store,
            "loyalty_transactions.list",
            &[],
            json!({"contact_uuid": uuid, "limit": 1}),
        )
        .unwrap();
        assert_eq!(paged.body["data"].as_array().unwrap().len(), 1);
    }
}
