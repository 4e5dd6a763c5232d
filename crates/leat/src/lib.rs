//! # leat
//!
//! An async client for the [Leat](https://www.leat.com) loyalty platform (formerly Piggy):
//! every operation of its OAuth v3 API, with authentication by API key, access token or OAuth
//! client credentials, safe retries, one deadline per call, typed models and errors, lists
//! that page, the raw answer when wanted, and the verification of Leat's webhooks.
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
//! The operations are grouped as Leat groups them: `client.contacts()`,
//! `client.credit_receptions()`, ... (the modules of [`api`]); each method returns a [`Call`],
//! sent when awaited. Every failure is an [`Error`]; Leat's own error answers are
//! [`Error::Api`] with an [`ApiErrorKind`] (from Leat's error code first, its HTTP status
//! second). API keys, tokens and secrets never appear in `Debug` output, error messages or
//! logs. Each attempt is logged as a `tracing` event with target `leat`. Which certificate
//! authorities a client trusts, and how to add one, is told in [`tls`].
#![warn(missing_docs)]
#![warn(clippy::missing_errors_doc)]

pub mod api;
mod auth;
mod build;
mod builder;
mod call;
mod client;
mod clock;
pub mod contract;
mod contract_table;
mod datetime;
mod decode;
mod enums;
mod error;
mod from_json;
#[doc(hidden)]
pub mod fuzzing;
#[doc(hidden)]
pub mod host;
mod http;
pub mod models;
mod open_enum;
pub mod operation;
mod options;
mod page;
mod proxy;
mod redact;
mod response;
mod retry;
pub mod tls;
mod transport;
mod validate;
pub mod webhooks;

pub use api::webhook_subscriptions::{
    CreateParams, ListParams, UpdateParams, WebhookSubscriptions,
    PATH as WEBHOOK_SUBSCRIPTIONS_PATH,
};
pub use build::{Args, Naming};
pub use builder::{
    ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT,
    ENV_API_KEY, ENV_BASE_URL,
};
#[doc(hidden)]
pub use call::Context;
pub use call::{Call, Dynamic, Returned};
pub use client::Client;
pub use enums::*;
pub use error::{ApiError, ApiErrorKind, Error, Result};
pub use from_json::{DecodeError, FromJson};
pub use models::*;
pub use options::RequestOptions;
pub use page::{Page, PageInfo};
pub use response::{RateLimit, RawResponse, Response};
pub use time::OffsetDateTime;
