//! Arguments of the webhook-subscription operations. Fields left as `None` are not sent.

use std::fmt;

use serde::Serialize;

use crate::error::Result;
use crate::event_type::{EventType, Status};
use crate::validate;

/// Filters for [`list`](crate::WebhookSubscriptions::list); `Default` lists everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListParams {
    /// Only subscriptions of this event type.
    pub event_type: Option<EventType>,
    /// Only subscriptions with this status (`ACTIVE` or `INACTIVE`).
    pub status: Option<Status>,
}

/// What to create with [`create`](crate::WebhookSubscriptions::create).
///
/// ```
/// use leat::{CreateParams, EventType};
/// let params = CreateParams::new("New member", EventType::ContactCreated, "https://example.com/hooks")
///     .secret("whsec_123");
/// ```
#[derive(Clone, PartialEq, Serialize)]
pub struct CreateParams {
    /// A name for internal purposes; required.
    pub name: String,
    /// The event to listen to; required. Cannot be changed later.
    pub event_type: EventType,
    /// The absolute http(s) URL deliveries go to; required.
    pub url: String,
    /// The key Leat signs deliveries with; cannot be changed later. Never shown in `Debug`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// Contact attributes to watch (for `contact_updated`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<String>>,
}

impl CreateParams {
    /// The three required fields; `secret` and `attributes` left out.
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        event_type: impl Into<EventType>,
        url: impl Into<String>,
    ) -> Self {
        CreateParams {
            name: name.into(),
            event_type: event_type.into(),
            url: url.into(),
            secret: None,
            attributes: None,
        }
    }

    /// Sets the signing secret.
    #[must_use]
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// Sets the contact attributes to watch.
    #[must_use]
    pub fn attributes<I, S>(mut self, attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.attributes = Some(attributes.into_iter().map(Into::into).collect());
        self
    }

    /// Checks the parameters as [`create`](crate::WebhookSubscriptions::create) does before
    /// sending anything, without sending: to check many before making any of them.
    ///
    /// ```
    /// let params = leat::CreateParams::new("New member", "contact_created", "ftp://example.com");
    /// assert!(matches!(params.validate(), Err(leat::Error::InvalidArgument { .. })));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming the argument refused
    /// and its value.
    pub fn validate(&self) -> Result<()> {
        validate::create(self)
    }
}

impl fmt::Debug for CreateParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateParams")
            .field("name", &self.name)
            .field("event_type", &self.event_type)
            .field("url", &self.url)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("attributes", &self.attributes)
            .finish()
    }
}

/// What to change with [`update`](crate::WebhookSubscriptions::update); `Default` changes
/// nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateParams {
    /// A new name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new absolute http(s) URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `ACTIVE` or `INACTIVE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Contact attributes to watch; Leat requires them for `contact_updated` subscriptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<String>>,
}

impl UpdateParams {
    /// Checks the parameters as [`update`](crate::WebhookSubscriptions::update) does before
    /// sending anything, without sending.
    ///
    /// ```
    /// let params = leat::UpdateParams { url: Some("not a url".into()), ..Default::default() };
    /// assert!(matches!(params.validate(), Err(leat::Error::InvalidArgument { .. })));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming the argument refused
    /// and its value.
    pub fn validate(&self) -> Result<()> {
        validate::update(self)
    }
}
