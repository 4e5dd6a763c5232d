//! Rust loyalty quickstart: find or create a contact by email, give it credits for a
//! purchase, read its credit balance, list the rewards it can afford, and redeem one.
//!
//! With `LEAT_API_KEY` set it talks to Leat (or to `LEAT_BASE_URL` when that is set too);
//! otherwise it starts the embedded `leat-mock` server, a ready account, and talks to that.
//!
//! Run it with `cargo run -p leat-sdk --example loyalty`.

use leat::api::{contacts, credit_receptions, reward_receptions, rewards};
use leat::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keep the mock alive for the whole run; it stops when dropped.
    let (client, _mock) = match std::env::var("LEAT_API_KEY") {
        Ok(key) if !key.trim().is_empty() => (Client::from_env()?, None),
        _ => {
            let mock = leat_mock::MockServer::start().await?;
            let client = Client::builder()
                .api_key(mock.api_key())
                .base_url(mock.url())
                .build()?;
            (client, Some(mock))
        }
    };
    println!("using Leat at {}", client.base_url());

    // The shop the purchase was made in.
    let shops = client.shops().list().await?;
    let shop = shops.first().ok_or("the account has no shop")?;

    // The customer, by email: found, or made when Leat has none.
    let contact = client
        .contacts()
        .find_or_create(contacts::FindOrCreateParams::new("jane@example.com"))
        .await?;
    println!(
        "contact  {} ({})",
        contact.uuid,
        contact.email.as_deref().unwrap_or("-")
    );

    // Credits for a purchase of 42.50 in the account's default unit: Leat's rules decide how
    // many. Sent once: a reception whose outcome is unknown is never repeated.
    let reception = client
        .credit_receptions()
        .create(credit_receptions::CreateParams::new(&contact.uuid, &shop.uuid).unit_value(42.5))
        .await?;
    println!("received {} credits at {}", reception.credits, shop.name);

    let balance = client.contacts().get_credit_balance(&contact.uuid).await?;
    println!("balance  {} credits", balance.balance);

    // The rewards it can afford now.
    let offered = client
        .rewards()
        .list(rewards::ListParams::new().contact_uuid(&contact.uuid))
        .await?;
    let affordable: Vec<&leat::Reward> = offered
        .iter()
        .filter(|r| r.required_credits.is_some_and(|c| c <= balance.balance))
        .collect();
    println!(
        "{} of {} rewards are within reach",
        affordable.len(),
        offered.len()
    );

    if let Some(reward) = affordable.first() {
        let redeemed = client
            .reward_receptions()
            .create(reward_receptions::CreateParams::new(
                &contact.uuid,
                &reward.uuid,
                &shop.uuid,
            ))
            .await?;
        println!(
            "redeemed {} for {} credits",
            redeemed.title,
            redeemed.credits.abs()
        );
        let after = client.contacts().get_credit_balance(&contact.uuid).await?;
        println!("balance  {} credits left", after.balance);
    }
    Ok(())
}
