//! A proxy given in code: every request goes through it (a `CONNECT` tunnel for https), its
//! credentials go to the proxy and never into an error; `no_proxy` sends nothing through one.

use leat::{Client, Error, ListParams};
use leat_mock::{MockConfig, MockServer};

use crate::common::proxy::TestProxy;

async fn https_mock() -> MockServer {
    MockServer::start_with(MockConfig {
        tls: true,
        ..Default::default()
    })
    .await
    .unwrap()
}

fn client_through(mock: &MockServer, proxy: Option<&str>) -> Client {
    let mut builder = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .add_root_certificate(mock.ca_certificate_pem().unwrap());
    builder = match proxy {
        Some(url) => builder.proxy(url),
        None => builder.no_proxy(),
    };
    builder.build().unwrap()
}

#[tokio::test]
async fn every_call_goes_through_the_proxy_given() {
    let mock = https_mock().await;
    let proxy = TestProxy::start(None).await;
    let client = client_through(&mock, Some(&proxy.url));
    client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
    let port = mock.url().rsplit(':').next().unwrap().to_owned();
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].line, format!("CONNECT localhost:{port} HTTP/1.1"));
    // The key went inside the tunnel, not to the proxy.
    assert!(!format!("{seen:?}").contains(mock.api_key()));
}

#[tokio::test]
async fn proxy_credentials_go_to_the_proxy_and_never_into_an_error() {
    let mock = https_mock().await;
    // Basic base64("scout:s3cr3t/pass")
    let proxy = TestProxy::start(Some("Basic c2NvdXQ6czNjcjN0L3Bhc3M=".into())).await;
    let with = proxy.url.replace("http://", "http://scout:s3cr3t%2Fpass@");
    client_through(&mock, Some(&with))
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
    let wrong = proxy.url.replace("http://", "http://scout:wrong-pass-123@");
    let client = client_through(&mock, Some(&wrong));
    let err = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    let shown = format!("{err} {err:?} {client:?}");
    assert!(!shown.contains("wrong-pass-123"), "{shown}");
}

#[tokio::test]
async fn no_proxy_sends_nothing_through_one() {
    let mock = https_mock().await;
    let proxy = TestProxy::start(None).await;
    let builder = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .add_root_certificate(mock.ca_certificate_pem().unwrap())
        .proxy(&proxy.url)
        .no_proxy();
    builder
        .build()
        .unwrap()
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
    assert!(proxy.seen().is_empty());
}

#[test]
fn a_proxy_that_is_not_http_is_refused_without_showing_its_credentials() {
    let err = Client::builder()
        .api_key("k")
        .proxy("socks5://user:hunter22@proxy:1080")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(!err.to_string().contains("hunter22"), "{err}");
    let builder = Client::builder().proxy("http://user:hunter22@proxy:3128");
    assert!(!format!("{builder:?}").contains("hunter22"));
}
