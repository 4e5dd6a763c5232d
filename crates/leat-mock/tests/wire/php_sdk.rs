//! What Leat's official PHP SDK (piggy-php-sdk 3.x, on Guzzle) sends, replayed byte for byte:
//! `Content-Type: application/x-www-form-urlencoded` on every request, GET and DELETE included
//! (with an empty body); create and update as forms built by `http_build_query` (null fields
//! left out, `attributes[0]=...` with the brackets percent-encoded); list filters in the query.
//! The mock answers each as it answers the same call in JSON.

use leat_mock::MockServer;
use serde_json::json;

use crate::http::{Call, COLLECTION};

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn the_php_sdks_form_create_is_201() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", COLLECTION)
        .content_type(FORM)
        .body("name=New+members&url=https%3A%2F%2Fexample.com%2Fhooks%3Fa%3Db&event_type=contact_created")
        .send(&mock)
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let data = &answer.json()["data"];
    assert_eq!(data["name"], "New members");
    assert_eq!(data["url"], "https://example.com/hooks?a=b");
    assert_eq!(data["event_type"], "contact_created");
    assert_eq!(data["properties"], json!([]));
}

#[tokio::test]
async fn the_php_sdks_form_update_with_attributes_and_status_is_200() {
    let mock = MockServer::start().await.unwrap();
    let created = Call::new("POST", COLLECTION)
        .content_type(FORM)
        .body("name=Profile&url=https%3A%2F%2Fexample.com%2Fh&event_type=contact_updated")
        .send(&mock)
        .await
        .json();
    let uuid = created["data"]["uuid"].as_str().unwrap();
    let answer = Call::new("PUT", &format!("{COLLECTION}/{uuid}"))
        .content_type(FORM)
        .body("name=Profile+v2&attributes%5B0%5D=firstname&attributes%5B1%5D=lastname&status=INACTIVE")
        .send(&mock)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let data = &answer.json()["data"];
    assert_eq!(data["name"], "Profile v2");
    assert_eq!(data["properties"], json!(["firstname", "lastname"]));
    assert_eq!(data["status"], "INACTIVE");
}

#[tokio::test]
async fn a_form_is_validated_like_json() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", COLLECTION)
        .content_type("application/x-www-form-urlencoded; charset=UTF-8")
        .body("name=&event_type=nope&url=ftp%3A%2F%2Fx")
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    let json = answer.json();
    assert_eq!(json["code"], 1003);
    let errors = json["errors"].as_object().unwrap();
    for field in ["name", "event_type", "url"] {
        assert!(errors.contains_key(field), "{field}: {json}");
    }
}

#[tokio::test]
async fn get_list_and_delete_with_the_form_content_type_and_an_empty_body_work() {
    let mock = MockServer::start().await.unwrap();
    let created = Call::new("POST", COLLECTION)
        .content_type(FORM)
        .body("name=n&url=https%3A%2F%2Fe.com&event_type=voucher_created")
        .send(&mock)
        .await
        .json();
    let uuid = created["data"]["uuid"].as_str().unwrap();
    let item = format!("{COLLECTION}/{uuid}");
    let listed = Call::new(
        "GET",
        &format!("{COLLECTION}?event_type=voucher_created&status=ACTIVE"),
    )
    .content_type(FORM)
    .send(&mock)
    .await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert_eq!(listed.json()["data"].as_array().unwrap().len(), 1);
    let fetched = Call::new("GET", &item).content_type(FORM).send(&mock).await;
    assert_eq!(fetched.status, 200, "{}", fetched.body);
    let deleted = Call::new("DELETE", &item)
        .content_type(FORM)
        .send(&mock)
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(deleted.json(), json!({"data": [], "meta": []}));
}

#[tokio::test]
async fn a_body_that_is_neither_json_nor_a_form_is_1003() {
    let mock = MockServer::start().await.unwrap();
    let answer = Call::new("POST", COLLECTION)
        .content_type("text/plain")
        .body("name=n")
        .send(&mock)
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["code"], 1003);
}
