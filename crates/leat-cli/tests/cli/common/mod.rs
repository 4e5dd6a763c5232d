//! Shared set-up: the mock Leat API and a webhook receiver running inside the test process,
//! and the `leat` binary pointed at them with a clean environment.

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::Command;
use axum::body::Bytes;
use axum::extract::Request;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use leat::{CreateParams, EventType};
use leat_mock::{MockConfig, MockServer};
use serde_json::Value;

/// The environment variables `leat` reads; removed so the caller's own never leak in.
const LEAT_ENV: [&str; 7] = [
    "LEAT_API_KEY",
    "LEAT_BASE_URL",
    "LEAT_CLIENT_ID",
    "LEAT_CLIENT_SECRET",
    "LEAT_WEBHOOK_SECRET",
    "LEAT_LOG",
    "LEAT_WHSEC_MEMBERS",
];

/// The account's webhook secret the mock signs with, and the receivers verify with.
pub const WEBHOOK_SECRET: &str = "whsec_cli_tests";

/// `leat` with none of the caller's `LEAT_*` variables, and a deadline.
pub fn leat() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_leat"));
    for name in LEAT_ENV {
        command.env_remove(name);
    }
    command
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    command
}

/// A runtime for the servers of one test: they run on its worker while the test waits for
/// the `leat` process.
pub struct Servers {
    runtime: tokio::runtime::Runtime,
}

impl Servers {
    fn new() -> Servers {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        Servers { runtime }
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

/// The mock Leat API, and `leat` configured for it through the environment.
pub struct Mock {
    pub server: MockServer,
    // Declared last: dropped after the server.
    servers: Servers,
}

impl Mock {
    pub fn start() -> Mock {
        let servers = Servers::new();
        let config = MockConfig {
            webhook_secret: Some(WEBHOOK_SECRET.into()),
            ..MockConfig::default()
        };
        let server = servers
            .block_on(MockServer::start_with(config))
            .expect("the mock starts");
        Mock { server, servers }
    }

    /// `leat` with `LEAT_API_KEY` and `LEAT_BASE_URL` for this mock.
    pub fn leat(&self) -> Command {
        let mut command = leat();
        command
            .env("LEAT_API_KEY", self.server.api_key())
            .env("LEAT_BASE_URL", self.server.url());
        command
    }

    /// The subscriptions the mock holds, as the API returns them.
    pub fn subscriptions(&self) -> Vec<Value> {
        self.server.subscriptions()
    }

    /// The (name, event type) of every subscription the mock holds, sorted.
    pub fn names(&self) -> Vec<(String, String)> {
        let mut names: Vec<(String, String)> = self
            .subscriptions()
            .iter()
            .map(|s| (text(s, "name"), text(s, "event_type")))
            .collect();
        names.sort();
        names
    }

    /// Creates a subscription directly with the core client; its uuid.
    pub fn seed(&self, name: &str, event_type: &str, url: &str) -> String {
        self.seed_params(CreateParams::new(name, EventType::from(event_type), url))
    }

    /// Creates the subscription `params` describe directly with the core client; its uuid.
    pub fn seed_params(&self, params: CreateParams) -> String {
        let client = leat::Client::builder()
            .api_key(self.server.api_key())
            .base_url(self.server.url())
            .build()
            .expect("a client for the mock");
        self.servers
            .block_on(client.webhook_subscriptions().create(params))
            .expect("the mock creates it")
            .uuid
    }

    /// How many requests with `method` reached the subscriptions API.
    pub fn requests(&self, method: &str) -> Vec<leat_mock::RecordedRequest> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.method == method && r.path.contains("webhook-subscriptions"))
            .collect()
    }
}

/// A string field of a JSON object, or "".
pub fn text(value: &Value, field: &str) -> String {
    value[field].as_str().unwrap_or_default().to_owned()
}

/// What a receiver got in one delivery.
#[derive(Clone, Debug)]
pub struct Received {
    pub signature: Option<String>,
    pub content_type: Option<String>,
    pub body: Bytes,
}

#[derive(Clone)]
struct ReceiverState {
    received: Arc<Mutex<Vec<Received>>>,
    refuse_first: Arc<AtomicUsize>,
}

/// A webhook receiver on 127.0.0.1 that verifies each delivery with the core and answers
/// 200 `accepted <event type>`, or 400 with the reason; it can be told to answer 500 to the
/// first few.
pub struct Receiver {
    pub url: String,
    state: ReceiverState,
    _servers: Servers,
}

impl Receiver {
    pub fn start() -> Receiver {
        Receiver::refusing_first(0)
    }

    /// A receiver that answers 500 to its first `count` deliveries.
    pub fn refusing_first(count: usize) -> Receiver {
        let servers = Servers::new();
        let state = ReceiverState {
            received: Arc::default(),
            refuse_first: Arc::new(AtomicUsize::new(count)),
        };
        let app = Router::new()
            .route("/webhooks", post(receive))
            .with_state(state.clone());
        let listener = servers
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a port for the receiver");
        let address = listener.local_addr().expect("its address");
        servers.runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver {
            url: format!("http://{address}/webhooks"),
            state,
            _servers: servers,
        }
    }

    /// Every delivery received, in order.
    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }
}

async fn receive(
    State(state): State<ReceiverState>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let signature = header("signature");
    state.received.lock().unwrap().push(Received {
        signature: signature.clone(),
        content_type: header("content-type"),
        body: body.clone(),
    });
    let refuse = state
        .refuse_first
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if refuse {
        return (StatusCode::INTERNAL_SERVER_ERROR, "not yet".into());
    }
    match leat::webhooks::construct_event(&body, &signature.unwrap_or_default(), &[WEBHOOK_SECRET])
    {
        Ok(event) => (StatusCode::OK, format!("accepted {}", event.event_type)),
        Err(err) => (StatusCode::BAD_REQUEST, err.kind().to_owned()),
    }
}

/// What a [`Stub`] received in one request.
#[derive(Clone, Debug)]
pub struct Asked {
    pub method: String,
    pub path: String,
    pub query: String,
    pub body: Bytes,
}

impl Asked {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// How a [`Stub`] answers one request: the status and the body.
pub type Answer = dyn Fn(&Asked) -> (u16, Value) + Send + Sync;

/// A stand-in for Leat on 127.0.0.1 that records every request and answers with `answer`:
/// for operations the mock does not serve yet, and for answers the test writes itself.
pub struct Stub {
    pub url: String,
    asked: Arc<Mutex<Vec<Asked>>>,
    _servers: Servers,
}

impl Stub {
    pub fn start(answer: impl Fn(&Asked) -> (u16, Value) + Send + Sync + 'static) -> Stub {
        let servers = Servers::new();
        let asked: Arc<Mutex<Vec<Asked>>> = Arc::default();
        let answer: Arc<Answer> = Arc::new(answer);
        let record = asked.clone();
        let app = Router::new().fallback(move |request: Request| {
            let record = record.clone();
            let answer = answer.clone();
            async move {
                let method = request.method().to_string();
                let uri = request.uri().clone();
                let body = axum::body::to_bytes(request.into_body(), 1 << 20)
                    .await
                    .unwrap_or_default();
                let asked = Asked {
                    method,
                    path: uri.path().to_owned(),
                    query: uri.query().unwrap_or_default().to_owned(),
                    body,
                };
                record.lock().unwrap().push(asked.clone());
                let (status, body) = answer(&asked);
                (
                    StatusCode::from_u16(status).expect("a status"),
                    [("content-type", "application/json")],
                    body.to_string(),
                )
            }
        });
        let listener = servers
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a port for the stub");
        let address = listener.local_addr().expect("its address");
        servers.runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Stub {
            url: format!("http://{address}"),
            asked,
            _servers: servers,
        }
    }

    /// `leat` with an API key and `LEAT_BASE_URL` for this stub.
    pub fn leat(&self) -> Command {
        let mut command = leat();
        command
            .env("LEAT_API_KEY", "stub-key")
            .env("LEAT_BASE_URL", &self.url);
        command
    }

    /// Every request received, in order.
    pub fn asked(&self) -> Vec<Asked> {
        self.asked.lock().unwrap().clone()
    }
}

/// The spec's example answer of an operation (`contacts.list`).
pub fn example(id: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/examples")
        .join(format!("{id}.json"));
    let text = std::fs::read_to_string(&path).expect("the spec's example");
    serde_json::from_str(&text).expect("JSON")
}

/// A URL where nothing listens: a port that was free a moment ago.
pub fn closed_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("its address");
    drop(listener);
    format!("http://{address}")
}

/// A temporary file holding `contents`, removed when dropped.
pub fn file_with(contents: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::io::Write::write_all(&mut file, contents.as_bytes()).expect("written");
    file
}

/// The repository's `examples/` folder.
pub fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// stdout of a finished command as text.
pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr of a finished command as text.
pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
