//! `MockServer` of `leat-sdk/testing`: the core's `leat-mock` running inside the addon, on the
//! addon's runtime.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use napi::{Error, Result, Status};
use napi_derive::napi;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::runtime::Handle;

use crate::client::{ClientId, Millis};
use crate::json::{self, Field, Mismatch};
use crate::runtime;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Options {
    port: Option<u16>,
    api_key: Option<String>,
    client_id: Option<ClientId>,
    client_secret: Option<String>,
    token_ttl_ms: Option<Millis>,
    webhook_secret: Option<String>,
    delivery_backoff_ms: Option<Millis>,
    tls: Option<bool>,
    seed: Option<u64>,
    state: Option<Value>,
}

const OPTIONS: &[Field] = &[
    Field {
        name: "port",
        expected: "an integer from 0 to 65535",
    },
    Field {
        name: "apiKey",
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
        name: "tokenTtlMs",
        expected: "a number of milliseconds",
    },
    Field {
        name: "webhookSecret",
        expected: "a string",
    },
    Field {
        name: "deliveryBackoffMs",
        expected: "a number of milliseconds",
    },
    Field {
        name: "tls",
        expected: "a boolean",
    },
    Field {
        name: "seed",
        expected: "a non-negative integer",
    },
    Field {
        name: "state",
        expected: "an account description object",
    },
];

fn config(text: &str) -> Result<leat_mock::MockConfig> {
    let options: Options = json::object(
        "MockServer.start()",
        "{ port, apiKey, clientId, clientSecret, tokenTtlMs, webhookSecret, deliveryBackoffMs, tls, seed, state }",
        OPTIONS,
        text,
    )
    .map_err(bad_option)?;
    // Zero is a fine wait for a test tool; what cannot be a wait is refused.
    let duration = |name: &str, ms: Option<Millis>| {
        ms.map(|Millis(ms)| {
            std::time::Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                invalid(format!(
                    "MockServer option `{name}` must be a number of milliseconds >= 0, got {ms}"
                ))
            })
        })
        .transpose()
    };
    Ok(leat_mock::MockConfig {
        port: options.port.unwrap_or(0),
        api_key: options.api_key,
        client_id: options.client_id.map(ClientId::into_string),
        client_secret: options.client_secret,
        token_ttl: duration("tokenTtlMs", options.token_ttl_ms)?,
        webhook_secret: options.webhook_secret,
        delivery_backoff: duration("deliveryBackoffMs", options.delivery_backoff_ms)?,
        tls: options.tls.unwrap_or(false),
        seed: options.seed,
        state: options.state,
    })
}

fn bad_option(Mismatch { field, message }: Mismatch) -> Error {
    invalid(format!("MockServer option `{field}` {message}"))
}

fn invalid(message: String) -> Error {
    Error::new(Status::InvalidArg, message)
}

/// A request the mock received, as JavaScript sees it.
#[derive(Serialize)]
struct Request<'a> {
    method: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    /// Lowercase names; a repeated header's values joined with `, `.
    headers: BTreeMap<&'a str, String>,
    /// The body as UTF-8 text (invalid bytes replaced).
    body: std::borrow::Cow<'a, str>,
}

impl<'a> From<&'a leat_mock::RecordedRequest> for Request<'a> {
    fn from(request: &'a leat_mock::RecordedRequest) -> Self {
        let mut headers: BTreeMap<&str, String> = BTreeMap::new();
        for (name, value) in &request.headers {
            headers
                .entry(name)
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(value);
                })
                .or_insert_with(|| value.clone());
        }
        Request {
            method: &request.method,
            path: &request.path,
            query: request.query.as_deref(),
            headers,
            body: String::from_utf8_lossy(&request.body),
        }
    }
}

/// The native half of `MockServer`.
#[napi(js_name = "NativeMockServer")]
pub struct MockServer {
    /// Shared with a `trigger` under way, which keeps the server up until it ends.
    server: Mutex<Option<Arc<leat_mock::MockServer>>>,
    runtime: Handle,
    url: String,
    api_key: String,
    client_id: String,
    client_secret: String,
    webhook_secret: String,
    ca_pem: Option<String>,
}

/// Starts a mock server with the options given as JSON text.
#[napi(catch_unwind)]
pub async fn start_mock_server(options: String) -> Result<MockServer> {
    let server = leat_mock::MockServer::start_with(config(&options)?)
        .await
        .map_err(|err| {
            // A bad account description (`state`) is the caller's input.
            let status = match err.kind() {
                std::io::ErrorKind::InvalidInput => Status::InvalidArg,
                _ => Status::GenericFailure,
            };
            Error::new(status, format!("the mock server could not start: {err}"))
        })?;
    Ok(MockServer {
        runtime: runtime::current(),
        url: server.url().to_owned(),
        api_key: server.api_key().to_owned(),
        client_id: server.client_id().to_owned(),
        client_secret: server.client_secret().to_owned(),
        webhook_secret: server.webhook_secret().to_owned(),
        ca_pem: server.ca_certificate_pem().map(str::to_owned),
        server: Mutex::new(Some(Arc::new(server))),
    })
}

impl MockServer {
    fn slot(&self) -> MutexGuard<'_, Option<Arc<leat_mock::MockServer>>> {
        self.server.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn with_server<T>(&self, f: impl FnOnce(&Arc<leat_mock::MockServer>) -> T) -> Result<T> {
        self.slot().as_ref().map(f).ok_or_else(|| {
            Error::new(
                Status::GenericFailure,
                "the mock server is stopped; start a new one with MockServer.start()",
            )
        })
    }
}

#[napi]
impl MockServer {
    /// Where the server listens, e.g. `http://127.0.0.1:54321`, or `https://localhost:54321`
    /// when started with `tls: true`.
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The PEM certificate of the private CA that signed the server's certificate, when
    /// started with `tls: true`; `null` otherwise.
    #[napi(getter)]
    pub fn ca_pem(&self) -> Option<String> {
        self.ca_pem.clone()
    }

    /// The API key the server accepts.
    #[napi(getter)]
    pub fn api_key(&self) -> String {
        self.api_key.clone()
    }

    /// The OAuth client id the server accepts.
    #[napi(getter)]
    pub fn client_id(&self) -> String {
        self.client_id.clone()
    }

    /// The OAuth client secret the server accepts.
    #[napi(getter)]
    pub fn client_secret(&self) -> String {
        self.client_secret.clone()
    }

    /// The account's webhook secret: deliveries to subscriptions created without a secret
    /// are signed with it.
    #[napi(getter)]
    pub fn webhook_secret(&self) -> String {
        self.webhook_secret.clone()
    }

    /// Stops the server and frees its port; stopping twice does nothing.
    #[napi(catch_unwind)]
    pub fn stop(&self) {
        let taken = self.slot().take();
        if let Some(server) = taken {
            runtime::drop_inside(&self.runtime, server);
        }
    }

    /// Queues faults, given as the JSON text of an array, for the next requests.
    #[napi(catch_unwind)]
    pub fn script(&self, faults: String) -> Result<()> {
        let faults = leat_mock::Fault::from_json(&faults).map_err(invalid)?;
        self.with_server(|server| server.script(faults))
    }

    /// Every request received so far, as the JSON text of an array.
    #[napi(catch_unwind)]
    pub fn requests(&self) -> Result<String> {
        let requests = self.with_server(|server| server.requests())?;
        let view: Vec<Request<'_>> = requests.iter().map(Request::from).collect();
        serde_json::to_string(&view).map_err(|err| Error::from_reason(err.to_string()))
    }

    /// Forgets the requests received so far.
    #[napi(catch_unwind)]
    pub fn clear_requests(&self) -> Result<()> {
        self.with_server(|server| server.clear_requests())
    }

    /// POSTs a signed `{"type", "data"}` (`data` given as JSON text; `null` sends `{}`) to
    /// every ACTIVE subscription of `eventType` on this machine, retrying a failing receiver
    /// up to 5 times; resolves, once every attempt has ended, to the JSON text of an array
    /// with one `{uuid, url, status, attempts}` per subscription.
    #[napi(catch_unwind)]
    pub async fn trigger(&self, event_type: String, data: String) -> Result<String> {
        let data = match serde_json::from_str(&data) {
            Ok(Value::Null) => Value::Object(serde_json::Map::new()),
            Ok(data) => data,
            Err(_) => return Err(invalid("trigger() data must be JSON-serialisable".into())),
        };
        let server = self.with_server(Arc::clone)?;
        let deliveries = server.trigger(&event_type, data).await;
        serde_json::to_string(&deliveries).map_err(|err| Error::from_reason(err.to_string()))
    }

    /// The stored subscriptions as the API returns them, as the JSON text of an array.
    #[napi(catch_unwind)]
    pub fn subscriptions(&self) -> Result<String> {
        let stored = self.with_server(|server| server.subscriptions())?;
        serde_json::to_string(&stored).map_err(|err| Error::from_reason(err.to_string()))
    }

    /// How many times `/oauth/token` was asked.
    #[napi(catch_unwind)]
    pub fn token_requests(&self) -> Result<u32> {
        self.with_server(|server| u32::try_from(server.token_requests()).unwrap_or(u32::MAX))
    }

    /// Makes every access token issued so far invalid.
    #[napi(catch_unwind)]
    pub fn expire_tokens(&self) -> Result<()> {
        self.with_server(|server| server.expire_tokens())
    }

    /// Back to the starting account: every entity, subscription, request, queued fault and
    /// delivery forgotten; with a `seed`, the same uuids again.
    #[napi(catch_unwind)]
    pub fn reset(&self) -> Result<()> {
        self.with_server(|server| server.reset())
    }

    /// Replaces the account with the description given as JSON text; `reset()` then returns
    /// to it.
    #[napi(catch_unwind)]
    pub fn load_state(&self, account: String) -> Result<()> {
        let account: Value = serde_json::from_str(&account)
            .map_err(|_| invalid("loadState() needs a JSON-serialisable object".into()))?;
        self.with_server(|server| server.load_state(&account))?
            .map_err(|err| invalid(err.to_string()))
    }

    /// The entities kept for `collection`, as the JSON text of an array.
    #[napi(catch_unwind)]
    pub fn entities(&self, collection: String) -> Result<String> {
        let entities = self.with_server(|server| server.entities(&collection))?;
        serde_json::to_string(&entities).map_err(|err| Error::from_reason(err.to_string()))
    }

    /// The deliveries that have ended, as the JSON text of an array: at once, or, with
    /// `waitMs`, once `count` have ended or `waitMs` has passed.
    #[napi(catch_unwind)]
    pub async fn deliveries(&self, count: u32, wait_ms: Option<f64>) -> Result<String> {
        let server = self.with_server(Arc::clone)?;
        let sent = match wait_ms {
            None => server.deliveries(),
            Some(ms) => {
                let timeout =
                    std::time::Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                        invalid(format!(
                            "deliveries() option `wait` must be milliseconds >= 0, got {ms}"
                        ))
                    })?;
                server.wait_for_deliveries(count as usize, timeout).await
            }
        };
        serde_json::to_string(&sent).map_err(|err| Error::from_reason(err.to_string()))
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop();
    }
}
