//! Running the mock: the listener, one hyper connection per client, and the per-request
//! steps (record, apply a scripted fault, answer, tag with `X-Request-Id`).

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::response::Response;
use axum::Router;
use bytes::Bytes;
use http::{HeaderName, HeaderValue, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

use crate::api;
use crate::control;
use crate::deliver::{self, Delivery};
use crate::fault::{Action, Fault};
use crate::responses::{default_fault_body, json_response};
use crate::state::{RecordedRequest, Settings, Shared};

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
}

/// A local, stateful stand-in for the Leat webhook-subscriptions API on 127.0.0.1.
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
    shutdown: watch::Sender<bool>,
}

/// Returned by the connection's service to make hyper close it without answering.
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by a scripted fault")
    }
}

impl std::error::Error for DropConnection {}

impl MockServer {
    /// Starts on a free port with random credentials.
    pub async fn start() -> io::Result<MockServer> {
        MockServer::start_with(MockConfig::default()).await
    }

    /// Starts with the given port and credentials.
    pub async fn start_with(config: MockConfig) -> io::Result<MockServer> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], config.port))).await?;
        let address = listener.local_addr()?;
        let random = || uuid::Uuid::new_v4().simple().to_string();
        let settings = Settings {
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
        let shared = Arc::new(Shared::new(settings));
        let (shutdown, stopped) = watch::channel(false);
        let router = api::routes()
            .merge(control::routes())
            .fallback(|| async {
                json_response(
                    StatusCode::NOT_FOUND,
                    &serde_json::json!({"message": "Not found."}),
                )
            })
            .with_state(shared.clone());
        tokio::spawn(accept_loop(listener, router, shared.clone(), stopped));
        Ok(MockServer {
            shared,
            url: format!("http://{address}"),
            shutdown,
        })
    }

    /// Where the server listens, e.g. `http://127.0.0.1:54321`.
    pub fn url(&self) -> &str {
        &self.url
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

    /// How many times `/oauth/token` was asked.
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

async fn accept_loop(
    listener: TcpListener,
    router: Router,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            _ = stopped.changed() => return,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let shared = shared.clone();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                handle(router.clone(), shared.clone(), request)
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = stopped.changed() => {}
            }
        });
    }
}

/// Records the request, applies the first matching fault, answers. Handling runs in its own
/// task so that a client hanging up does not stop the server from acting.
async fn handle(
    router: Router,
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let control = control::is_control(&path);
    let fault = if control {
        None
    } else {
        let mut state = shared.state();
        state.requests.push(RecordedRequest {
            method: parts.method.to_string(),
            path: path.clone(),
            query: parts.uri.query().map(str::to_owned),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.clone(),
        });
        state.take_fault(&path)
    };
    let request = Request::from_parts(parts, Body::from(body));
    let action = fault.map(|f| f.action);
    let answered = tokio::spawn(async move {
        match action {
            Some(Action::Drop) => None,
            Some(Action::Status {
                status,
                body,
                headers,
            }) => Some(fault_answer(status, body, headers)),
            Some(Action::Delay(delay)) => {
                tokio::time::sleep(delay).await;
                Some(route(router, request).await)
            }
            Some(Action::Malformed) => {
                let (parts, full) = route(router, request).await;
                Some((parts, full.slice(..full.len() / 2)))
            }
            None => Some(route(router, request).await),
        }
    })
    .await
    .unwrap_or_else(|_| Some(fault_answer(500, None, Vec::new())));
    let Some((mut parts, body)) = answered else {
        return Err(DropConnection);
    };
    // The body may have been cut; hyper sets the length of the body actually sent.
    parts.headers.remove(http::header::CONTENT_LENGTH);
    if !parts.headers.contains_key("x-request-id") {
        let id = format!("req_{}", uuid::Uuid::new_v4().simple());
        if let Ok(value) = HeaderValue::from_str(&id) {
            parts.headers.insert("x-request-id", value);
        }
    }
    Ok(Response::from_parts(parts, Full::new(body)))
}

async fn route(router: Router, request: Request<Body>) -> (http::response::Parts, Bytes) {
    let response = match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let (parts, body) = response.into_parts();
    let bytes = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    (parts, bytes)
}

fn fault_answer(
    status: u16,
    body: Option<String>,
    headers: Vec<(String, String)>,
) -> (http::response::Parts, Bytes) {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = body.unwrap_or_else(|| default_fault_body(status.as_u16()).to_string());
    let mut response = http::Response::new(());
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().insert(name, value);
        }
    }
    (response.into_parts().0, Bytes::from(body))
}
