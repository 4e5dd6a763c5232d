//! `new Client(options)`: the contract's camelCase options turned into the core's builder.

use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

use napi::bindgen_prelude::Either;
use napi::Env;
use napi_derive::napi;
use serde::Deserialize;

use crate::errors;
use crate::json::{self, Field, Mismatch};
use crate::webhook_subscriptions::WebhookSubscriptions;

/// A client id as users copy it: Leat's ids are numbers, often written as strings.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum ClientId {
    Number(u64),
    Text(String),
}

impl ClientId {
    pub(crate) fn into_string(self) -> String {
        match self {
            ClientId::Number(id) => id.to_string(),
            ClientId::Text(id) => id,
        }
    }
}

/// One PEM certificate (or bundle) of the `ca` option: a string, or a `Buffer` as
/// `JSON.stringify` writes it (`{"type": "Buffer", "data": [...]}`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Pem {
    Text(String),
    Buffer {
        #[serde(rename = "type")]
        _kind: BufferTag,
        data: Vec<u8>,
    },
}

/// The `type` of a serialised `Buffer`.
#[derive(Deserialize)]
enum BufferTag {
    Buffer,
}

impl Pem {
    fn into_bytes(self) -> Vec<u8> {
        match self {
            Pem::Text(text) => text.into_bytes(),
            Pem::Buffer { data, .. } => data,
        }
    }
}

/// The `ca` option: one PEM or several, as Node's `tls` takes it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Ca {
    One(Pem),
    Many(Vec<Pem>),
}

/// How the core's messages name the `ca` option (for a server certificate it refuses).
const CA_OPTION: &str = "the `ca` option of new Client() or NODE_EXTRA_CA_CERTS";

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Options {
    api_key: Option<String>,
    access_token: Option<String>,
    client_id: Option<ClientId>,
    client_secret: Option<String>,
    base_url: Option<String>,
    timeout: Option<f64>,
    connect_timeout: Option<f64>,
    max_retries: Option<u32>,
    partner_id: Option<String>,
    ca: Option<Ca>,
}

const OPTIONS: &[Field] = &[
    Field {
        name: "apiKey",
        expected: "a string",
    },
    Field {
        name: "accessToken",
        expected: "a string",
    },
    Field {
        name: "clientId",
        expected: "a string or an integer",
    },
    Field {
        name: "clientSecret",
        expected: "a string",
    },
    Field {
        name: "baseUrl",
        expected: "a string",
    },
    Field {
        name: "timeout",
        expected: "a number of milliseconds",
    },
    Field {
        name: "connectTimeout",
        expected: "a number of milliseconds",
    },
    Field {
        name: "maxRetries",
        expected: "an integer >= 0",
    },
    Field {
        name: "partnerId",
        expected: "a string",
    },
    Field {
        name: "ca",
        expected: "a PEM string or Buffer, or an array of them",
    },
];

/// The native half of `Client`: the core client, cheap to clone.
#[napi(js_name = "NativeClient")]
pub struct Client {
    inner: leat::Client,
}

#[napi]
impl Client {
    /// The base URL requests go to.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// The account's webhook subscriptions.
    #[napi]
    pub fn webhook_subscriptions(&self) -> WebhookSubscriptions {
        WebhookSubscriptions::new(self.inner.clone())
    }
}

/// Builds a client from the JSON text of `options`, trusting the CAs of the file named by
/// `NODE_EXTRA_CA_CERTS` too (`extraCaCerts`): the client, or the text of an error envelope
/// (a `ConfigurationError`).
#[napi]
pub fn build_client(
    env: Env,
    options: String,
    extra_ca_certs: Option<String>,
) -> Either<Client, String> {
    match build(&env, &options, extra_ca_certs.as_deref()) {
        Ok(inner) => Either::A(Client { inner }),
        Err(err) => Either::B(errors::envelope(err.as_ref())),
    }
}

fn build(
    env: &Env,
    options: &str,
    extra_ca_certs: Option<&str>,
) -> Result<leat::Client, Box<leat::Error>> {
    let options: Options = json::object("new Client()", "{ apiKey: '...' }", OPTIONS, options)
        .map_err(Mismatch::into_config)?;
    let mut builder = leat::Client::builder()
        .user_agent_suffix(node_version(env))
        .ca_option_name(CA_OPTION);
    if let Some(pem) = extra_ca_certs
        .filter(|path| !path.is_empty())
        .and_then(node_extra_ca_certs)
    {
        builder = builder.add_root_certificate(pem);
    }
    match options.ca {
        Some(Ca::One(pem)) => builder = builder.add_root_certificate(pem.into_bytes()),
        Some(Ca::Many(pems)) => {
            for pem in pems {
                builder = builder.add_root_certificate(pem.into_bytes());
            }
        }
        None => {}
    }
    if let Some(key) = options.api_key {
        builder = builder.api_key(key);
    }
    if let Some(token) = options.access_token {
        builder = builder.access_token(token);
    }
    if let Some(id) = options.client_id {
        builder = builder.client_id(id.into_string());
    }
    if let Some(secret) = options.client_secret {
        builder = builder.client_secret(secret);
    }
    if let Some(url) = options.base_url {
        builder = builder.base_url(url);
    }
    if let Some(ms) = options.timeout {
        builder = builder.timeout(milliseconds("timeout", ms).map_err(Mismatch::into_config)?);
    }
    if let Some(ms) = options.connect_timeout {
        builder = builder
            .connect_timeout(milliseconds("connectTimeout", ms).map_err(Mismatch::into_config)?);
    }
    if let Some(retries) = options.max_retries {
        builder = builder.max_retries(retries);
    }
    if let Some(partner) = options.partner_id {
        builder = builder.partner_id(partner);
    }
    Ok(builder.build()?)
}

/// The certificates of the `NODE_EXTRA_CA_CERTS` file at `path`, read once per path. As in
/// Node, a file that cannot be read or holds no usable certificate is reported on stderr,
/// once, and otherwise ignored.
fn node_extra_ca_certs(path: &str) -> Option<Vec<u8>> {
    static READ: Mutex<Option<(String, Option<Vec<u8>>)>> = Mutex::new(None);
    let mut read = READ.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((known, pem)) = read.as_ref() {
        if known == path {
            return pem.clone();
        }
    }
    let loaded = std::fs::read(path)
        .map_err(|err| err.to_string())
        .and_then(|pem| match leat::tls::count_pem_certificates(&pem) {
            Ok(_) => Ok(pem),
            Err(leat::Error::Config { message }) => Err(message),
            Err(err) => Err(err.to_string()),
        });
    let pem = match loaded {
        Ok(pem) => Some(pem),
        Err(reason) => {
            eprintln!(
                "Warning: leat-sdk is ignoring extra certs from `{path}` (NODE_EXTRA_CA_CERTS), \
                 load failed: {reason}"
            );
            None
        }
    };
    *read = Some((path.to_owned(), pem.clone()));
    pem
}

/// A duration given in milliseconds; whether it is long enough is the core's to say.
pub(crate) fn milliseconds(option: &str, ms: f64) -> Result<Duration, Mismatch> {
    Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| Mismatch {
        field: option.to_owned(),
        message: format!("must be a number of milliseconds >= 0, got {ms}"),
    })
}

/// `node/<process.version>`, for the `User-Agent` header.
fn node_version(env: &Env) -> String {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION
        .get_or_init(|| match env.get_node_version() {
            Ok(v) => format!("node/v{}.{}.{}", v.major, v.minor, v.patch),
            Err(_) => "node".to_owned(),
        })
        .clone()
}
