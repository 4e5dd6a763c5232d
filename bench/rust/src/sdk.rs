//! The leat client, used as its README shows.

use std::hint::black_box;

pub(crate) fn client(base_url: &str) -> leat::Client {
    leat::Client::builder()
        .base_url(base_url)
        .api_key("k")
        .build()
        .expect("the client builds")
}

pub(crate) async fn get(client: &leat::Client, uuid: &str) {
    let subscription = client
        .webhook_subscriptions()
        .get(uuid)
        .await
        .expect("get succeeds");
    black_box(subscription.uuid);
}

pub(crate) async fn list(client: &leat::Client) {
    let subscriptions = client
        .webhook_subscriptions()
        .list(Default::default())
        .await
        .expect("list succeeds");
    for subscription in subscriptions {
        black_box(subscription.uuid);
    }
}
