//! The HTTP answer behind a result or an error: status, headers (Leat's rate limits, the
//! request id) and the body exactly as it came.

use leat::ListParams;
use leat_mock::Fault;

use crate::common::*;

#[tokio::test]
async fn a_success_comes_with_its_answer() {
    let mock = mock().await;
    let body = fixture("list.json");
    mock.script(vec![Fault::status(200)
        .body(body.clone())
        .header("X-RateLimit-Limit", "60")
        .header("X-RateLimit-Remaining", "59")]);
    let client = client(&mock);
    let answer = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .with_response()
        .await
        .unwrap();
    assert_eq!(answer.data.len(), 3);
    assert_eq!(answer.raw.status(), 200);
    assert_eq!(
        answer.raw.body().as_ref(),
        body.as_bytes(),
        "the body byte for byte"
    );
    let limits = answer.raw.rate_limit();
    assert_eq!((limits.limit, limits.remaining), (Some(60), Some(59)));
    assert_eq!(answer.raw.header("x-ratelimit-limit"), Some("60"));
    assert!(
        answer.raw.request_id().is_some(),
        "the mock sends X-Request-Id"
    );
}

#[tokio::test]
async fn an_error_keeps_its_answer() {
    let mock = mock().await;
    let body = fixture("error_not_found.json");
    mock.script(vec![Fault::status(400)
        .body(body.clone())
        .header("X-RateLimit-Remaining", "0")]);
    let client = builder(&mock).max_retries(0).build().unwrap();
    let err = client
        .webhook_subscriptions()
        .get("59165ef0-1afd-4baf-b1f7-ffee287aff32")
        .await
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.body.as_ref(), body.as_bytes());
    assert_eq!(api.rate_limit_remaining, Some(0));
    assert_eq!(api.header("X-RateLimit-Remaining"), Some("0"));
    assert_eq!(api.header("content-type"), Some("application/json"));
}
