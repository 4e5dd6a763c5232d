//! Error answers become typed errors: classified by Leat's code first, HTTP status second.

use std::time::Duration;

use crate::common::*;
use leat::{ApiErrorKind, CreateParams, Error, UpdateParams};
use leat_mock::Fault;

async fn api_error_for(fault: Fault) -> leat::ApiError {
    let mock = mock().await;
    let client = builder(&mock).max_retries(0).build().unwrap();
    mock.script(vec![fault]);
    match client
        .webhook_subscriptions()
        .get("59165ef0-1afd-4baf-b1f7-ffee287aff32")
        .await
    {
        Err(Error::Api(err)) => *err,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_uuid_is_not_found_with_code_80300_on_http_400() {
    let mock = mock().await;
    let err = client(&mock)
        .webhook_subscriptions()
        .get("00000000-0000-4000-8000-000000000000")
        .await
        .unwrap_err();
    let api = err.as_api().expect("API error");
    assert_eq!(api.kind, ApiErrorKind::NotFound);
    assert_eq!((api.status, api.code), (400, Some(80300)));
    assert_eq!(api.message, "Webhook subscription not found.");
    assert!(api.errors.is_empty());
    assert!(api.request_id.as_deref().is_some_and(|id| !id.is_empty()));
    let text = err.to_string();
    assert!(
        text.contains("80300") && text.contains("00000000-0000-4000-8000-000000000000"),
        "{text}"
    );
}

#[tokio::test]
async fn invalid_input_carries_the_field_errors() {
    let mock = mock().await;
    let client = client(&mock);
    let created = client
        .webhook_subscriptions()
        .create(
            CreateParams::new("Contacts", "contact_updated", "https://example.com/h")
                .attributes(["firstname"]),
        )
        .await
        .unwrap();
    // Leat requires attributes on update of a contact_updated subscription.
    let err = client
        .webhook_subscriptions()
        .update(
            &created.uuid,
            UpdateParams {
                name: Some("x".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.kind, ApiErrorKind::InvalidInput);
    assert_eq!((api.status, api.code), (400, Some(1003)));
    assert!(api.errors.contains_key("attributes"), "{:?}", api.errors);
    assert!(err.to_string().contains("attributes"), "{err}");
}

#[tokio::test]
async fn unknown_event_type_is_refused_by_leat_not_by_the_client() {
    let mock = mock().await;
    let err = client(&mock)
        .webhook_subscriptions()
        .create(CreateParams::new(
            "Future",
            "loyalty_tier_changed",
            "https://example.com/h",
        ))
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().kind, ApiErrorKind::InvalidInput);
    assert_eq!(count(&mock, "POST"), 1);
}

#[tokio::test]
async fn error_map_values_may_be_strings_or_lists() {
    let api = api_error_for(Fault::status(400).body(fixture("error_invalid_input.json"))).await;
    assert_eq!(api.kind, ApiErrorKind::InvalidInput);
    assert_eq!(api.errors["url"], ["The url must be a valid URL."]);
    assert_eq!(api.errors["name"], ["The name field is required."]);
}

#[tokio::test]
async fn code_wins_over_the_http_status() {
    let api = api_error_for(Fault::status(500).body(fixture("error_not_found.json"))).await;
    assert_eq!(api.kind, ApiErrorKind::NotFound);
    assert_eq!(api.status, 500);
}

#[tokio::test]
async fn http_status_classifies_when_there_is_no_code() {
    for (status, kind) in [
        (401, ApiErrorKind::Authentication),
        (403, ApiErrorKind::PermissionDenied),
        (404, ApiErrorKind::NotFound),
        (422, ApiErrorKind::InvalidInput),
        (429, ApiErrorKind::RateLimited),
        (503, ApiErrorKind::Maintenance),
        (500, ApiErrorKind::Server),
        (502, ApiErrorKind::Server),
        (418, ApiErrorKind::Other),
    ] {
        let api = api_error_for(Fault::status(status)).await;
        assert_eq!((api.status, api.kind), (status, kind));
        assert!(!api.message.is_empty());
    }
}

#[tokio::test]
async fn wrong_api_key_is_an_authentication_error() {
    let mock = mock().await;
    let client = builder(&mock).api_key("not-the-key").build().unwrap();
    let err = client
        .webhook_subscriptions()
        .list(Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().kind, ApiErrorKind::Authentication);
    assert!(!err.to_string().contains("not-the-key"));
}

#[tokio::test]
async fn rate_limit_carries_retry_after() {
    let api = api_error_for(Fault::status(429).header("Retry-After", "7")).await;
    assert_eq!(api.kind, ApiErrorKind::RateLimited);
    assert_eq!(api.retry_after, Some(Duration::from_secs(7)));
}

#[tokio::test]
async fn request_id_comes_from_the_answer_header() {
    let api = api_error_for(Fault::status(403).header("X-Request-Id", "req_fixed_123")).await;
    assert_eq!(api.request_id.as_deref(), Some("req_fixed_123"));
    assert!(api.to_string().contains("req_fixed_123"));
}

#[tokio::test]
async fn a_body_that_is_not_json_still_gives_a_typed_error() {
    let api = api_error_for(Fault::status(502).body(fixture("malformed_not_json.html"))).await;
    assert_eq!(api.kind, ApiErrorKind::Server);
    assert_eq!(api.code, None);
    assert!(api.message.contains("Bad Gateway"), "{}", api.message);
}

#[tokio::test]
async fn nothing_listens_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = leat::Client::builder()
        .base_url(url)
        .api_key("key")
        .initial_backoff(Duration::from_millis(1))
        .build()
        .unwrap();
    let err = client
        .webhook_subscriptions()
        .list(Default::default())
        .await
        .unwrap_err();
    match &err {
        Error::Connection {
            method, maybe_sent, ..
        } => {
            assert_eq!(method, "GET");
            assert!(!maybe_sent);
        }
        other => panic!("expected a connection error, got {other:?}"),
    }
    // The network layer's error stays reachable, for error reporters that walk the chain.
    let source = std::error::Error::source(&err).expect("a source");
    assert!(
        source.to_string().contains("error sending request"),
        "{source}"
    );
}

#[tokio::test]
async fn a_redirect_is_not_followed_so_the_key_never_reaches_another_host() {
    let mock = mock().await;
    let elsewhere = crate::common::mock().await;
    let target = format!("{}{}", elsewhere.url(), crate::common::COLLECTION);
    mock.script(vec![Fault::status(302).header("Location", &target)]);
    let err = client(&mock)
        .webhook_subscriptions()
        .list(Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().status, 302);
    assert!(
        elsewhere.requests().is_empty(),
        "the other host was contacted"
    );
}
