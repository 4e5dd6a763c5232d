//! # leat-mock
//!
//! A local, stateful, in-memory stand-in for the Leat (formerly Piggy) loyalty API, for tests
//! and offline development: Leat has no sandbox, so this is where a Leat integration can be
//! tried end to end, in CI, from every language (`leat mock`, `leat.testing`,
//! `leat-sdk/testing` and this crate).
//!
//! ## A ready account that keeps the state of the loyalty flows
//! A fresh mock is a ready account: Leat's recorded entities (shops such as `123123`, the
//! default unit `purchase_amount` at 1 credit per unit, the loyalty program, promotions,
//! contacts, giftcards, vouchers) plus rewards at 10, 100 and 1000 credits and an anonymous
//! contact to claim (`ACCOUNT.md`). The loyalty flows keep their state across operations as
//! a user observes on Leat: contacts (create, find-one-by, find-or-create, anonymous and
//! claim, attributes, delete) and their identifiers; credit receptions (by `credits`, or by
//! `unit_value` at the unit's rate) that raise the contact's balance, `calculate` and
//! `reverse`; reward receptions that spend `required_credits` or refuse with 1017; the loyalty
//! transactions that list both kinds, filtered and paged; vouchers created under a promotion,
//! found by code, redeemed once (80005 the second time), locked and released; giftcards whose
//! `amount_in_cents` moves (5003 for a charge above it); prepaid balances. Every other
//! operation answers realistic data from a generated table (each operation's parameters,
//! `mock` rule and recorded answer), checked as Leat checks input (HTTP 400, code 1003 with an
//! `errors` map), with each resource's not-found code, lists paged in Leat's two formats.
//!
//! ## Webhooks from state changes
//! A change sends its webhook (`contact_created`, `contact_updated` for a watched attribute,
//! `contact_identifier_created`, `credit_reception_created`, `prepaid_transaction_created`,
//! `giftcard_transaction_created`, `voucher_created`, `voucher_updated`, `voucher_redeemed`,
//! `reward_updated`) to every ACTIVE subscription of its type, `{"type", "data": {"<entity>":
//! ...}}` with the entity as the API answers it, signed as Leat signs (PHP `json_encode` bytes,
//! the subscription's secret or [`MockServer::webhook_secret`]) and retried. They go out after
//! the API has answered, as on Leat; [`MockServer::deliveries`] and
//! [`MockServer::wait_for_deliveries`] read what was sent ([`SentDelivery`]: the exact signed
//! body, the signature, the receiver's status). [`MockServer::trigger`] sends any event by
//! hand (`form_submission_completed`, `referral_completed`, and `promotion_updated`: no
//! operation of the API changes a promotion). Leat publishes no payload schema: these shapes
//! are inferred, so a receiver should read them tolerantly.
//!
//! ## Repeatable: seed, state, reset
//! [`MockConfig::seed`] makes the uuids, codes and timestamps the mock makes a fixed sequence;
//! [`MockConfig::state`] (or [`MockServer::load_state`], `POST /__mock/state`, `leat mock
//! --state FILE`) starts from an account description of your own (shops, units with rates,
//! the loyalty program, promotions, rewards, contacts with balances, giftcards, vouchers;
//! format in `ACCOUNT.md` and [`MockServer::load_state`]); [`MockServer::reset`] (`POST
//! /__mock/reset`) returns to that account and restarts the seed's sequences, so a test run
//! twice makes the same uuids and sends the same bytes.
//!
//! Beside that: 401 for a wrong key, OAuth client credentials at `/oauth/token`,
//! `X-Request-Id` on every answer, scripted faults for the next requests (a status with body
//! and headers, a delay, a dropped connection, a malformed body), and with
//! [`MockConfig::tls`] HTTPS with a private CA of its own ([`MockServer::ca_certificate_pem`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use leat_mock::{Fault, MockConfig, MockServer};
//!
//! let mock = MockServer::start_with(MockConfig { seed: Some(7), ..MockConfig::default() }).await?;
//! // Point a client at mock.url() with mock.api_key() ...
//! mock.load_state(&serde_json::json!({
//!     "rewards": [{"title": "Free coffee", "required_credits": 10}],
//!     "contacts": [{"email": "jane@example.com", "credits": 120}]
//! }))?;
//! assert_eq!(mock.entities("rewards").len(), 1);
//! mock.script(vec![Fault::status(503).header("Retry-After", "1")]);
//! assert!(mock.wait_for_deliveries(0, Duration::from_millis(10)).await.is_empty());
//! mock.reset();
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
