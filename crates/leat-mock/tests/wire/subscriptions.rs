use leat_mock::MockServer;
use serde_json::json;

use crate::http::{create, create_body, Call, COLLECTION};

fn item(uuid: &str) -> String {
    format!("{COLLECTION}/{uuid}")
}

#[tokio::test]
async fn create_answers_201_with_the_subscription_and_stores_it() {
    let mock = MockServer::start().await.unwrap();
    let body = json!({
        "name": "Profile changes", "event_type": "contact_updated", "url": "https://example.com/h",
        "secret": "s3cret", "attributes": ["firstname", "lastname"]
    });
    let answer = Call::new("POST", COLLECTION)
        .body(&body.to_string())
        .send(&mock)
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert!(answer.header("x-request-id").unwrap().starts_with("req_"));
    assert!(!answer.body.contains("s3cret"), "never return the secret");
    let json = answer.json();
    assert_eq!(json["meta"], json!([]));
    let data = &json["data"];
    assert_eq!(data["name"], "Profile changes");
    assert_eq!(data["event_type"], "contact_updated");
    assert_eq!(data["properties"], json!(["firstname", "lastname"]));
    assert_eq!(
        (&data["status"], &data["version"]),
        (&json!("ACTIVE"), &json!("V1"))
    );
    let created_at = data["created_at"].as_str().unwrap();
    assert!(
        created_at.len() == 25 && created_at.ends_with("+00:00") && &created_at[10..11] == "T",
        "{created_at}"
    );
    assert_eq!(mock.subscriptions(), vec![data.clone()]);
}

#[tokio::test]
async fn invalid_input_is_http_400_code_1003_with_an_errors_map() {
    let mock = MockServer::start().await.unwrap();
    let body = r#"{"name": "", "event_type": "nope", "url": "ftp://x", "attributes": [1]}"#;
    let answer = Call::new("POST", COLLECTION).body(body).send(&mock).await;
    assert_eq!(answer.status, 400);
    let json = answer.json();
    assert_eq!(
        (&json["code"], &json["status_code"]),
        (&json!(1003), &json!(400))
    );
    assert_eq!(json["message"], "Invalid input.");
    for field in ["name", "event_type", "url", "attributes"] {
        assert!(json["errors"][field][0].is_string(), "{field}: {json}");
    }
    assert!(mock.subscriptions().is_empty());
}

#[tokio::test]
async fn a_body_that_is_not_a_json_object_is_invalid_input() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", COLLECTION).body("[1]").send(&mock).await;
    assert_eq!(
        (answer.status, answer.json()["code"].as_i64()),
        (400, Some(1003))
    );
}

#[tokio::test]
async fn a_body_of_several_mib_is_accepted() {
    let mock = MockServer::start().await.unwrap();
    let name = "n".repeat(3 << 20);
    let answer = Call::new("POST", COLLECTION)
        .body(&create_body(&name, "contact_created"))
        .send(&mock)
        .await;
    assert_eq!(answer.status, 201);
}

#[tokio::test]
async fn list_filters_by_event_type_and_status_in_creation_order() {
    let mock = MockServer::start().await.unwrap();
    let first = create(&mock, "a", "voucher_created").await;
    create(&mock, "b", "contact_created").await;
    let third = create(&mock, "c", "voucher_created").await;
    let all = Call::new("GET", COLLECTION).send(&mock).await.json();
    let names: Vec<_> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["name"])
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    let path = format!("{COLLECTION}?event_type=voucher_created&status=ACTIVE");
    let filtered = Call::new("GET", &path).send(&mock).await.json();
    let uuids: Vec<_> = filtered["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["uuid"])
        .collect();
    assert_eq!(uuids, [&json!(first), &json!(third)]);
    let inactive = Call::new("GET", &format!("{COLLECTION}?status=INACTIVE"))
        .send(&mock)
        .await;
    assert_eq!(inactive.json()["data"], json!([]));
}

#[tokio::test]
async fn an_unknown_list_filter_value_is_invalid_input() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("GET", &format!("{COLLECTION}?status=PAUSED&event_type=x"))
        .send(&mock)
        .await;
    let json = answer.json();
    assert_eq!((answer.status, &json["code"]), (400, &json!(1003)));
    assert!(json["errors"]["status"].is_array() && json["errors"]["event_type"].is_array());
}

#[tokio::test]
async fn update_changes_only_the_fields_sent() {
    let mock = MockServer::start().await.unwrap();
    let uuid = create(&mock, "before", "voucher_created").await;
    let answer = Call::new("PUT", &item(&uuid))
        .body(r#"{"status": "INACTIVE", "attributes": ["x"]}"#)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let data = &answer.json()["data"];
    assert_eq!(
        (&data["name"], &data["status"]),
        (&json!("before"), &json!("INACTIVE"))
    );
    assert_eq!(data["properties"], json!(["x"]));
    let fetched = Call::new("GET", &item(&uuid)).send(&mock).await.json();
    assert_eq!(&fetched["data"], data);
}

#[tokio::test]
async fn update_refuses_to_change_event_type_or_secret() {
    let mock = MockServer::start().await.unwrap();
    let uuid = create(&mock, "n", "voucher_created").await;
    let answer = Call::new("PUT", &item(&uuid))
        .body(r#"{"event_type": "contact_created", "secret": "x", "status": "PAUSED"}"#)
        .send(&mock)
        .await;
    let errors = &answer.json()["errors"];
    for field in ["event_type", "secret", "status"] {
        assert!(errors[field].is_array(), "{field}: {errors}");
    }
}

#[tokio::test]
async fn updating_a_contact_updated_subscription_needs_attributes() {
    let mock = MockServer::start().await.unwrap();
    let uuid = create(&mock, "n", "contact_updated").await;
    let refused = Call::new("PUT", &item(&uuid))
        .body(r#"{"name": "m"}"#)
        .send(&mock)
        .await;
    assert!(
        refused.json()["errors"]["attributes"].is_array(),
        "{}",
        refused.body
    );
    let accepted = Call::new("PUT", &item(&uuid))
        .body(r#"{"name": "m", "attributes": ["email"]}"#)
        .send(&mock)
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
}

#[tokio::test]
async fn an_unknown_uuid_is_http_400_code_80300_without_errors() {
    let mock = MockServer::start().await.unwrap();
    let path = item("8c2e9f2a-0000-4000-8000-000000000000");
    for call in [
        Call::new("GET", &path),
        Call::new("PUT", &path).body(r#"{"name": "x"}"#),
        Call::new("DELETE", &path),
    ] {
        let answer = call.send(&mock).await;
        let json = answer.json();
        assert_eq!(
            (answer.status, &json["code"]),
            (400, &json!(80300)),
            "{json}"
        );
        assert_eq!(json["message"], "Webhook subscription not found.");
        assert!(json.get("errors").is_none());
    }
}

#[tokio::test]
async fn delete_answers_empty_data_and_forgets_the_subscription() {
    let mock = MockServer::start().await.unwrap();
    let uuid = create(&mock, "n", "reward_updated").await;
    let answer = Call::new("DELETE", &item(&uuid)).send(&mock).await;
    assert_eq!(
        (answer.status, answer.json()),
        (200, json!({"data": [], "meta": []}))
    );
    assert!(mock.subscriptions().is_empty());
}

#[tokio::test]
async fn an_unknown_route_is_a_json_404() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("GET", "/api/v3/contacts").send(&mock).await;
    assert_eq!(
        (answer.status, answer.json()),
        (404, json!({"message": "Not found."}))
    );
    assert!(answer.header("x-request-id").is_some());
}
