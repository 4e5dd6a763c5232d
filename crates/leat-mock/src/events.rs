//! Webhook events from state changes: each flow names the changes it made ([`Event`]), and
//! [`emit`] delivers them after the answer is decided, in a task of their own (never holding
//! up the API's answer), to every ACTIVE subscription of the type, signed and retried as
//! `deliver.rs` does, each delivery recorded as it ends.
//!
//! The payload is `{"type": <event type>, "data": {"<entity>": <the entity as the API returns
//! it>}}`, the key the spec's (`[enums.EventType]` of `spec/contract.toml`). Leat publishes no payload schema; this shape follows what Leat's WordPress plugin
//! reads (`data.contact`, `data.voucher`), so it is inferred.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::deliver;
use crate::generated::events::entity_key;
use crate::state::Shared;

/// A change that sends a webhook.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Event {
    /// The event type, e.g. `credit_reception_created`.
    pub event_type: &'static str,
    /// The key of the entity under `data` (`credit_reception`), the spec's for the type.
    pub key: &'static str,
    /// The entity as the API returns it.
    pub entity: Value,
    /// For `contact_updated`: the attributes that changed (only subscriptions watching one
    /// of them get it).
    pub changed: Option<Vec<String>>,
}

impl Event {
    /// `event_type` carrying `entity` under the key the spec names for the type
    /// (`generated/events.rs`, the table the clients read events by).
    pub fn new(event_type: &'static str, entity: Value) -> Self {
        let key = entity_key(event_type);
        debug_assert!(key.is_some(), "the spec names no entity for {event_type}");
        Event {
            event_type,
            key: key.unwrap_or("entity"),
            entity,
            changed: None,
        }
    }

    /// `contact_updated` for a change of the attributes `changed`.
    pub fn contact_updated(contact: Value, changed: Vec<String>) -> Self {
        Event {
            changed: Some(changed),
            ..Event::new("contact_updated", contact)
        }
    }

    /// The `data` of the delivery.
    pub fn data(&self) -> Value {
        let mut data = Map::new();
        data.insert(self.key.into(), self.entity.clone());
        Value::Object(data)
    }

    /// Whether a subscription watching `properties` wants this event.
    pub fn wanted_by(&self, properties: &[String]) -> bool {
        match &self.changed {
            None => true,
            Some(changed) => properties.iter().any(|p| changed.contains(p)),
        }
    }
}

/// Delivers `events`, one after the other, in a task of their own.
pub(crate) fn emit(shared: &Arc<Shared>, events: Vec<Event>) {
    if events.is_empty() {
        return;
    }
    let shared = shared.clone();
    tokio::spawn(async move {
        for event in events {
            deliver::send(&shared, event.event_type, &event.data(), |s| {
                event.wanted_by(&s.properties)
            })
            .await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_event_carries_its_entity_under_its_key() {
        let event = Event::new("voucher_redeemed", json!({"uuid": "v"}));
        assert_eq!(event.data(), json!({"voucher": {"uuid": "v"}}));
        assert!(event.wanted_by(&[]));
    }

    #[test]
    fn contact_updated_goes_only_to_subscriptions_watching_a_changed_attribute() {
        let event = Event::contact_updated(json!({"uuid": "c"}), vec!["firstname".into()]);
        assert!(event.wanted_by(&["lastname".into(), "firstname".into()]));
        assert!(!event.wanted_by(&["lastname".into()]));
        assert!(!event.wanted_by(&[]));
    }
}
