//! # leat-mock
//!
//! A local, stateful, in-memory stand-in for the Leat (formerly Piggy) loyalty API, for tests
//! and offline development. It answers every operation of leat-sdk's spec in Leat's shapes:
//! webhook subscriptions by hand-written handlers, every other operation by a generic engine
//! working from a generated table (each operation's parameters, `mock` rule and recorded
//! answer). It checks input as Leat does (HTTP 400, code 1003 with an `errors` map), keeps
//! the entities the rules act on (seeded from Leat's recorded answers, see
//! [`MockServer::entities`]), answers each resource's not-found code, pages lists in Leat's
//! two formats, 401 for a wrong key, OAuth client credentials at `/oauth/token`,
//! `X-Request-Id` on every answer. Faults can be scripted for the next requests: a status
//! with body and headers, a delay, a dropped connection, a malformed body.
//! [`MockServer::trigger`] delivers a signed webhook event to the subscriptions of its type,
//! as Leat does. With [`MockConfig::tls`] it serves HTTPS with a private CA of its own
//! ([`MockServer::ca_certificate_pem`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! use leat_mock::{Fault, MockServer};
//!
//! let mock = MockServer::start().await?;
//! mock.script(vec![Fault::status(503).header("Retry-After", "1")]);
//! // Point a client at mock.url() with mock.api_key() ...
//! assert!(mock.requests().is_empty());
//! # Ok(()) }
//! ```
#![warn(missing_docs)]
#![warn(clippy::missing_errors_doc)]
// Handlers refuse with a ready answer (`Result<Response, Response>`, the axum idiom); a
// refusal's size does not matter here.
#![allow(clippy::result_large_err)]

mod account;
mod actions;
mod checks;
mod clock;
mod connection;
mod contact_fields;
mod control;
mod deliver;
mod engine;
mod events;
mod fault;
mod flows;
mod generated;
mod ids;
mod input;
mod oauth;
mod paging;
mod php_form;
pub mod php_json;
mod responses;
mod sent;
mod server;
mod state;
mod store;
mod subscriptions;
mod table;
mod tls;
mod validation;

pub use account::StateError;
pub use deliver::Delivery;
pub use fault::Fault;
pub use sent::SentDelivery;
pub use server::{MockConfig, MockServer};
pub use state::RecordedRequest;
