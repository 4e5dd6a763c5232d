//! Control endpoints under `/__mock/` for users of the binary and of other languages:
//! script faults, read the requests received and the entities kept, reset (back to the
//! starting account), load an account description, read the deliveries made. Never
//! recorded, never faulted.
//! `POST /__mock/trigger` delivers a signed webhook event.

use std::sync::Arc;

use std::time::Duration;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use http::StatusCode;
use serde_json::{json, Value};

use crate::account::Account;
use crate::deliver;
use crate::fault::Fault;
use crate::generated::collections::COLLECTIONS;
use crate::responses::json_response;
use crate::sent;
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
        .route("/__mock/state", post(load_state))
        .route("/__mock/deliveries", get(deliveries))
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
    shared.state().reset();
    json_response(StatusCode::OK, &json!({"reset": true}))
}

/// An account description (JSON) -> 200, the mock holding that account (and returning to it
/// on reset); 400 `{"message"}` naming the bad field and value.
async fn load_state(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let description: Value = match serde_json::from_slice(&body) {
        Ok(description) => description,
        Err(err) => {
            return json_response(
                StatusCode::BAD_REQUEST,
                &json!({"message": format!("the account description is not JSON: {err}")}),
            )
        }
    };
    match Account::from_json(&description) {
        Ok(account) => {
            let mut state = shared.state();
            state.reset();
            state.store.load(account);
            json_response(StatusCode::OK, &json!({"loaded": true}))
        }
        Err(err) => json_response(
            StatusCode::BAD_REQUEST,
            &json!({"message": err.to_string()}),
        ),
    }
}

/// The ended deliveries, in order; with `count=N&wait=SECONDS`, once N have ended or at the
/// wait's end.
async fn deliveries(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let mut count = 0usize;
    let mut wait = 0f64;
    for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let parsed = match key.as_ref() {
            "count" => value.parse().map(|n| count = n).is_ok(),
            "wait" => value
                .parse::<f64>()
                .ok()
                .filter(|w| w.is_finite() && *w >= 0.0 && *w <= 600.0)
                .map(|w| wait = w)
                .is_some(),
            _ => true,
        };
        if !parsed {
            return json_response(
                StatusCode::BAD_REQUEST,
                &json!({"message": format!("{key}={value:?} is not a number (count: deliveries, wait: seconds up to 600)")}),
            );
        }
    }
    let sent = sent::wait(&shared, count, Duration::from_secs_f64(wait)).await;
    json_response(StatusCode::OK, &json!(sent))
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
