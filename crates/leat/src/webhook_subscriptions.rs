//! The Webhook Subscriptions resource: list, create, get, update and delete.

use bytes::Bytes;
use reqwest::Method;
use serde::de::IgnoredAny;

use crate::client::Client;
use crate::decode;
use crate::error::{Error, Result};
use crate::params::{CreateParams, ListParams, UpdateParams};
use crate::retry::is_idempotent;
use crate::subscription::WebhookSubscription;
use crate::transport::{Body, Request};
use crate::validate;

/// Where the resource lives below the base URL.
pub const WEBHOOK_SUBSCRIPTIONS_PATH: &str = "/api/v3/oauth/clients/webhook-subscriptions";

/// The account's webhook subscriptions; from [`Client::webhook_subscriptions`].
#[derive(Debug, Clone, Copy)]
pub struct WebhookSubscriptions<'a> {
    client: &'a Client,
}

impl<'a> WebhookSubscriptions<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        WebhookSubscriptions { client }
    }

    /// Lists the subscriptions, optionally only those of one event type and/or status.
    ///
    /// ```no_run
    /// # async fn run(client: leat::Client) -> leat::Result<()> {
    /// use leat::{ListParams, Status};
    /// let active = client
    ///     .webhook_subscriptions()
    ///     .list(ListParams { status: Some(Status::Active), ..Default::default() })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, params: ListParams) -> Result<Vec<WebhookSubscription>> {
        validate::list(&params)?;
        let mut query = Vec::new();
        if let Some(event_type) = params.event_type {
            query.push(("event_type", event_type.as_str().to_owned()));
        }
        if let Some(status) = params.status {
            query.push(("status", status.as_str().to_owned()));
        }
        self.call(
            Method::GET,
            WEBHOOK_SUBSCRIPTIONS_PATH.to_owned(),
            query,
            Body::None,
        )
        .await
    }

    /// Subscribes `url` to an event type. Sent once: a create whose outcome is unknown is
    /// never repeated, so it cannot make two subscriptions.
    ///
    /// ```no_run
    /// # async fn run(client: leat::Client) -> leat::Result<()> {
    /// use leat::{CreateParams, EventType};
    /// let created = client
    ///     .webhook_subscriptions()
    ///     .create(CreateParams::new("New members", EventType::ContactCreated, "https://example.com/hooks"))
    ///     .await?;
    /// println!("created {}", created.uuid);
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, params: CreateParams) -> Result<WebhookSubscription> {
        validate::create(&params)?;
        let body = json_body(&params)?;
        self.call(
            Method::POST,
            WEBHOOK_SUBSCRIPTIONS_PATH.to_owned(),
            Vec::new(),
            body,
        )
        .await
    }

    /// Fetches one subscription by uuid.
    pub async fn get(&self, uuid: &str) -> Result<WebhookSubscription> {
        validate::uuid(uuid)?;
        self.call(Method::GET, item_path(uuid), Vec::new(), Body::None)
            .await
    }

    /// Changes a subscription's name, url, status and/or attributes; fields left `None` are
    /// kept. Its event type and secret cannot be changed.
    pub async fn update(&self, uuid: &str, params: UpdateParams) -> Result<WebhookSubscription> {
        validate::uuid(uuid)?;
        validate::update(&params)?;
        let body = json_body(&params)?;
        self.call(Method::PUT, item_path(uuid), Vec::new(), body)
            .await
    }

    /// Removes a subscription.
    pub async fn delete(&self, uuid: &str) -> Result<()> {
        validate::uuid(uuid)?;
        let _: IgnoredAny = self
            .call(Method::DELETE, item_path(uuid), Vec::new(), Body::None)
            .await?;
        Ok(())
    }

    async fn call<T: serde::de::DeserializeOwned>(
        &self,
        method: Method,
        path: String,
        query: Vec<(&'static str, String)>,
        body: Body,
    ) -> Result<T> {
        let request = Request {
            idempotent: is_idempotent(&method),
            method,
            path,
            query,
            body,
        };
        let answer = self.client.execute(&request).await?;
        decode::data(&request, &answer)
    }
}

fn item_path(uuid: &str) -> String {
    format!("{WEBHOOK_SUBSCRIPTIONS_PATH}/{uuid}")
}

fn json_body(params: &impl serde::Serialize) -> Result<Body> {
    serde_json::to_vec(params)
        .map(|bytes| Body::Json(Bytes::from(bytes)))
        .map_err(|err| Error::invalid_argument("params", err.to_string()))
}
