//! What a framework receiver answers Leat, written once for every language: the event when a
//! delivery verifies, else the refusal: 400 with `"<reason>: <message>"` for a delivery that
//! does not verify or is not an event, 413 for a body over the receiver's limit, and 500 when
//! the receiver has no secret at all (the fault is the server's; Leat retries until it is
//! fixed). Secrets given when the receiver is made are kept here; without them,
//! `LEAT_WEBHOOK_SECRET` is read as each delivery arrives, so it may be set later.

use super::{construct_event, env_secrets, WebhookError, WebhookEvent};

/// The largest body a receiver reads unless told otherwise: 1 MiB (Leat's deliveries are a
/// few KiB).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// Verifies deliveries and says how to answer the ones it refuses.
///
/// ```
/// use leat::webhooks::{self, Receiver};
/// let receiver = Receiver::new(Some(vec![b"whsec_1".to_vec()]), None, "limit").unwrap();
/// let body = br#"{"type":"contact_created","data":{}}"#;
/// let event = receiver.receive(body, &webhooks::sign(body, "whsec_1")).unwrap();
/// assert_eq!(event.event_type.as_str(), "contact_created");
/// let refused = receiver.receive(body, "nope").unwrap_err();
/// assert_eq!(refused.status, 400);
/// ```
#[derive(Clone)]
pub struct Receiver {
    /// `None`: read `LEAT_WEBHOOK_SECRET` for each delivery.
    secrets: Option<Vec<Vec<u8>>>,
    limit: usize,
    /// How the receiver's caller names the limit, for the 413 text (`its limit= argument`).
    limit_option: String,
}

/// How to answer a delivery that was not handed to the handler.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// The stable reason (`signature_mismatch`, `body_too_large`, ...).
    pub reason: &'static str,
    /// The text to answer with: `"<reason>: <message>"`. Never holds a secret.
    pub text: String,
    /// Whether the server is at fault (no secret configured), worth an error in its log
    /// rather than a warning.
    pub server_fault: bool,
}

impl WebhookError {
    /// The HTTP status a receiver answers this refusal with: 500 when no secret was given (the
    /// server's fault), 400 otherwise.
    pub fn http_status(&self) -> u16 {
        match self {
            WebhookError::NoSecret => 500,
            _ => 400,
        }
    }

    /// The text a receiver answers this refusal with: `"<reason>: <message>"`.
    pub fn answer_text(&self) -> String {
        format!("{}: {self}", self.kind())
    }
}

impl From<WebhookError> for Refusal {
    fn from(err: WebhookError) -> Self {
        Refusal {
            status: err.http_status(),
            reason: err.kind(),
            text: err.answer_text(),
            server_fault: matches!(err, WebhookError::NoSecret),
        }
    }
}

impl std::fmt::Debug for Receiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receiver")
            .field(
                "secrets",
                &self
                    .secrets
                    .as_ref()
                    .map_or("from LEAT_WEBHOOK_SECRET".to_owned(), |s| {
                        format!("{} given", s.len())
                    }),
            )
            .field("limit", &self.limit)
            .finish()
    }
}

impl Receiver {
    /// A receiver verifying with `secrets` (or, when `None`, `LEAT_WEBHOOK_SECRET` as each
    /// delivery arrives), refusing bodies over `limit` bytes (default
    /// [`DEFAULT_BODY_LIMIT`]). `limit_option` is how the caller names the limit, for the
    /// text of a 413.
    ///
    /// # Errors
    /// A message naming `limit_option` when `limit` is not greater than zero.
    pub fn new(
        secrets: Option<Vec<Vec<u8>>>,
        limit: Option<i64>,
        limit_option: &str,
    ) -> Result<Receiver, String> {
        let limit = match limit {
            Some(bytes) if bytes <= 0 => {
                return Err(format!(
                    "{limit_option} must be a positive whole number of bytes, greater than zero, got {bytes}"
                ))
            }
            Some(bytes) => usize::try_from(bytes).unwrap_or(usize::MAX),
            None => DEFAULT_BODY_LIMIT,
        };
        Ok(Receiver {
            secrets,
            limit,
            limit_option: limit_option.to_owned(),
        })
    }

    /// The largest body this receiver reads, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Whether a `Content-Length` header says the body is over the limit, so it can be
    /// refused before it is read. A value that is not a number says nothing.
    pub fn declared_too_large(&self, content_length: &str) -> bool {
        content_length
            .trim()
            .parse::<u64>()
            .is_ok_and(|length| length > self.limit as u64)
    }

    /// The refusal of a body over the limit: 413.
    pub fn too_large(&self) -> Refusal {
        Refusal {
            status: 413,
            reason: "body_too_large",
            text: format!(
                "body_too_large: the request body is larger than this receiver's limit of {} bytes (its {})",
                self.limit, self.limit_option
            ),
            server_fault: false,
        }
    }

    /// The event a delivery carries, or how to refuse it.
    ///
    /// # Errors
    /// The [`Refusal`] to answer with.
    pub fn receive(&self, body: &[u8], signature: &str) -> Result<WebhookEvent, Refusal> {
        if body.len() > self.limit {
            return Err(self.too_large());
        }
        let outcome = match &self.secrets {
            Some(secrets) => construct_event(body, signature, secrets),
            None => construct_event(body, signature, &env_secrets()),
        };
        outcome.map_err(Refusal::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_secret_is_the_servers_fault() {
        let receiver = Receiver::new(Some(Vec::new()), None, "limit").unwrap();
        let refused = receiver.receive(b"{}", &"0".repeat(64)).unwrap_err();
        assert_eq!((refused.status, refused.reason), (500, "no_secret"));
        assert!(refused.server_fault && refused.text.starts_with("no_secret: "));
    }

    #[test]
    fn a_body_over_the_limit_is_413_by_length_or_size() {
        let receiver = Receiver::new(Some(vec![b"k".to_vec()]), Some(4), "limit option").unwrap();
        assert!(receiver.declared_too_large("5") && !receiver.declared_too_large("4"));
        assert!(!receiver.declared_too_large("five"));
        let refused = receiver.receive(b"12345", "x").unwrap_err();
        assert_eq!(refused.status, 413);
        assert!(
            refused.text.contains("its limit option"),
            "{}",
            refused.text
        );
        assert!(Receiver::new(None, Some(0), "limit").is_err());
        assert!(Receiver::new(None, Some(-5), "limit")
            .unwrap_err()
            .contains("-5"));
    }
}
