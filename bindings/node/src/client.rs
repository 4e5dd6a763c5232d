//! `new Client(options)`: the contract's camelCase options turned into the core's builder, and
//! the client's calls, each started on the runtime with the core client it needs owned and
//! answered through the environment's call queue (`hot_path/calls.rs`).

use std::sync::{Mutex, OnceLock, PoisonError};

use napi::bindgen_prelude::Either;
use napi::Env;
use napi_derive::napi;
use serde::{Deserialize, Deserializer};

use crate::calls::Calls;
use crate::errors;
use crate::json::{self, Field, Mismatch};
use crate::logging;
use crate::operations;

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

/// A number of milliseconds as JavaScript may give it: a number, or `Infinity`, `-Infinity` and
/// `NaN`, which `JSON.stringify` cannot write and the JavaScript side sends as text.
pub(crate) struct Millis(pub f64);

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Given {
            Number(f64),
            Text(String),
        }
        match Given::deserialize(deserializer)? {
            Given::Number(ms) => Ok(Millis(ms)),
            Given::Text(text) => match text.as_str() {
                "Infinity" => Ok(Millis(f64::INFINITY)),
                "-Infinity" => Ok(Millis(f64::NEG_INFINITY)),
                "NaN" => Ok(Millis(f64::NAN)),
                _ => Err(serde::de::Error::custom("a string")),
            },
        }
    }
}

impl Millis {
    /// As a duration; what is too short or not a number is the core's to refuse.
    pub(crate) fn duration(self, option: &str) -> Result<std::time::Duration, Box<leat::Error>> {
        Ok(leat::host::duration(option, self.0, 0.001, "milliseconds")?)
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
    timeout: Option<Millis>,
    connect_timeout: Option<Millis>,
    max_retries: Option<f64>,
    partner_id: Option<String>,
    ca: Option<Ca>,
    proxy: Option<ProxyOption>,
}

/// The `proxy` option: a URL, or `false` for no proxy at all.
#[derive(Deserialize)]
#[serde(untagged)]
enum ProxyOption {
    Url(String),
    Off(bool),
}

const TIMEOUT: Field = Field {
    name: "timeout",
    expected: "a number of milliseconds",
};
const MAX_RETRIES: Field = Field {
    name: "maxRetries",
    expected: "an integer >= 0",
};

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
    TIMEOUT,
    Field {
        name: "connectTimeout",
        expected: "a number of milliseconds",
    },
    MAX_RETRIES,
    Field {
        name: "partnerId",
        expected: "a string",
    },
    Field {
        name: "ca",
        expected: "a PEM string or Buffer, or an array of them",
    },
    Field {
        name: "proxy",
        expected: "a proxy URL such as 'http://proxy.example.com:3128', or false",
    },
];

/// What a single call, or a `withOptions` view, may change.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct CallOptions {
    timeout: Option<Millis>,
    max_retries: Option<f64>,
}

const CALL_OPTIONS: &[Field] = &[TIMEOUT, MAX_RETRIES];

/// The native half of `Client`: the core client, cheap to clone, and the logger its calls'
/// events go to, if any.
#[napi(js_name = "NativeClient")]
pub struct Client {
    inner: leat::Client,
    logger: Option<u32>,
}

#[napi]
impl Client {
    /// The base URL requests go to.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// The id of the logger this client's events go to (see `logging.rs`), if it has one.
    #[napi(getter)]
    pub fn logger_id(&self) -> Option<u32> {
        self.logger
    }

    /// A view with other per-call settings (`{ timeout, maxRetries }` as JSON text), sharing the
    /// connection pool and credentials: the view, or the text of an error envelope.
    #[napi(catch_unwind)]
    pub fn with_options(&self, options: String) -> Either<Client, String> {
        match view(&self.inner, &options) {
            Ok(inner) => Either::A(Client {
                inner,
                logger: self.logger,
            }),
            Err(err) => Either::B(errors::envelope(err.as_ref())),
        }
    }

    /// Operation `operation` (its id, e.g. `contacts.get`) with `args` (the JSON text of the
    /// arguments object) as call `id`; `options` is the JSON text of `{ timeout, maxRetries }`
    /// or `null`, and a `cancellable` call can be stopped by id. See `operations.rs` for what
    /// it answers.
    #[napi(catch_unwind)]
    pub fn call(
        &self,
        calls: &Calls,
        id: u32,
        cancellable: bool,
        options: String,
        operation: String,
        args: String,
    ) {
        let Some(op) = leat::operation::operation(&operation) else {
            let refused = errors::bad_argument(
                "operation",
                &format!("{operation:?} is not an operation of Leat's API"),
            );
            calls.start(id, cancellable, async move { refused });
            return;
        };
        self.run(calls, id, cancellable, &options, |client| {
            operations::call(client, op, args)
        });
    }
}

impl Client {
    /// Starts `call` as call `id` on the client for these options (see `call_client`), with
    /// the core's events during it going to this client's logger.
    fn run<F>(
        &self,
        calls: &Calls,
        id: u32,
        cancellable: bool,
        options: &str,
        call: impl FnOnce(Result<leat::Client, String>) -> F,
    ) where
        F: std::future::Future<Output = String> + Send + 'static,
    {
        let work = call(self.call_client(options));
        calls.start(id, cancellable, logged(self.logger, work));
    }
}

/// `call`, with the core's events during it going to `logger`, if any.
fn logged(
    logger: Option<u32>,
    call: impl std::future::Future<Output = String> + Send + 'static,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = String> + Send>> {
    match logger {
        Some(id) => Box::pin(logging::with_logger(id, call)),
        None => Box::pin(call),
    }
}

impl Client {
    /// The core client for one call: this one, or a view with the call's options (JSON text,
    /// `null` for none); a bad option becomes the call's error envelope.
    fn call_client(&self, options: &str) -> Result<leat::Client, String> {
        if options == "null" {
            return Ok(self.inner.clone());
        }
        view(&self.inner, options).map_err(|err| errors::envelope(err.as_ref()))
    }
}

fn view(client: &leat::Client, options: &str) -> Result<leat::Client, Box<leat::Error>> {
    let options: CallOptions = json::object(
        "options",
        "{ timeout, maxRetries, signal }",
        CALL_OPTIONS,
        options,
    )
    .map_err(Mismatch::into_config)?;
    let mut overrides = leat::RequestOptions::new();
    if let Some(ms) = options.timeout {
        overrides = overrides.timeout(ms.duration("timeout")?);
    }
    if let Some(retries) = options.max_retries {
        overrides = overrides.max_retries(leat::host::count("maxRetries", Some(retries))?);
    }
    Ok(client.with_options(overrides)?)
}

/// Forgets the logger of a client that JavaScript collected, with all its views.
#[napi(catch_unwind)]
pub fn forget_logger(id: u32) {
    logging::unregister(id);
}

/// Builds a client from the JSON text of `options`, trusting the CAs of the file named by
/// `NODE_EXTRA_CA_CERTS` too (`extraCaCerts`); with `logger`, its calls' events go to the
/// JavaScript logger registered for this environment's `calls`. The client, or the text of an
/// error envelope (a `ConfigurationError`).
#[napi(catch_unwind)]
pub fn build_client(
    env: Env,
    options: String,
    extra_ca_certs: Option<String>,
    calls: &Calls,
    logger: bool,
) -> Either<Client, String> {
    match build(&env, &options, extra_ca_certs.as_deref()) {
        Ok(inner) => Either::A(Client {
            inner,
            logger: logger.then(|| logging::register(calls.sink())),
        }),
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
        builder = builder.timeout(ms.duration("timeout")?);
    }
    if let Some(ms) = options.connect_timeout {
        builder = builder.connect_timeout(ms.duration("connectTimeout")?);
    }
    if let Some(retries) = options.max_retries {
        builder = builder.max_retries(leat::host::count("maxRetries", Some(retries))?);
    }
    if let Some(partner) = options.partner_id {
        builder = builder.partner_id(partner);
    }
    match options.proxy {
        Some(ProxyOption::Url(url)) => builder = builder.proxy(url),
        Some(ProxyOption::Off(false)) => builder = builder.no_proxy(),
        Some(ProxyOption::Off(true)) => {
            return Err(Box::new(leat::Error::Config {
                message: "option `proxy` must be a proxy URL or false, got true".into(),
            }))
        }
        None => {}
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
