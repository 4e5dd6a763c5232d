//! Contacts: made (by email, anonymous, or on a find-or-create), claimed, their attributes
//! changed, their credit and prepaid balances read.

use serde_json::{json, Value};

use super::{add, contact, identifiers, invalid, put, refuse, Call, Flow};
use crate::account::build_template as template;
use crate::actions::stamp;
use crate::contact_fields;
use crate::events::Event;
use crate::store::Store;

/// The contact whose email is `email` (case-insensitive).
fn by_email(store: &mut Store, email: &str) -> Option<(usize, Value)> {
    let all = store.entities_named("contacts")?;
    let at = all.iter().position(|c| {
        c.get("email")
            .and_then(Value::as_str)
            .is_some_and(|e| e.eq_ignore_ascii_case(email))
    })?;
    Some((at, all[at].clone()))
}

/// A new contact in Leat's shape: no credits, no prepaid balance, made now.
pub(crate) fn new_contact(store: &mut Store, email: Option<&str>) -> Value {
    let mut entity = template("contacts.get");
    let uuid = store.ids.uuid();
    let id = store
        .entities_named("contacts")
        .map(|all| {
            all.iter()
                .filter_map(|c| c["id"].as_u64())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
        + 1;
    entity["id"] = json!(id);
    entity["uuid"] = json!(uuid);
    entity["email"] = json!(email);
    let now = store.ids.now();
    for (name, value) in [
        ("uuid", json!(uuid)),
        ("email", json!(email.unwrap_or_default())),
        ("firstname", json!("")),
        ("lastname", json!("")),
        ("is_anonymous", json!(email.is_none())),
        // As Leat records a contact made through this API (the claim's recording): its
        // channel, and the recorded account's yes/no attributes unset.
        ("channel", json!("OAUTH_API")),
        ("dier", json!("false")),
        ("hasredeemedavoucher", json!("false")),
        ("previous_loyalty_balance", json!(0)),
        ("loyalty_total_credits_received", json!(0)),
        ("loyalty_number_of_transactions", json!(0)),
        ("created_at", json!(now)),
        ("updated_at", json!(now)),
    ] {
        contact_fields::set_attribute(&mut entity, name, &value);
    }
    contact_fields::set_credits(&mut entity, 0);
    contact_fields::set_prepaid_cents(&mut entity, 0);
    entity
}

fn email_of(call: &Call<'_>) -> Result<String, axum::response::Response> {
    call.text("email")
        .filter(|e| !e.is_empty())
        .ok_or_else(|| invalid("email", "The email field is required."))
}

/// `create` and `create_async`: 60005 when the email is taken.
pub(crate) fn create(store: &mut Store, call: &Call<'_>) -> Flow {
    let email = email_of(call)?;
    if by_email(store, &email).is_some() {
        return Err(refuse(60005));
    }
    let entity = new_contact(store, Some(&email));
    add(store, "contacts", entity.clone(), false);
    Ok(call
        .answer_like_example(&entity)
        .with(Event::new("contact_created", entity)))
}

/// An anonymous contact, with the contact identifier given linked to it.
pub(crate) fn create_anonymous(store: &mut Store, call: &Call<'_>) -> Flow {
    let entity = new_contact(store, None);
    let uuid = entity["uuid"].as_str().unwrap_or_default().to_owned();
    let mut outcome = Ok(call.answer_like_example(&entity));
    add(store, "contacts", entity.clone(), false);
    if let Some(value) = call.text("contact_identifier_value") {
        let made = identifiers::make(store, &value, None, Some(&uuid))?;
        outcome = outcome.map(|o| o.with(Event::new("contact_identifier_created", made)));
    }
    outcome.map(|o| o.with(Event::new("contact_created", entity)))
}

/// The contact with that email, made when there is none.
pub(crate) fn find_or_create(store: &mut Store, call: &Call<'_>) -> Flow {
    let email = email_of(call)?;
    if let Some((_, found)) = by_email(store, &email) {
        return Ok(call.answer_like_example(&found));
    }
    let entity = new_contact(store, Some(&email));
    add(store, "contacts", entity.clone(), false);
    Ok(call
        .answer_like_example(&entity)
        .with(Event::new("contact_created", entity)))
}

/// Whether the contact is anonymous (made without an email, not claimed since).
fn is_anonymous(contact: &Value) -> bool {
    match contact.pointer("/current_values/is_anonymous") {
        Some(Value::Bool(flag)) => *flag,
        _ => contact["email"].as_str().is_none_or(str::is_empty),
    }
}

/// Gives an anonymous contact an email (60016 when it is not anonymous). When another
/// contact has that email, the anonymous one is merged into it, as Leat does: its credits and
/// prepaid balance move over, its identifiers are linked to the other contact, and it is
/// removed; the answer is the contact that remains.
pub(crate) fn claim(store: &mut Store, call: &Call<'_>) -> Flow {
    let (at, mut entity) = contact(store, call, "anonymous_contact_uuid")?;
    let email = email_of(call)?;
    if !is_anonymous(&entity) {
        return Err(refuse(60016));
    }
    if let Some((other_at, other)) = by_email(store, &email).filter(|(other, _)| *other != at) {
        return Ok(merge(store, call, (at, entity), (other_at, other)));
    }
    entity["email"] = json!(email);
    contact_fields::set_attribute(&mut entity, "email", &json!(email));
    contact_fields::set_attribute(&mut entity, "is_anonymous", &json!(false));
    let now = store.ids.now();
    stamp(&mut entity, "updated_at", &now);
    put(store, "contacts", at, entity.clone());
    Ok(call
        .answer_like_example(&entity)
        .with(Event::contact_updated(entity, vec!["email".into()])))
}

/// Merges the anonymous contact at `from` into the contact at `into`.
fn merge(
    store: &mut Store,
    call: &Call<'_>,
    (from, anonymous): (usize, Value),
    (into, mut kept): (usize, Value),
) -> super::Outcome {
    let credits = contact_fields::credits(&anonymous);
    let cents = contact_fields::prepaid_cents(&anonymous);
    let mut changed = Vec::new();
    if credits != 0 {
        let total = contact_fields::credits(&kept) + credits;
        contact_fields::set_credits(&mut kept, total);
        changed.push("loyalty_balance".to_owned());
    }
    if cents != 0 {
        let total = contact_fields::prepaid_cents(&kept) + cents;
        contact_fields::set_prepaid_cents(&mut kept, total);
        changed.push("prepaid_balance".to_owned());
    }
    let now = store.ids.now();
    stamp(&mut kept, "updated_at", &now);
    identifiers::relink(store, &anonymous["uuid"], &kept);
    put(store, "contacts", into, kept.clone());
    if let Some(all) = store.entities_named("contacts") {
        all.remove(from);
    }
    let outcome = call.answer_like_example(&kept);
    if changed.is_empty() {
        outcome
    } else {
        outcome.with(Event::contact_updated(kept, changed))
    }
}

/// Sets the attributes given; `contact_updated` names those whose value changed.
pub(crate) fn update(store: &mut Store, call: &Call<'_>) -> Flow {
    let (at, mut entity) = contact(store, call, "contact_uuid")?;
    let mut changed = Vec::new();
    if let Some(Value::Object(attributes)) = call.input.fields.get("attributes") {
        for (name, value) in attributes {
            if contact_fields::set_attribute(&mut entity, name, value) {
                changed.push(name.clone());
            }
            if name == "email" {
                entity["email"] = value.clone();
            }
        }
    }
    contact_fields::set_attribute(&mut entity, "updated_at", &json!(store.ids.now()));
    put(store, "contacts", at, entity.clone());
    let outcome = call.answer_like_example(&entity);
    Ok(if changed.is_empty() {
        outcome
    } else {
        outcome.with(Event::contact_updated(entity, changed))
    })
}

/// `{"balance": credits}`.
pub(crate) fn credit_balance(store: &mut Store, call: &Call<'_>) -> Flow {
    let (_, entity) = contact(store, call, "contact_uuid")?;
    Ok(call.answer(json!({"balance": contact_fields::credits(&entity)})))
}

/// `{"balance_in_cents", "balance"}`.
pub(crate) fn prepaid_balance(store: &mut Store, call: &Call<'_>) -> Flow {
    let (_, entity) = contact(store, call, "contact_uuid")?;
    let cents = contact_fields::prepaid_cents(&entity);
    Ok(call.answer(json!({"balance_in_cents": cents, "balance": contact_fields::euros(cents)})))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    #[test]
    fn a_claim_gives_an_anonymous_contact_an_email_or_merges_it() {
        let mut store = store();
        let anonymous = "3f0c9a52-6a1e-4b7d-9a0e-1c2d3e4f5a20";
        let path = [("anonymous_contact_uuid", anonymous)];
        let claimed = call(
            &mut store,
            "contacts.claim",
            &path,
            json!({"email": "new@example.com"}),
        )
        .unwrap();
        assert_eq!(claimed.body["data"]["email"], json!("new@example.com"));
        assert_eq!(claimed.events[0].event_type, "contact_updated");
        assert_eq!(
            code(call(
                &mut store,
                "contacts.claim",
                &path,
                json!({"email": "again@example.com"})
            )),
            60016
        );
        // A second anonymous contact with credits, claimed with a taken email: merged.
        let other = data(call(
            &mut store,
            "contacts.create_anonymous",
            &[],
            json!({}),
        ));
        let other_uuid = other["uuid"].as_str().unwrap().to_owned();
        data(call(
            &mut store,
            "credit_receptions.create",
            &[],
            json!({"contact_uuid": other_uuid, "shop_uuid": "123123", "credits": 7}),
        ));
        let merged = data(call(
            &mut store,
            "contacts.claim",
            &[("anonymous_contact_uuid", &other_uuid)],
            json!({"email": "NEW@example.com"}),
        ));
        assert_eq!(merged["uuid"], json!(anonymous));
        assert_eq!(merged["credit_balance"]["balance"], json!(7));
        assert_eq!(
            code(call(
                &mut store,
                "contacts.get",
                &[("contact_uuid", &other_uuid)],
                json!({})
            )),
            55031
        );
    }

    #[test]
    fn find_or_create_makes_a_contact_once() {
        let mut store = store();
        let first = call(
            &mut store,
            "contacts.find_or_create",
            &[],
            json!({"email": "Ann@example.com"}),
        )
        .unwrap();
        assert_eq!(first.events.len(), 1);
        let uuid = first.body["data"]["uuid"].clone();
        let again = call(
            &mut store,
            "contacts.find_or_create",
            &[],
            json!({"email": "ann@example.com"}),
        )
        .unwrap();
        assert_eq!(again.body["data"]["uuid"], uuid);
        assert!(again.events.is_empty());
        assert_eq!(again.body["data"]["credit_balance"]["balance"], json!(0));
        assert_eq!(
            code(call(
                &mut store,
                "contacts.create",
                &[],
                json!({"email": "ann@example.com"})
            )),
            60005
        );
    }

    #[test]
    fn an_update_reports_the_attributes_that_changed() {
        let mut store = store();
        let uuid = contact_with(&mut store, 0);
        let path = [("contact_uuid", uuid.as_str())];
        let updated = call(
            &mut store,
            "contacts.update",
            &path,
            json!({"attributes": {"firstname": "Ann"}}),
        )
        .unwrap();
        assert_eq!(
            updated.events[0].changed,
            Some(vec!["firstname".to_owned()])
        );
        let same = call(
            &mut store,
            "contacts.update",
            &path,
            json!({"attributes": {"firstname": "Ann"}}),
        )
        .unwrap();
        assert!(same.events.is_empty());
        assert_eq!(
            code(call(
                &mut store,
                "contacts.get_credit_balance",
                &[("contact_uuid", "nope")],
                json!({})
            )),
            55031
        );
    }

    #[test]
    fn an_anonymous_contact_is_claimed_with_an_email() {
        let mut store = store();
        let made = data(call(
            &mut store,
            "contacts.create_anonymous",
            &[],
            json!({"contact_identifier_value": "CARD-1"}),
        ));
        let uuid = made["uuid"].as_str().unwrap().to_owned();
        let claimed = data(call(
            &mut store,
            "contacts.claim",
            &[("anonymous_contact_uuid", &uuid)],
            json!({"email": "new@example.com"}),
        ));
        assert_eq!(claimed["email"], json!("new@example.com"));
        let found = data(call(
            &mut store,
            "contact_identifiers.find",
            &[],
            json!({"contact_identifier_value": "CARD-1"}),
        ));
        assert_eq!(found["contact"]["uuid"], json!(uuid));
    }
}
