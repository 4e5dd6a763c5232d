//! Delivering webhooks the way Leat does: a POST of `{"type", "data"}` written as PHP's
//! `json_encode` writes it and signed in the `Signature` header (hex HMAC-SHA256 of the body with the subscription's secret, or the
//! account's), retried up to 5 times at growing intervals when the receiver fails.

use std::time::Duration;

use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use http::{header, Request};
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Serialize;
use serde_json::Value;
use sha2::Sha256;
use tokio::task::JoinSet;

use crate::php_json;
use crate::sent::SentDelivery;
use crate::state::{Shared, Stored};

/// Leat retries a failed delivery up to 5 times: at most 6 attempts.
pub(crate) const MAX_ATTEMPTS: u32 = 6;
/// How long one attempt may take before it counts as failed.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

/// What happened to the delivery of one event to one subscription.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Delivery {
    /// The subscription delivered to.
    pub uuid: String,
    /// Where the event was POSTed.
    pub url: String,
    /// The receiver's last HTTP status; `None` when it never answered.
    pub status: Option<u16>,
    /// How many attempts were made.
    pub attempts: u32,
}

impl Delivery {
    /// `true` when the receiver finally answered 2xx.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// The `Signature` header value for `body` under `secret`.
pub(crate) fn signature(body: &[u8], secret: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Delivers `{"type": event_type, "data": data}` to every ACTIVE subscription of that event
/// type, all at once, and returns when every delivery has ended. Only loopback receivers are
/// contacted; any other URL is reported with no attempt. Each delivery is recorded as it
/// ends ([`crate::MockServer::deliveries`]).
pub(crate) async fn trigger(shared: &Shared, event_type: &str, data: Value) -> Vec<Delivery> {
    send(shared, event_type, &data, |_| true).await
}

/// As [`trigger`], to the ACTIVE subscriptions of `event_type` that `wanted` accepts (a
/// `contact_updated` subscription wants only changes to the attributes it watches).
pub(crate) async fn send(
    shared: &Shared,
    event_type: &str,
    data: &Value,
    wanted: impl Fn(&Stored) -> bool,
) -> Vec<Delivery> {
    let (targets, epoch) = {
        let state = shared.state();
        let targets: Vec<Stored> = state
            .subscriptions
            .iter()
            .filter(|s| s.event_type == event_type && s.status == "ACTIVE" && wanted(s))
            .cloned()
            .collect();
        (targets, state.epoch)
    };
    if targets.is_empty() {
        return Vec::new();
    }
    // Serialised as Leat's servers do (PHP's json_encode): these are the bytes signed.
    let body = Bytes::from(php_json::delivery_body(event_type, data));
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let backoff = shared.settings.delivery_backoff;
    let mut running = JoinSet::new();
    for (index, target) in targets.into_iter().enumerate() {
        let secret = target
            .secret
            .clone()
            .unwrap_or_else(|| shared.settings.webhook_secret.clone());
        let signed = signature(&body, &secret);
        let (client, body) = (client.clone(), body.clone());
        running.spawn(async move {
            let delivery = deliver(&client, &target, body.clone(), &signed, backoff).await;
            (index, delivery, body, signed)
        });
    }
    let mut done = Vec::new();
    while let Some(joined) = running.join_next().await {
        let Ok((index, delivery, body, signed)) = joined else {
            continue;
        };
        shared.record(
            epoch,
            SentDelivery {
                event_type: event_type.to_owned(),
                subscription_uuid: delivery.uuid.clone(),
                url: delivery.url.clone(),
                body: String::from_utf8_lossy(&body).into_owned(),
                signature: signed,
                status: delivery.status,
                attempts: delivery.attempts,
            },
        );
        done.push((index, delivery));
    }
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, delivery)| delivery).collect()
}

async fn deliver<C>(
    client: &Client<C, Full<Bytes>>,
    target: &Stored,
    body: Bytes,
    signed: &str,
    backoff: Duration,
) -> Delivery
where
    C: hyper_util::client::legacy::connect::Connect + Clone + Send + Sync + 'static,
{
    let mut delivery = Delivery {
        uuid: target.uuid.clone(),
        url: target.url.clone(),
        status: None,
        attempts: 0,
    };
    if !is_loopback(&target.url) {
        return delivery;
    }
    while delivery.attempts < MAX_ATTEMPTS {
        if delivery.attempts > 0 {
            tokio::time::sleep(backoff.saturating_mul(1 << (delivery.attempts - 1))).await;
        }
        delivery.attempts += 1;
        let request = Request::post(target.url.as_str())
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::USER_AGENT, "leat-mock webhooks")
            .header("Signature", signed)
            .body(Full::new(body.clone()));
        let Ok(request) = request else {
            return delivery;
        };
        delivery.status = match tokio::time::timeout(ATTEMPT_TIMEOUT, client.request(request)).await
        {
            Ok(Ok(answer)) => Some(answer.status().as_u16()),
            _ => None,
        };
        if delivery.succeeded() {
            break;
        }
    }
    delivery
}

/// The mock delivers only on this machine, so a test can never send traffic elsewhere.
fn is_loopback(url: &str) -> bool {
    match url::Url::parse(url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
