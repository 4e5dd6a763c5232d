//! Answers as Leat really sends them decode; malformed ones give `Error::Decode` naming the
//! field, with the status and the start of the body.

use crate::common::*;
use leat::{Error, EventType, Status};
use leat_mock::{Fault, MockServer};

const UUID: &str = "59165ef0-1afd-4baf-b1f7-ffee287aff32";

async fn serving(body: impl Into<String>) -> (MockServer, leat::Client) {
    let mock = mock().await;
    let client = builder(&mock).max_retries(0).build().unwrap();
    mock.script(vec![Fault::status(200).body(body)]);
    (mock, client)
}

#[tokio::test]
async fn the_seed_list_example_decodes() {
    let (_mock, client) = serving(fixture("list.json")).await;
    let listed = list(&client).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[1].event_type, EventType::PromotionUpdated);
    assert_eq!(listed[2].status, Status::Inactive);
    assert!(
        listed[0].properties.is_empty(),
        "properties absent -> empty"
    );
    assert_eq!(listed[0].created_at.unix_timestamp(), 1_697_802_382);
}

#[tokio::test]
async fn the_seed_get_create_update_and_delete_examples_decode() {
    for (file, name) in [
        ("get.json", "Bikini Bottom Alert"),
        ("create.json", "New Krusty Krew Member"),
        ("update.json", "Updated Bikini Bottom Alert"),
    ] {
        let (_mock, client) = serving(fixture(file)).await;
        let got = client.webhook_subscriptions().get(UUID).await.unwrap();
        assert_eq!(
            (got.uuid.as_str(), got.name.as_str()),
            (UUID, name),
            "{file}"
        );
        assert_eq!(got.version, "V1");
    }
    let (_mock, client) = serving(fixture("delete.json")).await;
    client.webhook_subscriptions().delete(UUID).await.unwrap();
}

#[tokio::test]
async fn meta_may_be_an_object_null_or_absent() {
    for file in [
        "get_meta_object.json",
        "get_meta_null.json",
        "get_meta_absent.json",
    ] {
        let (_mock, client) = serving(fixture(file)).await;
        client
            .webhook_subscriptions()
            .get(UUID)
            .await
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

#[tokio::test]
async fn created_at_with_a_space_decodes_like_with_a_t() {
    let (_mock, client) = serving(fixture("get_created_at_space.json")).await;
    let spaced = client.webhook_subscriptions().get(UUID).await.unwrap();
    let (_mock, client) = serving(fixture("create.json")).await;
    let with_t = client.webhook_subscriptions().get(UUID).await.unwrap();
    assert_eq!(spaced.created_at, with_t.created_at);
}

#[tokio::test]
async fn extra_fields_are_kept() {
    let (_mock, client) = serving(fixture("get_extra_fields.json")).await;
    let got = client.webhook_subscriptions().get(UUID).await.unwrap();
    assert_eq!(got.extra["updated_at"], "2023-11-14T08:00:00+00:00");
    assert_eq!(got.extra["retries"]["max"], 5);
    assert_eq!(got.properties, vec!["firstname", "lastname"]);
    let json = got.to_json();
    assert_eq!(json["updated_at"], "2023-11-14T08:00:00+00:00");
    assert_eq!(json["created_at"], "2023-11-13T12:32:43+00:00");
}

#[tokio::test]
async fn unknown_event_types_and_statuses_are_kept_as_they_came() {
    let (_mock, client) = serving(fixture("get_unknown_values.json")).await;
    let got = client.webhook_subscriptions().get(UUID).await.unwrap();
    assert_eq!(
        got.event_type,
        EventType::Other("loyalty_tier_changed".into())
    );
    assert_eq!(got.status, Status::Other("PAUSED".into()));
    assert_eq!(got.status.as_str(), "PAUSED");
    assert!(got.properties.is_empty(), "properties null -> empty");
}

fn decode_error(err: Error) -> (u16, String, String, String) {
    match err {
        Error::Decode {
            status,
            field,
            message,
            body_snippet,
            ..
        } => (status, field, message, body_snippet),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_answer_without_data_is_a_decode_error() {
    let (_mock, client) = serving(fixture("malformed_missing_data.json")).await;
    let (status, _field, message, snippet) =
        decode_error(client.webhook_subscriptions().get(UUID).await.unwrap_err());
    assert_eq!(status, 200);
    assert!(message.contains("data"), "{message}");
    assert!(snippet.contains("meta"), "{snippet}");
}

#[tokio::test]
async fn a_wrong_type_names_the_field() {
    let (_mock, client) = serving(fixture("malformed_wrong_type.json")).await;
    let err = list(&client).await.unwrap_err();
    let text = err.to_string();
    let (_, field, _, _) = decode_error(err);
    assert_eq!(field, "data[0].created_at");
    assert!(
        text.contains("data[0].created_at") && text.contains("HTTP 200"),
        "{text}"
    );
}

#[tokio::test]
async fn a_missing_field_is_named() {
    let body = fixture("get.json").replace("\"version\": \"V1\",", "");
    let (_mock, client) = serving(body).await;
    let (_, field, message, _) =
        decode_error(client.webhook_subscriptions().get(UUID).await.unwrap_err());
    assert!(
        field.starts_with("data") && message.contains("version"),
        "{field}: {message}"
    );
}

#[tokio::test]
async fn an_answer_that_is_not_json_is_a_decode_error_with_a_short_snippet() {
    let body = format!("<html>{}</html>", "x".repeat(5000));
    let (_mock, client) = serving(body).await;
    let (_, _, _, snippet) =
        decode_error(client.webhook_subscriptions().get(UUID).await.unwrap_err());
    assert!(snippet.starts_with("<html>"));
    assert!(snippet.len() < 600, "{} bytes", snippet.len());
}

#[tokio::test]
async fn a_truncated_answer_is_a_decode_error() {
    let mock = mock().await;
    let client = builder(&mock).max_retries(0).build().unwrap();
    mock.script(vec![Fault::malformed_body()]);
    let err = list(&client).await.unwrap_err();
    decode_error(err);
}

#[tokio::test]
async fn an_answer_over_ten_mib_is_refused() {
    let body = format!(
        "{{\"data\": [], \"meta\": \"{}\"}}",
        "x".repeat(11 * 1024 * 1024)
    );
    let (_mock, client) = serving(body).await;
    let (_, _, message, _) = decode_error(list(&client).await.unwrap_err());
    assert!(message.contains("limit"), "{message}");
}
