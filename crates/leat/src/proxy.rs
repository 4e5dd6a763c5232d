//! Which proxy a client's requests go through: the environment's (`HTTPS_PROXY`,
//! `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`) unless told otherwise, one given in code, or none.
//! A proxy URL may hold credentials: they are secrets like the API key, never shown.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::error::{Error, Result};

/// What the builder was told about proxies.
#[derive(Clone, Default)]
pub(crate) enum ProxyChoice {
    /// The environment's proxy variables, as curl reads them (reqwest's default).
    #[default]
    Environment,
    /// Every request through this proxy; the environment's variables are ignored.
    Given(SecretString),
    /// No proxy, whatever the environment says.
    Off,
}

/// A checked proxy choice, ready for the HTTP layer.
pub(crate) enum Proxy {
    Environment {
        /// The credentials in the environment's proxy URLs, to scrub from what servers send.
        secrets: Vec<SecretString>,
    },
    Given {
        url: Url,
        /// The credentials in the URL, as written and decoded, to scrub from what servers send.
        secrets: Vec<SecretString>,
    },
    Off,
}

impl ProxyChoice {
    /// Checks a proxy URL: `http://` or `https://`, with a host; credentials allowed.
    pub(crate) fn check(&self) -> Result<Proxy> {
        let text = match self {
            ProxyChoice::Environment => {
                let secrets = ENV_PROXIES
                    .iter()
                    .filter_map(|name| std::env::var(name).ok())
                    .filter_map(|text| Url::parse(text.trim()).ok())
                    .flat_map(|url| credentials(&url))
                    .collect();
                return Ok(Proxy::Environment { secrets });
            }
            ProxyChoice::Off => return Ok(Proxy::Off),
            ProxyChoice::Given(text) => text.expose_secret().trim(),
        };
        let shown = shown(text);
        let url = Url::parse(text).map_err(|err| {
            Error::config(format!(
                "proxy {shown:?} is not a URL ({err}); use e.g. \"http://proxy.example.com:3128\""
            ))
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::config(format!(
                "proxy {shown:?} is not an http:// or https:// URL; use e.g. \
                 \"http://proxy.example.com:3128\""
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(Error::config(format!("proxy {shown:?} has no host")));
        }
        let secrets = credentials(&url);
        Ok(Proxy::Given { url, secrets })
    }
}

/// The variables the HTTP layer reads a proxy from, in both cases, as curl does.
const ENV_PROXIES: [&str; 6] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The password in a proxy URL, as written and decoded.
fn credentials(url: &Url) -> Vec<SecretString> {
    let mut secrets = Vec::new();
    if let Some(password) = url.password() {
        secrets.push(SecretString::from(password.to_owned()));
        let decoded = url::form_urlencoded::parse(format!("p={password}").as_bytes())
            .next()
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        if decoded != password {
            secrets.push(SecretString::from(decoded));
        }
    }
    secrets
}

impl Proxy {
    /// The secrets the proxy URL holds.
    pub(crate) fn secrets(&self) -> &[SecretString] {
        match self {
            Proxy::Given { secrets, .. } | Proxy::Environment { secrets } => secrets,
            Proxy::Off => &[],
        }
    }
}

/// A proxy URL as it may be shown: without its user name and password.
pub(crate) fn shown(text: &str) -> String {
    match Url::parse(text) {
        Ok(url) if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() => {
            // `user:password@host` parses with `user` as its scheme: show no part of it.
            "<not shown: it may hold credentials>".into()
        }
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            let mut shown = url.to_string();
            if let Some(at) = shown.find("://") {
                shown.insert_str(at + 3, "<credentials>@");
            }
            shown
        }
        Ok(url) => url.to_string(),
        // Not a URL: it could still hold a password (`user:pass@host`); show no part of it.
        Err(_) => "<not shown: it may hold credentials>".into(),
    }
}

impl fmt::Debug for ProxyChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyChoice::Environment => f.write_str("from the environment"),
            ProxyChoice::Given(url) => write!(f, "{}", shown(url.expose_secret())),
            ProxyChoice::Off => f.write_str("none"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(url: &str) -> Result<Proxy> {
        ProxyChoice::Given(SecretString::from(url.to_owned())).check()
    }

    #[test]
    fn credentials_are_secrets_and_never_shown() {
        let proxy = given("http://user:p%40ss@proxy.example.com:3128").unwrap();
        let secrets: Vec<&str> = proxy.secrets().iter().map(|s| s.expose_secret()).collect();
        assert_eq!(secrets, ["p%40ss", "p@ss"]);
        let choice = ProxyChoice::Given(SecretString::from(
            "http://user:p%40ss@proxy.example.com:3128".to_owned(),
        ));
        assert_eq!(
            format!("{choice:?}"),
            "http://<credentials>@proxy.example.com:3128/"
        );
    }

    #[test]
    fn only_http_and_https_proxies_with_a_host() {
        for bad in [
            "socks5://proxy:1080",
            "proxy:3128",
            "http://",
            "user:secretpw@proxy",
        ] {
            let err = given(bad).err().unwrap_or_else(|| panic!("{bad} accepted"));
            assert!(matches!(err, Error::Config { .. }));
            assert!(!err.to_string().contains("secretpw"), "{err}");
        }
        given("https://proxy.example.com").unwrap();
    }
}
