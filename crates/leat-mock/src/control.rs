//! Control endpoints under `/__mock/` for users of the binary and of other languages:
//! script faults, read the requests received and the entities kept, reset (every resource back to what a fresh
//! mock holds). Never recorded, never faulted.
//! `POST /__mock/trigger` delivers a signed webhook event.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use http::StatusCode;
use serde_json::{json, Value};

use crate::deliver;
use crate::fault::Fault;
use crate::generated::collections::COLLECTIONS;
use crate::responses::json_response;
use crate::state::Shared;
use crate::subscriptions;

const PREFIX: &str = "/__mock/";

pub(crate) fn is_control(path: &str) -> bool {
    path.starts_with(PREFIX)
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/__mock/script", post(script))
        .route("/__mock/requests", get(requests))
        .route("/__mock/reset", post(reset))
        .route("/__mock/trigger", post(trigger))
        .route("/__mock/entities/{collection}", get(entities))
}

async fn script(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match Fault::from_json(&String::from_utf8_lossy(&body)) {
        Ok(faults) => {
            let queued = faults.len();
            shared.state().faults.extend(faults);
            json_response(StatusCode::OK, &json!({"queued": queued}))
        }
        Err(message) => json_response(StatusCode::BAD_REQUEST, &json!({"message": message})),
    }
}

async fn requests(State(shared): State<Arc<Shared>>) -> Response {
    let listed: Vec<Value> = shared
        .state()
        .requests
        .iter()
        .map(|r| r.to_json())
        .collect();
    json_response(StatusCode::OK, &Value::Array(listed))
}

async fn reset(State(shared): State<Arc<Shared>>) -> Response {
    let mut state = shared.state();
    state.subscriptions.clear();
    state.store.reset();
    state.requests.clear();
    state.faults.clear();
    json_response(StatusCode::OK, &json!({"reset": true}))
}

/// The entities of one collection, as `MockServer::entities` gives them; 404 naming the
/// collections there are for a name no rule uses.
async fn entities(State(shared): State<Arc<Shared>>, Path(name): Path<String>) -> Response {
    if let Some(entities) = shared.state().entities(&name) {
        return json_response(StatusCode::OK, &Value::Array(entities));
    }
    let mut known: Vec<&str> = COLLECTIONS.iter().map(|c| c.name).collect();
    known.push(subscriptions::GROUP);
    known.sort_unstable();
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"message": format!("No collection is called {name:?}; there are {}.", known.join(", "))}),
    )
}

/// `{"event_type": "...", "data": {...}}` -> `{"deliveries": [{uuid, url, status, attempts}]}`.
async fn trigger(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let Some(event_type) = request.get("event_type").and_then(Value::as_str) else {
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({"message": "send {\"event_type\": \"...\", \"data\": {...}}"}),
        );
    };
    let data = request.get("data").cloned().unwrap_or_else(|| json!({}));
    let deliveries = deliver::trigger(&shared, event_type, data).await;
    json_response(StatusCode::OK, &json!({ "deliveries": deliveries }))
}
