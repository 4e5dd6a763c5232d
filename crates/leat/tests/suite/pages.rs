//! Lists that page: both of Leat's meta formats read into one page, the next page asked for
//! with the same arguments, and every item streamed across pages.

use futures_util::TryStreamExt;
use leat::api::{contacts, vouchers};
use leat_mock::Fault;
use serde_json::{json, Value};

use crate::common::*;

const CONTACTS: &str = "/api/v3/oauth/clients/contacts";
const VOUCHERS: &str = "/api/v3/oauth/clients/vouchers";

/// One item of an operation's example answer, with its uuid replaced.
fn item(example: &str, uuid: &str) -> Value {
    let mut item = spec_example(example)["data"][0].clone();
    item["uuid"] = uuid.into();
    item
}

/// Three pages of `per_page` items (the last one shorter), in Leat's `page/limit` format
/// (`limit` as the string Leat sometimes sends) or Laravel's.
fn three_pages(example: &str, laravel: bool) -> Vec<Fault> {
    let sizes = [2, 2, 1];
    (1..=3)
        .map(|page| {
            let items: Vec<Value> = (0..sizes[page - 1])
                .map(|i| item(example, &format!("uuid-{page}-{i}")))
                .collect();
            let meta = if laravel {
                json!({"current_page": page, "from": 1, "last_page": 3, "links": [], "path": "x",
                       "per_page": "2", "to": 2, "total": 5})
            } else {
                json!({"page": page, "limit": "2", "viewing_from": 1, "viewing_to": 2,
                       "last_page": 3, "total": 5})
            };
            let path = if laravel { VOUCHERS } else { CONTACTS };
            Fault::status(200)
                .body(json!({"data": items, "meta": meta}).to_string())
                .on_path(path)
        })
        .collect()
}

fn pages_asked(mock: &leat_mock::MockServer, path: &str) -> Vec<Option<String>> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path == path)
        .map(|r| r.query)
        .collect()
}

#[tokio::test]
async fn a_page_limit_list_streams_every_item_across_three_pages() {
    let mock = mock().await;
    mock.script(three_pages("contacts.list", false));
    let client = client(&mock);
    let items: Vec<leat::Contact> = client
        .contacts()
        .list(contacts::ListParams::new().limit(2))
        .items()
        .try_collect()
        .await
        .unwrap();
    let uuids: Vec<&str> = items.iter().map(|c| c.uuid.as_str()).collect();
    assert_eq!(
        uuids,
        ["uuid-1-0", "uuid-1-1", "uuid-2-0", "uuid-2-1", "uuid-3-0"]
    );
    assert_eq!(
        pages_asked(&mock, CONTACTS),
        [
            Some("limit=2".to_owned()),
            Some("page=2&limit=2".to_owned()),
            Some("page=3&limit=2".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_laravel_list_pages_alike() {
    let mock = mock().await;
    mock.script(three_pages("vouchers.list", true));
    let client = client(&mock);
    let pages: Vec<leat::Page<leat::Voucher>> = client
        .vouchers()
        .list(vouchers::ListParams::default())
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    let first = &pages[0].info;
    assert_eq!(
        (
            first.page,
            first.last_page,
            first.per_page,
            first.total,
            first.next_page
        ),
        (1, Some(3), Some(2), Some(5), Some(2))
    );
    assert!(!pages[2].has_next_page());
    assert_eq!(pages[2].items[0].uuid, "uuid-3-0");
}

#[tokio::test]
async fn a_page_says_where_it_stands_and_fetches_the_next() {
    let mock = mock().await;
    mock.script(three_pages("contacts.list", false));
    let client = client(&mock);
    let first = client.contacts().list(Default::default()).await.unwrap();
    assert_eq!((first.info.page, first.items.len()), (1, 2));
    assert_eq!(first.meta["limit"], "2", "meta is kept as Leat sent it");
    let second = first.next_page().expect("a second page").await.unwrap();
    assert_eq!(second.info.page, 2);
    assert_eq!(second.items[0].uuid, "uuid-2-0");
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    let mock = mock().await;
    let mut faults = three_pages("contacts.list", false);
    faults[1] = Fault::status(503).on_path(CONTACTS);
    mock.script(faults);
    let client = builder(&mock).max_retries(0).build().unwrap();
    let outcome: Result<Vec<leat::Contact>, _> = client
        .contacts()
        .list(Default::default())
        .items()
        .try_collect()
        .await;
    let err = outcome.unwrap_err();
    assert_eq!(err.class_name(), "MaintenanceError");
}
