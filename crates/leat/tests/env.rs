//! `LEAT_API_KEY` / `LEAT_BASE_URL`. One test, alone in its binary, because it sets the
//! process environment.

use leat::{Client, Error, ListParams};

#[tokio::test]
async fn the_environment_configures_the_client() {
    std::env::remove_var("LEAT_API_KEY");
    std::env::remove_var("LEAT_BASE_URL");
    match Client::from_env() {
        Err(Error::Config { message }) => assert!(message.contains("LEAT_API_KEY"), "{message}"),
        other => panic!("expected a configuration error, got {other:?}"),
    }

    let mock = leat_mock::MockServer::start().await.unwrap();
    std::env::set_var("LEAT_API_KEY", mock.api_key());
    std::env::set_var("LEAT_BASE_URL", mock.url());
    let client = Client::from_env().unwrap();
    assert_eq!(client.base_url(), mock.url());
    client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap();

    // Explicit settings win over the environment.
    let explicit = Client::builder()
        .api_key("other")
        .base_url("https://api.leat.com")
        .build()
        .unwrap();
    assert_eq!(explicit.base_url(), "https://api.leat.com");

    std::env::set_var("LEAT_BASE_URL", "http://example.com");
    assert!(matches!(Client::from_env(), Err(Error::Config { .. })));
    std::env::remove_var("LEAT_API_KEY");
    std::env::remove_var("LEAT_BASE_URL");
}
