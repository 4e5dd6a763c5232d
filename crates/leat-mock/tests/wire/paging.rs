//! Lists that page answer the collection a page at a time, with `meta` in the operation's
//! own format: `page_limit` (contacts) and Laravel's (vouchers).

use leat_mock::MockServer;
use serde_json::{json, Value};

use crate::http::Call;

const CONTACTS: &str = "/api/v3/oauth/clients/contacts";
const VOUCHERS: &str = "/api/v3/oauth/clients/vouchers";

/// Creates `count` entities with `body` (each `{n}` in it the entity's number, as a contact's
/// email must differ) and returns every uuid of the collection, in order.
async fn fill(
    mock: &MockServer,
    path: &str,
    body: &str,
    count: usize,
    collection: &str,
) -> Vec<Value> {
    for n in 0..count {
        let body = body.replace("{n}", &n.to_string());
        let answer = Call::new("POST", path).body(&body).send(mock).await;
        assert!(answer.status < 300, "{}", answer.body);
    }
    mock.entities(collection)
        .iter()
        .map(|entity| entity["uuid"].clone())
        .collect()
}

async fn page(mock: &MockServer, path: &str, page: u64) -> Value {
    let answer = Call::new("GET", &format!("{path}?page={page}&limit=3"))
        .send(mock)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

fn uuids(body: &Value) -> Vec<Value> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["uuid"].clone())
        .collect()
}

#[tokio::test]
async fn contacts_page_with_page_and_limit_in_leats_meta() {
    let mock = MockServer::start().await.unwrap();
    let all = fill(&mock, CONTACTS, r#"{"email": "a{n}@b.c"}"#, 4, "contacts").await;
    assert_eq!(
        all.len(),
        8,
        "3 recorded, the default account's anonymous one and 4 created"
    );
    let mut seen = Vec::new();
    for number in 1..=3 {
        let body = page(&mock, CONTACTS, number).await;
        let (from, to) = match number {
            1 => (1, 3),
            2 => (4, 6),
            _ => (7, 8),
        };
        // The recording writes `limit` as text, and so does the mock.
        assert_eq!(
            body["meta"],
            json!({"page": number, "limit": "3", "viewing_from": from, "viewing_to": to, "last_page": 3, "total": 8})
        );
        seen.extend(uuids(&body));
    }
    assert_eq!(seen, all);
    let beyond = page(&mock, CONTACTS, 4).await;
    assert_eq!(beyond["data"], json!([]));
    assert_eq!(beyond["meta"]["last_page"], 3);
}

#[tokio::test]
async fn vouchers_page_in_laravels_meta_with_its_links() {
    let mock = MockServer::start().await.unwrap();
    let body = r#"{"promotion_uuid": "5c3d59c7-7799-4d41-894a-8f46e50edfda"}"#;
    let all = fill(&mock, VOUCHERS, body, 5, "vouchers").await;
    assert_eq!(
        all.len(),
        8,
        "3 seeded (the list's two, find_by_code's one) and 5 created"
    );
    let path = format!("{}{VOUCHERS}", mock.url());
    let at = |n: u64| json!(format!("{path}?page={n}"));
    let mut seen = Vec::new();
    for number in 1..=3u64 {
        let answer = page(&mock, VOUCHERS, number).await;
        let keys: Vec<&String> = answer.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["data", "links", "meta"], "the recorded envelope");
        let (from, to) = match number {
            1 => (1, 3),
            2 => (4, 6),
            _ => (7, 8),
        };
        let link = |n: u64| json!({"url": at(n), "label": n.to_string(), "active": n == number});
        let neighbour = |n: u64| {
            if (1..=3).contains(&n) {
                at(n)
            } else {
                Value::Null
            }
        };
        assert_eq!(
            answer["meta"],
            json!({
                "current_page": number,
                "from": from,
                "last_page": 3,
                "links": [
                    {"url": neighbour(number - 1), "label": "pagination.previous", "active": false},
                    link(1), link(2), link(3),
                    {"url": neighbour(number + 1), "label": "pagination.next", "active": false},
                ],
                "path": path,
                "per_page": "3",
                "to": to,
                "total": 8,
            })
        );
        assert_eq!(
            answer["links"],
            json!({"first": at(1), "last": at(3), "prev": neighbour(number - 1), "next": neighbour(number + 1)})
        );
        seen.extend(uuids(&answer));
    }
    assert_eq!(seen, all);
}

#[tokio::test]
async fn a_list_asked_without_a_size_pages_as_its_recording_did() {
    let mock = MockServer::start().await.unwrap();
    fill(&mock, CONTACTS, r#"{"email": "a{n}@b.c"}"#, 9, "contacts").await;
    let answer = Call::new("GET", CONTACTS).send(&mock).await.json();
    // contacts.list was recorded with 10 a page.
    assert_eq!(answer["data"].as_array().unwrap().len(), 10);
    assert_eq!(answer["meta"]["limit"], "10");
    assert_eq!(answer["meta"]["last_page"], 2);
}

#[tokio::test]
async fn a_list_that_does_not_page_answers_every_entity() {
    let mock = MockServer::start().await.unwrap();
    let shops = mock.entities("shops");
    let answer = Call::new("GET", "/api/v3/oauth/clients/shops")
        .send(&mock)
        .await
        .json();
    assert_eq!(answer["data"], Value::Array(shops));
}
