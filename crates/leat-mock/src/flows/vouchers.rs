//! Vouchers: made under a promotion (within its `voucher_limit`), found by code, redeemed
//! once (a second redeem answers 80005, the contract's "redeemed already"), locked with a
//! `release_key` that releases them. Changes send `voucher_created`, `voucher_updated`,
//! `voucher_redeemed`.

use serde_json::{json, Value};

use super::{lookup, put, refuse, shop, Call, Flow, Outcome};
use crate::account::build_template as template;
use crate::actions;
use crate::events::Event;
use crate::store::Store;

/// Writes the promotion into a voucher as vouchers carry it (and its name, description).
pub(crate) fn set_promotion(voucher: &mut Value, promotion: &Value) {
    let mut carried = voucher
        .get("promotion")
        .cloned()
        .unwrap_or_else(|| json!({}));
    for key in [
        "uuid",
        "name",
        "description",
        "voucher_limit",
        "limit_per_contact",
        "expiration_duration",
    ] {
        carried[key] = promotion.get(key).cloned().unwrap_or(Value::Null);
    }
    voucher["promotion"] = carried;
    voucher["name"] = promotion.get("name").cloned().unwrap_or(Value::Null);
    voucher["description"] = promotion.get("description").cloned().unwrap_or(Value::Null);
}

fn voucher_by(
    store: &mut Store,
    field: &str,
    value: &str,
) -> Result<(usize, Value), axum::response::Response> {
    lookup(store, "vouchers", field, value).ok_or_else(|| refuse(80004))
}

/// Makes one: 80002 for an unknown promotion, 80003 for a code taken, 80008 past the limit.
pub(crate) fn create(store: &mut Store, call: &Call<'_>) -> Flow {
    let promotion_uuid = call.text("promotion_uuid").unwrap_or_default();
    let (_, promotion) =
        lookup(store, "promotions", "uuid", &promotion_uuid).ok_or_else(|| refuse(80002))?;
    let made_under = store.entities_named("vouchers").map_or(0, |all| {
        all.iter()
            .filter(|v| v.pointer("/promotion/uuid") == Some(&json!(promotion_uuid)))
            .count()
    });
    if promotion["voucher_limit"]
        .as_u64()
        .is_some_and(|limit| made_under as u64 >= limit)
    {
        return Err(refuse(80008));
    }
    let code = match call.text("code").filter(|c| !c.is_empty()) {
        Some(code) => code,
        None => store.ids.code(9),
    };
    if lookup(store, "vouchers", "code", &code).is_some() {
        return Err(refuse(80003));
    }
    let mut entity = template("vouchers.create");
    let uuid = store.ids.uuid();
    entity["uuid"] = json!(uuid);
    entity["code"] = json!(code);
    entity["status"] = json!("ACTIVE");
    entity["redeemed_at"] = Value::Null;
    entity["is_redeemed"] = json!(false);
    set_promotion(&mut entity, &promotion);
    for date in ["activation_date", "expiration_date"] {
        entity[date] = call.input.fields.get(date).cloned().unwrap_or(Value::Null);
    }
    entity["contact"] = match call.text("contact_uuid") {
        Some(contact_uuid) => {
            let (_, person) = super::contact(store, call, "contact_uuid")?;
            json!({"uuid": contact_uuid, "email": person["email"]})
        }
        None => Value::Null,
    };
    let allowed = call
        .integer("total_redemptions_allowed")
        .unwrap_or(1)
        .max(1);
    store.books.redemptions.insert(uuid, (0, allowed));
    super::add(store, "vouchers", entity.clone(), false);
    Ok(call
        .answer(entity.clone())
        .with(Event::new("voucher_created", entity)))
}

/// The generic update, then `voucher_updated`.
pub(crate) fn update(store: &mut Store, call: &Call<'_>) -> Flow {
    let (status, body) = actions::act(store, call.url, call.op, call.input)?;
    let uuid = call.text("voucher_uuid").unwrap_or_default();
    let (_, voucher) = voucher_by(store, "uuid", &uuid)?;
    Ok(Outcome {
        status,
        body,
        events: Vec::new(),
    }
    .with(Event::new("voucher_updated", voucher)))
}

/// Redeems it once (more when made with `total_redemptions_allowed`): 80005 once used up,
/// 80012 when deactivated, 80017 when locked and the `release_key` given is not the lock's.
pub(crate) fn redeem(store: &mut Store, call: &Call<'_>) -> Flow {
    shop(store, call)?;
    let code = call.text("code").unwrap_or_default();
    let (at, mut voucher) = voucher_by(store, "code", &code)?;
    let uuid = voucher["uuid"].as_str().unwrap_or_default().to_owned();
    match voucher["status"].as_str() {
        Some("REDEEMED") => return Err(refuse(80005)),
        Some("INACTIVE") | Some("DEACTIVATED") => return Err(refuse(80012)),
        _ => {}
    }
    if let Some(key) = store.books.locks.get(&uuid) {
        if call.text("release_key").as_deref() != Some(key.as_str()) {
            return Err(refuse(80017));
        }
        store.books.locks.remove(&uuid);
    }
    let (used, allowed) = store
        .books
        .redemptions
        .get(&uuid)
        .copied()
        .unwrap_or((0, 1));
    let used = used + 1;
    store.books.redemptions.insert(uuid, (used, allowed));
    voucher["redeemed_at"] = json!(store.ids.now());
    if used >= allowed {
        voucher["status"] = json!("REDEEMED");
        voucher["is_redeemed"] = json!(true);
    } else {
        voucher["status"] = json!("ACTIVE");
    }
    put(store, "vouchers", at, voucher.clone());
    Ok(call
        .answer(voucher.clone())
        .with(Event::new("voucher_redeemed", voucher)))
}

/// Locks it: the answer's `lock.release_key` releases it (80017 when locked already, 80005
/// when redeemed).
pub(crate) fn lock(store: &mut Store, call: &Call<'_>) -> Flow {
    let uuid = call.text("voucher_uuid").unwrap_or_default();
    let (at, mut voucher) = voucher_by(store, "uuid", &uuid)?;
    if voucher["status"] == json!("REDEEMED") {
        return Err(refuse(80005));
    }
    if store.books.locks.contains_key(&uuid) {
        return Err(refuse(80017));
    }
    let key = store.ids.uuid();
    store.books.locks.insert(uuid.clone(), key.clone());
    voucher["status"] = json!("LOCKED");
    put(store, "vouchers", at, voucher.clone());
    let mut data = call.example()["data"].clone();
    data["voucher"] = json!({"uuid": uuid, "status": "LOCKED"});
    data["lock"]["release_key"] = json!(key);
    data["lock"]["locked_at"] = json!(store.ids.now());
    data["lock"]["unlocked_at"] = Value::Null;
    Ok(call
        .answer(data)
        .with(Event::new("voucher_updated", voucher)))
}

/// Releases a lock with its `release_key` (1003 for another key); a voucher not locked stays
/// as it is.
pub(crate) fn release(store: &mut Store, call: &Call<'_>) -> Flow {
    let uuid = call.text("voucher_uuid").unwrap_or_default();
    let (at, mut voucher) = voucher_by(store, "uuid", &uuid)?;
    let given = call.text("release_key").unwrap_or_default();
    let mut data = call.example()["data"].clone();
    let mut events = Vec::new();
    if let Some(key) = store.books.locks.get(&uuid).cloned() {
        if key != given {
            return Err(super::invalid(
                "release_key",
                "The release key is not the lock's.",
            ));
        }
        store.books.locks.remove(&uuid);
        voucher["status"] = json!("ACTIVE");
        put(store, "vouchers", at, voucher.clone());
        events.push(Event::new("voucher_updated", voucher.clone()));
    }
    data["voucher"] = json!({"uuid": uuid, "status": voucher["status"]});
    data["lock"]["release_key"] = json!(given);
    data["lock"]["unlocked_at"] = json!(store.ids.now());
    data["lock"]["system_release_at"] = Value::Null;
    let mut outcome = call.answer(data);
    outcome.events = events;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    #[test]
    fn a_voucher_redeems_once() {
        let mut store = store();
        let made = call(
            &mut store,
            "vouchers.create",
            &[],
            json!({"promotion_uuid": "5c3d59c7-7799-4d41-894a-8f46e50edfda", "code": "TRY-1"}),
        )
        .unwrap();
        assert_eq!(made.events[0].event_type, "voucher_created");
        assert_eq!(
            code(call(
                &mut store,
                "vouchers.create",
                &[],
                json!({"promotion_uuid": "5c3d59c7-7799-4d41-894a-8f46e50edfda", "code": "TRY-1"})
            )),
            80003
        );
        let shop = json!({"code": "TRY-1", "shop_uuid": "123123"});
        let redeemed = call(&mut store, "vouchers.redeem", &[], shop.clone()).unwrap();
        assert_eq!(redeemed.body["data"]["status"], json!("REDEEMED"));
        assert_eq!(redeemed.events[0].event_type, "voucher_redeemed");
        assert_eq!(code(call(&mut store, "vouchers.redeem", &[], shop)), 80005);
        assert_eq!(
            code(call(
                &mut store,
                "vouchers.redeem",
                &[],
                json!({"code": "NONE", "shop_uuid": "123123"})
            )),
            80004
        );
    }

    #[test]
    fn a_lock_is_released_by_its_key() {
        let mut store = store();
        let made = data(call(
            &mut store,
            "vouchers.create",
            &[],
            json!({"promotion_uuid": "5c3d59c7-7799-4d41-894a-8f46e50edfda"}),
        ));
        let uuid = made["uuid"].as_str().unwrap().to_owned();
        let path = [("voucher_uuid", uuid.as_str())];
        let locked = data(call(&mut store, "vouchers.lock", &path, json!({})));
        let key = locked["lock"]["release_key"].as_str().unwrap().to_owned();
        assert_eq!(
            code(call(&mut store, "vouchers.lock", &path, json!({}))),
            80017
        );
        let code_text = made["code"].as_str().unwrap();
        assert_eq!(
            code(call(
                &mut store,
                "vouchers.redeem",
                &[],
                json!({"code": code_text, "shop_uuid": "123123"})
            )),
            80017
        );
        assert!(call(
            &mut store,
            "vouchers.release",
            &path,
            json!({"release_key": "wrong"})
        )
        .is_err());
        let released = data(call(
            &mut store,
            "vouchers.release",
            &path,
            json!({"release_key": key}),
        ));
        assert_eq!(released["voucher"]["status"], json!("ACTIVE"));
    }
}
