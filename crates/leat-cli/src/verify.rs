//! `leat webhooks verify`: check a saved delivery's signature with the core, and say why
//! when it does not verify.

use serde_json::json;

use crate::cli::VerifyArgs;
use crate::exit::Failure;
use crate::input;
use crate::output::{one_line, paint, style, Output};

/// The webhook secret(s) read when none is given: several are separated by commas.
pub(crate) use leat::webhooks::ENV_WEBHOOK_SECRET;

/// Verifies the delivery; exit status 0 and the event type, or 1 and the reason.
pub(crate) async fn run(args: VerifyArgs, out: &Output) -> Result<(), Failure> {
    let secrets = if args.secret.is_empty() {
        leat::webhooks::env_secrets()
    } else {
        args.secret
    };
    if secrets.iter().all(String::is_empty) {
        return Err(Failure::usage(format!(
            "no secret to verify with: give --secret (repeat it for several) or set \
             {ENV_WEBHOOK_SECRET} (several separated by commas)"
        )));
    }
    let body = input::read_bytes(&args.file, "the delivery").await?;
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let event = leat::webhooks::construct_event(&body, &args.signature, &secrets)?;
    if out.is_json() {
        out.json(&json!({
            "valid": true,
            "event_type": event.event_type.as_str(),
            "data": event.data,
        }));
    } else {
        out.line(&format!(
            "{} event type {}",
            paint(style::GOOD, "Signature valid:"),
            one_line(event.event_type.as_str())
        ));
    }
    Ok(())
}
