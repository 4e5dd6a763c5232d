//! The Webhook Subscriptions resource: list, create, get, update and delete.

use bytes::Bytes;
use reqwest::Method;
use secrecy::SecretString;
use serde::de::IgnoredAny;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{Body, Request};
use crate::params::{CreateParams, ListParams, UpdateParams};
use crate::subscription::WebhookSubscription;
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
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a bad filter (nothing is sent), or any error of the call.
    pub async fn list(&self, params: ListParams) -> Result<Vec<WebhookSubscription>> {
        validate::list(&params)?;
        let mut request = Request::new(Method::GET, WEBHOOK_SUBSCRIPTIONS_PATH.to_owned());
        if let Some(event_type) = params.event_type {
            request
                .query
                .push(("event_type", event_type.as_str().to_owned()));
        }
        if let Some(status) = params.status {
            request.query.push(("status", status.as_str().to_owned()));
        }
        self.client.call(&request).await
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
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a bad argument (nothing is sent), or any error of the
    /// call; a [`Error::Connection`] with `maybe_sent` or a [`Error::Timeout`] means the
    /// subscription may have been created.
    pub async fn create(&self, params: CreateParams) -> Result<WebhookSubscription> {
        validate::create(&params)?;
        let request = Request {
            body: json_body(&params)?,
            secrets: params
                .secret
                .iter()
                .map(|s| SecretString::from(s.clone()))
                .collect(),
            ..Request::new(Method::POST, WEBHOOK_SUBSCRIPTIONS_PATH.to_owned())
        };
        self.client.call(&request).await
    }

    /// Fetches one subscription by uuid.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a uuid that could change the request path, an
    /// [`Error::Api`] of kind `NotFound` when there is none, or any error of the call.
    pub async fn get(&self, uuid: &str) -> Result<WebhookSubscription> {
        validate::uuid(uuid)?;
        self.client
            .call(&Request::new(Method::GET, item_path(uuid)))
            .await
    }

    /// Changes a subscription's name, url, status and/or attributes; fields left `None` are
    /// kept. Its event type and secret cannot be changed.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a bad argument (nothing is sent), or any error of the
    /// call.
    pub async fn update(&self, uuid: &str, params: UpdateParams) -> Result<WebhookSubscription> {
        validate::uuid(uuid)?;
        validate::update(&params)?;
        let request = Request {
            body: json_body(&params)?,
            ..Request::new(Method::PUT, item_path(uuid))
        };
        self.client.call(&request).await
    }

    /// Removes a subscription.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a bad uuid, an [`Error::Api`] of kind `NotFound` when
    /// there is none, or any error of the call.
    pub async fn delete(&self, uuid: &str) -> Result<()> {
        validate::uuid(uuid)?;
        let _: IgnoredAny = self
            .client
            .call(&Request::new(Method::DELETE, item_path(uuid)))
            .await?;
        Ok(())
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
