//! Building a client: credentials, the plain-HTTP guard, and keys kept out of `Debug`.

use std::time::Duration;

use leat::{Client, CreateParams, Error, EventType};

fn config_message(result: leat::Result<Client>) -> String {
    match result {
        Err(Error::Config { message }) => message,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let message = config_message(
        Client::builder()
            .api_key("k")
            .base_url("http://api.piggy.eu")
            .build(),
    );
    assert!(
        message.contains("http://api.piggy.eu") && message.contains("https"),
        "{message}"
    );
}

#[test]
fn plain_http_to_loopback_is_accepted() {
    for url in [
        "http://localhost:8080",
        "http://127.0.0.1:9",
        "http://[::1]:9",
    ] {
        Client::builder()
            .api_key("k")
            .base_url(url)
            .build()
            .unwrap();
    }
}

#[test]
fn the_default_base_url_is_leats() {
    let client = Client::builder()
        .api_key("k")
        .base_url(leat::DEFAULT_BASE_URL)
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://api.piggy.eu");
}

#[test]
fn two_kinds_of_credentials_are_refused() {
    let message = config_message(Client::builder().api_key("k").access_token("t").build());
    assert!(message.contains("only one"), "{message}");
}

#[test]
fn half_of_the_client_credentials_is_refused() {
    let message = config_message(Client::builder().client_id(42).build());
    assert!(message.contains("client_secret"), "{message}");
    let message = config_message(Client::builder().client_secret("s").build());
    assert!(message.contains("client_id"), "{message}");
}

#[test]
fn empty_credentials_are_refused() {
    assert!(config_message(Client::builder().api_key(" ").build()).contains("api_key"));
    assert!(config_message(Client::builder().access_token("").build()).contains("access_token"));
}

#[test]
fn a_zero_timeout_is_refused() {
    let message = config_message(
        Client::builder()
            .api_key("k")
            .timeout(Duration::ZERO)
            .build(),
    );
    assert!(message.contains("timeout"), "{message}");
}

#[test]
fn keys_tokens_and_secrets_are_redacted_in_debug() {
    let with_key = Client::builder()
        .api_key("sk_live_SECRET1")
        .build()
        .unwrap();
    let with_token = Client::builder()
        .access_token("tok_SECRET2")
        .build()
        .unwrap();
    let with_oauth = Client::builder()
        .client_credentials(7, "cs_SECRET3")
        .build()
        .unwrap();
    let builder = Client::builder().api_key("sk_live_SECRET4");
    let params =
        CreateParams::new("n", EventType::ContactCreated, "https://e.com").secret("whsec_SECRET5");
    let printed =
        format!("{with_key:?} {with_token:?} {with_oauth:?} {builder:?} {params:?} {with_key:#?}");
    assert!(!printed.contains("SECRET"), "{printed}");
    assert!(printed.contains("redacted"), "{printed}");
    assert!(printed.contains("https://api.piggy.eu"), "{printed}");
}
