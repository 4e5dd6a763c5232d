//! An empty system trust store, as slim and distroless container images have (here
//! `SSL_CERT_FILE` at an empty file and `SSL_CERT_DIR` at an empty folder): a client still
//! builds, logs that it trusts the bundled Mozilla roots and how many, and a server whose
//! private CA it was not given is refused as an unknown issuer, nothing else. Alone in its
//! binary: the first client of a process chooses the roots for the whole process.

#[path = "suite/common/captured.rs"]
mod captured;

use leat::{Client, Error, ListParams};
use leat_mock::{MockConfig, MockServer};

use captured::Captured;

#[tokio::test]
async fn an_empty_system_store_falls_back_to_the_bundled_roots() {
    let empty = std::env::temp_dir().join(format!("leat-empty-store-{}", std::process::id()));
    std::fs::create_dir_all(empty.join("certs")).unwrap();
    std::fs::write(empty.join("cert.pem"), "").unwrap();
    std::env::set_var("SSL_CERT_FILE", empty.join("cert.pem"));
    std::env::set_var("SSL_CERT_DIR", empty.join("certs"));

    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mock = MockServer::start_with(MockConfig {
        tls: true,
        ..MockConfig::default()
    })
    .await
    .unwrap();
    let client = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .max_retries(0)
        .build()
        .expect("a client builds without any system root");

    let log = captured.text();
    let line = log
        .lines()
        .find(|l| l.contains("TLS roots"))
        .unwrap_or_else(|| panic!("no TLS roots event in: {log}"));
    assert!(line.contains("INFO") && line.contains("leat"), "{line}");
    assert!(line.contains("store=\"bundled\""), "{line}");
    assert!(line.contains("holds no certificates"), "{line}");
    let roots: usize = line
        .split("roots=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no root count in {line}"));
    assert!(roots > 100, "{line}");

    let err = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap_err();
    match &err {
        Error::Connection { message, .. } => {
            assert!(message.contains("unknown issuer"), "{err}");
            assert!(
                message.contains("Mozilla root certificates bundled with leat-sdk"),
                "{err}"
            );
        }
        other => panic!("expected the unknown-issuer connection error, got {other:?}"),
    }

    // The private CA, given explicitly, is trusted on top of the bundled roots.
    let trusting = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .add_root_certificate(mock.ca_certificate_pem().unwrap())
        .build()
        .unwrap();
    trusting
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
    let _ = std::fs::remove_dir_all(&empty);
}
