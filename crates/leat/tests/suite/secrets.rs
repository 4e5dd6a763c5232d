//! A server that quotes the request back (a debug page, a proxy) puts the client's secrets in
//! its answer: none of them may reach an error, whatever field the echo lands in.

use leat::{Client, CreateParams, Error, ListParams};
use leat_mock::{Fault, MockConfig, MockServer};

use crate::common::*;

/// The error as users see it: `Display`, `Debug`, and every field of an API error.
fn everything_shown(err: &Error) -> String {
    let mut shown = format!("{err} {err:?}");
    if let Some(api) = err.as_api() {
        shown.push_str(&api.message);
        shown.push_str(api.request_id.as_deref().unwrap_or_default());
        for (field, messages) in &api.errors {
            shown.push_str(field);
            shown.push_str(&messages.join(" "));
        }
        for (name, value) in &api.headers {
            shown.push_str(name);
            shown.push_str(value);
        }
        shown.push_str(&String::from_utf8_lossy(&api.body));
    }
    shown
}

fn assert_echoed_and_scrubbed(err: &Error, secrets: &[&str]) {
    let shown = everything_shown(err);
    assert!(shown.contains("Echo:"), "the echo fault answered: {shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    for secret in secrets {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
    }
    let api = err.as_api().expect("an API error");
    assert!(api.request_id.as_deref().unwrap().starts_with("echo "));
}

#[tokio::test]
async fn an_echoed_api_key_is_scrubbed_from_every_field() {
    let mock = mock().await;
    mock.script(vec![Fault::echo()]);
    let err = client(&mock)
        .webhook_subscriptions()
        .list(ListParams::default())
        .await
        .unwrap_err();
    assert_echoed_and_scrubbed(&err, &[mock.api_key()]);
}

#[tokio::test]
async fn an_echoed_access_token_is_scrubbed() {
    let mock = mock().await;
    mock.script(vec![Fault::echo()]);
    let client = Client::builder()
        .base_url(mock.url())
        .access_token("tok_echoed_access_token")
        .build()
        .unwrap();
    let err = list(&client).await.unwrap_err();
    assert_echoed_and_scrubbed(&err, &["tok_echoed_access_token"]);
}

#[tokio::test]
async fn a_webhook_secret_echoed_from_the_create_body_is_scrubbed_in_every_encoding() {
    let mock = mock().await;
    let secret = "whsec/echo+é \"quoted\"";
    mock.script(vec![Fault::echo()]);
    let err = client(&mock)
        .webhook_subscriptions()
        .create(new_member_params().secret(secret))
        .await
        .unwrap_err();
    assert_echoed_and_scrubbed(&err, &[secret, r#"whsec\/echo"#, "echo+é", "quoted"]);
}

#[tokio::test]
async fn an_echoed_client_secret_and_fetched_token_are_scrubbed() {
    let mock = MockServer::start_with(MockConfig {
        client_secret: Some("cs_echoed/client+secret".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let client = Client::builder()
        .base_url(mock.url())
        .client_credentials(mock.client_id(), mock.client_secret())
        .build()
        .unwrap();
    // The token request itself is echoed: its form body holds the client secret.
    mock.script(vec![Fault::echo().on_path("/oauth/token")]);
    let err = list(&client).await.unwrap_err();
    assert_echoed_and_scrubbed(&err, &["cs_echoed", "client+secret", "client%2Bsecret"]);
    // A call with a fetched token is echoed: the token is in its Authorization header.
    list(&client).await.unwrap();
    let token = mock
        .requests()
        .iter()
        .rev()
        .find_map(|r| r.header("authorization").map(str::to_owned))
        .unwrap()
        .trim_start_matches("Bearer ")
        .to_owned();
    mock.script(vec![Fault::echo().on_path(COLLECTION)]);
    let err = list(&client).await.unwrap_err();
    assert_echoed_and_scrubbed(&err, &[&token]);
}

#[tokio::test]
async fn an_echo_in_a_success_answer_that_does_not_decode_is_scrubbed() {
    let mock = mock().await;
    let key = mock.api_key().to_owned();
    mock.script(vec![
        Fault::status(200).body(format!(r#"{{"data": {{"uuid": "{key}"}}}}"#))
    ]);
    let err = client(&mock)
        .webhook_subscriptions()
        .get("59165ef0-1afd-4baf-b1f7-ffee287aff32")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("[redacted]") && !shown.contains(&key),
        "{shown}"
    );
}

#[test]
fn create_params_never_show_their_secret() {
    let params = CreateParams::new("n", "contact_created", "https://e.com").secret("whsec_dbg");
    assert!(!format!("{params:?}").contains("whsec_dbg"));
}
