//! `SSL_CERT_FILE` replaces the system's roots, as in OpenSSL: pointed at a bundle holding
//! the mock's private CA, a client trusts the mock without any option. Alone in its binary:
//! it sets the process environment before the first client, which reads it.

use leat::{Client, ListParams};
use leat_mock::{MockConfig, MockServer};

#[tokio::test]
async fn ssl_cert_file_names_the_roots_to_trust() {
    let mock = MockServer::start_with(MockConfig {
        tls: true,
        ..MockConfig::default()
    })
    .await
    .unwrap();
    let bundle =
        std::env::temp_dir().join(format!("leat-ssl-cert-file-{}.pem", std::process::id()));
    std::fs::write(&bundle, mock.ca_certificate_pem().unwrap()).unwrap();
    std::env::set_var("SSL_CERT_FILE", &bundle);
    std::env::remove_var("SSL_CERT_DIR");

    let client = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .build()
        .unwrap();
    let found = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await;
    let _ = std::fs::remove_file(&bundle);
    assert_eq!(found.unwrap().len(), 0);
}
