//! The client: configuration, the shared connection pool and authentication, and the
//! authenticated call every resource method goes through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::Auth;
use crate::builder::{ClientBuilder, Settings};
use crate::clock::check_timeout;
use crate::decode;
use crate::error::{Error, Result};
use crate::http::{Answer, Request};
use crate::options::RequestOptions;
use crate::redact::Redactor;
use crate::transport::{HttpSettings, Policy, Transport};

/// An async client for the Leat API.
///
/// Cheap to clone: clones share one connection pool and one OAuth token cache. Build it with
/// [`Client::builder`] or [`Client::from_env`]; [`Client::with_options`] gives a view with
/// another timeout or retry count.
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
    timeout: Duration,
    max_retries: u32,
}

struct Inner {
    transport: Transport,
    /// Shared with every client made by [`Client::with_new_pool`].
    auth: Arc<Auth>,
    /// What `transport` was built from, to build another pool.
    http: Arc<HttpSettings>,
}

impl Client {
    /// A builder to configure a client.
    #[must_use]
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from the environment: `LEAT_API_KEY`, and `LEAT_BASE_URL` if set.
    ///
    /// # Errors
    /// [`Error::Config`] when `LEAT_API_KEY` is unset or a setting is invalid.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::default().build()
    }

    pub(crate) fn from_settings(settings: Settings) -> Result<Client> {
        Ok(Client {
            inner: Arc::new(Inner {
                transport: Transport::new(&settings.http)?,
                auth: Arc::new(Auth::new(settings.credentials)),
                http: settings.http,
            }),
            timeout: settings.timeout,
            max_retries: settings.max_retries,
        })
    }

    /// A client with the same settings, credentials and OAuth token cache (one token fetch
    /// serves both), but its own connection pool: for another async runtime, whose
    /// connections this client's pool must not share (a pooled connection is driven by the
    /// runtime that opened it).
    ///
    /// # Errors
    /// [`Error::Config`] when the HTTP layer cannot be set up again.
    pub fn with_new_pool(&self) -> Result<Client> {
        Ok(Client {
            inner: Arc::new(Inner {
                transport: Transport::new(&self.inner.http)?,
                auth: self.inner.auth.clone(),
                http: self.inner.http.clone(),
            }),
            timeout: self.timeout,
            max_retries: self.max_retries,
        })
    }

    /// A view of this client whose calls use `options` where they set something; it shares
    /// the connection pool, the credentials and the OAuth token cache.
    ///
    /// # Errors
    /// [`Error::Config`] when the timeout is zero.
    pub fn with_options(&self, options: RequestOptions) -> Result<Client> {
        let timeout = match options.timeout {
            Some(timeout) => check_timeout("timeout", timeout)?,
            None => self.timeout,
        };
        Ok(Client {
            inner: self.inner.clone(),
            timeout,
            max_retries: options.max_retries.unwrap_or(self.max_retries),
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.transport.base_url()
    }

    /// The whole-call timeout of this client (or view).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// How many times this client (or view) repeats a failed attempt when that is safe.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Sends an authenticated call within one whole-call deadline and hands its success answer
    /// to `read`. A refused OAuth token is renewed once and the call repeated once. Every
    /// error, `read`'s included, is scrubbed of the secrets this call knows before it is
    /// returned.
    pub(crate) async fn execute<T>(
        &self,
        request: &Request,
        read: impl FnOnce(Answer) -> Result<T>,
    ) -> Result<T> {
        let Inner {
            transport, auth, ..
        } = &*self.inner;
        let policy = Policy::starting_now(self.timeout, self.max_retries);
        let proxy = self.inner.http.proxy.secrets();
        let known = Redactor::default()
            .with_all(auth.secrets())
            .with_all(&request.secrets)
            .with_all(proxy);
        let mut renewed = false;
        let mut read = Some(read);
        loop {
            let bearer = match auth.bearer(transport, &policy, &known).await {
                Ok(bearer) => bearer,
                Err(err) => return Err(known.error(err)),
            };
            let redactor = known.clone().with(&bearer.token);
            let outcome = transport
                .send(request, Some(&bearer.token), &policy, &redactor)
                .await
                .and_then(|answer| decode::success(request, answer));
            match outcome {
                Err(Error::Api(err)) if err.status == 401 && auth.renewable() && !renewed => {
                    tracing::debug!(target: "leat", method = %request.method, path = %request.path,
                        "access token refused; fetching a new one");
                    auth.refused(&bearer).await;
                    renewed = true;
                }
                Ok(answer) => {
                    let read = read.take().expect("a success ends the loop");
                    return read(answer).map_err(|err| redactor.error(err));
                }
                Err(err) => return Err(redactor.error(err)),
            }
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url())
            .field("auth", &self.inner.auth.credentials().describe())
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .finish_non_exhaustive()
    }
}
