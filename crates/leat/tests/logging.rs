//! Each attempt is a `tracing` event with method, path, status, attempt, elapsed and request
//! id, and never a header, key or body. Alone in its binary: tracing caches which events are
//! wanted per process, which tests running side by side with other subscribers would upset.

#[path = "suite/common/mod.rs"]
mod common;

use common::captured::Captured;
use common::*;
use leat::CreateParams;
use leat_mock::Fault;

#[tokio::test]
async fn attempts_are_logged_without_secrets() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mock = mock().await;
    let client = client(&mock);
    mock.script(vec![Fault::status(503).on_path(COLLECTION)]);
    client
        .webhook_subscriptions()
        .create(
            CreateParams::new("n", "contact_created", "https://e.com/h").secret("whsec_LOGSECRET"),
        )
        .await
        .unwrap();

    let log = captured.text();
    // The attempts' events; the first client of the process also logs its TLS roots, once.
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("leat") && !l.contains("TLS roots"))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("status=503") && l.contains("attempt=1")),
        "{log}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("status=201") && l.contains("attempt=2")),
        "{log}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.contains("method=POST") || l.contains("retrying")),
        "{log}"
    );
    assert!(
        log.contains("request_id=") && log.contains("elapsed_ms="),
        "{log}"
    );
    assert!(log.contains(COLLECTION), "{log}");
    assert!(!log.contains(mock.api_key()), "{log}");
    assert!(!log.contains("LOGSECRET"), "{log}");
    assert!(
        !log.contains("https://e.com/h"),
        "bodies are not logged: {log}"
    );
}

#[tokio::test]
async fn an_echoed_request_leaves_no_secret_in_the_log() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mock = mock().await;
    let client = client(&mock);
    mock.script(vec![Fault::echo()]);
    let err = client
        .webhook_subscriptions()
        .create(
            CreateParams::new("n", "contact_created", "https://e.com/h")
                .secret("whsec_ECHOED_IN_LOG"),
        )
        .await
        .unwrap_err();

    let log = captured.text();
    assert!(log.contains("request_id=\"echo POST"), "{log}");
    assert!(log.contains("[redacted]"), "{log}");
    assert!(!log.contains(mock.api_key()), "{log}");
    assert!(!log.contains("ECHOED_IN_LOG"), "{log}");
    assert!(!format!("{err} {err:?}").contains("ECHOED_IN_LOG"));
}
