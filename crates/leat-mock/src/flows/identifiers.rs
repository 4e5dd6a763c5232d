//! Contact identifiers (a loyalty card, a key fob): made, found by value, linked to a contact
//! and unlinked, deleted, and listed per contact.

use serde_json::{json, Value};

use super::{contact, invalid, refuse, Call, Flow};
use crate::account::build_template as template;
use crate::events::Event;
use crate::store::Store;

/// The identifiers, seeded from the recorded answers on first use (a linked one naming its
/// contact's uuid and email, as Leat shows it).
fn all(store: &mut Store) -> &mut Vec<Value> {
    if store.books.identifiers.is_none() {
        let mut seeded = vec![template("contact_identifiers.find")];
        if let Value::Array(items) =
            crate::flows::Call::example_of("contacts.list_contact_identifiers")["data"].take()
        {
            for mut item in items {
                if let Value::Object(fields) = &mut item {
                    fields.remove("default");
                }
                seeded.push(item);
            }
        }
        for item in &mut seeded {
            if let Some(uuid) = item.pointer("/contact/uuid").and_then(Value::as_str) {
                item["contact"] = linked(store, uuid);
            }
        }
        store.books.identifiers = Some(seeded);
    }
    store.books.identifiers.get_or_insert_with(Vec::new)
}

/// An identifier's `contact`: the uuid, and the email of the contact when held.
fn linked(store: &mut Store, uuid: &str) -> Value {
    let email = super::lookup(store, "contacts", "uuid", uuid).map(|(_, c)| c["email"].clone());
    json!({"uuid": uuid, "email": email.unwrap_or(Value::Null)})
}

fn at(store: &mut Store, value: &str) -> Option<usize> {
    all(store)
        .iter()
        .position(|i| i["value"].as_str() == Some(value))
}

fn value_of(call: &Call<'_>) -> Result<String, axum::response::Response> {
    call.text("contact_identifier_value")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            invalid(
                "contact_identifier_value",
                "The contact identifier value field is required.",
            )
        })
}

/// Makes an identifier (60006 when its value is taken), linked to `contact_uuid` if given.
pub(crate) fn make(
    store: &mut Store,
    value: &str,
    name: Option<&str>,
    contact_uuid: Option<&str>,
) -> Result<Value, axum::response::Response> {
    if at(store, value).is_some() {
        return Err(refuse(60006));
    }
    let mut made = template("contact_identifiers.create");
    made["value"] = json!(value);
    if let Some(name) = name {
        made["name"] = json!(name);
    }
    made["active"] = json!(true);
    made["contact"] = contact_uuid.map_or(Value::Null, |uuid| linked(store, uuid));
    all(store).push(made.clone());
    Ok(made)
}

/// The identifier whose value is `value`: 60003 when none has it, 60004 when it is inactive.
pub(crate) fn usable(store: &mut Store, value: &str) -> Result<Value, axum::response::Response> {
    let at = at(store, value).ok_or_else(|| refuse(60003))?;
    let found = all(store)[at].clone();
    if found["active"] == json!(false) {
        return Err(refuse(60004));
    }
    Ok(found)
}

/// Links every identifier of the contact whose uuid is `from` to the contact `to` (a merge).
pub(crate) fn relink(store: &mut Store, from: &Value, to: &Value) {
    for identifier in all(store).iter_mut() {
        if identifier.pointer("/contact/uuid") == Some(from) {
            identifier["contact"] = json!({"uuid": to["uuid"], "email": to["email"]});
        }
    }
}

/// `GET contact-identifiers/find`: 60003 for an unknown value.
pub(crate) fn find(store: &mut Store, call: &Call<'_>) -> Flow {
    let value = value_of(call)?;
    let at = at(store, &value).ok_or_else(|| refuse(60003))?;
    Ok(call.answer(all(store)[at].clone()))
}

/// Makes one, for the contact given if any.
pub(crate) fn create(store: &mut Store, call: &Call<'_>) -> Flow {
    let value = value_of(call)?;
    let owner = match call.text("contact_uuid") {
        Some(_) => Some(
            contact(store, call, "contact_uuid")?.1["uuid"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        ),
        None => None,
    };
    let made = make(
        store,
        &value,
        call.text("contact_identifier_name").as_deref(),
        owner.as_deref(),
    )?;
    Ok(call
        .answer(made.clone())
        .with(Event::new("contact_identifier_created", made)))
}

/// Renames it or (de)activates it.
pub(crate) fn update(store: &mut Store, call: &Call<'_>) -> Flow {
    let value = value_of(call)?;
    let at = at(store, &value).ok_or_else(|| refuse(60003))?;
    let name = call.text("contact_identifier_name");
    let active = call
        .input
        .fields
        .get("contact_identifier_active")
        .and_then(Value::as_bool);
    let found = &mut all(store)[at];
    if let Some(name) = name {
        found["name"] = json!(name);
    }
    if let Some(active) = active {
        found["active"] = json!(active);
    }
    let answered = found.clone();
    Ok(call.answer(answered))
}

/// Removes it.
pub(crate) fn delete(store: &mut Store, call: &Call<'_>) -> Flow {
    let value = value_of(call)?;
    let at = at(store, &value).ok_or_else(|| refuse(60003))?;
    all(store).remove(at);
    Ok(call.answer(call.example()["data"].clone()))
}

/// Links it to a contact: 60014 when it is linked to another one already.
pub(crate) fn link(store: &mut Store, call: &Call<'_>) -> Flow {
    let value = value_of(call)?;
    let (_, owner) = contact(store, call, "contact_uuid")?;
    let at = at(store, &value).ok_or_else(|| refuse(60003))?;
    let found = &mut all(store)[at];
    let linked = found.pointer("/contact/uuid").and_then(Value::as_str);
    if linked.is_some_and(|uuid| Some(uuid) != owner["uuid"].as_str()) {
        return Err(refuse(60014));
    }
    found["contact"] = json!({"uuid": owner["uuid"], "email": owner["email"]});
    let answered = found.clone();
    Ok(call.answer(answered))
}

/// Unlinks it from its contact: 60011 when it is linked to none.
pub(crate) fn unlink(store: &mut Store, call: &Call<'_>) -> Flow {
    let value = value_of(call)?;
    let at = at(store, &value).ok_or_else(|| refuse(60003))?;
    let found = &mut all(store)[at];
    if found.pointer("/contact/uuid").is_none() {
        return Err(refuse(60011));
    }
    found["contact"] = Value::Null;
    let answered = found.clone();
    Ok(call.answer(answered))
}

/// The identifiers linked to a contact; the first is its default.
pub(crate) fn of_contact(store: &mut Store, call: &Call<'_>) -> Flow {
    let (_, owner) = contact(store, call, "contact_uuid")?;
    let uuid = owner["uuid"].clone();
    let listed: Vec<Value> = all(store)
        .iter()
        .filter(|i| i.pointer("/contact/uuid") == Some(&uuid))
        .enumerate()
        .map(|(index, i)| {
            let mut item = i.clone();
            item["default"] = json!(index == 0);
            item
        })
        .collect();
    Ok(call.answer(Value::Array(listed)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use serde_json::json;

    #[test]
    fn an_identifier_is_linked_once_and_listed_with_its_contact() {
        let mut store = store();
        let uuid = contact_with(&mut store, 0);
        let made = call(
            &mut store,
            "contact_identifiers.create",
            &[],
            json!({"contact_identifier_value": "C-1"}),
        )
        .unwrap();
        assert_eq!(made.events[0].event_type, "contact_identifier_created");
        assert_eq!(
            code(call(
                &mut store,
                "contact_identifiers.create",
                &[],
                json!({"contact_identifier_value": "C-1"})
            )),
            60006
        );
        data(call(
            &mut store,
            "contact_identifiers.link",
            &[],
            json!({"contact_identifier_value": "C-1", "contact_uuid": uuid}),
        ));
        let listed = data(call(
            &mut store,
            "contacts.list_contact_identifiers",
            &[("contact_uuid", &uuid)],
            json!({}),
        ));
        assert_eq!(listed[0]["value"], json!("C-1"));
        assert_eq!(listed[0]["default"], json!(true));
        let other = data(call(
            &mut store,
            "contacts.find_or_create",
            &[],
            json!({"email": "o@example.com"}),
        ));
        let other = other["uuid"].as_str().unwrap();
        assert_eq!(
            code(call(
                &mut store,
                "contact_identifiers.link",
                &[],
                json!({"contact_identifier_value": "C-1", "contact_uuid": other})
            )),
            60014
        );
        data(call(
            &mut store,
            "contact_identifiers.unlink",
            &[],
            json!({"contact_identifier_value": "C-1"}),
        ));
        data(call(
            &mut store,
            "contact_identifiers.delete",
            &[],
            json!({"contact_identifier_value": "C-1"}),
        ));
        assert_eq!(
            code(call(
                &mut store,
                "contact_identifiers.find",
                &[],
                json!({"contact_identifier_value": "C-1"})
            )),
            60003
        );
    }
}
