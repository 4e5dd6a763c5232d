//! The generic engine keeps the entities its rules act on: a fresh mock holds Leat's recorded
//! ones, a create stores a new one made from the example, a get finds it by its key, an
//! update merges what it is given, a delete removes it, and a reset brings back the seed.

use leat_mock::MockServer;
use serde_json::{json, Value};

use crate::http::Call;

const CONTACTS: &str = "/api/v3/oauth/clients/contacts";
const PRODUCTS: &str = "/api/v3/oauth/clients/products";

#[tokio::test]
async fn a_fresh_mock_holds_the_recorded_entities_with_their_uuids() {
    let first = MockServer::start().await.unwrap();
    let second = MockServer::start().await.unwrap();
    let contacts = first.entities("contacts");
    // The first 3 items of the list's recording (the get's contact is one of them), then
    // the default account's anonymous contact.
    assert_eq!(contacts.len(), 4);
    assert_eq!(contacts[3]["email"], Value::Null);
    assert_eq!(
        contacts,
        second.entities("contacts"),
        "the same in every mock"
    );
    let giftcards = first.entities("giftcards");
    assert_eq!(
        giftcards.len(),
        4,
        "3 from the list's recording, then the get's"
    );
    let uuid = giftcards[3]["uuid"].as_str().unwrap();
    let answer = Call::new("GET", &format!("/api/v3/oauth/clients/giftcards/{uuid}"))
        .send(&first)
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["data"], giftcards[3]);
    assert!(first.entities("no_such_collection").is_empty());
}

#[tokio::test]
async fn a_created_entity_is_stored_and_found_by_its_new_uuid() {
    let mock = MockServer::start().await.unwrap();
    let body = json!({"external_identifier": "sku-1", "name": "Latte"}).to_string();
    let answer = Call::new("POST", PRODUCTS).body(&body).send(&mock).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let created = answer.json()["data"].clone();
    assert_eq!(created["name"], "Latte");
    assert_eq!(created["external_identifier"], "sku-1");
    let uuid = created["uuid"].as_str().unwrap();
    assert!(
        mock.entities("products")[..2]
            .iter()
            .all(|p| p["uuid"] != uuid),
        "a fresh uuid"
    );
    let fetched = Call::new("GET", &format!("{PRODUCTS}/{uuid}"))
        .send(&mock)
        .await;
    assert_eq!(fetched.json()["data"], created);
}

#[tokio::test]
async fn a_create_answers_the_specs_status_and_stamps_created_at() {
    let mock = MockServer::start().await.unwrap();
    let body = json!({"entity": "contact", "name": "favourite_drink", "label": "Favourite drink", "type": "text", "group_name": "g"}).to_string();
    let answer = Call::new("POST", "/api/v3/oauth/clients/custom-attributes")
        .body(&body)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let created = &answer.json()["data"];
    assert_eq!(created["name"], "favourite_drink");
    let seeded_ids: Vec<Value> = mock.entities("custom_attributes")[..1]
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    assert_eq!(created["id"], json!(seeded_ids[0].as_u64().unwrap() + 1));
    let portal = Call::new("POST", "/api/v3/oauth/clients/portal-sessions")
        .body(r#"{"shop_uuid": "s1"}"#)
        .send(&mock)
        .await;
    assert_eq!(portal.status, 201, "{}", portal.body);
    let stamped = portal.json()["data"]["created_at"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        stamped.ends_with("+00:00") && stamped.as_bytes()[10] == b'T',
        "{stamped}"
    );
    assert!(
        stamped.as_str() > "2025-01-01",
        "now, not the recording's time: {stamped}"
    );
}

#[tokio::test]
async fn an_update_merges_the_fields_given_and_a_delete_removes() {
    let mock = MockServer::start().await.unwrap();
    let uuid = mock.entities("products")[0]["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("{PRODUCTS}/{uuid}");
    let before = mock.entities("products")[0].clone();
    let answer = Call::new("PUT", &path)
        .body(r#"{"name": "Flat white"}"#)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let mut expected = before;
    expected["name"] = json!("Flat white");
    assert_eq!(answer.json()["data"], expected);
    assert_eq!(mock.entities("products")[0], expected);
    let deleted = Call::new("DELETE", &path).send(&mock).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(
        deleted.json(),
        json!({"data": null, "meta": []}),
        "as recorded"
    );
    let gone = Call::new("GET", &path).send(&mock).await;
    assert_eq!(
        gone.status, 200,
        "no not-found code in the spec: the example"
    );
    assert_eq!(mock.entities("products").len(), 1);
}

#[tokio::test]
async fn unknown_uuids_get_each_resources_not_found_code() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("PUT", &format!("{CONTACTS}/no-such-contact"))
        .body(r#"{"attributes": {"firstname": "Jane"}}"#)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json(),
        json!({"message": "No contact has that uuid.", "code": 55031, "status_code": 400})
    );
    let giftcard = Call::new("GET", "/api/v3/oauth/clients/giftcards/no-such-card")
        .send(&mock)
        .await;
    assert_eq!(giftcard.json()["code"], 5001);
}

#[tokio::test]
async fn a_reset_brings_every_collection_back_to_the_seed() {
    let mock = MockServer::start().await.unwrap();
    let seed = mock.entities("contacts");
    Call::new("POST", CONTACTS)
        .body(r#"{"email": "new@example.com"}"#)
        .send(&mock)
        .await;
    let uuid = seed[0]["uuid"].as_str().unwrap();
    Call::new("POST", &format!("{CONTACTS}/{uuid}/delete"))
        .body(r#"{"type": "GDPR"}"#)
        .send(&mock)
        .await;
    assert_eq!(mock.entities("contacts").len(), seed.len());
    assert_ne!(mock.entities("contacts"), seed);
    let reset = Call::new("POST", "/__mock/reset").send(&mock).await;
    assert_eq!(reset.status, 200);
    assert_eq!(mock.entities("contacts"), seed);
}

#[tokio::test]
async fn an_operation_without_a_rule_answers_its_example_once_checked() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("GET", "/api/v3/oauth/clients/brand-kit")
        .send(&mock)
        .await;
    assert_eq!(answer.status, 200);
    let body = answer.json();
    assert!(
        body["data"].is_object() && body.get("meta").is_some(),
        "{body}"
    );
    assert_eq!(
        Call::new("GET", "/api/v3/oauth/clients")
            .send(&mock)
            .await
            .status,
        200,
        "even the health check at the API's root"
    );
}

#[tokio::test]
async fn other_languages_read_a_collection_over_http() {
    let mock = MockServer::start().await.unwrap();
    crate::http::create(&mock, "New members", "contact_created").await;
    let control = |path: &'static str| Call::new("GET", path).bearer("");
    let shops = control("/__mock/entities/shops").send(&mock).await;
    assert_eq!(shops.status, 200);
    assert_eq!(shops.json(), Value::Array(mock.entities("shops")));
    let subscriptions = control("/__mock/entities/webhook_subscriptions")
        .send(&mock)
        .await;
    assert_eq!(subscriptions.json(), Value::Array(mock.subscriptions()));
    let unknown = control("/__mock/entities/nothing").send(&mock).await;
    assert_eq!(unknown.status, 404);
    let message = unknown.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("\"nothing\"") && message.contains("contacts, "),
        "{message}"
    );
    assert_eq!(
        mock.requests().len(),
        1,
        "the create only: control calls are not recorded"
    );
}
