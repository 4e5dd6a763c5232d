//! The generic engine reads bodies and queries as Leat (Laravel) reads them: a JSON object or
//! a PHP-style form (`application/x-www-form-urlencoded`, as Leat's PHP SDK sends), queries
//! with PHP's `name[]=` lists and `name[key]=` maps, and text typed as the parameter says.

use leat_mock::MockServer;
use serde_json::json;

use crate::http::Call;

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn a_form_body_creates_as_json_does_with_its_numbers_typed() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", "/api/v3/oauth/clients/giftcard-transactions")
        .content_type(FORM)
        .body(
            "giftcard_uuid=bdfeabeb-a284-4e82-b39b-f70fd6b1c97e&shop_uuid=123123&amount_in_cents=50",
        )
        .send(&mock)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let created = &answer.json()["data"];
    assert_eq!(created["amount_in_cents"], json!(50));
    let stored = mock.entities("giftcard_transactions");
    assert_eq!(stored.last(), Some(created));
}

#[tokio::test]
async fn a_form_value_of_the_wrong_type_is_refused_by_name() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", "/api/v3/oauth/clients/credit-receptions")
        .content_type(FORM)
        .body("contact_uuid=c1&shop_uuid=s1&credits=12.5")
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json()["errors"],
        json!({"credits": ["The credits must be an integer."]})
    );
}

#[tokio::test]
async fn query_maps_and_lists_are_read_in_phps_form() {
    let mock = MockServer::start().await.unwrap();
    let fine = Call::new(
        "GET",
        "/api/v3/oauth/clients/contacts?created_at%5Bgte%5D=2024-01-01T00:00:00%2B00:00&limit=2",
    )
    .send(&mock)
    .await;
    assert_eq!(fine.status, 200, "{}", fine.body);
    assert_eq!(fine.json()["data"].as_array().unwrap().len(), 2);
    let plain = Call::new("GET", "/api/v3/oauth/clients/contacts?created_at=yesterday")
        .send(&mock)
        .await;
    assert_eq!(
        plain.json()["errors"],
        json!({"created_at": ["The created at must be an array."]})
    );
}

#[tokio::test]
async fn a_json_body_with_a_get_is_read_over_the_query() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new(
        "GET",
        "/api/v3/oauth/clients/contacts/find-one-by?email=nobody",
    )
    // The email of a contact the mock holds from its seed (contacts.get's example).
    .body(r#"{"email": "nizlslzvzrt_42@hytmxil.cym"}"#)
    .send(&mock)
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
}
