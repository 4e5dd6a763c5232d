//! What the mock puts on the wire, read with a raw TCP connection.

use std::time::Duration;

use leat_mock::{Fault, MockServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const COLLECTION: &str = "/api/v3/oauth/clients/webhook-subscriptions";

/// Sends one HTTP/1.1 request and reads until the server closes.
async fn exchange(mock: &MockServer, method: &str, path: &str, body: &str, key: &str) -> String {
    let address = mock.url().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn create_answers_201_and_stores_the_subscription() {
    let mock = MockServer::start().await.unwrap();
    let body =
        r#"{"name":"n","event_type":"contact_created","url":"https://e.com/h","secret":"s"}"#;
    let answer = exchange(&mock, "POST", COLLECTION, body, mock.api_key()).await;
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("x-request-id: req_"),
        "{answer}"
    );
    assert!(
        !answer.contains("\"secret\""),
        "the secret is never returned: {answer}"
    );
    assert_eq!(mock.subscriptions().len(), 1);
}

#[tokio::test]
async fn validation_errors_are_http_400_with_code_1003_and_a_field_map() {
    let mock = MockServer::start().await.unwrap();
    let answer = exchange(&mock, "POST", COLLECTION, r#"{"name":""}"#, mock.api_key()).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    for needle in ["\"code\":1003", "\"name\"", "\"url\"", "\"event_type\""] {
        assert!(answer.contains(needle), "{needle} missing: {answer}");
    }
}

#[tokio::test]
async fn unknown_uuid_is_http_400_with_code_80300() {
    let mock = MockServer::start().await.unwrap();
    let answer = exchange(
        &mock,
        "DELETE",
        &format!("{COLLECTION}/nope"),
        "",
        mock.api_key(),
    )
    .await;
    assert!(
        answer.starts_with("HTTP/1.1 400") && answer.contains("80300"),
        "{answer}"
    );
}

#[tokio::test]
async fn a_wrong_key_is_401() {
    let mock = MockServer::start().await.unwrap();
    let answer = exchange(&mock, "GET", COLLECTION, "", "wrong").await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
}

#[tokio::test]
async fn a_dropped_connection_sends_no_status_line_and_does_not_act() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::drop_connection()]);
    let body = r#"{"name":"n","event_type":"contact_created","url":"https://e.com/h"}"#;
    let answer = exchange(&mock, "POST", COLLECTION, body, mock.api_key()).await;
    assert_eq!(answer, "");
    assert!(mock.subscriptions().is_empty());
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn a_status_fault_answers_without_acting() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::status(503).header("Retry-After", "2")]);
    let body = r#"{"name":"n","event_type":"contact_created","url":"https://e.com/h"}"#;
    let answer = exchange(&mock, "POST", COLLECTION, body, mock.api_key()).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 2"),
        "{answer}"
    );
    assert!(mock.subscriptions().is_empty());
}

#[tokio::test]
async fn a_fault_on_a_path_waits_for_a_request_to_that_path() {
    let mock = MockServer::start().await.unwrap();
    mock.script(vec![Fault::status(500).on_path("/oauth/token")]);
    let listed = exchange(&mock, "GET", COLLECTION, "", mock.api_key()).await;
    assert!(listed.starts_with("HTTP/1.1 200"), "{listed}");
    let token = exchange(&mock, "POST", "/oauth/token", "{}", "").await;
    assert!(token.starts_with("HTTP/1.1 500"), "{token}");
}

#[tokio::test]
async fn tokens_are_issued_for_the_client_credentials_and_can_expire() {
    let mock = MockServer::start().await.unwrap();
    let body = format!(
        r#"{{"grant_type":"client_credentials","client_id":{},"client_secret":"{}"}}"#,
        mock.client_id(),
        mock.client_secret()
    );
    let answer = exchange(&mock, "POST", "/oauth/token", &body, "").await;
    assert!(answer.contains("\"token_type\":\"Bearer\""), "{answer}");
    let token = answer
        .split("\"access_token\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(exchange(&mock, "GET", COLLECTION, "", &token)
        .await
        .starts_with("HTTP/1.1 200"));
    mock.expire_tokens();
    let refused = exchange(&mock, "GET", COLLECTION, "", &token).await;
    assert!(
        refused.starts_with("HTTP/1.1 401") && refused.contains("invalid_token"),
        "{refused}"
    );
    assert_eq!(mock.token_requests(), 1);
}

#[tokio::test]
async fn control_endpoints_script_list_and_reset() {
    let mock = MockServer::start().await.unwrap();
    let scripted = exchange(&mock, "POST", "/__mock/script", r#"[{"status": 418}]"#, "").await;
    assert!(scripted.contains("\"queued\":1"), "{scripted}");
    assert!(exchange(&mock, "GET", COLLECTION, "", mock.api_key())
        .await
        .starts_with("HTTP/1.1 418"));
    let recorded = exchange(&mock, "GET", "/__mock/requests", "", "").await;
    assert!(
        recorded.contains(COLLECTION) && !recorded.contains("__mock/script"),
        "{recorded}"
    );
    let bad = exchange(&mock, "POST", "/__mock/script", r#"[{"nope": 1}]"#, "").await;
    assert!(
        bad.starts_with("HTTP/1.1 400") && bad.contains("fault #0"),
        "{bad}"
    );
    exchange(&mock, "POST", "/__mock/reset", "", "").await;
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn dropping_the_server_frees_its_port() {
    let mock = MockServer::start().await.unwrap();
    let address = mock.url().trim_start_matches("http://").to_owned();
    drop(mock);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(TcpStream::connect(address).await.is_err());
}
