//! The webhook-subscriptions resource: list, create, get, update, delete, behaving as
//! Leat's docs describe.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde_json::{json, Value};

use crate::oauth::{self, authorize};
use crate::responses::{self, data};
use crate::state::{Shared, Stored};
use crate::validation::{self as check, Errors, EVENT_TYPES, STATUSES};

/// The spec's group these handlers answer by hand (their behaviour is pinned by the wire
/// tests); the generic engine answers every other operation.
pub(crate) use crate::generated::operations::BY_HAND as GROUP;

/// Where the subscriptions live.
pub(crate) const COLLECTION: &str = "/api/v3/oauth/clients/webhook-subscriptions";

/// The Leat API routes: this resource and the token endpoint.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(COLLECTION, get(list).post(create))
        .route(
            &format!("{COLLECTION}/{{uuid}}"),
            get(fetch).put(update).delete(remove),
        )
        .route(oauth::TOKEN_PATH, post(oauth::token))
}

/// Turns a handler's `Result` into its answer.
fn answer(result: Result<Response, Response>) -> Response {
    result.unwrap_or_else(|refused| refused)
}

async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    answer(list_matching(&shared, &headers, query.unwrap_or_default()))
}

fn list_matching(
    shared: &Shared,
    headers: &HeaderMap,
    query: String,
) -> Result<Response, Response> {
    authorize(shared, headers)?;
    let mut event_type = None;
    let mut status = None;
    let mut errors = Errors::default();
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "event_type" if EVENT_TYPES.contains(&value.as_ref()) => {
                event_type = Some(value.into_owned())
            }
            "event_type" => errors.add("event_type", "The selected event type is invalid."),
            "status" if STATUSES.contains(&value.as_ref()) => status = Some(value.into_owned()),
            "status" => errors.add("status", "The selected status is invalid."),
            _ => {}
        }
    }
    errors.finish()?;
    let listed: Vec<Value> = shared
        .state()
        .subscriptions
        .iter()
        .filter(|s| {
            event_type
                .as_ref()
                .is_none_or(|wanted| &s.event_type == wanted)
        })
        .filter(|s| status.as_ref().is_none_or(|wanted| &s.status == wanted))
        .map(Stored::to_json)
        .collect();
    Ok(data(StatusCode::OK, Value::Array(listed)))
}

async fn create(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    answer(create_one(&shared, &headers, &body))
}

fn create_one(shared: &Shared, headers: &HeaderMap, body: &Bytes) -> Result<Response, Response> {
    authorize(shared, headers)?;
    let fields = check::object(headers, body)?;
    let mut errors = Errors::default();
    check::text(&fields, "name", true, &mut errors);
    check::event_type(&fields, &mut errors);
    check::text(&fields, "url", true, &mut errors);
    check::url(&fields, &mut errors);
    check::text(&fields, "secret", false, &mut errors);
    check::attributes(&fields, &mut errors);
    errors.finish()?;
    let text = |name: &str| fields.get(name).and_then(Value::as_str).map(str::to_owned);
    let mut state = shared.state();
    let stored = Stored {
        uuid: state.store.ids.uuid(),
        name: text("name").unwrap_or_default(),
        event_type: text("event_type").unwrap_or_default(),
        url: text("url").unwrap_or_default(),
        properties: check::attribute_names(&fields).unwrap_or_default(),
        status: "ACTIVE".into(),
        created_at: state.store.ids.now(),
        secret: text("secret"),
    };
    let created = stored.to_json();
    state.subscriptions.push(stored);
    Ok(data(StatusCode::CREATED, created))
}

async fn fetch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Response {
    answer(authorize(&shared, &headers).map(|()| {
        let state = shared.state();
        match state.subscriptions.iter().find(|s| s.uuid == uuid) {
            Some(found) => data(StatusCode::OK, found.to_json()),
            None => responses::not_found(),
        }
    }))
}

async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    body: Bytes,
) -> Response {
    answer(update_one(&shared, &headers, &uuid, &body))
}

fn update_one(
    shared: &Shared,
    headers: &HeaderMap,
    uuid: &str,
    body: &Bytes,
) -> Result<Response, Response> {
    authorize(shared, headers)?;
    let mut state = shared.state();
    let found = state
        .subscriptions
        .iter_mut()
        .find(|s| s.uuid == uuid)
        .ok_or_else(responses::not_found)?;
    let fields = check::object(headers, body)?;
    let mut errors = Errors::default();
    check::text(&fields, "name", false, &mut errors);
    check::text(&fields, "url", false, &mut errors);
    check::url(&fields, &mut errors);
    check::status(&fields, &mut errors);
    check::attributes(&fields, &mut errors);
    for fixed in ["event_type", "secret"] {
        if fields.contains_key(fixed) {
            errors.add(
                fixed,
                format!("The {fixed} cannot be changed after creation."),
            );
        }
    }
    let names = check::attribute_names(&fields);
    if found.event_type == "contact_updated" && names.as_ref().is_none_or(Vec::is_empty) {
        errors.add(
            "attributes",
            "The attributes field is required when event type is contact_updated.",
        );
    }
    errors.finish()?;
    let text = |name: &str| fields.get(name).and_then(Value::as_str).map(str::to_owned);
    if let Some(name) = text("name") {
        found.name = name;
    }
    if let Some(url) = text("url") {
        found.url = url;
    }
    if let Some(status) = text("status") {
        found.status = status;
    }
    if let Some(names) = names {
        found.properties = names;
    }
    Ok(data(StatusCode::OK, found.to_json()))
}

async fn remove(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Response {
    answer(authorize(&shared, &headers).map(|()| {
        let mut state = shared.state();
        let before = state.subscriptions.len();
        state.subscriptions.retain(|s| s.uuid != uuid);
        if state.subscriptions.len() == before {
            responses::not_found()
        } else {
            data(StatusCode::OK, json!([]))
        }
    }))
}
