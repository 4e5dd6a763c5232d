//! Receiving webhooks: the shared signature vectors (made with Python's own hmac), so the
//! three languages can never disagree.

use leat::webhooks::{construct_event, sign, verify_signature};
use leat::EventType;
use serde_json::Value;

fn vectors() -> Vec<Value> {
    vector_file("webhook-signatures.json")
}

fn vector_file(name: &str) -> Vec<Value> {
    let path = format!("{}/../../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let parsed: Value = serde_json::from_str(&text).unwrap();
    parsed["cases"].as_array().unwrap().clone()
}

#[test]
fn every_shared_vector_gives_its_outcome() {
    let cases = vectors();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let body = case["body"].as_str().unwrap().as_bytes();
        let secrets: Vec<&str> = case["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let signature = case["signature"].as_str().unwrap();
        let outcome = case["outcome"].as_str().unwrap();
        match construct_event(body, signature, &secrets) {
            Ok(event) => {
                assert_eq!(outcome, "ok", "{name}");
                assert_eq!(
                    event.event_type.as_str(),
                    case["event_type"].as_str().unwrap(),
                    "{name}"
                );
            }
            Err(err) => assert_eq!(err.kind(), outcome, "{name}: {err}"),
        }
    }
}

#[test]
fn sign_matches_the_vectors() {
    for case in vectors()
        .iter()
        .filter(|c| c["name"] == "valid" || c["name"] == "unicode body")
    {
        let body = case["body"].as_str().unwrap().as_bytes();
        assert_eq!(
            sign(body, case["secrets"][0].as_str().unwrap()),
            case["signature"].as_str().unwrap()
        );
    }
}

#[test]
fn a_verified_event_carries_type_and_data() {
    let body = br#"{"type":"voucher_created","data":{"voucher":{"uuid":"v1"}}}"#;
    let event = construct_event(body, &sign(body, "s"), &["s"]).unwrap();
    assert_eq!(event.event_type, EventType::VoucherCreated);
    assert_eq!(event.data["voucher"]["uuid"], "v1");
    verify_signature(body, &sign(body, "s"), &["s"]).unwrap();
}

#[test]
fn errors_say_what_to_check_and_never_the_secret() {
    let body = br#"{"type":"contact_created","data":{}}"#;
    let err = verify_signature(body, &sign(body, "other"), &["whsec_TOPSECRET"]).unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(text.contains("raw request body"), "{text}");
    assert!(!text.contains("TOPSECRET"), "{text}");
}

mod delivery {
    //! The mock delivers signed events; a receiver built with `construct_event` verifies them.

    use std::net::SocketAddr;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use axum::body::Bytes;
    use axum::extract::State;
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::post;
    use axum::Router;
    use leat::webhooks::{construct_event, WebhookEvent};
    use leat::{CreateParams, Status, UpdateParams};
    use serde_json::json;

    use crate::common::*;

    #[derive(Clone, Default)]
    struct Receiver {
        secrets: Vec<String>,
        fail_first: usize,
        calls: Arc<AtomicUsize>,
        events: Arc<Mutex<Vec<WebhookEvent>>>,
        bodies: Arc<Mutex<Vec<Bytes>>>,
    }

    async fn receive(
        State(receiver): State<Receiver>,
        headers: HeaderMap,
        body: Bytes,
    ) -> StatusCode {
        let call = receiver.calls.fetch_add(1, Ordering::SeqCst);
        if call < receiver.fail_first {
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
        let signature = headers
            .get("signature")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let secrets: Vec<&str> = receiver.secrets.iter().map(String::as_str).collect();
        receiver.bodies.lock().unwrap().push(body.clone());
        match construct_event(&body, signature, &secrets) {
            Ok(event) => {
                receiver.events.lock().unwrap().push(event);
                StatusCode::OK
            }
            Err(_) => StatusCode::BAD_REQUEST,
        }
    }

    async fn serve(receiver: Receiver) -> String {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let app = Router::new()
            .route("/hook", post(receive))
            .with_state(receiver);
        tokio::spawn(async move { axum::serve(listener, app).await });
        url
    }

    #[tokio::test]
    async fn a_triggered_event_arrives_signed_and_verifies() {
        let mock = mock().await;
        let receiver = Receiver {
            secrets: vec!["whsec_e2e".into()],
            ..Default::default()
        };
        let url = serve(receiver.clone()).await;
        let created = client(&mock)
            .webhook_subscriptions()
            .create(CreateParams::new("e2e", "contact_created", url.as_str()).secret("whsec_e2e"))
            .await
            .unwrap();
        let deliveries = mock
            .trigger("contact_created", json!({"contact": {"uuid": "c1"}}))
            .await;
        assert_eq!(deliveries.len(), 1);
        assert_eq!(
            (
                deliveries[0].uuid.as_str(),
                deliveries[0].status,
                deliveries[0].attempts
            ),
            (created.uuid.as_str(), Some(200), 1)
        );
        let events = receiver.events.lock().unwrap();
        assert_eq!(events[0].event_type.as_str(), "contact_created");
        assert_eq!(events[0].data["contact"]["uuid"], "c1");
    }

    #[tokio::test]
    async fn a_delivery_carries_the_bytes_leats_php_servers_write() {
        let mock = mock().await;
        let receiver = Receiver {
            secrets: vec!["whsec_php".into()],
            ..Default::default()
        };
        let url = serve(receiver.clone()).await;
        client(&mock)
            .webhook_subscriptions()
            .create(CreateParams::new("php", "voucher_redeemed", url.as_str()).secret("whsec_php"))
            .await
            .unwrap();
        let data = json!({"url": "https://e.com/a", "name": "Crème", "amount": 1e25, "zeta": 1, "alpha": 2});
        mock.trigger("voucher_redeemed", data).await;
        let bodies = receiver.bodies.lock().unwrap();
        assert_eq!(
            std::str::from_utf8(&bodies[0]).unwrap(),
            r#"{"type":"voucher_redeemed","data":{"url":"https:\/\/e.com\/a","name":"Cr\u00e8me","amount":1.0e+25,"zeta":1,"alpha":2}}"#
        );
        let events = receiver.events.lock().unwrap();
        let keys: Vec<&String> = events[0].data.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["url", "name", "amount", "zeta", "alpha"]);
        assert_eq!(events[0].data["amount"].as_f64(), Some(1e25));
        assert_eq!(events[0].data["name"], "Crème");
    }

    #[tokio::test]
    async fn without_its_own_secret_a_subscription_gets_the_account_secret() {
        let mock = mock().await;
        let receiver = Receiver {
            secrets: vec![mock.webhook_secret().to_owned()],
            ..Default::default()
        };
        let url = serve(receiver.clone()).await;
        client(&mock)
            .webhook_subscriptions()
            .create(CreateParams::new(
                "no secret",
                "voucher_created",
                url.as_str(),
            ))
            .await
            .unwrap();
        let deliveries = mock.trigger("voucher_created", json!({})).await;
        assert_eq!(deliveries[0].status, Some(200));
        assert_eq!(receiver.events.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_failing_receiver_is_retried_until_it_answers_200() {
        let mock = mock().await;
        let receiver = Receiver {
            secrets: vec!["s".into()],
            fail_first: 2,
            ..Default::default()
        };
        let url = serve(receiver.clone()).await;
        client(&mock)
            .webhook_subscriptions()
            .create(CreateParams::new("flaky", "contact_created", url.as_str()).secret("s"))
            .await
            .unwrap();
        let deliveries = mock.trigger("contact_created", json!({})).await;
        assert_eq!(
            (deliveries[0].status, deliveries[0].attempts),
            (Some(200), 3)
        );
        assert_eq!(receiver.calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_receiver_that_never_succeeds_gets_six_attempts() {
        let mock = mock().await;
        let receiver = Receiver {
            fail_first: usize::MAX,
            ..Default::default()
        };
        let url = serve(receiver.clone()).await;
        client(&mock)
            .webhook_subscriptions()
            .create(CreateParams::new("down", "contact_created", url.as_str()))
            .await
            .unwrap();
        let deliveries = mock.trigger("contact_created", json!({})).await;
        assert_eq!(
            (deliveries[0].status, deliveries[0].attempts),
            (Some(500), 6)
        );
    }

    #[tokio::test]
    async fn inactive_subscriptions_and_other_event_types_get_nothing() {
        let mock = mock().await;
        let receiver = Receiver {
            secrets: vec!["s".into()],
            ..Default::default()
        };
        let url = serve(receiver.clone()).await;
        let client = client(&mock);
        let subscriptions = client.webhook_subscriptions();
        let paused = subscriptions
            .create(CreateParams::new("paused", "contact_created", url.as_str()).secret("s"))
            .await
            .unwrap();
        subscriptions
            .update(
                &paused.uuid,
                UpdateParams {
                    status: Some(Status::Inactive),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        subscriptions
            .create(CreateParams::new("other", "voucher_created", url.as_str()).secret("s"))
            .await
            .unwrap();
        assert!(mock.trigger("contact_created", json!({})).await.is_empty());
        assert_eq!(receiver.calls.load(Ordering::SeqCst), 0);
    }
}

#[test]
fn deliveries_made_by_php_verify_and_keep_every_number() {
    let cases = vector_file("php-deliveries.json");
    assert!(cases.len() >= 9);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let body = case["body"].as_str().unwrap().as_bytes();
        let signature = case["signature"].as_str().unwrap();
        let secret = case["secret"].as_str().unwrap();
        let event =
            construct_event(body, signature, &[secret]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            event.event_type.as_str(),
            case["event_type"].as_str().unwrap(),
            "{name}"
        );
        // Written back, the two are the same text: same numbers, same types. (Both sides go
        // through serde_json, so key order is shown by the test below.)
        assert_eq!(
            serde_json::to_string(&event.data).unwrap(),
            serde_json::to_string(&case["data"]).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn event_data_keeps_the_keys_in_the_order_of_the_body() {
    let event = leat::webhooks::parse_event(
        br#"{"type":"t","data":{"zeta":1,"alpha":{"y":1,"b":2},"mid":[{"k":1,"c":2}]}}"#,
    )
    .unwrap();
    let keys = |value: &serde_json::Value| -> Vec<String> {
        value.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(keys(&event.data), ["zeta", "alpha", "mid"]);
    assert_eq!(keys(&event.data["alpha"]), ["y", "b"]);
    assert_eq!(keys(&event.data["mid"][0]), ["k", "c"]);
    assert_eq!(
        serde_json::to_string(&event.data).unwrap(),
        r#"{"zeta":1,"alpha":{"y":1,"b":2},"mid":[{"k":1,"c":2}]}"#
    );
}

#[test]
fn php_floats_are_read_exactly() {
    let event = leat::webhooks::parse_event(
        br#"{"type":"t","data":{"a":1.0e+25,"b":0.30000000000000004,"c":9007199254740993}}"#,
    )
    .unwrap();
    assert_eq!(event.data["a"].as_f64(), Some(1e25));
    assert_eq!(event.data["b"].as_f64(), Some(0.30000000000000004));
    assert_eq!(event.data["c"].as_u64(), Some(9007199254740993));
}
