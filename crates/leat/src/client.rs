//! The client: configuration, the shared connection pool and authentication, and the
//! authenticated call every resource method goes through.

use std::fmt;
use std::sync::Arc;

use tokio::time::Instant;

use crate::auth::Auth;
use crate::config::{ClientBuilder, Settings};
use crate::error::{Error, Result};
use crate::transport::{Answer, Request, Transport};
use crate::webhook_subscriptions::WebhookSubscriptions;

/// An async client for the Leat API.
///
/// Cheap to clone: clones share one connection pool and one OAuth token cache. Build it with
/// [`Client::builder`] or [`Client::from_env`].
///
/// ```no_run
/// # async fn run() -> leat::Result<()> {
/// let client = leat::Client::builder().api_key("my-personal-access-token").build()?;
/// for subscription in client.webhook_subscriptions().list(Default::default()).await? {
///     println!("{} -> {}", subscription.event_type, subscription.url);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    auth: Auth,
}

impl Client {
    /// A builder to configure a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from the environment: `LEAT_API_KEY`, and `LEAT_BASE_URL` if set.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::default().build()
    }

    pub(crate) fn from_settings(settings: Settings) -> Result<Client> {
        let transport = Transport::new(&settings)?;
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                auth: Auth::new(settings.credentials),
            }),
        })
    }

    /// The webhook subscriptions of the account.
    pub fn webhook_subscriptions(&self) -> WebhookSubscriptions<'_> {
        WebhookSubscriptions::new(self)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url()
    }

    /// Sends an authenticated call within one whole-call deadline. A refused OAuth token is
    /// renewed once and the call repeated once.
    pub(crate) async fn execute(&self, request: &Request) -> Result<Answer> {
        let Inner { transport, auth } = &*self.inner;
        let deadline = Instant::now() + transport.timeout();
        let mut renewed = false;
        loop {
            let bearer = auth.bearer(transport, deadline).await?;
            match transport.send(request, Some(&bearer.token), deadline).await {
                Err(Error::Api(err)) if err.status == 401 && auth.renewable() && !renewed => {
                    tracing::debug!(target: "leat", method = %request.method, path = %request.path,
                        "access token refused; fetching a new one");
                    auth.refused(&bearer).await;
                    renewed = true;
                }
                outcome => return outcome,
            }
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url())
            .field("auth", &self.inner.auth.credentials().describe())
            .field("timeout", &self.inner.transport.timeout())
            .finish_non_exhaustive()
    }
}
