//! # leat
//!
//! An async client for the [Leat](https://www.leat.com) loyalty platform (formerly Piggy):
//! its Webhook Subscriptions API, with authentication by API key, access token or OAuth
//! client credentials, safe retries, one deadline per call, and typed models and errors.
//!
//! ```no_run
//! use leat::{Client, CreateParams, EventType};
//!
//! # async fn run() -> leat::Result<()> {
//! let client = Client::builder().api_key("my-personal-access-token").build()?;
//! let subscriptions = client.webhook_subscriptions();
//! let created = subscriptions
//!     .create(CreateParams::new("New members", EventType::ContactCreated, "https://example.com/hooks"))
//!     .await?;
//! let fetched = subscriptions.get(&created.uuid).await?;
//! assert_eq!(fetched.uuid, created.uuid);
//! subscriptions.delete(&created.uuid).await?;
//! # Ok(()) }
//! ```
//!
//! Every failure is an [`Error`]; Leat's own error answers are [`Error::Api`] with an
//! [`ApiErrorKind`]. API keys, tokens and secrets never appear in `Debug` output, error
//! messages or logs. Each attempt is logged as a `tracing` event with target `leat`. Which
//! certificate authorities a client trusts, and how to add one, is told in [`tls`].
#![warn(missing_docs)]
#![warn(clippy::missing_errors_doc)]

mod auth;
mod builder;
mod client;
mod clock;
pub mod contract;
mod datetime;
mod decode;
mod error;
mod event_type;
#[doc(hidden)]
pub mod fuzzing;
#[doc(hidden)]
pub mod host;
mod http;
mod options;
mod params;
mod proxy;
mod redact;
mod retry;
mod subscription;
pub mod tls;
mod transport;
mod validate;
mod webhook_subscriptions;
pub mod webhooks;

pub use builder::{
    ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT,
    ENV_API_KEY, ENV_BASE_URL,
};
pub use client::Client;
pub use error::{ApiError, ApiErrorKind, Error, Result};
pub use event_type::{EventType, Status};
pub use options::RequestOptions;
pub use params::{CreateParams, ListParams, UpdateParams};
pub use subscription::WebhookSubscription;
pub use time::OffsetDateTime;
pub use webhook_subscriptions::{WebhookSubscriptions, WEBHOOK_SUBSCRIPTIONS_PATH};
