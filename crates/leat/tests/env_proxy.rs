//! The environment's proxy variables: honoured by default (`HTTPS_PROXY`, `NO_PROXY`), and
//! ignored with `no_proxy()` or an explicit proxy. Alone in its binary: it sets the process
//! environment.

#[path = "suite/common/proxy.rs"]
mod proxy;

use leat::{Client, ListParams};
use leat_mock::{MockConfig, MockServer};
use proxy::TestProxy;

async fn list(
    mock: &MockServer,
    configure: impl FnOnce(leat::ClientBuilder) -> leat::ClientBuilder,
) {
    let builder = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .add_root_certificate(mock.ca_certificate_pem().unwrap());
    configure(builder)
        .build()
        .unwrap()
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn environment_proxies_are_honoured_unless_turned_off() {
    let mock = MockServer::start_with(MockConfig {
        tls: true,
        ..Default::default()
    })
    .await
    .unwrap();
    let from_env = TestProxy::start(None).await;
    let explicit = TestProxy::start(None).await;
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("HTTPS_PROXY", &from_env.url);

    list(&mock, |b| b).await;
    assert_eq!(from_env.seen().len(), 1, "HTTPS_PROXY is used");

    list(&mock, |b| b.no_proxy()).await;
    assert_eq!(from_env.seen().len(), 1, "no_proxy() ignores it");

    list(&mock, |b| b.proxy(&explicit.url)).await;
    assert_eq!(from_env.seen().len(), 1, "an explicit proxy replaces it");
    assert_eq!(explicit.seen().len(), 1);

    std::env::set_var("NO_PROXY", "localhost");
    list(&mock, |b| b).await;
    assert_eq!(from_env.seen().len(), 1, "NO_PROXY exempts the host");

    std::env::remove_var("HTTPS_PROXY");
    std::env::remove_var("NO_PROXY");

    // The password of an environment proxy is a secret like one given in code: scrubbed from
    // what a server sends back.
    let guarded = TestProxy::start(Some("Basic c2NvdXQ6ZW52LXBhc3MtMTIzNDU2".into())).await;
    std::env::set_var(
        "HTTPS_PROXY",
        guarded
            .url
            .replace("http://", "http://scout:env-pass-123456@"),
    );
    mock.script(vec![leat_mock::Fault::status(400)
        .body(r#"{"code": 1003, "message": "proxy said env-pass-123456"}"#)]);
    let client = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .add_root_certificate(mock.ca_certificate_pem().unwrap())
        .build()
        .unwrap();
    let err = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap_err();
    assert_eq!(guarded.seen().len(), 1, "through the environment's proxy");
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("proxy said [redacted]"), "{shown}");
    assert!(!shown.contains("env-pass-123456"), "{shown}");
    std::env::remove_var("HTTPS_PROXY");
}
