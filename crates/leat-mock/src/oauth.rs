//! Who may call the API: the API key or an access token issued by `POST /oauth/token` for
//! the client credentials, as Leat's OAuth client-credentials grant does.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::response::Response;
use bytes::Bytes;
use http::{header, HeaderMap, StatusCode};
use serde_json::{json, Map, Value};

use crate::responses::{self, json_response};
use crate::state::Shared;

/// The token endpoint's path.
pub(crate) const TOKEN_PATH: &str = "/oauth/token";

/// `Ok` when the request carries the API key or a live access token; otherwise the 401
/// Leat answers.
pub(crate) fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Response> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let Some(token) = token else {
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

/// `POST /oauth/token` with `grant_type=client_credentials`, `client_id` and `client_secret`,
/// as a JSON object or a form.
pub(crate) async fn token(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let fields = credentials(&body);
    let field = |name: &str| match fields.get(name) {
        Some(Value::String(text)) => Some(text.clone()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    };
    if field("grant_type").as_deref() != Some("client_credentials") {
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({
                "error": "unsupported_grant_type",
                "message": "The authorization grant type is not supported by the authorization server."
            }),
        );
    }
    let settings = &shared.settings;
    if field("client_id").as_deref() != Some(settings.client_id.as_str())
        || field("client_secret").as_deref() != Some(settings.client_secret.as_str())
    {
        return json_response(
            StatusCode::UNAUTHORIZED,
            &json!({"error": "invalid_client", "message": "Client authentication failed."}),
        );
    }
    let access_token = format!("mock_at_{}", uuid::Uuid::new_v4().simple());
    shared
        .state()
        .tokens
        .insert(access_token.clone(), Instant::now() + settings.token_ttl);
    json_response(
        StatusCode::OK,
        &json!({
            "token_type": "Bearer",
            "expires_in": settings.token_ttl.as_secs(),
            "access_token": access_token,
        }),
    )
}

/// The body's fields: a JSON object if it is one, else form fields.
fn credentials(body: &Bytes) -> Map<String, Value> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => fields,
        _ => url::form_urlencoded::parse(body)
            .map(|(name, value)| (name.into_owned(), Value::String(value.into_owned())))
            .collect(),
    }
}
