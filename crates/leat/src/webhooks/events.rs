//! What a webhook event leads to: the entity its payload carries, typed, and the call that
//! fetches that entity's current state. Which key of `data` holds the entity, which model it
//! is read as and which operation fetches it is the spec's (`spec/contract.toml`, generated
//! into [`event_kinds`]); every language reads events by this one table.
//!
//! Leat does not publish its payloads: an event is taken to be `{"type": T, "data":
//! {"<entity>": {...}}}` with the entity as the API returns it (Leat's WordPress plugin reads
//! `data.contact` and `data.voucher`). Reading stays tolerant: an entity that is absent, or
//! does not read as its model, is `None`; fields the model does not know are kept.
//!
//! ```no_run
//! # async fn run(client: leat::Client, body: &[u8], signature: &str) -> leat::Result<()> {
//! use leat::webhooks::{self, EventEntity};
//!
//! let event = webhooks::construct_event(body, signature, &["whsec_..."]).expect("a verified delivery");
//! if let Some(EventEntity::CreditReception(reception)) = event.entity() {
//!     println!("{} credits", reception.credits);
//! }
//! // The contact's balance now, fetched through the API.
//! if let Some(EventEntity::Contact(contact)) = client.webhooks().resolve(&event).await? {
//!     println!("{:?}", contact.credit_balance);
//! }
//! # Ok(()) }
//! ```

use serde_json::Value;

use crate::build::Args;
use crate::client::Client;
use crate::enums::EventType;
use crate::error::{Error, Result};
use crate::operation::{self, Operation};

pub use super::event_table::EventEntity;
use super::event_table::{self, EVENT_KINDS};
use super::WebhookEvent;

/// What [`Webhooks::resolve`] gives: the entity's current state, typed.
pub type Resolved = EventEntity;

/// What the spec says of one event type: the entity it carries and how that is fetched.
#[derive(Debug)]
#[non_exhaustive]
pub struct EventKind {
    /// The event type, e.g. `credit_reception_created`.
    pub event_type: &'static str,
    /// The key of `data` holding the entity, e.g. `credit_reception`; `None` when the payload
    /// is not known.
    pub entity: Option<&'static str>,
    /// The model the entity is read as, e.g. `CreditReception`.
    pub model: Option<&'static str>,
    /// How the entity's current state is fetched; `None` when Leat offers no way.
    pub fetch: Option<FetchRule>,
}

/// How an event's entity is fetched: an operation, and where in the entity each of its
/// arguments is.
#[derive(Debug)]
#[non_exhaustive]
pub struct FetchRule {
    /// The operation's id, e.g. `contacts.get`.
    pub operation: &'static str,
    /// Each argument's wire name and its dotted path in the entity, e.g.
    /// `("contact_uuid", "contact.uuid")`.
    pub args: &'static [(&'static str, &'static str)],
    /// The model the operation answers, e.g. `Contact`.
    pub answers: &'static str,
}

/// Every event type the spec knows, with its entity and fetch.
pub fn event_kinds() -> &'static [EventKind] {
    EVENT_KINDS
}

/// What the spec says of `event_type`; `None` for a type it does not know.
pub fn event_kind(event_type: &str) -> Option<&'static EventKind> {
    EVENT_KINDS
        .iter()
        .find(|kind| kind.event_type == event_type)
}

/// The call that fetches an event's entity: what [`Webhooks::resolve`] sends, and what the
/// Python and Node bindings send through their own call path.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Fetch {
    /// The operation to call.
    pub operation: &'static Operation,
    /// Its arguments, by wire name, taken from the entity.
    pub args: Args,
    /// The model it answers.
    pub model: &'static str,
}

impl WebhookEvent {
    /// An event of `event_type` with this payload: for an event kept elsewhere (a queue, a
    /// database) and read again, or made in a test. A payload that is not an object reads as
    /// carrying no entity.
    pub fn new(event_type: impl Into<EventType>, data: Value) -> WebhookEvent {
        WebhookEvent {
            event_type: event_type.into(),
            data,
        }
    }

    /// What the spec says of this event's type; `None` for a type it does not know.
    pub fn kind(&self) -> Option<&'static EventKind> {
        event_kind(self.event_type.as_str())
    }

    /// The entity this event carries, typed as the API returns it (`data.contact` of a
    /// `contact_created` event as a [`Contact`](crate::Contact), ...); fields the model does
    /// not know are kept in its `extra`. `None` when the type carries no known entity, or the
    /// entity is absent or does not read as its model.
    pub fn entity(&self) -> Option<EventEntity> {
        let (key, model) = self.located()?;
        event_table::decode(model, self.data.get(key)?)?.ok()
    }

    /// Where this event's entity is and what it is, when it reads as its model: the key of
    /// `data` and the model's name (`("contact", "Contact")`). What the bindings read to wrap
    /// the entity in their own model classes; Rust code wants [`WebhookEvent::entity`].
    pub fn entity_location(&self) -> Option<(&'static str, &'static str)> {
        let (key, model) = self.located()?;
        match event_table::decode(model, self.data.get(key)?)? {
            Ok(_) => Some((key, model)),
            Err(_) => None,
        }
    }

    fn located(&self) -> Option<(&'static str, &'static str)> {
        let kind = self.kind()?;
        Some((kind.entity?, kind.model?))
    }

    /// The call that fetches this event's entity: `Ok(None)` when Leat offers no way (or the
    /// type is one the spec does not know).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for argument `event` when the payload lacks a value the
    /// call needs (e.g. a credit reception without `contact.uuid`), naming the event type and
    /// the missing field; nothing is sent.
    pub fn fetch(&self) -> Result<Option<Fetch>> {
        let Some(kind) = self.kind() else {
            return Ok(None);
        };
        let (Some(rule), Some(key)) = (&kind.fetch, kind.entity) else {
            return Ok(None);
        };
        let operation = operation::operation(rule.operation)
            .expect("the spec's checker keeps fetch operations known");
        let mut args = Args::new();
        for (param, path) in rule.args {
            let value = lookup(&self.data, key, path)
                .ok_or_else(|| missing(kind, key, path, param, rule, None))?;
            match value {
                Value::String(text) if !text.is_empty() => {
                    args.insert((*param).to_owned(), value.clone());
                }
                other => {
                    return Err(missing(kind, key, path, param, rule, Some(other)));
                }
            }
        }
        Ok(Some(Fetch {
            operation,
            args,
            model: rule.answers,
        }))
    }
}

/// `data.<key>.<path>`, following objects.
fn lookup<'a>(data: &'a Value, key: &str, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(data.get(key)?, |value, segment| value.get(segment))
}

fn missing(
    kind: &EventKind,
    key: &str,
    path: &str,
    param: &str,
    rule: &FetchRule,
    found: Option<&Value>,
) -> Error {
    let what = match found {
        None => "is missing".to_owned(),
        Some(Value::String(_)) => "is an empty string".to_owned(),
        Some(other) => format!("is {}, not a string", crate::from_json::describe(other)),
    };
    Error::invalid_argument(
        "event",
        format!(
            "cannot resolve a {} event: data.{key}.{path}, which {} takes as {param}, {what}",
            kind.event_type, rule.operation
        ),
    )
}

/// `client.webhooks()`: what a received event leads to in the API.
#[derive(Debug, Clone, Copy)]
pub struct Webhooks<'a> {
    client: &'a Client,
}

impl Client {
    /// What a received webhook event leads to: [`Webhooks::resolve`] fetches its entity's
    /// current state.
    pub fn webhooks(&self) -> Webhooks<'_> {
        Webhooks { client: self }
    }
}

impl Webhooks<'_> {
    /// Fetches the current state of the event's entity through the API (the spec's operation
    /// for its type: a contact by uuid, a voucher by code, ...), with this client's
    /// authentication, retries and typed errors. A credit reception or a prepaid transaction
    /// resolves to its contact, since Leat offers no call that fetches one.
    ///
    /// `Ok(None)` when Leat offers no way: `form_submission_completed`, `referral_completed`,
    /// and types the spec does not know.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the payload lacks the value the call needs (nothing is
    /// sent); otherwise any error of the call, e.g. [`Error::Api`] of kind `NotFound`.
    pub async fn resolve(&self, event: &WebhookEvent) -> Result<Option<Resolved>> {
        let Some(fetch) = event.fetch()? else {
            return Ok(None);
        };
        event_table::send(self.client, fetch).await.map(Some)
    }
}
