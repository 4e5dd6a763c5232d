//! Serving clients: the accept loop, one hyper HTTP/1 connection per client (over TLS when
//! the server has it), and the steps every request goes through (record it, take a scripted fault, answer, tag the answer
//! with `X-Request-Id`).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::Router;
use bytes::Bytes;
use http::response::Parts;
use http::{header, HeaderMap, HeaderName, HeaderValue, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

use crate::control;
use crate::fault::{Action, Fault};
use crate::oauth::TOKEN_PATH;
use crate::responses::default_fault_body;
use crate::state::{RecordedRequest, Shared};

/// The largest request body read; a larger one is answered 413.
const MAX_BODY: usize = 32 * 1024 * 1024;
/// How long a client may take to finish the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// What every connection of one server shares.
#[derive(Clone)]
pub(crate) struct Context {
    pub router: Router,
    pub shared: Arc<Shared>,
    /// Changes (or closes) when the server is dropped.
    pub stopped: watch::Receiver<bool>,
    /// Present when the server speaks HTTPS.
    pub tls: Option<TlsAcceptor>,
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

/// An answer not yet tagged: head and full body.
type Answer = (Parts, Bytes);

/// Accepts clients until the server is dropped; each connection ends then too.
pub(crate) async fn accept_loop(listener: TcpListener, context: Context) {
    let mut stopped = context.stopped.clone();
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = stopped.changed() => return,
        };
        let _ = stream.set_nodelay(true);
        let context = context.clone();
        tokio::spawn(async move {
            match context.tls.clone() {
                None => serve(stream, context).await,
                Some(acceptor) => {
                    // A client that refuses the certificate ends the handshake: nothing to serve.
                    let handshake =
                        tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream));
                    if let Ok(Ok(stream)) = handshake.await {
                        serve(stream, context).await;
                    }
                }
            }
        });
    }
}

/// Serves one client's requests until it hangs up or the server is dropped.
async fn serve<S>(stream: S, context: Context)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut stopped = context.stopped.clone();
    let service = hyper::service::service_fn(move |request| handle(context.clone(), request));
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = stopped.changed() => {}
    }
}

/// One request, from bytes received to answer sent.
async fn handle(
    context: Context,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) if err.is::<LengthLimitError>() => return Ok(tagged(too_large())),
        Err(_) => return Err(DropConnection),
    };
    let fault = if control::is_control(parts.uri.path()) {
        None
    } else {
        record(&context.shared, &parts, &body)
    };
    if let Some(Fault {
        action: Action::Echo(status),
        ..
    }) = &fault
    {
        return Ok(tagged(echo_answer(*status, &parts, &body)));
    }
    let request = Request::from_parts(parts, Body::from(body));
    // Its own task, so that a client hanging up mid-delay does not stop the server acting.
    let work = tokio::spawn(respond(context, request, fault.map(|f| f.action)));
    match work.await {
        Ok(Some(answer)) => Ok(tagged(answer)),
        Ok(None) => Err(DropConnection),
        Err(_) => Ok(tagged(fault_answer(500, None, Vec::new()))),
    }
}

/// Logs a request and takes the first queued fault that applies to it.
fn record(shared: &Shared, parts: &http::request::Parts, body: &Bytes) -> Option<Fault> {
    let path = parts.uri.path();
    let mut state = shared.state();
    state.requests.push(RecordedRequest {
        method: parts.method.to_string(),
        path: path.to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect(),
        body: body.clone(),
    });
    if path == TOKEN_PATH {
        state.token_requests += 1;
    }
    state.take_fault(parts.method.as_str(), path)
}

/// The answer to `request` under `fault`; `None` means close without answering.
async fn respond(
    mut context: Context,
    request: Request<Body>,
    fault: Option<Action>,
) -> Option<Answer> {
    match fault {
        None => Some(route(context.router, request).await),
        Some(Action::Drop) => None,
        Some(Action::Status {
            status,
            body,
            headers,
        }) => Some(fault_answer(status, body, headers)),
        Some(Action::Delay(delay)) => {
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = context.stopped.changed() => return None,
            }
            Some(route(context.router, request).await)
        }
        Some(Action::Echo(status)) => Some(fault_answer(status, None, Vec::new())),
        Some(Action::Malformed) => {
            let (mut parts, body) = route(context.router, request).await;
            parts.status = StatusCode::OK;
            Some((parts, body.slice(..body.len() / 2)))
        }
    }
}

async fn route(router: Router, request: Request<Body>) -> Answer {
    let response = match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let (parts, body) = response.into_parts();
    let bytes = body
        .collect()
        .await
        .map(|collected| collected.to_bytes())
        .unwrap_or_default();
    (parts, bytes)
}

/// Adds `X-Request-Id` unless a fault set one. The length is recomputed by hyper from the
/// body actually sent, which a malformed-body fault has cut.
fn tagged((mut parts, body): Answer) -> Response<Full<Bytes>> {
    parts.headers.remove(header::CONTENT_LENGTH);
    if !parts.headers.contains_key("x-request-id") {
        let id = format!("req_{}", uuid::Uuid::new_v4().simple());
        if let Ok(value) = HeaderValue::from_str(&id) {
            parts.headers.insert("x-request-id", value);
        }
    }
    Response::from_parts(parts, Full::new(body))
}

/// A scripted status: JSON by default, the script's headers replacing defaults of their name.
fn fault_answer(status: u16, body: Option<String>, headers: Vec<(String, String)>) -> Answer {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = body.unwrap_or_else(|| default_fault_body(status.as_u16()).to_string());
    let mut response = Response::new(());
    *response.status_mut() = status;
    let answer_headers = response.headers_mut();
    answer_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let mut scripted = HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            scripted.append(name, value);
        }
    }
    for name in scripted.keys() {
        answer_headers.remove(name);
    }
    for (name, value) in &scripted {
        answer_headers.append(name, value.clone());
    }
    (response.into_parts().0, Bytes::from(body))
}

/// The request quoted back: every header and the body in `message`, as the keys and values of
/// `errors`; the method, path and `Authorization` header in `X-Request-Id`.
fn echo_answer(status: u16, parts: &http::request::Parts, body: &Bytes) -> Answer {
    let body_text = String::from_utf8_lossy(body);
    let headers: Vec<String> = parts
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {}", String::from_utf8_lossy(value.as_bytes())))
        .collect();
    let quoted = format!(
        "{} {} with headers [{}] and body {body_text}",
        parts.method,
        parts.uri,
        headers.join("; ")
    );
    let mut errors = serde_json::Map::new();
    for header in &headers {
        errors.insert(
            header.clone(),
            serde_json::json!([format!("sent {header}")]),
        );
    }
    errors.insert(
        format!("body {body_text}"),
        serde_json::json!([format!("body was {body_text}")]),
    );
    let answer = serde_json::json!({
        "message": format!("Echo: {quoted}"),
        "code": 1003,
        "status_code": status,
        "errors": errors,
    });
    let authorization = parts
        .headers
        .get(header::AUTHORIZATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let request_id: String = format!("echo {} {} {authorization}", parts.method, parts.uri)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .take(4000)
        .collect();
    fault_answer(
        status,
        Some(answer.to_string()),
        vec![("x-request-id".into(), request_id)],
    )
}

fn too_large() -> Answer {
    let message = format!(
        "The request body is larger than the mock's limit of {} MiB.",
        MAX_BODY >> 20
    );
    let body = serde_json::json!({ "message": message }).to_string();
    fault_answer(413, Some(body), Vec::new())
}
