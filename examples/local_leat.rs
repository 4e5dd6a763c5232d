//! A whole loyalty flow against a local Leat: the embedded `leat-mock` keeps the account's
//! state and sends the webhooks its changes cause, signed as Leat signs them, to an axum
//! receiver using `leat::webhooks::Receiver`.
//!
//! It subscribes the receiver to `credit_reception_created` and `voucher_redeemed`, finds or
//! creates a contact by email, gives it credits for a purchase, sees the signed delivery arrive
//! and resolves its event to the contact, reads the balance, is refused a reward the contact
//! cannot afford (Leat's 1017) and redeems one it can, then redeems a voucher and is refused a
//! second time.
//!
//! Run it with `cargo run -p leat-sdk --example local_leat`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use leat::api::{contacts, credit_receptions, reward_receptions, rewards, vouchers};
use leat::webhooks::{EventEntity, Receiver, WebhookEvent, SIGNATURE_HEADER};
use leat::{ApiErrorKind, Client, CreateParams, Error, EventType};
use tokio::sync::Mutex;

const SECRET: &str = "whsec_local_leat_example";

type Received = Arc<Mutex<Vec<WebhookEvent>>>;

/// Verifies each delivery on its raw body; a refusal answers as the receiver says.
async fn receive(
    State((receiver, received)): State<(Arc<Receiver>, Received)>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match receiver.receive(&body, signature) {
        Ok(event) => {
            received.lock().await.push(event);
            (StatusCode::NO_CONTENT, String::new())
        }
        Err(refusal) => (
            StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST),
            refusal.text,
        ),
    }
}

/// A reward's title, or its uuid when it has none.
fn title(reward: &leat::Reward) -> &str {
    reward.title.as_deref().unwrap_or(&reward.uuid)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let receiver = Arc::new(Receiver::new(
        Some(vec![SECRET.as_bytes().to_vec()]),
        None,
        "limit",
    )?);
    let received: Received = Arc::default();
    let app = Router::new()
        .route("/leat/webhooks", post(receive))
        .with_state((receiver, received.clone()));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let url = format!("http://{}/leat/webhooks", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    // seed: the same uuids on every run.
    let mock = leat_mock::MockServer::start_with(leat_mock::MockConfig {
        seed: Some(1),
        ..Default::default()
    })
    .await?;
    let client = Client::builder()
        .api_key(mock.api_key())
        .base_url(mock.url())
        .build()?;
    for event_type in [
        EventType::CreditReceptionCreated,
        EventType::VoucherRedeemed,
    ] {
        let name = format!("Local {}", event_type.as_str());
        client
            .webhook_subscriptions()
            .create(CreateParams::new(name, event_type, &url).secret(SECRET))
            .await?;
    }
    println!("receiver at {url}, subscribed to credit_reception_created and voucher_redeemed");

    let shops = client.shops().list().await?;
    let shop = shops.first().ok_or("the account has no shop")?;
    let contact = client
        .contacts()
        .find_or_create(contacts::FindOrCreateParams::new("jane@example.com"))
        .await?;
    println!("contact   {}", contact.uuid);

    let reception = client
        .credit_receptions()
        .create(credit_receptions::CreateParams::new(&contact.uuid, &shop.uuid).unit_value(42.5))
        .await?;
    println!(
        "received  {} credits for a purchase of 42.50 at {}",
        reception.credits, shop.name
    );

    // Leat delivers in the background; the mock lets a test wait for it.
    let sent = mock.wait_for_deliveries(1, Duration::from_secs(10)).await;
    let delivery = sent.first().ok_or("no delivery was sent")?;
    println!(
        "delivered {} to the receiver: HTTP {:?}",
        delivery.event_type, delivery.status
    );
    let event = received
        .lock()
        .await
        .first()
        .cloned()
        .ok_or("the receiver verified no event")?;
    let Some(EventEntity::CreditReception(_)) = event.entity() else {
        return Err(format!("not a credit reception: {:?}", event.data).into());
    };
    match client.webhooks().resolve(&event).await? {
        Some(EventEntity::Contact(resolved)) if resolved.uuid == contact.uuid => {
            println!("resolved  the event to contact {}", resolved.uuid)
        }
        other => return Err(format!("resolved to {other:?}").into()),
    }

    let balance = client
        .contacts()
        .get_credit_balance(&contact.uuid)
        .await?
        .balance;
    println!("balance   {balance} credits");

    let mut offered = client.rewards().list(rewards::ListParams::new()).await?;
    offered.sort_by_key(|r| r.required_credits.unwrap_or(0));
    let too_dear = offered
        .iter()
        .rev()
        .find(|r| r.required_credits.unwrap_or(0) > balance)
        .ok_or("no reward is beyond the balance")?;
    let refused = client
        .reward_receptions()
        .create(reward_receptions::CreateParams::new(
            &contact.uuid,
            &too_dear.uuid,
            &shop.uuid,
        ))
        .await;
    match refused {
        Err(Error::Api(err)) if err.kind == ApiErrorKind::Limit => {
            println!("refused   {} ({err})", title(too_dear))
        }
        other => {
            return Err(format!("{} should have been refused: {other:?}", title(too_dear)).into())
        }
    }
    let affordable = offered
        .iter()
        .find(|r| r.required_credits.is_some_and(|c| c > 0 && c <= balance))
        .ok_or("no reward is within reach")?;
    client
        .reward_receptions()
        .create(reward_receptions::CreateParams::new(
            &contact.uuid,
            &affordable.uuid,
            &shop.uuid,
        ))
        .await?;
    let left = client
        .contacts()
        .get_credit_balance(&contact.uuid)
        .await?
        .balance;
    println!("redeemed  {}; {left} credits left", title(affordable));

    let promotions = client
        .promotions()
        .list(leat::api::promotions::ListParams::new())
        .await?;
    let promotion = promotions.first().ok_or("the account has no promotion")?;
    let voucher = client
        .vouchers()
        .create(vouchers::CreateParams::new(&promotion.uuid).contact_uuid(&contact.uuid))
        .await?;
    let code = voucher.code.clone();
    client
        .vouchers()
        .redeem(vouchers::RedeemParams::new(&code, &shop.uuid))
        .await?;
    match client
        .vouchers()
        .redeem(vouchers::RedeemParams::new(&code, &shop.uuid))
        .await
    {
        Err(Error::Api(err)) if err.kind == ApiErrorKind::Conflict => {
            println!("voucher   {code} redeemed once; again: {err}")
        }
        other => return Err(format!("a second redeem should be refused: {other:?}").into()),
    }
    mock.wait_for_deliveries(2, Duration::from_secs(10)).await;
    let last = received
        .lock()
        .await
        .last()
        .cloned()
        .ok_or("no event arrived")?;
    match client.webhooks().resolve(&last).await? {
        Some(EventEntity::Voucher(v)) => {
            println!("resolved  the voucher_redeemed event to {}", v.code)
        }
        other => return Err(format!("resolved to {other:?}").into()),
    }
    Ok(())
}
