//! Credentials and the bearer token each request carries, including the OAuth
//! client-credentials flow: one token fetch at a time, cached until shortly before it
//! expires, renewed when Leat refuses it.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::clock;
use crate::decode;
use crate::error::{Error, Result};
use crate::http::{Body, Request};
use crate::redact::Redactor;
use crate::transport::{Policy, Transport};

/// The path of Leat's OAuth token endpoint.
pub(crate) const TOKEN_PATH: &str = "/oauth/token";

/// What the client authenticates with.
pub(crate) enum Credentials {
    /// An API key, personal access token or ready access token, sent as is.
    Bearer(SecretString),
    /// OAuth client credentials, exchanged for access tokens on demand.
    ClientCredentials {
        client_id: String,
        client_secret: SecretString,
    },
}

impl Credentials {
    /// A description safe for `Debug`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Credentials::Bearer(_) => "bearer token <redacted>".into(),
            Credentials::ClientCredentials { client_id, .. } => {
                format!("OAuth client {client_id} with secret <redacted>")
            }
        }
    }
}

/// A token to send, and which cached token it was (so a refusal renews only that one).
pub(crate) struct Bearer {
    pub token: Arc<SecretString>,
    generation: u64,
}

struct CachedToken {
    token: Arc<SecretString>,
    renew_at: Instant,
    generation: u64,
}

/// Hands out bearer tokens.
pub(crate) struct Auth {
    credentials: Credentials,
    static_token: Option<Arc<SecretString>>,
    cache: Mutex<(Option<CachedToken>, u64)>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    /// Seconds, as a number or numeric text; anything else means "not said".
    #[serde(default)]
    expires_in: Option<Value>,
}

impl TokenAnswer {
    /// The lifetime Leat gave, if it gave one that reads as a number of seconds.
    fn lifetime(&self) -> Option<Duration> {
        let seconds = match self.expires_in.as_ref()? {
            Value::Number(n) => n.as_f64()?,
            Value::String(s) => s.trim().parse::<f64>().ok()?,
            _ => return None,
        };
        // A negative lifetime is an expired token; a huge one is capped by the clock.
        Some(Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::MAX))
    }
}

impl Auth {
    pub(crate) fn new(credentials: Credentials) -> Self {
        let static_token = match &credentials {
            Credentials::Bearer(token) => Some(Arc::new(token.clone())),
            Credentials::ClientCredentials { .. } => None,
        };
        Auth {
            credentials,
            static_token,
            cache: Mutex::new((None, 0)),
        }
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The secrets these credentials hold, to scrub from what servers send back.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &SecretString> {
        let (token, secret) = match &self.credentials {
            Credentials::Bearer(token) => (Some(token), None),
            Credentials::ClientCredentials { client_secret, .. } => (None, Some(client_secret)),
        };
        token.into_iter().chain(secret)
    }

    /// `true` when a refused token can be replaced by fetching a new one.
    pub(crate) fn renewable(&self) -> bool {
        self.static_token.is_none()
    }

    /// The token for the next request, fetching one first if none is cached or it is about
    /// to expire. Callers waiting at the same time share one fetch.
    pub(crate) async fn bearer(
        &self,
        transport: &Transport,
        policy: &Policy,
        redactor: &Redactor<'_>,
    ) -> Result<Bearer> {
        if let Some(token) = &self.static_token {
            return Ok(Bearer {
                token: token.clone(),
                generation: 0,
            });
        }
        let mut cache = self.cache.lock().await;
        if let Some(cached) = &cache.0 {
            if Instant::now() < cached.renew_at {
                return Ok(Bearer {
                    token: cached.token.clone(),
                    generation: cached.generation,
                });
            }
        }
        let (token, lifetime) = self.fetch(transport, policy, redactor).await?;
        cache.1 += 1;
        let generation = cache.1;
        let token = Arc::new(token);
        cache.0 = Some(CachedToken {
            token: token.clone(),
            renew_at: clock::after(renew_after(lifetime)),
            generation,
        });
        Ok(Bearer { token, generation })
    }

    /// Forgets the token Leat refused, unless another caller already replaced it.
    pub(crate) async fn refused(&self, bearer: &Bearer) {
        let mut cache = self.cache.lock().await;
        if cache.0.as_ref().map(|c| c.generation) == Some(bearer.generation) {
            cache.0 = None;
        }
    }

    async fn fetch(
        &self,
        transport: &Transport,
        policy: &Policy,
        redactor: &Redactor<'_>,
    ) -> Result<(SecretString, Option<Duration>)> {
        let Credentials::ClientCredentials {
            client_id,
            client_secret,
        } = &self.credentials
        else {
            unreachable!("only OAuth credentials fetch tokens");
        };
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", client_id)
            .append_pair("client_secret", client_secret.expose_secret())
            .finish();
        let request = Request {
            body: Body::Form(body.into_bytes().into()),
            // Asking for a token twice changes nothing at Leat.
            idempotent: true,
            ..Request::new(Method::POST, TOKEN_PATH.to_owned())
        };
        let answer = transport.send(&request, None, policy, redactor).await?;
        let answer = decode::success(&request, answer)?;
        let parsed: TokenAnswer = decode::plain(&request, &answer).map_err(withhold_body)?;
        let lifetime = parsed.lifetime();
        Ok((SecretString::from(parsed.access_token), lifetime))
    }
}

/// A token answer that does not decode may still hold a token: say where it failed, never
/// what it held.
fn withhold_body(err: Error) -> Error {
    match err {
        Error::Decode {
            method,
            path,
            status,
            field,
            ..
        } => Error::Decode {
            method,
            path,
            status,
            field,
            message: "the token endpoint's answer is not {\"access_token\": string, \"expires_in\": seconds}".into(),
            body_snippet: "(withheld: it may hold a token)".into(),
        },
        other => other,
    }
}

/// Renew a little before the token expires: a tenth of its life, at most a minute early.
/// Without a lifetime, five minutes.
fn renew_after(lifetime: Option<Duration>) -> Duration {
    let lifetime = lifetime.unwrap_or(Duration::from_secs(300));
    let margin = (lifetime / 10).min(Duration::from_secs(60));
    lifetime - margin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renews_shortly_before_expiry() {
        assert_eq!(
            renew_after(Some(Duration::from_secs(3600))),
            Duration::from_secs(3540)
        );
        assert_eq!(
            renew_after(Some(Duration::from_secs(100))),
            Duration::from_secs(90)
        );
        assert_eq!(renew_after(Some(Duration::ZERO)), Duration::ZERO);
        assert_eq!(
            renew_after(Some(Duration::MAX)),
            Duration::MAX - Duration::from_secs(60)
        );
    }

    #[test]
    fn expires_in_is_read_tolerantly() {
        let lifetime = |text: &str| {
            serde_json::from_str::<TokenAnswer>(&format!(
                r#"{{"access_token": "t", "expires_in": {text}}}"#
            ))
            .unwrap()
            .lifetime()
        };
        assert_eq!(lifetime("3600"), Some(Duration::from_secs(3600)));
        assert_eq!(lifetime("\"90\""), Some(Duration::from_secs(90)));
        assert_eq!(lifetime("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(lifetime("-5"), Some(Duration::ZERO));
        assert_eq!(lifetime("18446744073709551615"), Some(Duration::MAX));
        assert_eq!(lifetime("1e300"), Some(Duration::MAX));
        assert_eq!(lifetime("true"), None);
        assert_eq!(lifetime("null"), None);
        assert_eq!(lifetime("\"soon\""), None);
    }
}
