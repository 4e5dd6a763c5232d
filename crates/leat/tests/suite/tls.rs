//! TLS trust against the mock served over HTTPS with its own private CA: a CA added on the
//! builder is trusted, a server whose CA is not trusted is refused with a message that says
//! why and what to do, and bad CA input is a configuration error.

use leat::{ClientBuilder, Error, ListParams};
use leat_mock::{MockConfig, MockServer};

use crate::common::builder;

async fn https_mock() -> MockServer {
    MockServer::start_with(MockConfig {
        tls: true,
        ..MockConfig::default()
    })
    .await
    .expect("HTTPS mock server starts")
}

fn ca_pem(mock: &MockServer) -> &str {
    mock.ca_certificate_pem()
        .expect("an HTTPS mock has a CA certificate")
}

async fn list(builder: ClientBuilder) -> leat::Result<usize> {
    let client = builder.build()?;
    let found = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await?;
    Ok(found.len())
}

/// A file under the system's temporary directory, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn with(name: &str, contents: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("leat-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test]
async fn the_https_mock_serves_localhost_with_a_private_ca() {
    let mock = https_mock().await;
    assert!(
        mock.url().starts_with("https://localhost:"),
        "{}",
        mock.url()
    );
    assert!(ca_pem(&mock).starts_with("-----BEGIN CERTIFICATE-----"));
    assert_eq!(
        leat::tls::count_pem_certificates(ca_pem(&mock).as_bytes()).unwrap(),
        1
    );
}

#[tokio::test]
async fn a_ca_added_with_add_root_certificate_is_trusted() {
    let mock = https_mock().await;
    let found = list(builder(&mock).add_root_certificate(ca_pem(&mock)))
        .await
        .unwrap();
    assert_eq!(found, 0);
}

#[tokio::test]
async fn a_ca_bundle_file_is_trusted() {
    let mock = https_mock().await;
    let file = TempFile::with("ca-bundle.pem", ca_pem(&mock));
    list(builder(&mock).ca_bundle_file(&file.0)).await.unwrap();
}

#[tokio::test]
async fn a_certificate_from_an_untrusted_ca_is_refused_as_an_unknown_issuer() {
    let mock = https_mock().await;
    let err = list(builder(&mock).max_retries(0)).await.unwrap_err();
    let Error::Connection { message, .. } = &err else {
        panic!("expected a connection error, got {err:?}");
    };
    for part in [
        "TLS certificate of localhost was refused",
        "unknown issuer",
        "ClientBuilder::add_root_certificate",
        "SSL_CERT_FILE",
        "ca-certificates",
    ] {
        assert!(message.contains(part), "{part:?} missing from: {err}");
    }
    assert_eq!(err.class_name(), "APIConnectionError");
}

#[tokio::test]
async fn a_binding_names_its_own_ca_option_in_the_message() {
    let mock = https_mock().await;
    let err = list(builder(&mock).max_retries(0).ca_option_name("ca_bundle="))
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("with ca_bundle="), "{text}");
    assert!(!text.contains("add_root_certificate"), "{text}");
}

#[tokio::test]
async fn a_ca_for_another_server_does_not_make_the_mock_trusted() {
    let mock = https_mock().await;
    let other = https_mock().await;
    let err = list(
        builder(&mock)
            .max_retries(0)
            .add_root_certificate(ca_pem(&other)),
    )
    .await
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("unknown issuer"), "{text}");
    assert!(
        text.contains("1 CA certificate added to this client"),
        "{text}"
    );
}

#[test]
fn pem_without_a_certificate_is_a_configuration_error_that_does_not_quote_it() {
    let err = ClientBuilder::default()
        .api_key("k")
        .add_root_certificate("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n")
        .build()
        .unwrap_err();
    let Error::Config { message } = &err else {
        panic!("expected a configuration error, got {err:?}");
    };
    assert!(message.contains("add_root_certificate"), "{message}");
    assert!(message.contains("no PEM certificate"), "{message}");
    assert!(!message.contains("c2VjcmV0"), "{message}");
}

#[test]
fn a_ca_bundle_file_that_cannot_be_read_is_a_configuration_error_naming_it() {
    let missing = std::env::temp_dir().join("leat-no-such-ca-bundle.pem");
    let err = ClientBuilder::default()
        .api_key("k")
        .ca_bundle_file(&missing)
        .build()
        .unwrap_err();
    let Error::Config { message } = &err else {
        panic!("expected a configuration error, got {err:?}");
    };
    assert!(
        message.contains(&missing.display().to_string()) && message.contains("could not read"),
        "{message}"
    );
}
