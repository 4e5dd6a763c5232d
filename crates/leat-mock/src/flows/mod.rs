//! The operations that keep the state of Leat's loyalty flows, consistent across calls as a
//! user observes on Leat: contacts and their identifiers, credit and reward receptions that
//! move a contact's balance, the loyalty transactions that list them, vouchers redeemed once,
//! giftcards and prepaid balances that go up and down. Each answers in its recorded shape and
//! names the changes it made ([`Event`]), which become webhooks (`events.rs`). Every other
//! operation follows its generic `mock` rule (`actions.rs`).

mod contacts;
mod credits;
pub(crate) mod giftcards;
mod identifiers;
mod prepaid;
mod refusals;
mod rewards;
mod transactions;
pub(crate) mod vouchers;

use axum::response::Response;
use http::StatusCode;
use serde_json::{json, Map, Value};

use crate::actions::with_data;
use crate::events::Event;
use crate::input::Input;
use crate::responses::invalid_input;
use crate::store::{key_text, Store};
use crate::table::MockOperation;

pub(crate) use refusals::refuse;

/// One checked call to an operation.
pub(crate) struct Call<'a> {
    pub op: &'static MockOperation,
    pub input: &'a Input,
    /// Where the mock listens, for the URLs answers carry.
    pub url: &'a str,
}

/// What a flow answers, and the changes it made.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub status: StatusCode,
    pub body: Value,
    pub events: Vec<Event>,
}

impl Outcome {
    /// The same answer, with `event` to send.
    pub fn with(mut self, event: Event) -> Self {
        self.events.push(event);
        self
    }
}

/// A flow's answer, or Leat's refusal.
pub(crate) type Flow = Result<Outcome, Response>;

impl Call<'_> {
    /// The recorded answer of operation `id`.
    pub fn example_of(id: &str) -> Value {
        crate::generated::operations::OPERATIONS
            .iter()
            .find(|op| op.id == id)
            .and_then(|op| serde_json::from_str(op.example).ok())
            .unwrap_or_else(|| json!({}))
    }

    /// The operation's recorded answer.
    pub fn example(&self) -> Value {
        serde_json::from_str(self.op.example).unwrap_or_else(|_| json!({}))
    }

    /// The recorded answer with `data` in it, at the operation's status.
    pub fn answer(&self, data: Value) -> Outcome {
        Outcome {
            status: StatusCode::from_u16(self.op.status).unwrap_or(StatusCode::OK),
            body: with_data(&self.example(), data),
            events: Vec::new(),
        }
    }

    /// The recorded answer's `data` keys, filled from `entity` (a create answers only the
    /// `uuid` Leat recorded, not the whole contact).
    pub fn answer_like_example(&self, entity: &Value) -> Outcome {
        let data = match self.example().get("data") {
            Some(Value::Object(keys)) => Value::Object(
                keys.keys()
                    .map(|k| (k.clone(), entity.get(k).cloned().unwrap_or(Value::Null)))
                    .collect::<Map<String, Value>>(),
            ),
            _ => entity.clone(),
        };
        self.answer(data)
    }

    /// A parameter as text (a path parameter, or a field of the query or body).
    pub fn text(&self, name: &str) -> Option<String> {
        if let Some(value) = self.input.path_value(name) {
            return Some(value.to_owned());
        }
        self.input.fields.get(name).and_then(key_text)
    }

    /// A whole-number parameter.
    pub fn integer(&self, name: &str) -> Option<i64> {
        let value = self.input.fields.get(name)?;
        value
            .as_i64()
            .or_else(|| value.as_str()?.trim().parse().ok())
    }

    /// A number parameter.
    pub fn number(&self, name: &str) -> Option<f64> {
        let value = self.input.fields.get(name)?;
        value
            .as_f64()
            .or_else(|| value.as_str()?.trim().parse().ok())
    }
}

/// Where in collection `name` the entity whose `field` reads `value` is.
pub(crate) fn position(store: &mut Store, name: &str, field: &str, value: &str) -> Option<usize> {
    store
        .entities_named(name)?
        .iter()
        .position(|e| e.get(field).and_then(key_text).as_deref() == Some(value))
}

/// The entity of collection `name` whose `field` reads `value`, and where it is.
pub(crate) fn lookup(
    store: &mut Store,
    name: &str,
    field: &str,
    value: &str,
) -> Option<(usize, Value)> {
    let at = position(store, name, field, value)?;
    Some((at, store.entities_named(name)?[at].clone()))
}

/// Puts `entity` back at `at` of collection `name`.
pub(crate) fn put(store: &mut Store, name: &str, at: usize, entity: Value) {
    if let Some(slot) = store.entities_named(name).and_then(|all| all.get_mut(at)) {
        *slot = entity;
    }
}

/// Adds `entity` to collection `name`, first (the lists Leat answers newest first) or last.
pub(crate) fn add(store: &mut Store, name: &str, entity: Value, first: bool) {
    if let Some(all) = store.entities_named(name) {
        if first {
            all.insert(0, entity);
        } else {
            all.push(entity);
        }
    }
}

/// The contact the parameter `param` names, or Leat's 55031.
pub(crate) fn contact(
    store: &mut Store,
    call: &Call<'_>,
    param: &str,
) -> Result<(usize, Value), Response> {
    call.text(param)
        .and_then(|uuid| lookup(store, "contacts", "uuid", &uuid))
        .ok_or_else(|| refuse(55031))
}

/// The shop the parameter `shop_uuid` names, or Leat's 1008.
pub(crate) fn shop(store: &mut Store, call: &Call<'_>) -> Result<Value, Response> {
    call.text("shop_uuid")
        .and_then(|uuid| lookup(store, "shops", "uuid", &uuid))
        .map(|(_, shop)| shop)
        .ok_or_else(|| refuse(1008))
}

/// Leat's 1003 for one field.
pub(crate) fn invalid(field: &str, message: &str) -> Response {
    let mut errors = Map::new();
    errors.insert(field.into(), json!([message]));
    invalid_input(errors)
}

/// `template` with the given fields of `from` written over it (a shop or unit as another
/// entity carries it, keeping that entity's recorded keys).
pub(crate) fn carried(template: Option<&Value>, from: &Value) -> Value {
    let mut carried = template.cloned().unwrap_or_else(|| json!({}));
    if let (Value::Object(slots), Value::Object(fields)) = (&mut carried, from) {
        for (key, value) in fields {
            if slots.contains_key(key) || slots.is_empty() {
                slots.insert(key.clone(), value.clone());
            }
        }
    }
    carried
}

/// The flow for `call`, if its operation has one.
pub(crate) fn answer(store: &mut Store, call: &Call<'_>) -> Option<Flow> {
    Some(match call.op.id {
        "contacts.create" | "contacts.create_async" => contacts::create(store, call),
        "contacts.create_anonymous" => contacts::create_anonymous(store, call),
        "contacts.find_or_create" | "contacts.find_or_create_async" => {
            contacts::find_or_create(store, call)
        }
        "contacts.claim" => contacts::claim(store, call),
        "contacts.update" => contacts::update(store, call),
        "contacts.get_credit_balance" => contacts::credit_balance(store, call),
        "contacts.get_prepaid_balance" => contacts::prepaid_balance(store, call),
        "contacts.list_contact_identifiers" => identifiers::of_contact(store, call),
        "contact_identifiers.find" => identifiers::find(store, call),
        "contact_identifiers.create" => identifiers::create(store, call),
        "contact_identifiers.update" => identifiers::update(store, call),
        "contact_identifiers.delete" => identifiers::delete(store, call),
        "contact_identifiers.link" => identifiers::link(store, call),
        "contact_identifiers.unlink" => identifiers::unlink(store, call),
        "credit_receptions.create" => credits::create(store, call),
        "credit_receptions.calculate" => credits::calculate(store, call),
        "credit_receptions.reverse" => credits::reverse(store, call),
        "reward_receptions.create" => rewards::receive(store, call),
        "reward_receptions.reverse" => rewards::reverse(store, call),
        "rewards.update" => rewards::update(store, call),
        "loyalty_transactions.list" => transactions::list(store, call),
        "loyalty_program.get" => {
            let program = store.books.program.clone()?;
            Ok(call.answer(program))
        }
        "vouchers.create" => vouchers::create(store, call),
        "vouchers.update" => vouchers::update(store, call),
        "vouchers.redeem" => vouchers::redeem(store, call),
        "vouchers.lock" => vouchers::lock(store, call),
        "vouchers.release" => vouchers::release(store, call),
        "giftcard_transactions.create" => giftcards::create(store, call),
        "giftcard_transactions.correct" => giftcards::correct(store, call),
        "giftcard_transactions.reverse" => giftcards::reverse(store, call),
        "prepaid_transactions.create" => prepaid::create(store, call),
        "prepaid_transactions.reverse" => prepaid::reverse(store, call),
        _ => return None,
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Calling a flow in a unit test: a fresh default store and a checked input.

    use super::*;
    use crate::generated::operations::OPERATIONS;

    /// The operation called `id`.
    pub fn op(id: &str) -> &'static MockOperation {
        OPERATIONS
            .iter()
            .copied()
            .find(|op| op.id == id)
            .unwrap_or_else(|| panic!("no operation {id}"))
    }

    /// Calls operation `id` with path parameters and fields.
    pub fn call(store: &mut Store, id: &str, path: &[(&'static str, &str)], fields: Value) -> Flow {
        let op = op(id);
        let input = Input {
            path: path.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
            fields: fields.as_object().cloned().unwrap_or_default(),
        };
        let call = Call {
            op,
            input: &input,
            url: "http://127.0.0.1:1",
        };
        answer(store, &call).unwrap_or_else(|| {
            crate::actions::act(store, call.url, op, &input).map(|(status, body)| Outcome {
                status,
                body,
                events: Vec::new(),
            })
        })
    }

    /// The `data` of a flow's answer; panics on a refusal.
    pub fn data(flow: Flow) -> Value {
        match flow {
            Ok(outcome) => outcome.body["data"].clone(),
            Err(refused) => panic!("refused: {}", refused.status()),
        }
    }

    /// The code of a refusal; panics on an answer.
    pub fn code(flow: Flow) -> i64 {
        let refused = flow.expect_err("a refusal");
        let body = futures_body(refused);
        body["code"].as_i64().unwrap_or(0)
    }

    fn futures_body(response: Response) -> Value {
        use http_body_util::BodyExt;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = runtime
            .block_on(response.into_body().collect())
            .unwrap()
            .to_bytes();
        serde_json::from_slice(&bytes).unwrap()
    }

    /// A fresh store holding the default account.
    pub fn store() -> Store {
        Store::new(Some(1), crate::account::Account::default_additions())
    }

    /// A new contact with `credits`, its uuid.
    pub fn contact_with(store: &mut Store, credits: i64) -> String {
        let made = data(call(
            store,
            "contacts.find_or_create",
            &[],
            json!({"email": "t@example.com"}),
        ));
        let uuid = made["uuid"].as_str().unwrap().to_owned();
        if credits > 0 {
            data(call(
                store,
                "credit_receptions.create",
                &[],
                json!({"contact_uuid": uuid, "shop_uuid": "123123", "credits": credits}),
            ));
        }
        uuid
    }
}
