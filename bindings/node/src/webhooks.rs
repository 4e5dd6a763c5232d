//! The native half of the `webhooks` export: signature checks and event parsing from the
//! core, on the raw bytes of a `Buffer` or `Uint8Array`, borrowed without a copy (the
//! JavaScript side turns text into bytes and refuses parsed bodies). Each function answers
//! an envelope; a failure is a `SignatureVerificationError` with the core's `reason`.

use std::fmt::Write;

use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use serde_json::Value;

use leat::webhooks::{self, WebhookEvent};

use crate::errors;
use crate::json;
use crate::runtime::guarded_sync;

/// `{"ok": {"eventType", "data", "entity"}}`: `entity` is `{"key", "model"}` when the
/// event's entity reads as its model (`lib/webhooks.js` maps `data[key]` with that model's
/// mapper), else `null`.
///
/// Written through `Value`'s `Display`, which is compiled (optimised) inside serde_json:
/// serde's generic serializer would be compiled here, unoptimised in debug builds, and takes
/// a millisecond for a 64 KiB event instead of some 20 µs.
fn event_envelope(event: &WebhookEvent) -> String {
    let event_type = Value::from(event.event_type.as_str());
    let entity = match event.entity_location() {
        Some((key, model)) => serde_json::json!({ "key": key, "model": model }),
        None => Value::Null,
    };
    let mut out = String::with_capacity(64);
    let written = write!(
        out,
        r#"{{"ok":{{"eventType":{event_type},"data":{},"entity":{entity}}}}}"#,
        event.data
    );
    match written {
        Ok(()) => out,
        Err(err) => errors::internal(&format!("could not encode the event: {err}")),
    }
}

/// A secret as JavaScript holds it: text, or the bytes of a `Buffer`/`Uint8Array`.
type Secret = Either<String, Buffer>;

fn key(secret: &Secret) -> &[u8] {
    match secret {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    }
}

fn keys(secrets: &[Secret]) -> Vec<&[u8]> {
    secrets.iter().map(key).collect()
}

/// Checks that `signature` is the HMAC-SHA256 of `payload` under one of `secrets`:
/// `{"ok": null}`.
#[napi]
pub fn verify_webhook_signature(payload: &[u8], signature: String, secrets: Vec<Secret>) -> String {
    guarded_sync(|| {
        json::settle(webhooks::verify_signature(
            payload,
            &signature,
            &keys(&secrets),
        ))
    })
}

/// Verifies, then parses the delivery: `{"ok": {"eventType", "data"}}`.
#[napi]
pub fn construct_webhook_event(payload: &[u8], signature: String, secrets: Vec<Secret>) -> String {
    guarded_sync(
        || match webhooks::construct_event(payload, &signature, &keys(&secrets)) {
            Ok(event) => event_envelope(&event),
            Err(err) => errors::envelope(&err),
        },
    )
}

/// The call that fetches the entity of an event (its type, and its `data` as JSON text):
/// `{"ok": {"operation", "args", "model"}}` with the arguments by camelCase name, `{"ok":
/// null}` when Leat offers no way, or a `ValidationError` when the payload lacks what the
/// call needs.
#[napi]
pub fn webhook_fetch(event_type: String, data: String) -> String {
    guarded_sync(|| {
        let data: Value = match serde_json::from_str(&data) {
            Ok(data) => data,
            Err(err) => {
                return errors::bad_argument("event", &format!("its data is not JSON: {err}"))
            }
        };
        match WebhookEvent::new(event_type, data).fetch() {
            Ok(Some(fetch)) => {
                let args: serde_json::Map<String, Value> = fetch
                    .args
                    .into_iter()
                    .map(|(name, value)| {
                        let node = fetch
                            .operation
                            .param(&name)
                            .map_or(name.clone(), |p| leat::Naming::Node.of(p).to_owned());
                        (node, value)
                    })
                    .collect();
                json::ok(&serde_json::json!({
                    "operation": fetch.operation.id,
                    "args": args,
                    "model": fetch.model,
                }))
            }
            Ok(None) => json::ok(&Value::Null),
            Err(err) => errors::envelope(&err),
        }
    })
}

/// The `Signature` Leat would send for `payload` under `secret`: `{"ok": "<hex>"}`.
#[napi]
pub fn sign_webhook(payload: &[u8], secret: Secret) -> String {
    guarded_sync(|| json::ok(&webhooks::sign(payload, key(&secret))))
}

/// The secrets in the text of `LEAT_WEBHOOK_SECRET`: comma-separated, trimmed.
#[napi]
pub fn parse_webhook_secrets(text: String) -> Vec<String> {
    webhooks::parse_secrets(&text)
}

/// The largest body a receiver reads unless told otherwise (the core's rule: 1 MiB).
#[napi]
pub const DEFAULT_BODY_LIMIT: u32 = webhooks::DEFAULT_BODY_LIMIT as u32;

/// A framework receiver's verifier (`node/lib/receivers/delivery.js` holds one per
/// receiver): the secrets given, kept here once (or, with none, `LEAT_WEBHOOK_SECRET` read for
/// each delivery), the body limit, and the core's rule for what each refusal answers.
#[napi(js_name = "NativeReceiver")]
pub struct Receiver(webhooks::Receiver);

/// `{"status", "reason", "text", "serverFault"}` of a refusal.
fn refusal(refused: &webhooks::Refusal) -> Value {
    serde_json::json!({
        "status": refused.status,
        "reason": refused.reason,
        "text": refused.text,
        "serverFault": refused.server_fault,
    })
}

#[napi]
impl Receiver {
    /// The largest body read, in bytes.
    #[napi(getter)]
    pub fn limit(&self) -> f64 {
        self.0.limit() as f64
    }

    /// Whether a `Content-Length` value says the body is over the limit.
    #[napi(catch_unwind)]
    pub fn declared_too_large(&self, content_length: String) -> bool {
        self.0.declared_too_large(&content_length)
    }

    /// The refusal of a body over the limit, as JSON text.
    #[napi(catch_unwind)]
    pub fn too_large(&self) -> String {
        refusal(&self.0.too_large()).to_string()
    }

    /// `{"ok": {"eventType", "data"}}`, or `{"refusal": {...}}` saying how to answer.
    #[napi(catch_unwind)]
    pub fn receive(&self, payload: &[u8], signature: String) -> String {
        guarded_sync(|| match self.0.receive(payload, &signature) {
            Ok(event) => event_envelope(&event),
            Err(refused) => serde_json::json!({ "refusal": refusal(&refused) }).to_string(),
        })
    }
}

/// A receiver verifying with `secrets` (`null`: `LEAT_WEBHOOK_SECRET` for each delivery) and
/// refusing bodies over `limit` bytes; or the text saying why `limit` is refused.
#[napi(catch_unwind)]
pub fn make_receiver(
    secrets: Option<Vec<Secret>>,
    limit: i64,
    limit_option: String,
) -> Either<Receiver, String> {
    let secrets = secrets.map(|given| given.iter().map(|s| key(s).to_vec()).collect());
    match webhooks::Receiver::new(secrets, Some(limit), &limit_option) {
        Ok(receiver) => Either::A(Receiver(receiver)),
        Err(message) => Either::B(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope_of(body: &str) -> Value {
        let event = webhooks::parse_event(body.as_bytes()).unwrap();
        serde_json::from_str(&event_envelope(&event)).unwrap()
    }

    #[test]
    fn an_event_is_its_type_and_data() {
        assert_eq!(
            envelope_of(r#"{"type":"voucher_redeemed","data":{"name":"Crème \"brûlée\" 🍮"}}"#),
            serde_json::json!({"ok": {"eventType": "voucher_redeemed", "data": {"name": "Crème \"brûlée\" 🍮"}, "entity": null}})
        );
    }

    #[test]
    fn an_event_without_data_has_an_empty_object() {
        assert_eq!(
            envelope_of(r#"{"type":"contact_created"}"#),
            serde_json::json!({"ok": {"eventType": "contact_created", "data": {}, "entity": null}})
        );
    }

    #[test]
    fn an_event_whose_entity_reads_as_its_model_says_where_it_is() {
        assert_eq!(
            envelope_of(r#"{"type":"contact_created","data":{"contact":{"uuid":"123"}}}"#)["ok"]
                ["entity"],
            serde_json::json!({"key": "contact", "model": "Contact"})
        );
    }

    #[test]
    fn a_fetch_names_its_arguments_in_camel_case() {
        let answer: Value = serde_json::from_str(&webhook_fetch(
            "giftcard_transaction_created".into(),
            r#"{"giftcard_transaction":{"uuid":"g1"}}"#.into(),
        ))
        .unwrap();
        assert_eq!(
            answer,
            serde_json::json!({"ok": {"operation": "giftcard_transactions.get", "args": {"giftcardTransactionUuid": "g1"}, "model": "GiftcardTransaction"}})
        );
        let refused: Value =
            serde_json::from_str(&webhook_fetch("voucher_redeemed".into(), "{}".into())).unwrap();
        assert_eq!(refused["error"]["class"], "ValidationError");
    }

    #[test]
    fn a_failure_is_an_envelope_with_the_reason() {
        let answer = construct_webhook_event(b"{}", String::new(), vec![Either::A("s".into())]);
        let parsed: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(parsed["error"]["class"], "SignatureVerificationError");
        assert_eq!(parsed["error"]["reason"], "missing_signature");
    }
}
