use std::time::Duration;

use leat_mock::{MockConfig, MockServer};
use serde_json::json;

use crate::http::{Answer, Call, COLLECTION};

async fn token_call(mock: &MockServer, body: &str, content_type: &str) -> Answer {
    Call::new("POST", "/oauth/token")
        .bearer("")
        .content_type(content_type)
        .body(body)
        .send(mock)
        .await
}

async fn issue_token(mock: &MockServer) -> String {
    let body = json!({
        "grant_type": "client_credentials",
        "client_id": mock.client_id().parse::<u64>().expect("a numeric client id"),
        "client_secret": mock.client_secret(),
    });
    let answer = token_call(mock, &body.to_string(), "application/json").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()["access_token"].as_str().unwrap().to_owned()
}

async fn list_with(mock: &MockServer, bearer: &str) -> Answer {
    Call::new("GET", COLLECTION).bearer(bearer).send(mock).await
}

#[tokio::test]
async fn a_missing_or_unknown_key_is_401_unauthenticated() {
    let mock = MockServer::start().await.unwrap();
    for bearer in ["", "not-the-key"] {
        let answer = list_with(&mock, bearer).await;
        assert_eq!(
            (answer.status, answer.json()),
            (401, json!({"message": "Unauthenticated."}))
        );
    }
    assert_eq!(list_with(&mock, mock.api_key()).await.status, 200);
}

#[tokio::test]
async fn the_configured_credentials_are_the_ones_accepted() {
    let mock = MockServer::start_with(MockConfig {
        api_key: Some("key_1".into()),
        client_id: Some("4821".into()),
        client_secret: Some("secret_1".into()),
        ..MockConfig::default()
    })
    .await
    .unwrap();
    assert_eq!(
        (mock.api_key(), mock.client_id(), mock.client_secret()),
        ("key_1", "4821", "secret_1")
    );
    assert_eq!(list_with(&mock, "key_1").await.status, 200);
}

#[tokio::test]
async fn a_token_is_issued_for_json_credentials_and_opens_the_api() {
    let mock = MockServer::start().await.unwrap();
    let token = issue_token(&mock).await;
    assert_eq!(list_with(&mock, &token).await.status, 200);
    assert_eq!(mock.token_requests(), 1);
}

#[tokio::test]
async fn a_token_is_issued_for_form_credentials_with_the_configured_ttl() {
    let mock = MockServer::start_with(MockConfig {
        token_ttl: Some(Duration::from_secs(60)),
        ..MockConfig::default()
    })
    .await
    .unwrap();
    let form = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        mock.client_id(),
        mock.client_secret()
    );
    let answer = token_call(&mock, &form, "application/x-www-form-urlencoded").await;
    let json = answer.json();
    assert_eq!(
        (&json["token_type"], &json["expires_in"]),
        (&json!("Bearer"), &json!(60))
    );
}

#[tokio::test]
async fn wrong_client_credentials_are_401_invalid_client() {
    let mock = MockServer::start().await.unwrap();
    let body = json!({"grant_type": "client_credentials", "client_id": mock.client_id(), "client_secret": "no"});
    let answer = token_call(&mock, &body.to_string(), "application/json").await;
    assert_eq!(
        (answer.status, &answer.json()["error"]),
        (401, &json!("invalid_client"))
    );
}

#[tokio::test]
async fn another_grant_type_is_400_unsupported_grant_type() {
    let mock = MockServer::start().await.unwrap();
    let answer = token_call(
        &mock,
        "grant_type=password",
        "application/x-www-form-urlencoded",
    )
    .await;
    assert_eq!(
        (answer.status, &answer.json()["error"]),
        (400, &json!("unsupported_grant_type"))
    );
}

#[tokio::test]
async fn expired_tokens_are_401_invalid_token() {
    let mock = MockServer::start().await.unwrap();
    let token = issue_token(&mock).await;
    mock.expire_tokens();
    let answer = list_with(&mock, &token).await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.json()["error"], "invalid_token");
    let fresh = issue_token(&mock).await;
    assert_eq!(list_with(&mock, &fresh).await.status, 200);
    assert_eq!(mock.token_requests(), 2);
}

#[tokio::test]
async fn a_token_expires_when_its_ttl_has_passed() {
    let mock = MockServer::start_with(MockConfig {
        token_ttl: Some(Duration::from_millis(200)),
        ..MockConfig::default()
    })
    .await
    .unwrap();
    let token = issue_token(&mock).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        list_with(&mock, &token).await.json()["error"],
        "invalid_token"
    );
}
