//! The Leat API the mock answers: webhook subscriptions and the OAuth token endpoint,
//! behaving as Leat's docs describe.
// Refusals are ready answers; axum handlers pass them by value.
#![allow(clippy::result_large_err)]

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use http::{header, HeaderMap, StatusCode};
use serde_json::{json, Map, Value};

use crate::responses::{self, add_error, data, invalid_input};
use crate::state::{Shared, Stored};

/// Where the subscriptions live.
pub(crate) const COLLECTION: &str = "/api/v3/oauth/clients/webhook-subscriptions";

/// The 13 event types Leat documents.
pub(crate) const EVENT_TYPES: [&str; 13] = [
    "contact_created",
    "contact_updated",
    "credit_reception_created",
    "prepaid_transaction_created",
    "giftcard_transaction_created",
    "voucher_created",
    "voucher_updated",
    "voucher_redeemed",
    "form_submission_completed",
    "referral_completed",
    "contact_identifier_created",
    "reward_updated",
    "promotion_updated",
];

const STATUSES: [&str; 2] = ["ACTIVE", "INACTIVE"];

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(COLLECTION, get(list).post(create))
        .route(
            &format!("{COLLECTION}/{{uuid}}"),
            get(fetch).put(update).delete(remove),
        )
        .route("/oauth/token", post(token))
}

/// `Ok` when the request carries the API key or a live access token.
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Response> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(token) = bearer else {
        return Err(responses::unauthenticated());
    };
    if token == shared.settings.api_key {
        return Ok(());
    }
    match shared.state().tokens.get(token) {
        Some(expires) if Instant::now() < *expires => Ok(()),
        Some(_) => Err(responses::invalid_token()),
        None => Err(responses::unauthenticated()),
    }
}

fn parse_object(body: &Bytes) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => {
            let mut errors = Map::new();
            add_error(
                &mut errors,
                "body",
                "The body must be a JSON object.".into(),
            );
            Err(invalid_input(errors))
        }
    }
}

fn check_string(
    fields: &Map<String, Value>,
    name: &str,
    required: bool,
    errors: &mut Map<String, Value>,
) {
    match fields.get(name) {
        None | Some(Value::Null) if required => {
            add_error(errors, name, format!("The {name} field is required."))
        }
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.trim().is_empty() => {
            add_error(errors, name, format!("The {name} field is required."))
        }
        Some(Value::String(_)) => {}
        Some(_) => add_error(errors, name, format!("The {name} must be a string.")),
    }
}

fn check_url(fields: &Map<String, Value>, errors: &mut Map<String, Value>) {
    if let Some(Value::String(text)) = fields.get("url") {
        let valid = url::Url::parse(text)
            .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .unwrap_or(false);
        if !valid && !text.trim().is_empty() {
            add_error(errors, "url", "The url must be a valid URL.".into());
        }
    }
}

fn check_attributes(fields: &Map<String, Value>, errors: &mut Map<String, Value>) {
    match fields.get("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items))
            if items
                .iter()
                .all(|i| i.as_str().is_some_and(|s| !s.is_empty())) => {}
        Some(_) => add_error(
            errors,
            "attributes",
            "The attributes must be an array of contact attributes.".into(),
        ),
    }
}

fn attributes(fields: &Map<String, Value>) -> Option<Vec<Value>> {
    fields.get("attributes").and_then(Value::as_array).cloned()
}

async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(refused) = authorize(&shared, &headers) {
        return refused;
    }
    let mut event_type = None;
    let mut status = None;
    let mut errors = Map::new();
    for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "event_type" if !EVENT_TYPES.contains(&value.as_ref()) => add_error(
                &mut errors,
                "event_type",
                "The selected event type is invalid.".into(),
            ),
            "event_type" => event_type = Some(value.into_owned()),
            "status" if !STATUSES.contains(&value.as_ref()) => add_error(
                &mut errors,
                "status",
                "The selected status is invalid.".into(),
            ),
            "status" => status = Some(value.into_owned()),
            _ => {}
        }
    }
    if !errors.is_empty() {
        return invalid_input(errors);
    }
    let listed: Vec<Value> = shared
        .state()
        .subscriptions
        .iter()
        .filter(|s| event_type.as_ref().is_none_or(|t| &s.event_type == t))
        .filter(|s| status.as_ref().is_none_or(|t| &s.status == t))
        .map(Stored::to_json)
        .collect();
    data(StatusCode::OK, Value::Array(listed))
}

async fn create(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refused) = authorize(&shared, &headers) {
        return refused;
    }
    let fields = match parse_object(&body) {
        Ok(fields) => fields,
        Err(refused) => return refused,
    };
    let mut errors = Map::new();
    check_string(&fields, "name", true, &mut errors);
    check_string(&fields, "url", true, &mut errors);
    check_url(&fields, &mut errors);
    check_string(&fields, "secret", false, &mut errors);
    check_attributes(&fields, &mut errors);
    let event_type = fields
        .get("event_type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !EVENT_TYPES.contains(&event_type) {
        add_error(
            &mut errors,
            "event_type",
            "The selected event type is invalid.".into(),
        );
    }
    if !errors.is_empty() {
        return invalid_input(errors);
    }
    let text = |name: &str| fields.get(name).and_then(Value::as_str).map(str::to_owned);
    let stored = Stored {
        uuid: uuid::Uuid::new_v4().to_string(),
        name: text("name").unwrap_or_default(),
        event_type: event_type.to_owned(),
        url: text("url").unwrap_or_default(),
        properties: attributes(&fields).unwrap_or_default(),
        status: "ACTIVE".into(),
        created_at: now(),
        secret: text("secret"),
    };
    let answer = stored.to_json();
    shared.state().subscriptions.push(stored);
    data(StatusCode::CREATED, answer)
}

async fn fetch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Response {
    if let Err(refused) = authorize(&shared, &headers) {
        return refused;
    }
    let state = shared.state();
    match state.subscriptions.iter().find(|s| s.uuid == uuid) {
        Some(found) => data(StatusCode::OK, found.to_json()),
        None => responses::not_found(),
    }
}

async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(refused) = authorize(&shared, &headers) {
        return refused;
    }
    let fields = match parse_object(&body) {
        Ok(fields) => fields,
        Err(refused) => return refused,
    };
    let mut state = shared.state();
    let Some(found) = state.subscriptions.iter_mut().find(|s| s.uuid == uuid) else {
        return responses::not_found();
    };
    let mut errors = Map::new();
    check_string(&fields, "name", false, &mut errors);
    check_string(&fields, "url", false, &mut errors);
    check_url(&fields, &mut errors);
    check_attributes(&fields, &mut errors);
    for immutable in ["event_type", "secret"] {
        if fields.contains_key(immutable) {
            add_error(
                &mut errors,
                immutable,
                format!("The {immutable} cannot be changed after creation."),
            );
        }
    }
    match fields.get("status") {
        None => {}
        Some(Value::String(s)) if STATUSES.contains(&s.as_str()) => {}
        Some(_) => add_error(
            &mut errors,
            "status",
            "The selected status is invalid.".into(),
        ),
    }
    if found.event_type == "contact_updated" && attributes(&fields).is_none_or(|a| a.is_empty()) {
        add_error(
            &mut errors,
            "attributes",
            "The attributes field is required when event type is contact_updated.".into(),
        );
    }
    if !errors.is_empty() {
        return invalid_input(errors);
    }
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
    if let Some(properties) = attributes(&fields) {
        found.properties = properties;
    }
    data(StatusCode::OK, found.to_json())
}

async fn remove(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Response {
    if let Err(refused) = authorize(&shared, &headers) {
        return refused;
    }
    let mut state = shared.state();
    let before = state.subscriptions.len();
    state.subscriptions.retain(|s| s.uuid != uuid);
    if state.subscriptions.len() == before {
        return responses::not_found();
    }
    data(StatusCode::OK, json!([]))
}

/// `POST /oauth/token` with client credentials, as a form or as JSON.
async fn token(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let fields: Map<String, Value> = if is_json {
        serde_json::from_slice(&body).unwrap_or_default()
    } else {
        url::form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect()
    };
    let text = |name: &str| match fields.get(name) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut state = shared.state();
    state.token_requests += 1;
    if text("grant_type").as_deref() != Some("client_credentials") {
        return responses::json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "unsupported_grant_type", "message": "The authorization grant type is not supported."}),
        );
    }
    let settings = &shared.settings;
    if text("client_id").as_deref() != Some(settings.client_id.as_str())
        || text("client_secret").as_deref() != Some(settings.client_secret.as_str())
    {
        return responses::json_response(
            StatusCode::UNAUTHORIZED,
            &json!({"error": "invalid_client", "message": "Client authentication failed."}),
        );
    }
    let access_token = format!("mock_at_{}", uuid::Uuid::new_v4().simple());
    state
        .tokens
        .insert(access_token.clone(), Instant::now() + settings.token_ttl);
    responses::json_response(
        StatusCode::OK,
        &json!({"token_type": "Bearer", "expires_in": settings.token_ttl.as_secs(), "access_token": access_token}),
    )
}

/// Now, as Leat writes timestamps: `2023-10-20T11:46:22+00:00`.
fn now() -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]+00:00");
    time::OffsetDateTime::now_utc()
        .format(&format)
        .unwrap_or_default()
}
