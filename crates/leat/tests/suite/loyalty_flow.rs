//! Issue 23's "Done when" flow, end to end with the real client against the stateful mock: a
//! receiver (an axum route verifying with `leat::webhooks::Receiver`) subscribed to
//! `credit_reception_created` and `voucher_redeemed`; a contact found or made by email and
//! given credits for a purchase; the signed delivery that causes; the balance; 1017 for a
//! reward the contact cannot afford, then one it can; a voucher redeemed once, the second
//! redeem refused with 80005. Run twice in one process, `reset` between, with a seed: the
//! same uuids, codes and delivery bodies both times.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use leat::api::{contacts, credit_receptions, promotions, reward_receptions, rewards};
use leat::api::{vouchers, webhook_subscriptions};
use leat::webhooks::{construct_event, EventEntity, Receiver, WebhookEvent};
use leat::{ApiErrorKind, Client, EventType};
use leat_mock::{MockConfig, MockServer, SentDelivery};
use serde_json::Value;

/// The secret both subscriptions sign with, and the receiver verifies with.
const SECRET: &str = "whsec_loyalty_flow";
const WAIT: Duration = Duration::from_secs(5);

/// The events the receiver handed to its handler, in the order they arrived.
#[derive(Clone)]
struct Inbox {
    receiver: Receiver,
    events: Arc<Mutex<Vec<WebhookEvent>>>,
}

async fn receive(
    State(inbox): State<Inbox>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let signature = headers
        .get("signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match inbox.receiver.receive(&body, signature) {
        Ok(event) => {
            inbox.events.lock().unwrap().push(event);
            (StatusCode::OK, "ok".into())
        }
        Err(refused) => (
            StatusCode::from_u16(refused.status).unwrap_or(StatusCode::BAD_REQUEST),
            refused.text,
        ),
    }
}

/// Serves the receiver on a free port; its URL and inbox.
async fn serve_receiver() -> (String, Inbox) {
    let inbox = Inbox {
        receiver: Receiver::new(Some(vec![SECRET.as_bytes().to_vec()]), None, "limit").unwrap(),
        events: Arc::default(),
    };
    let app = Router::new()
        .route("/leat/webhooks", post(receive))
        .with_state(inbox.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/leat/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, inbox)
}

/// The receiver's events once it has `count`, failing the test at the timeout.
async fn events(inbox: &Inbox, count: usize) -> Vec<WebhookEvent> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let events = inbox.events.lock().unwrap().clone();
        if events.len() >= count || tokio::time::Instant::now() > deadline {
            assert!(events.len() >= count, "{} of {count} events", events.len());
            return events;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// What one run of the flow made, to compare between runs.
#[derive(Debug, PartialEq)]
struct Made {
    contact: String,
    reception: String,
    redeemed: String,
    voucher: (String, String),
    deliveries: Vec<SentDelivery>,
}

async fn flow(mock: &MockServer, client: &Client, hook: &str, inbox: &Inbox) -> Made {
    for event_type in [
        EventType::CreditReceptionCreated,
        EventType::VoucherRedeemed,
    ] {
        let name = format!("Flow {}", event_type.as_str());
        client
            .webhook_subscriptions()
            .create(webhook_subscriptions::CreateParams::new(name, event_type, hook).secret(SECRET))
            .await
            .unwrap();
    }
    let shops = client.shops().list().await.unwrap();
    let shop = shops.first().expect("the default account has a shop");

    // Find or create the customer by email: made the first time, found the second.
    let made = client
        .contacts()
        .find_or_create(contacts::FindOrCreateParams::new("flow@example.com"))
        .await
        .unwrap();
    let found = client
        .contacts()
        .find_or_create(contacts::FindOrCreateParams::new("flow@example.com"))
        .await
        .unwrap();
    assert_eq!(found.uuid, made.uuid);

    // Credits for a purchase of 42.50 in the default unit (1 credit per unit, rounded down).
    let reception = client
        .credit_receptions()
        .create(credit_receptions::CreateParams::new(&made.uuid, &shop.uuid).unit_value(42.5))
        .await
        .unwrap();
    assert_eq!(reception.credits, 42);

    // The signed delivery it caused: recorded by the mock, verified by the receiver.
    let sent = mock.wait_for_deliveries(1, WAIT).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].event_type, "credit_reception_created");
    assert!(sent[0].succeeded(), "{:?}", sent[0]);
    let verified = construct_event(sent[0].body.as_bytes(), &sent[0].signature, &[SECRET]).unwrap();
    let received = events(inbox, 1).await;
    assert_eq!(received[0], verified);
    assert_eq!(received[0].event_type, EventType::CreditReceptionCreated);
    let carried = &received[0].data["credit_reception"];
    assert_eq!(carried["uuid"], Value::from(reception.uuid.as_str()));
    assert_eq!(carried["contact"]["uuid"], Value::from(made.uuid.as_str()));
    assert_eq!(carried["credits"], Value::from(42));
    // The typed event: the reception it carries, and the contact it resolves to.
    let Some(EventEntity::CreditReception(typed)) = received[0].entity() else {
        panic!("no typed credit reception in {:?}", received[0].data);
    };
    assert_eq!(typed.uuid, reception.uuid);
    match client.webhooks().resolve(&received[0]).await.unwrap() {
        Some(EventEntity::Contact(contact)) => assert_eq!(contact.uuid, made.uuid),
        other => panic!("resolved to {other:?}"),
    }

    let balance = client
        .contacts()
        .get_credit_balance(&made.uuid)
        .await
        .unwrap();
    assert_eq!(balance.balance, 42);

    // A reward it cannot afford: Leat's 1017; then one it can, and the balance goes down.
    let offered = client
        .rewards()
        .list(rewards::ListParams::new().contact_uuid(&made.uuid))
        .await
        .unwrap();
    let price = |r: &&leat::Reward| r.required_credits.unwrap_or(0);
    let too_dear = offered.iter().find(|r| price(r) > balance.balance).unwrap();
    let refused = client
        .reward_receptions()
        .create(reward_receptions::CreateParams::new(
            &made.uuid,
            &too_dear.uuid,
            &shop.uuid,
        ))
        .await
        .unwrap_err();
    let api = refused.as_api().expect("an API error");
    assert_eq!(
        (api.kind, api.code, refused.class_name()),
        (ApiErrorKind::Limit, Some(1017), "LimitError")
    );
    let affordable = offered
        .iter()
        .filter(|r| (1..=balance.balance).contains(&price(r)))
        .max_by_key(|r| price(r))
        .unwrap();
    let redeemed = client
        .reward_receptions()
        .create(reward_receptions::CreateParams::new(
            &made.uuid,
            &affordable.uuid,
            &shop.uuid,
        ))
        .await
        .unwrap();
    let after = client
        .contacts()
        .get_credit_balance(&made.uuid)
        .await
        .unwrap();
    assert_eq!(after.balance, balance.balance - price(&affordable));

    // A voucher of the account's first promotion: redeemed once, refused the second time.
    let promotions = client
        .promotions()
        .list(promotions::ListParams::new())
        .await
        .unwrap();
    let promotion = promotions
        .first()
        .expect("the default account has a promotion");
    let voucher = client
        .vouchers()
        .create(vouchers::CreateParams::new(&promotion.uuid).contact_uuid(&made.uuid))
        .await
        .unwrap();
    let redeem = || vouchers::RedeemParams::new(&voucher.code, &shop.uuid).contact_uuid(&made.uuid);
    client.vouchers().redeem(redeem()).await.unwrap();
    let again = client.vouchers().redeem(redeem()).await.unwrap_err();
    assert_eq!(again.as_api().and_then(|a| a.code), Some(80005), "{again}");

    let sent = mock.wait_for_deliveries(2, WAIT).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[1].event_type, "voucher_redeemed");
    let received = events(inbox, 2).await;
    assert_eq!(received[1].event_type, EventType::VoucherRedeemed);
    assert_eq!(
        received[1].data["voucher"]["code"],
        Value::from(voucher.code.as_str())
    );
    match client.webhooks().resolve(&received[1]).await.unwrap() {
        Some(EventEntity::Voucher(current)) => assert_eq!(current.code, voucher.code),
        other => panic!("resolved to {other:?}"),
    }
    // Nothing else was sent to the receiver's subscriptions (no reward_updated and the like).
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(mock.deliveries().len(), 2);

    Made {
        contact: made.uuid,
        reception: reception.uuid,
        redeemed: redeemed.uuid,
        voucher: (voucher.uuid, voucher.code),
        deliveries: sent,
    }
}

#[tokio::test]
async fn the_loyalty_flow_runs_against_the_mock_and_again_the_same_after_a_reset() {
    let mock = MockServer::start_with(MockConfig {
        seed: Some(23),
        ..MockConfig::default()
    })
    .await
    .unwrap();
    let client = Client::builder()
        .api_key(mock.api_key())
        .base_url(mock.url())
        .build()
        .unwrap();
    let (hook, inbox) = serve_receiver().await;

    let first = flow(&mock, &client, &hook, &inbox).await;
    mock.reset();
    assert!(mock.deliveries().is_empty());
    assert!(mock.subscriptions().is_empty());
    inbox.events.lock().unwrap().clear();
    let second = flow(&mock, &client, &hook, &inbox).await;
    assert_eq!(first, second);
}
