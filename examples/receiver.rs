//! Rust webhook receiver: an axum endpoint that verifies Leat's `Signature` header on the raw
//! body and parses the event. Run with `cargo run -p leat-sdk --example receiver`: it subscribes
//! itself on the embedded mock server, has the mock deliver an event, and prints it.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use leat::webhooks::{construct_event, WebhookEvent, SIGNATURE_HEADER};
use leat::{Client, CreateParams, EventType};
use tokio::sync::mpsc;

const SECRET: &str = "whsec_receiver_example";

/// Verifies the delivery against the raw body before trusting anything in it.
async fn receive(
    State(events): State<mpsc::UnboundedSender<WebhookEvent>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match construct_event(&body, signature, &[SECRET]) {
        Ok(event) => {
            let _ = events.send(event);
            StatusCode::OK
        }
        Err(err) => {
            eprintln!("refused a delivery: {err}");
            StatusCode::BAD_REQUEST
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (events, mut received) = mpsc::unbounded_channel();
    let app = Router::new()
        .route("/webhooks", post(receive))
        .with_state(events);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let url = format!("http://{}/webhooks", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("receiver listening at {url}");

    let mock = leat_mock::MockServer::start().await?;
    let client = Client::builder()
        .api_key(mock.api_key())
        .base_url(mock.url())
        .build()?;
    let subscription = client
        .webhook_subscriptions()
        .create(
            CreateParams::new("Receiver example (Rust)", EventType::ContactCreated, &url)
                .secret(SECRET),
        )
        .await?;
    println!("subscribed {} to contact_created", subscription.uuid);

    let data = serde_json::json!({"contact": {"uuid": "9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d"}});
    let deliveries = mock.trigger("contact_created", data).await;
    for delivery in &deliveries {
        println!(
            "mock delivered to {}: HTTP {:?} after {} attempt(s)",
            delivery.url, delivery.status, delivery.attempts
        );
    }
    let event = received
        .try_recv()
        .map_err(|_| "no verified event arrived")?;
    println!(
        "verified event {} with data {}",
        event.event_type, event.data
    );
    Ok(())
}
