//! Rust quickstart: create, get, list, update and delete a webhook subscription.
//!
//! With `LEAT_API_KEY` set it talks to Leat (or to `LEAT_BASE_URL` when that is set too);
//! otherwise it starts the embedded `leat-mock` server and talks to that.
//!
//! Run it with `cargo run -p leat-sdk --example quickstart`.

use leat::{Client, CreateParams, EventType, ListParams, Status, UpdateParams};
use time::format_description::well_known::Rfc3339;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keep the mock alive for the whole run; it stops when dropped.
    let (client, _mock) = match std::env::var("LEAT_API_KEY") {
        Ok(key) if !key.trim().is_empty() => {
            let client = Client::from_env()?;
            println!("using Leat at {}", client.base_url());
            (client, None)
        }
        _ => {
            let mock = leat_mock::MockServer::start().await?;
            println!(
                "LEAT_API_KEY is not set: using the embedded mock server at {}",
                mock.url()
            );
            let client = Client::builder()
                .api_key(mock.api_key())
                .base_url(mock.url())
                .build()?;
            (client, Some(mock))
        }
    };
    let subscriptions = client.webhook_subscriptions();

    let created = subscriptions
        .create(CreateParams::new(
            "leat-sdk quickstart (Rust)",
            EventType::ContactCreated,
            "https://example.com/leat-sdk-quickstart/webhooks",
        ))
        .await?;
    println!(
        "created  {} {} -> {} ({})",
        created.uuid, created.event_type, created.url, created.status
    );

    let fetched = subscriptions.get(&created.uuid).await?;
    let created_at = fetched.created_at.format(&Rfc3339)?;
    println!(
        "got      {} named {:?}, created at {created_at}",
        fetched.uuid, fetched.name
    );

    let listed = subscriptions
        .list(ListParams {
            event_type: Some(EventType::ContactCreated),
            ..Default::default()
        })
        .await?;
    println!("listed   {} contact_created subscription(s)", listed.len());
    if !listed.iter().any(|s| s.uuid == created.uuid) {
        return Err("the new subscription is missing from the list".into());
    }

    let updated = subscriptions
        .update(
            &created.uuid,
            UpdateParams {
                name: Some("leat-sdk quickstart (Rust, paused)".into()),
                status: Some(Status::Inactive),
                ..Default::default()
            },
        )
        .await?;
    println!(
        "updated  {} named {:?} is now {}",
        updated.uuid, updated.name, updated.status
    );

    subscriptions.delete(&created.uuid).await?;
    println!("deleted  {}", created.uuid);
    Ok(())
}
