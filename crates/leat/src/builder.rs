//! Building a [`Client`]: credentials, where Leat is, how patient to be, and how to reach it
//! (TLS roots, proxy); everything checked before the client exists.

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use url::{Host, Url};

use crate::auth::Credentials;
use crate::client::Client;
use crate::clock::check_timeout;
use crate::error::{Error, Result};
use crate::proxy::ProxyChoice;
use crate::tls::{CaSource, TlsSettings};
use crate::transport::HttpSettings;

/// Leat's API host used when no base URL is given.
pub const DEFAULT_BASE_URL: &str = "https://api.piggy.eu";
/// Whole-call timeout used when none is given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Connection timeout used when none is given.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Retries used when none is given.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Environment variable read for the API key when no credentials are given.
pub const ENV_API_KEY: &str = "LEAT_API_KEY";
/// Environment variable read for the base URL when none is given.
pub const ENV_BASE_URL: &str = "LEAT_BASE_URL";

/// Configures and builds a [`Client`]. Start with [`Client::builder`].
///
/// ```no_run
/// # fn main() -> leat::Result<()> {
/// let client = leat::Client::builder()
///     .api_key("my-personal-access-token")
///     .timeout(std::time::Duration::from_secs(10))
///     .max_retries(3)
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
pub struct ClientBuilder {
    api_key: Option<SecretString>,
    access_token: Option<SecretString>,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_retries: Option<u32>,
    initial_backoff: Option<Duration>,
    partner_id: Option<String>,
    user_agent_suffix: Option<String>,
    root_certificates: Vec<CaSource>,
    ca_option_name: Option<String>,
    proxy: ProxyChoice,
}

/// Everything [`ClientBuilder::build`] checked, ready for the transport.
pub(crate) struct Settings {
    pub credentials: Credentials,
    pub timeout: Duration,
    pub max_retries: u32,
    pub http: Arc<HttpSettings>,
}

impl ClientBuilder {
    /// Authenticates with an API key (a personal access token), the way Leat prefers.
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::from(key.into()));
        self
    }

    /// Authenticates with a ready OAuth access token.
    #[must_use]
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(SecretString::from(token.into()));
        self
    }

    /// Authenticates with OAuth client credentials: the client fetches, caches and renews
    /// its access token itself. `client_id` may be a number or a string.
    pub fn client_credentials(
        mut self,
        client_id: impl ToString,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_id = Some(client_id.to_string());
        self.client_secret = Some(SecretString::from(client_secret.into()));
        self
    }

    /// Sets only the OAuth client id (for bindings that receive the two halves apart).
    #[must_use]
    pub fn client_id(mut self, client_id: impl ToString) -> Self {
        self.client_id = Some(client_id.to_string());
        self
    }

    /// Sets only the OAuth client secret (for bindings that receive the two halves apart).
    #[must_use]
    pub fn client_secret(mut self, client_secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(client_secret.into()));
        self
    }

    /// Where Leat is; default [`DEFAULT_BASE_URL`], or `LEAT_BASE_URL` when set. Plain
    /// `http://` is accepted only for loopback hosts.
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Bounds each whole call, retries and waits included; default 30 s.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Bounds each connection attempt; default 10 s.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt may be repeated when that is safe; default 2.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The first backoff before a retry; it doubles each retry, with jitter. Default 500 ms.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = Some(backoff);
        self
    }

    /// Sends `X-Partner-ID` with every request, for Leat partners.
    #[must_use]
    pub fn partner_id(mut self, partner_id: impl Into<String>) -> Self {
        self.partner_id = Some(partner_id.into());
        self
    }

    /// Follows `leat-sdk/<version>` in the `User-Agent` header instead of `rust`.
    #[must_use]
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Trusts the CA certificate(s) in `pem` (one or more `-----BEGIN CERTIFICATE-----`
    /// blocks), in addition to the platform's roots or the bundled ones (see [`crate::tls`]).
    /// For a private or corporate CA. Text holding no certificate, or one that cannot be
    /// parsed, makes [`build`](Self::build) fail with [`Error::Config`].
    ///
    /// ```no_run
    /// # fn main() -> leat::Result<()> {
    /// let client = leat::Client::builder()
    ///     .add_root_certificate(std::fs::read("corporate-ca.pem").unwrap())
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn add_root_certificate(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates
            .push(CaSource::Pem(pem.as_ref().to_vec()));
        self
    }

    /// Trusts every CA certificate in the PEM file at `path`, read when the client is built,
    /// as [`add_root_certificate`](Self::add_root_certificate) does. A file that cannot be
    /// read or holds no certificate makes [`build`](Self::build) fail with [`Error::Config`].
    #[must_use]
    pub fn ca_bundle_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.root_certificates.push(CaSource::File(path.into()));
        self
    }

    /// How messages about a refused server certificate name the way to add a CA; bindings
    /// set their own option's name. Default `ClientBuilder::add_root_certificate`.
    #[must_use]
    pub fn ca_option_name(mut self, name: impl Into<String>) -> Self {
        self.ca_option_name = Some(name.into());
        self
    }

    /// Sends every request through this `http://` or `https://` proxy (credentials may be in
    /// the URL: `http://user:password@proxy.example.com:3128`; they are never shown). The
    /// environment's proxy variables are then ignored. Without this, `HTTPS_PROXY`,
    /// `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` are honoured.
    #[must_use]
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxyChoice::Given(SecretString::from(url.into()));
        self
    }

    /// Uses no proxy at all, whatever the environment's proxy variables say.
    #[must_use]
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxyChoice::Off;
        self
    }

    /// Checks the configuration and builds the client. With no credentials given, reads
    /// `LEAT_API_KEY`; with no base URL given, reads `LEAT_BASE_URL`.
    ///
    /// # Errors
    /// [`Error::Config`] naming the setting that is missing or invalid.
    pub fn build(self) -> Result<Client> {
        Client::from_settings(self.into_settings()?)
    }

    pub(crate) fn into_settings(self) -> Result<Settings> {
        let base_url = match self.base_url {
            Some(url) => url,
            None => env_var(ENV_BASE_URL).unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()),
        };
        let timeout = check_timeout("timeout", self.timeout.unwrap_or(DEFAULT_TIMEOUT))?;
        let connect_timeout = check_timeout(
            "connect_timeout",
            self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
        )?;
        // Bindings name their language in the suffix; plain Rust users get "rust".
        let suffix = self
            .user_agent_suffix
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "rust".into());
        let user_agent = format!("leat-sdk/{} {}", env!("CARGO_PKG_VERSION"), suffix.trim());
        if let Some(id) = &self.partner_id {
            if id.trim().is_empty() || id.chars().any(|c| c.is_control()) {
                return Err(Error::config(format!(
                    "partner_id {id:?} must be non-empty printable text"
                )));
            }
        }
        Ok(Settings {
            credentials: credentials(
                self.api_key,
                self.access_token,
                self.client_id,
                self.client_secret,
            )?,
            timeout,
            max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            http: Arc::new(HttpSettings {
                base_url: parse_base_url(&base_url)?,
                connect_timeout,
                initial_backoff: self.initial_backoff.unwrap_or(Duration::from_millis(500)),
                partner_id: self.partner_id,
                user_agent,
                tls: TlsSettings::new(&self.root_certificates, self.ca_option_name.as_deref())?,
                proxy: self.proxy.check()?,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |set: bool| if set { Some("<redacted>") } else { None };
        f.debug_struct("ClientBuilder")
            .field("api_key", &redacted(self.api_key.is_some()))
            .field("access_token", &redacted(self.access_token.is_some()))
            .field("client_id", &self.client_id)
            .field("client_secret", &redacted(self.client_secret.is_some()))
            .field("base_url", &self.base_url.as_deref().map(shown_base_url))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("partner_id", &self.partner_id)
            .field("root_certificates", &self.root_certificates.len())
            .field("proxy", &self.proxy)
            .finish_non_exhaustive()
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn credentials(
    api_key: Option<SecretString>,
    access_token: Option<SecretString>,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
) -> Result<Credentials> {
    use secrecy::ExposeSecret;
    let empty = |s: &SecretString| s.expose_secret().trim().is_empty();
    let oauth = client_id.is_some() || client_secret.is_some();
    let given =
        usize::from(api_key.is_some()) + usize::from(access_token.is_some()) + usize::from(oauth);
    if given > 1 {
        return Err(Error::config(
            "give only one of api_key, access_token, or client_id + client_secret",
        ));
    }
    if let Some(key) = api_key {
        if empty(&key) {
            return Err(Error::config("api_key is empty"));
        }
        return Ok(Credentials::Bearer(key));
    }
    if let Some(token) = access_token {
        if empty(&token) {
            return Err(Error::config("access_token is empty"));
        }
        return Ok(Credentials::Bearer(token));
    }
    if oauth {
        return match (client_id, client_secret) {
            (Some(id), Some(secret)) if !id.trim().is_empty() && !empty(&secret) => {
                Ok(Credentials::ClientCredentials {
                    client_id: id.trim().to_owned(),
                    client_secret: secret,
                })
            }
            (Some(id), _) if id.trim().is_empty() => Err(Error::config("client_id is empty")),
            (Some(_), _) => Err(Error::config(
                "client_id was given without client_secret; OAuth client credentials need both",
            )),
            (None, _) => Err(Error::config(
                "client_secret was given without client_id; OAuth client credentials need both",
            )),
        };
    }
    match env_var(ENV_API_KEY) {
        Some(key) => Ok(Credentials::Bearer(SecretString::from(key))),
        None => Err(Error::config(format!(
            "no credentials: pass an api_key (a Leat personal access token), an access_token, \
             or client_id + client_secret, or set {ENV_API_KEY}"
        ))),
    }
}

/// A base URL as errors and `Debug` may show it: never a user name, password, query or
/// fragment (an API key put there by mistake), and no part of text that is not a URL but
/// might hold them.
fn shown_base_url(text: &str) -> String {
    match Url::parse(text.trim()) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            url.to_string()
        }
        Err(_) if text.contains(['@', '?', '#']) => "<not shown: it may hold credentials>".into(),
        Err(_) => text.to_owned(),
    }
}

/// `https://` anywhere; plain `http://` only where the token cannot leave the machine.
pub(crate) fn parse_base_url(text: &str) -> Result<Url> {
    let shown = shown_base_url(text);
    let mut url = Url::parse(text.trim()).map_err(|err| {
        Error::config(format!(
            "base_url {shown:?} is not an absolute URL ({err}); use e.g. {DEFAULT_BASE_URL:?}"
        ))
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "base_url must not contain a user name or password; pass credentials separately",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(format!(
            "base_url {shown:?} must not have a query or fragment (not shown)"
        )));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::config(format!(
                "base_url {shown:?} uses plain http:// for a host that is not loopback; the \
                 bearer token would travel in clear text, use https://"
            )))
        }
        other => {
            return Err(Error::config(format!(
                "base_url {shown:?} has scheme {other:?}; use https://"
            )))
        }
    }
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_for_loopback() {
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1:1",
            "http://127.8.9.10",
            "http://[::1]:3000",
            "https://api.piggy.eu",
        ] {
            parse_base_url(ok).unwrap();
        }
        for bad in [
            "http://api.piggy.eu",
            "http://10.0.0.1",
            "http://localhost.evil.com",
            "ftp://localhost",
            "api.piggy.eu",
            "https://user:pw@api.piggy.eu",
        ] {
            assert!(
                matches!(parse_base_url(bad), Err(Error::Config { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_base_url_never_shows_what_may_hold_a_secret() {
        for (given, hidden) in [
            (
                "https://api.piggy.eu/x?api_key=sk_live_123456",
                "sk_live_123456",
            ),
            ("https://api.piggy.eu/x#sk_live_123456", "sk_live_123456"),
            ("https://user:pw_123456@api.piggy.eu", "pw_123456"),
            ("https://u:pw_123456@exa mple.com", "pw_123456"),
            ("not a url ?key=sk_live_123456", "sk_live_123456"),
        ] {
            let err = parse_base_url(given).unwrap_err();
            let builder = Client::builder().base_url(given);
            let text = format!("{err} {err:?} {builder:?}");
            assert!(!text.contains(hidden), "{text}");
        }
        let err = parse_base_url("htps//api.piggy.eu").unwrap_err();
        assert!(err.to_string().contains("htps//api.piggy.eu"), "{err}");
    }

    #[test]
    fn base_url_loses_its_trailing_slash() {
        assert_eq!(
            parse_base_url("https://proxy.example.com/leat/")
                .unwrap()
                .as_str(),
            "https://proxy.example.com/leat"
        );
    }
}
