//! Which failures are retried, how often, and that a create is never sent twice when its
//! outcome is unknown.

use std::time::{Duration, Instant};

use crate::common::*;
use leat::{ApiErrorKind, Error, ListParams, UpdateParams};
use leat_mock::Fault;

#[tokio::test]
async fn post_after_a_500_is_sent_once() {
    let mock = mock().await;
    mock.script(vec![Fault::status(500)]);
    let err = client(&mock)
        .webhook_subscriptions()
        .create(new_member_params())
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().kind, ApiErrorKind::Server);
    assert_eq!(count(&mock, "POST"), 1);
}

#[tokio::test]
async fn post_after_a_dropped_connection_is_sent_once() {
    let mock = mock().await;
    mock.script(vec![Fault::drop_connection()]);
    let err = client(&mock)
        .webhook_subscriptions()
        .create(new_member_params())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Connection {
                maybe_sent: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(count(&mock, "POST"), 1);
    assert!(mock.subscriptions().is_empty());
}

#[tokio::test]
async fn get_after_a_dropped_connection_succeeds() {
    let mock = mock().await;
    let client = client(&mock);
    let created = create_one(&client).await;
    mock.script(vec![Fault::drop_connection()]);
    let fetched = client
        .webhook_subscriptions()
        .get(&created.uuid)
        .await
        .unwrap();
    assert_eq!(fetched.uuid, created.uuid);
    assert_eq!(count(&mock, "GET"), 2);
}

#[tokio::test]
async fn get_put_and_delete_are_retried_after_500_502_504() {
    let mock = mock().await;
    let client = client(&mock);
    let created = create_one(&client).await;
    mock.script(vec![Fault::status(500), Fault::status(502)]);
    client
        .webhook_subscriptions()
        .get(&created.uuid)
        .await
        .unwrap();
    mock.script(vec![Fault::status(504)]);
    client
        .webhook_subscriptions()
        .update(
            &created.uuid,
            UpdateParams {
                name: Some("n".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    mock.script(vec![Fault::status(500)]);
    client
        .webhook_subscriptions()
        .delete(&created.uuid)
        .await
        .unwrap();
    assert_eq!(
        (
            count(&mock, "GET"),
            count(&mock, "PUT"),
            count(&mock, "DELETE")
        ),
        (3, 2, 2)
    );
}

#[tokio::test]
async fn post_is_retried_after_429_and_503() {
    let mock = mock().await;
    mock.script(vec![Fault::status(429), Fault::status(503)]);
    create_one(&client(&mock)).await;
    assert_eq!(count(&mock, "POST"), 3);
    assert_eq!(mock.subscriptions().len(), 1);
}

#[tokio::test]
async fn retries_stop_after_max_retries() {
    let mock = mock().await;
    let client = builder(&mock).max_retries(3).build().unwrap();
    mock.script(vec![Fault::status(503); 10]);
    let err = list(&client).await.unwrap_err();
    assert_eq!(err.as_api().unwrap().kind, ApiErrorKind::Maintenance);
    assert_eq!(count(&mock, "GET"), 4);
}

#[tokio::test]
async fn max_retries_zero_sends_once() {
    let mock = mock().await;
    let client = builder(&mock).max_retries(0).build().unwrap();
    mock.script(vec![Fault::status(503)]);
    list(&client).await.unwrap_err();
    assert_eq!(count(&mock, "GET"), 1);
}

#[tokio::test]
async fn errors_that_cannot_change_are_not_retried() {
    let mock = mock().await;
    let client = client(&mock);
    mock.script(vec![Fault::status(400), Fault::status(501)]);
    list(&client).await.unwrap_err();
    list(&client).await.unwrap_err();
    assert_eq!(count(&mock, "GET"), 2);
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let mock = mock().await;
    mock.script(vec![Fault::status(429).header("Retry-After", "1")]);
    let started = Instant::now();
    client(&mock)
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(count(&mock, "GET"), 2);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let mock = mock().await;
    let at = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    mock.script(vec![Fault::status(503).header("Retry-After", &at)]);
    let started = Instant::now();
    client(&mock)
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
    // HTTP dates have whole seconds: the wait is between 1 and 2 seconds.
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_wait_past_the_deadline_fails_at_once_with_the_rate_limit_error() {
    let mock = mock().await;
    let client = builder(&mock)
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    mock.script(vec![Fault::status(429).header("Retry-After", "60")]);
    let started = Instant::now();
    let err = list(&client).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    let api = err.as_api().unwrap();
    assert_eq!(api.kind, ApiErrorKind::RateLimited);
    assert_eq!(api.retry_after, Some(Duration::from_secs(60)));
    assert_eq!(count(&mock, "GET"), 1);
}

#[tokio::test]
async fn a_retry_after_beyond_the_clock_is_a_rate_limit_error_not_a_wait() {
    for value in [
        "18446744073709551615",
        "10000000000000000000",
        "1e19",
        "1.7976931348623157e308",
    ] {
        let mock = mock().await;
        mock.script(vec![Fault::status(429).header("Retry-After", value)]);
        let started = Instant::now();
        let err = client(&mock)
            .webhook_subscriptions()
            .list(ListParams::default())
            .await
            .unwrap_err();
        let api = err.as_api().unwrap_or_else(|| panic!("{value}: {err:?}"));
        assert_eq!(api.kind, ApiErrorKind::RateLimited, "{value}");
        assert!(
            api.retry_after.unwrap() > Duration::from_secs(1 << 40),
            "{value}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{value}: it waited"
        );
        assert!(err.to_string().contains("retry after"), "{err}");
    }
}
