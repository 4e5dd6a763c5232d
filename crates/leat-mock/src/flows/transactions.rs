//! Loyalty transactions: credit and reward receptions, newest first (or oldest first with
//! `sort=created_at`), filtered by contact, shop, kind (`credit_receptions`,
//! `reward_receptions`) and creation time (`created_at[gt|gte|lt|lte]`), paged as Leat pages
//! the list.

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{invalid, Call, Flow, Outcome};
use crate::paging;
use crate::store::Store;
use crate::table::Data;

/// Whether a transaction's own `type` is of the kind the filter names (the docs' plural
/// names; a digital reward reception is a reward reception).
fn of_kind(kind: &str, filter: &str) -> bool {
    match filter {
        "credit_receptions" => kind == "credit_reception",
        "reward_receptions" => kind.ends_with("reward_reception"),
        other => kind == other,
    }
}

/// The time bounds of `created_at[...]`: 1003 for a key or time Leat would not take.
fn bounds(
    filter: Option<&Value>,
) -> Result<Vec<(String, OffsetDateTime)>, axum::response::Response> {
    let Some(Value::Object(given)) = filter else {
        return Ok(Vec::new());
    };
    let mut bounds = Vec::new();
    for (key, value) in given {
        let field = format!("created_at.{key}");
        if !["gt", "gte", "lt", "lte"].contains(&key.as_str()) {
            return Err(invalid(&field, "The filter must be gt, gte, lt or lte."));
        }
        let time = value
            .as_str()
            .and_then(|text| OffsetDateTime::parse(text, &Rfc3339).ok())
            .ok_or_else(|| invalid(&field, &format!("The {field} is not a valid date.")))?;
        bounds.push((key.clone(), time));
    }
    Ok(bounds)
}

fn within(transaction: &Value, bounds: &[(String, OffsetDateTime)]) -> bool {
    let Some(made) = transaction["created_at"]
        .as_str()
        .and_then(|text| OffsetDateTime::parse(text, &Rfc3339).ok())
    else {
        return bounds.is_empty();
    };
    bounds.iter().all(|(key, bound)| match key.as_str() {
        "gt" => made > *bound,
        "gte" => made >= *bound,
        "lt" => made < *bound,
        _ => made <= *bound,
    })
}

/// The transactions the filters given keep, in the order asked, paged.
pub(crate) fn list(store: &mut Store, call: &Call<'_>) -> Flow {
    let wanted = |param: &str| call.text(param).filter(|v| !v.is_empty());
    let (contact, shop, kind) = (wanted("contact_uuid"), wanted("shop_uuid"), wanted("type"));
    let bounds = bounds(call.input.fields.get("created_at"))?;
    let keeps = |t: &Value, pointer: &str, value: &Option<String>| {
        value
            .as_deref()
            .is_none_or(|v| t.pointer(pointer).and_then(Value::as_str) == Some(v))
    };
    let mut kept: Vec<Value> = store
        .entities_named("loyalty_transactions")
        .map(|all| all.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|t| {
            keeps(t, "/contact/uuid", &contact)
                && keeps(t, "/shop/uuid", &shop)
                && kind
                    .as_deref()
                    .is_none_or(|k| of_kind(t["type"].as_str().unwrap_or_default(), k))
                && within(t, &bounds)
        })
        .collect();
    // Held newest first; `created_at` asks for the oldest first.
    if wanted("sort").as_deref() == Some("created_at") {
        kept.reverse();
    }
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
            json!({"contact_uuid": uuid, "type": "credit_receptions"}),
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
        let oldest = data(call(
            &mut store,
            "loyalty_transactions.list",
            &[],
            json!({"contact_uuid": uuid, "sort": "created_at"}),
        ));
        assert_eq!(oldest[0]["type"], json!("credit_reception"));
    }

    #[test]
    fn the_history_is_filtered_by_creation_time() {
        let mut store = store();
        let after = |store: &mut crate::store::Store, bound: &str| {
            data(call(
                store,
                "loyalty_transactions.list",
                &[],
                json!({"created_at": {"gte": bound}, "limit": 100}),
            ))
            .as_array()
            .unwrap()
            .len()
        };
        let all = after(&mut store, "2000-01-01T00:00:00+00:00");
        let late = after(&mut store, "2023-11-12T00:00:00+00:00");
        assert!(all > late && late >= 2, "{all} then {late}");
        assert_eq!(after(&mut store, "2999-01-01T00:00:00+00:00"), 0);
        assert_eq!(
            code(call(
                &mut store,
                "loyalty_transactions.list",
                &[],
                json!({"created_at": {"gte": "soon"}})
            )),
            1003
        );
    }
}
