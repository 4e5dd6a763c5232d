use std::time::Duration;

use leat_mock::{Fault, MockServer};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::http::{connect, create_body, Call, COLLECTION};

fn create_call(body: &str) -> Call<'_> {
    Call::new("POST", COLLECTION).body(body)
}

#[tokio::test]
async fn a_status_fault_answers_without_acting() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::status(503).header("Retry-After", "2")]);
    let answer = create_call(&create_body("n", "contact_created"))
        .send(&mock)
        .await;
    assert_eq!(answer.status, 503);
    assert_eq!(answer.json(), json!({"message": "Service Unavailable"}));
    assert_eq!(answer.header("retry-after"), Some("2"));
    assert!(answer.header("x-request-id").is_some());
    assert!(mock.subscriptions().is_empty());
    assert_eq!(
        mock.requests().len(),
        1,
        "a faulted request is still recorded"
    );
}

#[tokio::test]
async fn status_faults_have_leat_style_default_bodies() {
    let mock = MockServer::start().await.unwrap();
    let expected = [
        (429, "Too Many Attempts."),
        (500, "Server Error"),
        (502, "Server Error"),
        (401, "Unauthenticated."),
        (418, "Error"),
    ];
    mock.script(
        expected
            .iter()
            .map(|(code, _)| Fault::status(*code))
            .collect(),
    );
    for (code, message) in expected {
        let answer = Call::new("GET", COLLECTION).send(&mock).await;
        assert_eq!(
            (answer.status, answer.json()),
            (code, json!({ "message": message }))
        );
        assert_eq!(answer.header("content-type"), Some("application/json"));
    }
    assert_eq!(
        Call::new("GET", COLLECTION).send(&mock).await.status,
        200,
        "the queue is empty"
    );
}

#[tokio::test]
async fn a_status_fault_can_set_its_body_and_request_id() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::status(502)
        .body("<html>bad gateway</html>")
        .header("Content-Type", "text/html")
        .header("X-Request-Id", "req_fixed")]);
    let answer = Call::new("GET", COLLECTION).send(&mock).await;
    assert_eq!(answer.body, "<html>bad gateway</html>");
    assert_eq!(answer.header("content-type"), Some("text/html"));
    assert_eq!(answer.header("x-request-id"), Some("req_fixed"));
}

#[tokio::test]
async fn a_dropped_connection_sends_no_status_line_and_does_not_act() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::drop_connection()]);
    let answer = create_call(&create_body("n", "contact_created"))
        .raw(&mock)
        .await;
    assert!(answer.is_none(), "{answer:?}");
    assert!(mock.subscriptions().is_empty());
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn a_malformed_body_fault_acts_then_answers_200_with_non_json() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::malformed_body()]);
    let answer = create_call(&create_body("n", "contact_created"))
        .send(&mock)
        .await;
    assert_eq!(answer.status, 200);
    assert!(answer.header("x-request-id").is_some());
    assert!(!answer.body.is_empty());
    assert!(
        serde_json::from_str::<serde_json::Value>(&answer.body).is_err(),
        "{}",
        answer.body
    );
    assert_eq!(mock.subscriptions().len(), 1);
}

#[tokio::test]
async fn a_delayed_request_is_acted_on_even_if_the_client_hangs_up() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::delay(Duration::from_millis(300))]);
    let mut stream = connect(&mock).await;
    let body = create_body("n", "contact_created");
    stream
        .write_all(&create_call(&body).bytes(&mock))
        .await
        .unwrap();
    let mut buffer = [0; 64];
    let early = tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buffer)).await;
    assert!(early.is_err(), "no answer before the delay ends");
    drop(stream);
    assert!(mock.subscriptions().is_empty());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(mock.subscriptions().len(), 1);
}

#[tokio::test]
async fn a_fault_on_a_path_waits_for_a_request_to_that_path() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![
        Fault::status(500).on_path("/oauth/token"),
        Fault::status(503),
    ]);
    let listed = Call::new("GET", COLLECTION).send(&mock).await;
    assert_eq!(listed.status, 503, "takes the first fault that matches");
    assert_eq!(Call::new("GET", COLLECTION).send(&mock).await.status, 200);
    let token = Call::new("POST", "/oauth/token")
        .bearer("")
        .body("{}")
        .send(&mock)
        .await;
    assert_eq!(token.status, 500);
    assert_eq!(
        mock.token_requests(),
        1,
        "a faulted token request still counts"
    );
}

#[tokio::test]
async fn a_fault_on_a_method_waits_for_a_request_with_that_method() {
    let mock = MockServer::start().await.unwrap();
    mock.script(Fault::from_json(r#"[{"status": 502, "method": "post"}]"#).unwrap());
    assert_eq!(Call::new("GET", COLLECTION).send(&mock).await.status, 200);
    let answer = create_call(&create_body("n", "contact_created"))
        .send(&mock)
        .await;
    assert_eq!(answer.status, 502);
}
