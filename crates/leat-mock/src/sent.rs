//! The record of a delivery the mock made: what it sent (the exact signed bytes), to whom,
//! and how it ended. [`crate::MockServer::deliveries`] lists them in the order they ended.

use serde::Serialize;

/// One webhook delivery the mock made and that has ended (delivered, or given up after its
/// retries): from a state change or from [`crate::MockServer::trigger`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SentDelivery {
    /// The event type, e.g. `credit_reception_created`.
    pub event_type: String,
    /// The subscription delivered to.
    pub subscription_uuid: String,
    /// Where the event was POSTed.
    pub url: String,
    /// The body exactly as sent and signed (PHP `json_encode` bytes).
    pub body: String,
    /// The `Signature` header sent: hex HMAC-SHA256 of `body`.
    pub signature: String,
    /// The receiver's last HTTP status; `None` when it never answered.
    pub status: Option<u16>,
    /// How many attempts were made.
    pub attempts: u32,
}

impl SentDelivery {
    /// `true` when the receiver finally answered 2xx.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// The body parsed as JSON (`{"type": ..., "data": {...}}`).
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// The ended deliveries once `count` have ended, or what there is at `timeout`.
pub(crate) async fn wait(
    shared: &crate::state::Shared,
    count: usize,
    timeout: std::time::Duration,
) -> Vec<SentDelivery> {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = shared.delivered.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let state = shared.state();
            if state.deliveries.len() >= count {
                return state.deliveries.clone();
            }
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return shared.state().deliveries.clone();
        }
    }
}
