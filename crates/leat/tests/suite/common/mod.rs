//! What every test file shares: a mock server, a client pointed at it, the shared fixtures.
#![allow(dead_code)]

pub mod captured;
pub mod proxy;

use std::time::Duration;

use leat::{Client, ClientBuilder, CreateParams, EventType, ListParams, WebhookSubscription};
use leat_mock::{MockServer, RecordedRequest};

pub use leat::WEBHOOK_SUBSCRIPTIONS_PATH as COLLECTION;

/// A builder with the mock's API key and short backoffs, so retry tests stay fast.
pub fn builder(mock: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .initial_backoff(Duration::from_millis(10))
        .timeout(Duration::from_secs(10))
}

pub fn client(mock: &MockServer) -> Client {
    builder(mock).build().expect("client builds")
}

pub async fn mock() -> MockServer {
    MockServer::start().await.expect("mock server starts")
}

/// A shared fixture body from `tests/fixtures/responses/` at the repository root.
pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("reading {path}: {err}"))
}

/// The example answer of an operation, from `spec/examples/<id>.json`.
pub fn spec_example(id: &str) -> serde_json::Value {
    let path = format!(
        "{}/../../spec/examples/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("reading {path}: {err}"));
    serde_json::from_str(&text).unwrap()
}

pub fn new_member_params() -> CreateParams {
    CreateParams::new(
        "New Krusty Krew Member",
        EventType::ContactCreated,
        "https://example.com/piggy/webhooks",
    )
}

/// One unfiltered list call: what most tests make when any call will do.
pub async fn list(client: &Client) -> leat::Result<Vec<WebhookSubscription>> {
    client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
}

pub async fn create_one(client: &Client) -> WebhookSubscription {
    client
        .webhook_subscriptions()
        .create(new_member_params())
        .await
        .expect("create succeeds")
}

/// The requests the mock received for the subscriptions resource.
pub fn api_requests(mock: &MockServer) -> Vec<RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path.starts_with(COLLECTION))
        .collect()
}

pub fn count(mock: &MockServer, method: &str) -> usize {
    api_requests(mock)
        .iter()
        .filter(|r| r.method == method)
        .count()
}
