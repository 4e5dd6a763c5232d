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
    let err = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap_err();
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
    let err = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap_err();
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
