//! `timeout` is one deadline for the whole call, retries and waits included.

use std::time::{Duration, Instant};

use crate::common::*;
use leat::{Error, ListParams};
use leat_mock::Fault;

#[tokio::test]
async fn a_slow_answer_times_out_at_the_deadline() {
    let mock = mock().await;
    let client = builder(&mock)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    mock.script(vec![Fault::delay(Duration::from_secs(5))]);
    let started = Instant::now();
    let err = list(&client).await.unwrap_err();
    let elapsed = started.elapsed();
    match err {
        Error::Timeout {
            timeout,
            attempts,
            ref method,
            ..
        } => {
            assert_eq!(timeout, Duration::from_millis(300));
            assert_eq!(attempts, 1);
            assert_eq!(method, "GET");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(2),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn retries_and_waits_share_the_one_deadline() {
    let mock = mock().await;
    let client = builder(&mock)
        .timeout(Duration::from_millis(800))
        .max_retries(50)
        .initial_backoff(Duration::from_millis(100))
        .build()
        .unwrap();
    mock.script(vec![Fault::status(502); 50]);
    let started = Instant::now();
    let err = list(&client).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_millis(1200), "{elapsed:?}");
    let attempts = count(&mock, "GET");
    assert!((2..50).contains(&attempts), "{attempts} attempts");
    assert!(
        matches!(err, Error::Api(_) | Error::Timeout { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_timed_out_create_is_not_repeated() {
    let mock = mock().await;
    let client = builder(&mock)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    mock.script(vec![Fault::delay(Duration::from_millis(600))]);
    let err = client
        .webhook_subscriptions()
        .create(new_member_params())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(count(&mock, "POST"), 1);
    // The server acted although the client gave up: exactly one subscription, never two.
    assert_eq!(mock.subscriptions().len(), 1);
}

#[tokio::test]
async fn a_timeout_beyond_the_clock_means_no_practical_limit() {
    let mock = mock().await;
    for timeout in [Duration::MAX, Duration::from_secs(u64::MAX / 2)] {
        let client = builder(&mock).timeout(timeout).build().unwrap();
        list(&client).await.unwrap();
        let view = client
            .with_options(leat::RequestOptions::new().timeout(timeout))
            .unwrap();
        list(&view).await.unwrap();
    }
}

#[tokio::test]
async fn a_zero_timeout_is_refused_when_built_and_per_call() {
    let mock = mock().await;
    let err = builder(&mock).timeout(Duration::ZERO).build().unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    let client = client(&mock);
    let err = client
        .with_options(leat::RequestOptions::new().timeout(Duration::ZERO))
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
}

#[tokio::test]
async fn a_per_call_timeout_bounds_that_call_only() {
    let mock = mock().await;
    let client = client(&mock);
    let quick = client
        .with_options(leat::RequestOptions::new().timeout(Duration::from_millis(200)))
        .unwrap();
    assert_eq!(quick.timeout(), Duration::from_millis(200));
    mock.script(vec![Fault::delay(Duration::from_millis(600))]);
    let err = list(&quick).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(200)),
        "{err:?}"
    );
    mock.script(vec![Fault::delay(Duration::from_millis(600))]);
    list(&client).await.unwrap();
}

#[tokio::test]
async fn per_call_retries_override_the_clients() {
    let mock = mock().await;
    let client = client(&mock);
    mock.script(vec![Fault::status(503), Fault::status(503)]);
    let err = client
        .with_options(leat::RequestOptions::new().max_retries(0))
        .unwrap()
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().status, 503);
    // The client's own two retries take the second 503 and then succeed.
    list(&client).await.unwrap();
}
