//! The five operations against the mock, and what each puts on the wire.

use crate::common::*;
use leat::{CreateParams, EventType, ListParams, Status, UpdateParams};

#[tokio::test]
async fn create_returns_the_new_subscription() {
    let mock = mock().await;
    let client = client(&mock);
    let created = create_one(&client).await;
    assert!(!created.uuid.is_empty());
    assert_eq!(created.name, "New Krusty Krew Member");
    assert_eq!(created.event_type, EventType::ContactCreated);
    assert_eq!(created.url, "https://example.com/piggy/webhooks");
    assert_eq!(created.status, Status::Active);
    assert_eq!(created.version, "V1");
    assert!(created.properties.is_empty());
    assert_eq!(mock.subscriptions().len(), 1);
}

#[tokio::test]
async fn create_sends_json_without_fields_left_out() {
    let mock = mock().await;
    create_one(&client(&mock)).await;
    let sent = api_requests(&mock).pop().unwrap();
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.header("content-type"), Some("application/json"));
    let body = sent.json().unwrap();
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3, "{body}");
    assert_eq!(body["event_type"], "contact_created");
}

#[tokio::test]
async fn create_sends_secret_and_attributes_when_given() {
    let mock = mock().await;
    let client = client(&mock);
    let created = client
        .webhook_subscriptions()
        .create(
            CreateParams::new(
                "Contact changes",
                "contact_updated",
                "https://example.com/h",
            )
            .secret("whsec_create")
            .attributes(["firstname", "lastname"]),
        )
        .await
        .unwrap();
    let body = api_requests(&mock).pop().unwrap().json().unwrap();
    assert_eq!(body["secret"], "whsec_create");
    assert_eq!(
        body["attributes"],
        serde_json::json!(["firstname", "lastname"])
    );
    assert_eq!(created.properties, vec!["firstname", "lastname"]);
}

#[tokio::test]
async fn get_returns_the_stored_subscription() {
    let mock = mock().await;
    let client = client(&mock);
    let created = create_one(&client).await;
    let fetched = client
        .webhook_subscriptions()
        .get(&created.uuid)
        .await
        .unwrap();
    assert_eq!(fetched, created);
}

#[tokio::test]
async fn list_returns_every_subscription() {
    let mock = mock().await;
    let client = client(&mock);
    let first = create_one(&client).await;
    let second = create_one(&client).await;
    let listed = list(&client).await.unwrap();
    let uuids: Vec<_> = listed.iter().map(|s| s.uuid.as_str()).collect();
    assert_eq!(uuids, [first.uuid.as_str(), second.uuid.as_str()]);
    assert_eq!(api_requests(&mock).pop().unwrap().query, None);
}

#[tokio::test]
async fn list_filters_go_in_the_query_string() {
    let mock = mock().await;
    let client = client(&mock);
    create_one(&client).await;
    let listed = client
        .webhook_subscriptions()
        .list(ListParams {
            event_type: Some(EventType::VoucherRedeemed),
            status: Some(Status::Inactive),
        })
        .await
        .unwrap();
    assert!(listed.is_empty());
    let query = api_requests(&mock).pop().unwrap().query.unwrap();
    assert_eq!(query, "event_type=voucher_redeemed&status=INACTIVE");
}

#[tokio::test]
async fn update_sends_only_the_fields_given() {
    let mock = mock().await;
    let client = client(&mock);
    let created = create_one(&client).await;
    let updated = client
        .webhook_subscriptions()
        .update(
            &created.uuid,
            UpdateParams {
                status: Some(Status::Inactive),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.status, Status::Inactive);
    assert_eq!(updated.name, created.name);
    let sent = api_requests(&mock).pop().unwrap();
    assert_eq!(sent.method, "PUT");
    assert_eq!(
        sent.json().unwrap(),
        serde_json::json!({"status": "INACTIVE"})
    );
}

#[tokio::test]
async fn update_changes_name_and_url() {
    let mock = mock().await;
    let client = client(&mock);
    let created = create_one(&client).await;
    let updated = client
        .webhook_subscriptions()
        .update(
            &created.uuid,
            UpdateParams {
                name: Some("Renamed".into()),
                url: Some("https://example.com/new".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.url.as_str()),
        ("Renamed", "https://example.com/new")
    );
}

#[tokio::test]
async fn delete_removes_the_subscription() {
    let mock = mock().await;
    let client = client(&mock);
    let created = create_one(&client).await;
    client
        .webhook_subscriptions()
        .delete(&created.uuid)
        .await
        .unwrap();
    assert!(mock.subscriptions().is_empty());
    let err = client
        .webhook_subscriptions()
        .get(&created.uuid)
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().kind, leat::ApiErrorKind::NotFound);
}

#[tokio::test]
async fn every_request_carries_auth_accept_and_user_agent() {
    let mock = mock().await;
    let client = builder(&mock).user_agent_suffix("tests/1").build().unwrap();
    create_one(&client).await;
    list(&client).await.unwrap();
    for sent in api_requests(&mock) {
        assert_eq!(
            sent.header("authorization"),
            Some(format!("Bearer {}", mock.api_key()).as_str())
        );
        assert_eq!(sent.header("accept"), Some("application/json"));
        let agent = sent.header("user-agent").unwrap();
        assert!(
            agent.starts_with(&format!("leat-sdk/{}", env!("CARGO_PKG_VERSION"))),
            "{agent}"
        );
        assert!(agent.ends_with("tests/1"), "{agent}");
        assert_eq!(sent.header("x-partner-id"), None);
    }
}

#[tokio::test]
async fn partner_id_is_sent_when_set() {
    let mock = mock().await;
    let client = builder(&mock).partner_id("partner-42").build().unwrap();
    list(&client).await.unwrap();
    assert_eq!(
        api_requests(&mock)[0].header("x-partner-id"),
        Some("partner-42")
    );
}

#[tokio::test]
async fn clones_share_one_client() {
    let mock = mock().await;
    let client = client(&mock);
    let clone = client.clone();
    let created = create_one(&clone).await;
    assert_eq!(
        client
            .webhook_subscriptions()
            .get(&created.uuid)
            .await
            .unwrap()
            .uuid,
        created.uuid
    );
}

#[tokio::test]
async fn many_concurrent_calls_on_one_client() {
    let mock = mock().await;
    let client = client(&mock);
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { create_one(&client).await })
    });
    for call in calls {
        call.await.unwrap();
    }
    assert_eq!(mock.subscriptions().len(), 50);
}

#[tokio::test]
async fn a_base_url_with_a_trailing_slash_gives_the_same_paths() {
    let mock = mock().await;
    let client = builder(&mock)
        .base_url(format!("{}/", mock.url()))
        .build()
        .unwrap();
    client
        .webhook_subscriptions()
        .list(ListParams {
            event_type: Some(EventType::from("brand new")),
            ..Default::default()
        })
        .await
        .unwrap_err();
    let sent = api_requests(&mock).pop().unwrap();
    assert_eq!(sent.path, COLLECTION);
    assert_eq!(sent.query.as_deref(), Some("event_type=brand+new"));
}
