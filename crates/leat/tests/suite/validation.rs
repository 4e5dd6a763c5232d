//! Bad arguments are refused before anything is sent, naming the argument.

use crate::common::*;
use leat::{CreateParams, Error, EventType, ListParams, Status, UpdateParams};

fn argument_of(err: Error) -> String {
    match err {
        Error::InvalidArgument { argument, .. } => argument,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[tokio::test]
async fn create_checks_every_field_before_sending() {
    let mock = mock().await;
    let client = client(&mock);
    let cases = [
        (
            CreateParams::new("", EventType::ContactCreated, "https://e.com/h"),
            "name",
        ),
        (
            CreateParams::new("  ", EventType::ContactCreated, "https://e.com/h"),
            "name",
        ),
        (CreateParams::new("n", "", "https://e.com/h"), "event_type"),
        (CreateParams::new("n", EventType::ContactCreated, ""), "url"),
        (
            CreateParams::new("n", EventType::ContactCreated, "/relative/path"),
            "url",
        ),
        (
            CreateParams::new("n", EventType::ContactCreated, "ftp://e.com/h"),
            "url",
        ),
        (
            CreateParams::new("n", EventType::ContactCreated, "e.com/hooks"),
            "url",
        ),
        (
            CreateParams::new("n", EventType::ContactCreated, "https://e.com/h").secret(""),
            "secret",
        ),
        (
            CreateParams::new("n", EventType::ContactUpdated, "https://e.com/h").attributes([""]),
            "attributes",
        ),
    ];
    for (params, argument) in cases {
        let err = client
            .webhook_subscriptions()
            .create(params.clone())
            .await
            .unwrap_err();
        assert_eq!(argument_of(err), argument, "{params:?}");
    }
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn the_message_quotes_the_value() {
    let mock = mock().await;
    let err = client(&mock)
        .webhook_subscriptions()
        .create(CreateParams::new(
            "n",
            EventType::ContactCreated,
            "not a url",
        ))
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("`url`") && text.contains("\"not a url\""),
        "{text}"
    );
}

#[tokio::test]
async fn any_non_empty_event_type_is_accepted_as_input() {
    let mock = mock().await;
    // Leat refuses it, but the client does not: Leat adds event types over time.
    let err = client(&mock)
        .webhook_subscriptions()
        .create(CreateParams::new("n", "brand_new_type", "https://e.com/h"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err:?}");
}

#[tokio::test]
async fn a_uuid_that_could_change_the_path_is_refused() {
    let mock = mock().await;
    let subscriptions = client(&mock);
    let subscriptions = subscriptions.webhook_subscriptions();
    for uuid in [
        "",
        "..",
        "a/b",
        "../../oauth/token",
        "a?b=1",
        "a#b",
        "a%2F",
        "a b",
        "a\\b",
    ] {
        assert_eq!(
            argument_of(subscriptions.get(uuid).await.unwrap_err()),
            "uuid",
            "{uuid:?}"
        );
        assert_eq!(
            argument_of(subscriptions.delete(uuid).await.unwrap_err()),
            "uuid"
        );
        assert_eq!(
            argument_of(
                subscriptions
                    .update(uuid, UpdateParams::default())
                    .await
                    .unwrap_err()
            ),
            "uuid"
        );
    }
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn status_must_be_active_or_inactive() {
    let mock = mock().await;
    let client = client(&mock);
    let list = client
        .webhook_subscriptions()
        .list(ListParams {
            status: Some(Status::from("active")),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(argument_of(list), "status");
    let update = client
        .webhook_subscriptions()
        .update(
            "abc",
            UpdateParams {
                status: Some(Status::from("PAUSED")),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(argument_of(update), "status");
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn update_checks_name_and_url_when_given() {
    let mock = mock().await;
    let client = client(&mock);
    let name = client
        .webhook_subscriptions()
        .update(
            "abc",
            UpdateParams {
                name: Some(String::new()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(argument_of(name), "name");
    let url = client
        .webhook_subscriptions()
        .update(
            "abc",
            UpdateParams {
                url: Some("mailto:x@y.z".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(argument_of(url), "url");
    assert!(mock.requests().is_empty());
}
