//! The limit: reqwest and serde_json by hand, sending what leat sends and decoding the same
//! fields into plain structs.

use std::hint::black_box;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use serde::Deserialize;

const COLLECTION: &str = "/api/v3/oauth/clients/webhook-subscriptions";

#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Subscription {
    uuid: String,
    name: String,
    event_type: String,
    url: String,
    #[serde(default)]
    properties: Vec<serde_json::Value>,
    status: String,
    version: String,
    created_at: String,
}

#[derive(Clone)]
pub(crate) struct Raw {
    http: reqwest::Client,
    collection: String,
}

impl Raw {
    pub(crate) fn new(base_url: &str) -> Raw {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer k"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .expect("reqwest builds");
        Raw {
            http,
            collection: format!("{}{COLLECTION}", base_url.trim_end_matches('/')),
        }
    }

    async fn fetch<T: serde::de::DeserializeOwned>(&self, url: &str) -> T {
        let response = self.http.get(url).send().await.expect("the server answers");
        assert!(
            response.status().is_success(),
            "status {}",
            response.status()
        );
        let body = response.bytes().await.expect("the body arrives");
        serde_json::from_slice::<Envelope<T>>(&body)
            .expect("the body decodes")
            .data
    }

    pub(crate) async fn get(&self, uuid: &str) {
        let url = format!("{}/{uuid}", self.collection);
        let subscription: Subscription = self.fetch(&url).await;
        black_box(subscription.uuid);
    }

    pub(crate) async fn list(&self) {
        let subscriptions: Vec<Subscription> = self.fetch(&self.collection).await;
        for subscription in subscriptions {
            black_box(subscription.uuid);
        }
    }
}
