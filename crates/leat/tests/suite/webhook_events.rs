//! Typed webhook events: the entity each event type carries (read from the shared realistic
//! payloads of `tests/fixtures/webhook_events.json`), and `client.webhooks().resolve(...)`
//! fetching its current state from the mock.

use serde_json::{json, Value};

use leat::webhooks::{self, EventEntity, WebhookEvent};
use leat::{ApiErrorKind, Error, EventType};

use crate::common;

/// The shared fixture's events: `{type, entity, model, resolve, body}` each.
fn fixture_events() -> Vec<Value> {
    let path = format!(
        "{}/../../tests/fixtures/webhook_events.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("reading {path}: {err}"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["events"].as_array().unwrap().clone()
}

fn fixture(event_type: &str) -> Value {
    fixture_events()
        .into_iter()
        .find(|e| e["type"] == event_type)
        .unwrap_or_else(|| panic!("no fixture for {event_type}"))
}

/// The fixture's delivery, signed and received as a framework receiver would.
fn received(body: &Value) -> WebhookEvent {
    let bytes = serde_json::to_vec(body).unwrap();
    let signature = webhooks::sign(&bytes, "whsec_test");
    webhooks::construct_event(&bytes, &signature, &["whsec_test"]).unwrap()
}

#[test]
fn every_event_type_of_the_spec_has_a_fixture_and_a_kind() {
    let kinds: Vec<&str> = webhooks::event_kinds()
        .iter()
        .map(|k| k.event_type)
        .collect();
    let fixtures: Vec<String> = fixture_events()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds.len(), 13);
    for kind in &kinds {
        assert!(fixtures.iter().any(|f| f == kind), "no fixture for {kind}");
        assert!(
            !matches!(EventType::from(*kind), EventType::Other(_)),
            "{kind} is a known EventType"
        );
    }
}

#[test]
fn each_event_types_entity_is_typed_from_a_realistic_payload() {
    for case in fixture_events() {
        let event = received(&case["body"]);
        let event_type = case["type"].as_str().unwrap();
        match case["model"].as_str() {
            Some(model) => {
                let entity = event
                    .entity()
                    .unwrap_or_else(|| panic!("{event_type}: no entity"));
                assert_eq!(entity.model(), model, "{event_type}");
                let key = case["entity"].as_str().unwrap();
                assert_eq!(event.entity_location(), Some((key, model)), "{event_type}");
            }
            None => {
                assert_eq!(event.entity(), None, "{event_type}");
                assert_eq!(event.entity_location(), None, "{event_type}");
            }
        }
    }
}

#[test]
fn the_typed_entity_holds_the_payloads_values() {
    let event = received(&fixture("credit_reception_created")["body"]);
    let Some(EventEntity::CreditReception(reception)) = event.entity() else {
        panic!("a credit reception");
    };
    assert_eq!(reception.uuid, "294183c2-20f2-4f86-a5e5-17e71c4b0660");
    assert_eq!(reception.contact.as_ref().unwrap().uuid, "123");
    let event = received(&fixture("voucher_redeemed")["body"]);
    let Some(EventEntity::Voucher(voucher)) = event.entity() else {
        panic!("a voucher");
    };
    assert_eq!(voucher.code, "EXAMPLE-CODE-03785");
}

#[test]
fn an_absent_or_malformed_entity_is_none() {
    for data in [
        json!({}),
        json!({"contact": null}),
        json!({"contact": []}),
        json!({"contact": "123"}),
        json!({"contact": {"email": "no-uuid@example.com"}}),
        json!({"voucher": {"uuid": "the wrong key"}}),
    ] {
        let event = WebhookEvent::new(EventType::ContactCreated, data.clone());
        assert_eq!(event.entity(), None, "{data}");
        assert_eq!(event.entity_location(), None, "{data}");
    }
    let unknown = WebhookEvent::new("loyalty_party_started", json!({"contact": {"uuid": "1"}}));
    assert_eq!(unknown.entity(), None);
}

#[test]
fn fields_the_model_does_not_know_are_kept() {
    let mut body = fixture("contact_created")["body"].clone();
    body["data"]["contact"]["favourite_colour"] = json!("teal");
    let Some(EventEntity::Contact(contact)) = received(&body).entity() else {
        panic!("a contact");
    };
    assert_eq!(contact.extra["favourite_colour"], "teal");
    assert_eq!(contact.uuid, "123");
}

#[test]
fn fetch_says_which_operation_and_arguments_resolve_sends() {
    for case in fixture_events() {
        let event = received(&case["body"]);
        let fetch = event.fetch().unwrap();
        match case["resolve"].as_object() {
            Some(resolve) => {
                let fetch = fetch.unwrap_or_else(|| panic!("{}: no fetch", case["type"]));
                assert_eq!(fetch.operation.id, resolve["operation"], "{}", case["type"]);
                assert_eq!(
                    Value::Object(fetch.args),
                    resolve["args"],
                    "{}",
                    case["type"]
                );
                assert_eq!(fetch.model, resolve["model"], "{}", case["type"]);
            }
            None => assert!(fetch.is_none(), "{}", case["type"]),
        }
    }
}

#[tokio::test]
async fn a_credit_reception_resolves_to_its_contact() {
    let mock = common::mock().await;
    let client = common::client(&mock);
    let event = received(&fixture("credit_reception_created")["body"]);
    let resolved = client.webhooks().resolve(&event).await.unwrap();
    let Some(EventEntity::Contact(contact)) = resolved else {
        panic!("a contact, got {resolved:?}");
    };
    assert_eq!(contact.uuid, "123");
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/api/v3/oauth/clients/contacts/123");
    assert_eq!(
        requests[0].header("authorization"),
        Some(format!("Bearer {}", mock.api_key()).as_str())
    );
}

#[tokio::test]
async fn a_voucher_resolves_by_its_code() {
    let mock = common::mock().await;
    let client = common::client(&mock);
    let event = received(&fixture("voucher_redeemed")["body"]);
    let Some(EventEntity::Voucher(voucher)) = client.webhooks().resolve(&event).await.unwrap()
    else {
        panic!("a voucher");
    };
    assert_eq!(voucher.code, "EXAMPLE-CODE-03785");
    let requests = mock.requests();
    assert_eq!(requests[0].path, "/api/v3/oauth/clients/vouchers/find");
    assert_eq!(
        requests[0].query.as_deref(),
        Some("code=EXAMPLE-CODE-03785")
    );
}

#[tokio::test]
async fn rewards_promotions_and_giftcard_transactions_resolve_by_uuid() {
    let mock = common::mock().await;
    let client = common::client(&mock);
    for (event_type, path) in [
        (
            "reward_updated",
            "/api/v3/oauth/clients/rewards/024d7a8a-54c8-430c-bfa4-ca2ee800574a",
        ),
        (
            "promotion_updated",
            "/api/v3/oauth/clients/promotions/5c3d59c7-7799-4d41-894a-8f46e50edfda",
        ),
        (
            "giftcard_transaction_created",
            "/api/v3/oauth/clients/giftcard-transactions/9e6426ef-1916-4f3c-a94f-4cf6af4f945b",
        ),
    ] {
        mock.clear_requests();
        let case = fixture(event_type);
        let event = received(&case["body"]);
        let resolved = client.webhooks().resolve(&event).await.unwrap().unwrap();
        assert_eq!(resolved.model(), case["resolve"]["model"], "{event_type}");
        assert_eq!(
            resolved,
            event.entity().unwrap(),
            "{event_type}: the mock's state"
        );
        assert_eq!(mock.requests()[0].path, path, "{event_type}");
    }
}

#[tokio::test]
async fn events_leat_offers_no_way_to_fetch_resolve_to_none_and_send_nothing() {
    let mock = common::mock().await;
    let client = common::client(&mock);
    for event in [
        received(&fixture("form_submission_completed")["body"]),
        received(&fixture("referral_completed")["body"]),
        WebhookEvent::new("loyalty_party_started", json!({"contact": {"uuid": "123"}})),
    ] {
        assert_eq!(client.webhooks().resolve(&event).await.unwrap(), None);
    }
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn a_payload_without_the_needed_key_is_refused_before_anything_is_sent() {
    let mock = common::mock().await;
    let client = common::client(&mock);
    let cases = [
        (
            json!({"credit_reception": {"uuid": "r1", "credits": 5}}),
            "data.credit_reception.contact.uuid, which contacts.get takes as contact_uuid, is missing",
        ),
        (
            json!({}),
            "data.credit_reception.contact.uuid, which contacts.get takes as contact_uuid, is missing",
        ),
        (
            json!({"credit_reception": {"contact": {"uuid": 42}}}),
            "is the number 42, not a string",
        ),
        (
            json!({"credit_reception": {"contact": {"uuid": ""}}}),
            "is an empty string",
        ),
    ];
    for (data, says) in cases {
        let event = WebhookEvent::new(EventType::CreditReceptionCreated, data.clone());
        let err = client.webhooks().resolve(&event).await.unwrap_err();
        let Error::InvalidArgument { argument, .. } = &err else {
            panic!("a validation error, got {err:?}");
        };
        assert_eq!(argument, "event");
        let text = err.to_string();
        assert!(text.contains("credit_reception_created event"), "{text}");
        assert!(text.contains(says), "{data}: {text}");
    }
    assert!(mock.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn an_entity_gone_from_the_account_is_leats_not_found() {
    let mock = common::mock().await;
    let client = common::client(&mock);
    let event = WebhookEvent::new(
        EventType::ContactUpdated,
        json!({"contact": {"uuid": "4b0a7c2e-0000-4000-8000-000000000000"}}),
    );
    let err = client.webhooks().resolve(&event).await.unwrap_err();
    let api = err.as_api().expect("Leat's answer");
    assert_eq!(api.kind, ApiErrorKind::NotFound);
    assert_eq!(api.code, Some(55031));
}

#[test]
fn the_core_receiver_hands_over_typed_events() {
    let receiver =
        webhooks::Receiver::new(Some(vec![b"whsec_test".to_vec()]), None, "limit").unwrap();
    let body = serde_json::to_vec(&fixture("voucher_created")["body"]).unwrap();
    let event = receiver
        .receive(&body, &webhooks::sign(&body, "whsec_test"))
        .unwrap();
    assert!(matches!(event.entity(), Some(EventEntity::Voucher(_))));
}
