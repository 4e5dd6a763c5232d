//! Every operation the generic engine answers checks its input as Leat does: HTTP 400, code
//! 1003 `Invalid input.`, and an `errors` map with Laravel's message for each field refused,
//! before anything is looked up or stored.

use leat_mock::MockServer;
use serde_json::json;

use crate::http::Call;

const CONTACTS: &str = "/api/v3/oauth/clients/contacts";
const CREDIT_RECEPTIONS: &str = "/api/v3/oauth/clients/credit-receptions";

#[tokio::test]
async fn a_missing_required_parameter_is_a_1003_naming_the_field() {
    let mock = MockServer::start().await.unwrap();
    let before = mock.entities("contacts");
    let answer = Call::new("POST", CONTACTS).body("{}").send(&mock).await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json(),
        json!({
            "message": "Invalid input.",
            "code": 1003,
            "status_code": 400,
            "errors": {"email": ["The email field is required."]},
        })
    );
    assert_eq!(mock.entities("contacts"), before, "nothing was stored");
}

#[tokio::test]
async fn a_value_outside_a_closed_enum_is_refused() {
    let mock = MockServer::start().await.unwrap();
    let before = mock.entities("contacts");
    let uuid = before[0]["uuid"].as_str().unwrap();
    let answer = Call::new("POST", &format!("{CONTACTS}/{uuid}/delete"))
        .body(r#"{"type": "FOREVER"}"#)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["code"], 1003);
    assert_eq!(
        answer.json()["errors"],
        json!({"type": ["The selected type is invalid."]})
    );
    assert_eq!(mock.entities("contacts"), before, "nothing was deleted");
}

#[tokio::test]
async fn every_refused_field_is_listed_at_once_with_laravels_messages() {
    let mock = MockServer::start().await.unwrap();
    let body = json!({"contact_uuid": 12, "credits": "ten", "unit_value": "a lot"}).to_string();
    let answer = Call::new("POST", CREDIT_RECEPTIONS)
        .body(&body)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json()["errors"],
        json!({
            "contact_uuid": ["The contact uuid must be a string."],
            "shop_uuid": ["The shop uuid field is required."],
            "credits": ["The credits must be an integer."],
            "unit_value": ["The unit value must be a number."],
        })
    );
}

#[tokio::test]
async fn query_parameters_are_checked_too() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("GET", &format!("{CONTACTS}?page=first&sort=name"))
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json()["errors"],
        json!({
            "page": ["The page must be an integer."],
            "sort": ["The selected sort is invalid."],
        })
    );
    let answer = Call::new("GET", &format!("{CONTACTS}/find-one-by"))
        .send(&mock)
        .await;
    assert_eq!(
        answer.json()["errors"],
        json!({"email": ["The email field is required."]})
    );
}

#[tokio::test]
async fn a_blank_value_counts_as_not_given() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", CONTACTS)
        .body(r#"{"email": "   ", "referral_code": ""}"#)
        .send(&mock)
        .await;
    assert_eq!(
        answer.json()["errors"],
        json!({"email": ["The email field is required."]})
    );
}

#[tokio::test]
async fn a_body_that_is_neither_json_nor_a_form_is_refused() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", CONTACTS).body("[1, 2]").send(&mock).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["code"], 1003);
    assert!(answer.json()["errors"]["body"][0]
        .as_str()
        .unwrap()
        .contains("JSON object"));
}

#[tokio::test]
async fn every_operation_needs_the_key_first() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", CONTACTS)
        .body("{}")
        .bearer("not-the-key")
        .send(&mock)
        .await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.json(), json!({"message": "Unauthenticated."}));
}
