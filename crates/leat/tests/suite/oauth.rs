//! OAuth client credentials: one token fetch however many calls wait, cached, renewed once on
//! a 401 and the call repeated once.

use std::time::Duration;

use crate::common::*;
use leat::{ApiErrorKind, Client, ListParams};
use leat_mock::{Fault, MockConfig, MockServer};

fn oauth_client(mock: &MockServer) -> Client {
    Client::builder()
        .base_url(mock.url())
        .client_credentials(mock.client_id(), mock.client_secret())
        .initial_backoff(Duration::from_millis(10))
        .build()
        .unwrap()
}

/// A token the mock issued, fetched outside the client (it counts as a token request).
async fn token_for(mock: &MockServer) -> String {
    let body = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        mock.client_id(),
        mock.client_secret()
    );
    let answer = reqwest::Client::new()
        .post(format!("{}/oauth/token", mock.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap();
    answer["access_token"].as_str().unwrap().to_owned()
}

fn bearer_of_last_call(mock: &MockServer) -> String {
    api_requests(mock)
        .pop()
        .unwrap()
        .header("authorization")
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_token_is_fetched_once_and_used_as_bearer() {
    let mock = mock().await;
    let client = oauth_client(&mock);
    list(&client).await.unwrap();
    list(&client).await.unwrap();
    assert_eq!(mock.token_requests(), 1);
    let bearer = bearer_of_last_call(&mock);
    assert!(bearer.starts_with("Bearer ") && bearer != format!("Bearer {}", mock.api_key()));
}

#[tokio::test]
async fn the_token_request_sends_the_client_credentials() {
    let mock = mock().await;
    oauth_client(&mock)
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
    let token_request = mock
        .requests()
        .into_iter()
        .find(|r| r.path == "/oauth/token")
        .unwrap();
    assert_eq!(token_request.method, "POST");
    let body = String::from_utf8(token_request.body.to_vec()).unwrap();
    assert!(body.contains("grant_type=client_credentials"), "{body}");
    assert!(
        body.contains(&format!("client_id={}", mock.client_id())),
        "{body}"
    );
}

#[tokio::test]
async fn concurrent_calls_share_one_token_fetch() {
    let mock = mock().await;
    mock.script(vec![
        Fault::delay(Duration::from_millis(200)).on_path("/oauth/token")
    ]);
    let client = oauth_client(&mock);
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { list(&client).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(mock.token_requests(), 1);
}

#[tokio::test]
async fn a_refused_token_is_renewed_once_and_the_call_repeated() {
    let mock = mock().await;
    let client = oauth_client(&mock);
    let created = create_one(&client).await;
    let first = bearer_of_last_call(&mock);
    mock.expire_tokens();
    client
        .webhook_subscriptions()
        .get(&created.uuid)
        .await
        .unwrap();
    assert_eq!(mock.token_requests(), 2);
    assert_eq!(count(&mock, "GET"), 2);
    assert_ne!(bearer_of_last_call(&mock), first);
}

#[tokio::test]
async fn a_create_refused_for_its_token_is_repeated_once_and_creates_once() {
    let mock = mock().await;
    let client = oauth_client(&mock);
    list(&client).await.unwrap();
    mock.expire_tokens();
    create_one(&client).await;
    assert_eq!(count(&mock, "POST"), 2);
    assert_eq!(mock.subscriptions().len(), 1);
}

#[tokio::test]
async fn a_second_refusal_is_not_renewed_again() {
    let mock = mock().await;
    let client = oauth_client(&mock);
    list(&client).await.unwrap();
    mock.script(vec![Fault::status(401).on_path(COLLECTION); 5]);
    let err = list(&client).await.unwrap_err();
    assert_eq!(err.as_api().unwrap().kind, ApiErrorKind::Authentication);
    assert_eq!(mock.token_requests(), 2);
    assert_eq!(count(&mock, "GET"), 3);
}

#[tokio::test]
async fn a_token_near_expiry_is_renewed_before_use() {
    let mock = MockServer::start_with(MockConfig {
        token_ttl: Some(Duration::from_secs(1)),
        ..Default::default()
    })
    .await
    .unwrap();
    let client = oauth_client(&mock);
    list(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    list(&client).await.unwrap();
    assert_eq!(mock.token_requests(), 2);
    assert_eq!(count(&mock, "GET"), 2, "no call was refused");
}

#[tokio::test]
async fn wrong_client_secret_is_an_authentication_error_without_the_secret() {
    let mock = mock().await;
    let client = Client::builder()
        .base_url(mock.url())
        .client_credentials(mock.client_id(), "wrong-secret-value")
        .build()
        .unwrap();
    let err = list(&client).await.unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.kind, ApiErrorKind::Authentication);
    assert_eq!(api.path, "/oauth/token");
    assert!(!format!("{err} {err:?}").contains("wrong-secret-value"));
    assert_eq!(count(&mock, "GET"), 0);
}

#[tokio::test]
async fn a_numeric_client_id_is_accepted() {
    let mock = mock().await;
    let id: u64 = mock.client_id().parse().unwrap();
    let client = Client::builder()
        .base_url(mock.url())
        .client_credentials(id, mock.client_secret())
        .build()
        .unwrap();
    list(&client).await.unwrap();
}

#[tokio::test]
async fn a_token_answer_that_does_not_decode_never_shows_the_token() {
    let mock = mock().await;
    let client = oauth_client(&mock);
    mock.script(vec![Fault::status(200)
        .body(r#"{"token": "tok_SHOULD_NOT_SHOW", "expires_in": 60}"#)
        .on_path("/oauth/token")]);
    let err = list(&client).await.unwrap_err();
    assert!(matches!(err, leat::Error::Decode { .. }), "{err:?}");
    let text = format!("{err} {err:?}");
    assert!(text.contains("access_token"), "{text}");
    assert!(!text.contains("tok_SHOULD_NOT_SHOW"), "{text}");
}

/// Token requests after three calls by a client whose token answer says `expires_in`
/// (one of them the test's own, to learn a valid token).
async fn token_requests_with_expires_in(expires_in: &str) -> usize {
    let mock = mock().await;
    let client = oauth_client(&mock);
    let token = token_for(&mock).await;
    mock.script(vec![Fault::status(200)
        .body(format!(
            r#"{{"access_token": "{token}", "expires_in": {expires_in}}}"#
        ))
        .on_path("/oauth/token")]);
    for _ in 0..3 {
        list(&client).await.unwrap();
    }
    mock.token_requests()
}

#[tokio::test]
async fn an_unreadable_expires_in_still_gives_a_usable_token() {
    // How long it lasts then: `auth.rs`'s unit tests.
    assert_eq!(token_requests_with_expires_in(r#""soon""#).await, 2);
}

#[tokio::test]
async fn an_expires_in_beyond_the_clock_is_honoured_without_refetching() {
    assert_eq!(
        token_requests_with_expires_in("18446744073709551615").await,
        2
    );
}

#[tokio::test]
async fn a_client_with_its_own_pool_shares_the_token() {
    let mock = mock().await;
    let client = oauth_client(&mock);
    let other = client.with_new_pool().unwrap();
    list(&client).await.unwrap();
    list(&other).await.unwrap();
    assert_eq!(mock.token_requests(), 1);
    // A refusal seen by one renews the token for both.
    mock.expire_tokens();
    list(&other).await.unwrap();
    list(&client).await.unwrap();
    assert_eq!(mock.token_requests(), 2);
}
