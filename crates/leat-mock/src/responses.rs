//! Answers in Leat's shapes: the `{data, meta}` envelope and HTTP 400 error bodies.

use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{header, HeaderValue, StatusCode};
use serde_json::{json, Map, Value};

/// Leat's code for "invalid input".
pub(crate) const INVALID_INPUT: i64 = 1003;
/// Leat's code for "webhook subscription not found".
pub(crate) const NOT_FOUND: i64 = 80300;

/// `body` as JSON with `status`.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, Bytes::from(body.to_string())).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// A success envelope.
pub(crate) fn data(status: StatusCode, data: Value) -> Response {
    json_response(status, &json!({"data": data, "meta": []}))
}

/// Leat's validation error: HTTP 400, code 1003, with a field -> messages map.
pub(crate) fn invalid_input(errors: Map<String, Value>) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({"message": "Invalid input.", "code": INVALID_INPUT, "status_code": 400, "errors": errors}),
    )
}

/// Leat's "not found": HTTP 400, code 80300.
pub(crate) fn not_found() -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({"message": "Webhook subscription not found.", "code": NOT_FOUND, "status_code": 400}),
    )
}

/// Leat's "not found" for another resource: HTTP 400 with that resource's code (55031 for a
/// contact, 5001 for a giftcard, ...).
pub(crate) fn resource_not_found(code: i64, message: &str) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({"message": message, "code": code, "status_code": 400}),
    )
}

/// No credentials, or credentials the mock does not know.
pub(crate) fn unauthenticated() -> Response {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"message": "Unauthenticated."}),
    )
}

/// An access token the mock issued that has expired.
pub(crate) fn invalid_token() -> Response {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"error": "invalid_token", "message": "The access token is invalid or has expired."}),
    )
}

/// An unknown route.
pub(crate) fn route_not_found() -> Response {
    json_response(StatusCode::NOT_FOUND, &json!({"message": "Not found."}))
}

/// The body a status fault answers with when the script gave none.
pub(crate) fn default_fault_body(status: u16) -> Value {
    let message = match status {
        401 => "Unauthenticated.",
        403 => "This action is unauthorized.",
        404 => "Not found.",
        429 => "Too Many Attempts.",
        503 => "Service Unavailable",
        500..=599 => "Server Error",
        _ => "Error",
    };
    json!({"message": message})
}
