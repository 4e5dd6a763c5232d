//! The mock's public handle: starting it, its credentials, scripting faults, reading what
//! it received and stored. Dropping it stops it.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::DefaultBodyLimit;
use axum::Router;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::account::{Account, StateError};
use crate::connection::{accept_loop, Context};
use crate::control;
use crate::deliver::{self, Delivery};
use crate::engine;
use crate::fault::Fault;
use crate::responses;
use crate::sent::{self, SentDelivery};
use crate::state::{RecordedRequest, Settings, Shared};
use crate::store::Store;
use crate::subscriptions;
use crate::tls;

/// How a [`MockServer`] starts; `Default` gives a free port and random credentials.
#[derive(Clone, Debug, Default)]
pub struct MockConfig {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The API key accepted; random when `None`.
    pub api_key: Option<String>,
    /// The OAuth client id accepted (a number, as Leat's are); random when `None`.
    pub client_id: Option<String>,
    /// The OAuth client secret accepted; random when `None`.
    pub client_secret: Option<String>,
    /// How long issued access tokens live (sent as `expires_in`); default one hour.
    pub token_ttl: Option<Duration>,
    /// The account's webhook secret, used for subscriptions created without one; random
    /// when `None`.
    pub webhook_secret: Option<String>,
    /// The wait before a failed delivery is retried; it doubles each retry. Default 20 ms
    /// (Leat waits much longer).
    pub delivery_backoff: Option<Duration>,
    /// Serves HTTPS at `https://localhost:PORT`, with a certificate for `localhost` and
    /// `127.0.0.1` signed by a private CA made at start (see
    /// [`MockServer::ca_certificate_pem`]); default plain HTTP.
    pub tls: bool,
    /// Makes the uuids, codes and timestamps the mock hands out fixed sequences: the same
    /// seed gives the same ones for the same calls, also after [`MockServer::reset`] (times
    /// start at 2024-01-01T09:00:00+00:00, a second later at each). Random uuids and the
    /// wall clock when `None`.
    pub seed: Option<u64>,
    /// An account description to start from instead of the default account (format in
    /// `ACCOUNT.md` and [`MockServer::load_state`]); checked by [`MockServer::start_with`].
    pub state: Option<Value>,
}

/// A local, stateful stand-in for the Leat API on 127.0.0.1: every operation of the spec
/// answers, validated as Leat validates it, from a store seeded with Leat's recorded answers.
///
/// Dropping it stops it and frees its port.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let mock = leat_mock::MockServer::start().await?;
/// println!("{} accepts Bearer {}", mock.url(), mock.api_key());
/// mock.script(vec![leat_mock::Fault::status(503)]);
/// # Ok(()) }
/// ```
pub struct MockServer {
    shared: Arc<Shared>,
    url: String,
    ca_pem: Option<String>,
    shutdown: watch::Sender<bool>,
}

impl MockServer {
    /// Starts on a free port with random credentials.
    ///
    /// # Errors
    /// The operating system's error when no loopback port can be listened on.
    pub async fn start() -> io::Result<MockServer> {
        MockServer::start_with(MockConfig::default()).await
    }

    /// Starts with the given port, credentials, seed and account.
    ///
    /// # Errors
    /// The operating system's error when the port cannot be listened on (in use, say), or, with
    /// `tls`, when the certificates cannot be made; `InvalidInput` wrapping a [`StateError`]
    /// when [`MockConfig::state`] is not an account description.
    pub async fn start_with(config: MockConfig) -> io::Result<MockServer> {
        let start = match &config.state {
            Some(description) => Account::from_json(description)
                .map_err(|err| io::Error::new(io::ErrorKind::InvalidInput, err))?,
            None => Account::default_additions(),
        };
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], config.port))).await?;
        let address = listener.local_addr()?;
        let tls = if config.tls {
            Some(tls::generate()?)
        } else {
            None
        };
        let url = match tls {
            Some(_) => format!("https://localhost:{}", address.port()),
            None => format!("http://{address}"),
        };
        let random = || uuid::Uuid::new_v4().simple().to_string();
        let settings = Settings {
            url: url.clone(),
            api_key: config
                .api_key
                .unwrap_or_else(|| format!("mock_key_{}", random())),
            client_id: config
                .client_id
                .unwrap_or_else(|| (1000 + uuid::Uuid::new_v4().as_u128() % 90_000).to_string()),
            client_secret: config
                .client_secret
                .unwrap_or_else(|| format!("mock_secret_{}", random())),
            token_ttl: config.token_ttl.unwrap_or(Duration::from_secs(3600)),
            webhook_secret: config
                .webhook_secret
                .unwrap_or_else(|| format!("mock_whsec_{}", random())),
            delivery_backoff: config.delivery_backoff.unwrap_or(Duration::from_millis(20)),
        };
        let shared = Arc::new(Shared::new(settings, Store::new(config.seed, start)));
        let (shutdown, stopped) = watch::channel(false);
        let (acceptor, ca_pem) = match tls {
            Some(tls) => (Some(tls.acceptor), Some(tls.ca_pem)),
            None => (None, None),
        };
        let context = Context {
            router: router(shared.clone()),
            shared: shared.clone(),
            stopped,
            tls: acceptor,
        };
        tokio::spawn(accept_loop(listener, context));
        Ok(MockServer {
            shared,
            url,
            ca_pem,
            shutdown,
        })
    }

    /// Where the server listens, e.g. `http://127.0.0.1:54321`, or `https://localhost:54321`
    /// when it serves HTTPS.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The PEM certificate of the private CA that signed the server's certificate, when it
    /// serves HTTPS ([`MockConfig::tls`]): what a client must trust to reach it.
    pub fn ca_certificate_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The API key accepted as `Authorization: Bearer <key>`.
    pub fn api_key(&self) -> &str {
        &self.shared.settings.api_key
    }

    /// The OAuth client id accepted at `/oauth/token`.
    pub fn client_id(&self) -> &str {
        &self.shared.settings.client_id
    }

    /// The OAuth client secret accepted at `/oauth/token`.
    pub fn client_secret(&self) -> &str {
        &self.shared.settings.client_secret
    }

    /// The account's webhook secret: deliveries to subscriptions created without a secret
    /// are signed with it.
    pub fn webhook_secret(&self) -> &str {
        &self.shared.settings.webhook_secret
    }

    /// POSTs `{"type": event_type, "data": data}`, signed, to every ACTIVE subscription of
    /// `event_type` whose URL is on this machine, retrying a failing receiver up to 5 times,
    /// and returns one result per subscription once every attempt has ended.
    pub async fn trigger(&self, event_type: &str, data: Value) -> Vec<Delivery> {
        deliver::trigger(&self.shared, event_type, data).await
    }

    /// Back to the starting account (the description given, else the default account):
    /// subscriptions, requests, queued faults and deliveries cleared, the seed's uuid and
    /// time sequences restarted. Other languages do the same with `POST /__mock/reset`.
    pub fn reset(&self) {
        self.shared.state().reset();
    }

    /// Replaces the account with the one `account` describes, which is also what
    /// [`MockServer::reset`] returns to from now on; as a reset, it clears subscriptions,
    /// requests, faults and deliveries. Other languages send the description to
    /// `POST /__mock/state`.
    ///
    /// The description is a JSON object whose sections are each optional; a section given
    /// replaces what the mock holds of that kind (and the histories, such as loyalty
    /// transactions, start empty), a section left out keeps the default (`ACCOUNT.md`):
    ///
    /// ```json
    /// {
    ///   "shops": [{"uuid": "...", "name": "Main street", "type": "physical"}],
    ///   "units": [{"name": "purchase_amount", "label": "Euro", "prefix": "EUR ",
    ///              "is_default": true, "credits_per_unit": 1}],
    ///   "loyalty_program": {"name": "Coffee club", "custom_credit_name": "Beans", "max_amount": 50000},
    ///   "promotions": [{"uuid": "...", "name": "Welcome", "voucher_limit": 100, "limit_per_contact": 1}],
    ///   "rewards": [{"uuid": "...", "title": "Free coffee", "required_credits": 10}],
    ///   "contacts": [{"uuid": "...", "email": "jane@example.com", "credits": 120,
    ///                 "prepaid_balance_in_cents": 500, "attributes": {"firstname": "Jane"}}],
    ///   "giftcards": [{"uuid": "...", "hash": "GC-1", "amount_in_cents": 2500}],
    ///   "vouchers": [{"code": "WELCOME-1", "promotion_uuid": "...", "contact_uuid": "...", "status": "ACTIVE"}]
    /// }
    /// ```
    ///
    /// A uuid left out is made (from the seed, when there is one).
    ///
    /// # Errors
    /// [`StateError`] naming the first field that is wrong and its value; the account is then
    /// left as it was.
    pub fn load_state(&self, account: &Value) -> Result<(), StateError> {
        let account = Account::from_json(account)?;
        let mut state = self.shared.state();
        state.reset();
        state.store.load(account);
        Ok(())
    }

    /// The deliveries that have ended (delivered, or given up after the retries), in the
    /// order they ended: those caused by state changes and those of [`MockServer::trigger`].
    pub fn deliveries(&self) -> Vec<SentDelivery> {
        self.shared.state().deliveries.clone()
    }

    /// Waits until `count` deliveries have ended and returns them all, or returns what
    /// there is at `timeout`. Deliveries are asynchronous, as on Leat: an API call answers
    /// before the webhooks it causes are sent.
    pub async fn wait_for_deliveries(&self, count: usize, timeout: Duration) -> Vec<SentDelivery> {
        sent::wait(&self.shared, count, timeout).await
    }

    /// Queues faults; each of the next requests takes the first queued fault that applies
    /// to its path.
    pub fn script(&self, faults: Vec<Fault>) {
        self.shared.state().faults.extend(faults);
    }

    /// Every request received so far (control endpoints aside), in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.state().requests.clear();
    }

    /// The stored subscriptions as the API returns them, in creation order.
    pub fn subscriptions(&self) -> Vec<Value> {
        self.shared
            .state()
            .subscriptions
            .iter()
            .map(|s| s.to_json())
            .collect()
    }

    /// The entities of one of the mock's collections as the API returns them, in the order
    /// stored: what a fresh mock holds (from the spec's examples), then what calls created.
    /// Collections are named as the spec's `mock` rules name them (`contacts`, `vouchers`,
    /// `shops`, ...); `webhook_subscriptions` gives [`MockServer::subscriptions`]. A name no
    /// rule uses gives nothing. Other languages read the same with
    /// `GET /__mock/entities/{collection}`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let mock = leat_mock::MockServer::start().await?;
    /// assert!(!mock.entities("contacts").is_empty());
    /// # Ok(()) }
    /// ```
    pub fn entities(&self, collection: &str) -> Vec<Value> {
        self.shared.state().entities(collection).unwrap_or_default()
    }

    /// How many requests `/oauth/token` received, faulted ones included.
    pub fn token_requests(&self) -> usize {
        self.shared.state().token_requests
    }

    /// Makes every access token issued so far invalid: its next use answers 401
    /// `invalid_token`.
    pub fn expire_tokens(&self) {
        let now = Instant::now();
        for expires in self.shared.state().tokens.values_mut() {
            *expires = now;
        }
    }
}

/// Every route the mock answers: the Leat API (webhook subscriptions by hand, every other
/// operation of the spec by the generic engine), the `/__mock/` control endpoints (where
/// `POST /__mock/trigger` delivers webhooks), and a Leat-style 404 for the rest.
fn router(shared: Arc<Shared>) -> Router {
    subscriptions::routes()
        .merge(engine::routes())
        .merge(control::routes())
        .fallback(|| async { responses::route_not_found() })
        .layer(DefaultBodyLimit::disable())
        .with_state(shared)
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}
