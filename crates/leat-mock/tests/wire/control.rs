use leat_mock::{Fault, MockServer};
use serde_json::json;

use crate::http::{create, Call, COLLECTION};

fn control<'a>(method: &'a str, path: &'a str) -> Call<'a> {
    Call::new(method, path).bearer("")
}

#[tokio::test]
async fn faults_scripted_over_http_apply_to_the_next_api_request_only() {
    let mock = MockServer::start().await.unwrap();
    let scripted = control("POST", "/__mock/script")
        .body(r#"[{"status": 429, "headers": {"Retry-After": "1"}}]"#)
        .send(&mock)
        .await;
    assert_eq!(scripted.status, 200, "{}", scripted.body);
    let listed = control("GET", "/__mock/requests").send(&mock).await;
    assert_eq!(
        listed.json(),
        json!([]),
        "control calls are not recorded nor faulted"
    );
    let answer = Call::new("GET", COLLECTION).send(&mock).await;
    assert_eq!(
        (answer.status, answer.header("retry-after")),
        (429, Some("1"))
    );
}

#[tokio::test]
async fn a_bad_script_is_refused_naming_the_entry() {
    let mock = MockServer::start().await.unwrap();
    let answer = control("POST", "/__mock/script")
        .body(r#"[{"drop": true}, {"delay": 5}]"#)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    let message = answer.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("fault #1") && message.contains("delay"),
        "{message}"
    );
    assert_eq!(
        Call::new("GET", COLLECTION).send(&mock).await.status,
        200,
        "nothing queued"
    );
}

#[tokio::test]
async fn requests_are_listed_with_headers_and_body_as_text() {
    let mock = MockServer::start().await.unwrap();
    Call::new("GET", &format!("{COLLECTION}?status=ACTIVE"))
        .send(&mock)
        .await;
    let listed = control("GET", "/__mock/requests").send(&mock).await.json();
    let request = &listed[0];
    assert_eq!(
        (&request["method"], &request["path"]),
        (&json!("GET"), &json!(COLLECTION))
    );
    assert_eq!(request["query"], "status=ACTIVE");
    assert_eq!(
        request["headers"]["authorization"],
        format!("Bearer {}", mock.api_key())
    );
    assert_eq!(request["body"], "");
    let recorded = &mock.requests()[0];
    assert_eq!(
        recorded.header("Authorization"),
        request["headers"]["authorization"].as_str()
    );
}

#[tokio::test]
async fn reset_forgets_subscriptions_requests_and_faults() {
    let mock = MockServer::start().await.unwrap();
    create(&mock, "n", "contact_created").await;
    mock.script(vec![Fault::status(500)]);
    assert_eq!(
        control("POST", "/__mock/reset").send(&mock).await.status,
        200
    );
    assert!(mock.subscriptions().is_empty() && mock.requests().is_empty());
    assert_eq!(Call::new("GET", COLLECTION).send(&mock).await.status, 200);
}

#[test]
fn faults_parse_from_their_json_form() {
    let faults = Fault::from_json(
        r#"[{"status": 503, "body": "down", "headers": {"Retry-After": "2"}, "path": "/oauth"},
            {"delay_ms": 1500}, {"drop": true}, {"malformed": true, "path": "/api"}]"#,
    )
    .unwrap();
    assert_eq!(faults.len(), 4);
    let one: Fault = serde_json::from_str(r#"{"drop": true}"#).unwrap();
    assert_eq!(one, Fault::drop_connection());
    let err = Fault::from_json(r#"[{"status": 503}, {"status": 503, "drop": true}]"#).unwrap_err();
    assert!(err.starts_with("fault #1"), "{err}");
}

#[tokio::test]
async fn trigger_over_http_never_delivers_beyond_this_machine() {
    let mock = MockServer::start().await.unwrap();
    let uuid = create(&mock, "elsewhere", "contact_created").await;
    let answer = control("POST", "/__mock/trigger")
        .body(r#"{"event_type": "contact_created", "data": {"contact": {"uuid": "c1"}}}"#)
        .send(&mock)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.json(),
        json!({"deliveries": [
            {"uuid": uuid, "url": "https://example.com/hooks", "status": null, "attempts": 0}
        ]})
    );
    let refused = control("POST", "/__mock/trigger")
        .body(r#"{"data": {}}"#)
        .send(&mock)
        .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("event_type"), "{}", refused.body);
}
