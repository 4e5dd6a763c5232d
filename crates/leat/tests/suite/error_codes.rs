//! Leat answers HTTP 400 for most errors: its body's `code` decides the class, and a code the
//! contract does not know is classified by the HTTP status. The code and message are kept.

use leat::ApiErrorKind;
use leat_mock::Fault;
use serde_json::json;

use crate::common::*;

async fn error_for(status: u16, code: i64) -> leat::Error {
    let mock = mock().await;
    mock.script(vec![Fault::status(status).body(
        json!({"message": format!("Leat says {code}"), "code": code, "status_code": status})
            .to_string(),
    )]);
    let client = builder(&mock).max_retries(0).build().unwrap();
    client.contacts().get("c-1").await.unwrap_err()
}

#[tokio::test]
async fn codes_pick_their_class_over_the_status() {
    for (code, class, kind) in [
        (55031, "NotFoundError", ApiErrorKind::NotFound),
        (5001, "NotFoundError", ApiErrorKind::NotFound),
        (60005, "ConflictError", ApiErrorKind::Conflict),
        (60006, "ConflictError", ApiErrorKind::Conflict),
        (1017, "LimitError", ApiErrorKind::Limit),
        (5003, "LimitError", ApiErrorKind::Limit),
        (7002, "InactiveError", ApiErrorKind::Inactive),
        (
            7011,
            "PermissionDeniedError",
            ApiErrorKind::PermissionDenied,
        ),
        (1003, "InvalidInputError", ApiErrorKind::InvalidInput),
    ] {
        let err = error_for(400, code).await;
        let api = err.as_api().unwrap();
        assert_eq!((err.class_name(), api.kind), (class, kind), "{code}");
        assert_eq!(api.code, Some(code));
        assert_eq!(api.message, format!("Leat says {code}"));
    }
}

#[tokio::test]
async fn an_unknown_code_is_classified_by_its_status() {
    assert_eq!(error_for(400, 424242).await.class_name(), "APIError");
    assert_eq!(error_for(404, 424242).await.class_name(), "NotFoundError");
    assert_eq!(error_for(409, 424242).await.class_name(), "ConflictError");
    let err = error_for(400, 424242).await;
    assert_eq!(err.as_api().unwrap().code, Some(424242));
}

#[test]
fn every_code_of_the_contract_classifies_to_its_class() {
    for code in leat::contract::ERROR_CODES {
        let kind = ApiErrorKind::classify(400, Some(code.code));
        assert_eq!(kind.class_name(), code.class, "{}", code.code);
    }
}
