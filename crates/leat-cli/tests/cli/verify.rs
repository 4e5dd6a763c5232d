//! `leat webhooks verify`: a saved delivery checked with the core; exit 0 or 1 with the
//! reason.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::{file_with, leat};

const BODY: &str = r#"{"type":"contact_created","data":{"contact":{"uuid":"c1"}}}"#;
const SECRET: &str = "whsec_verify";

fn signature() -> String {
    leat::webhooks::sign(BODY.as_bytes(), SECRET)
}

/// `leat webhooks verify --signature SIGNATURE --secret SECRET`, the delivery still to give.
fn verify(signature: &str, secret: &str) -> Command {
    let mut command = leat();
    command.args([
        "webhooks",
        "verify",
        "--signature",
        signature,
        "--secret",
        secret,
    ]);
    command
}

#[test]
fn a_valid_delivery_exits_0_with_its_event_type() {
    let file = file_with(BODY);
    verify(&signature(), SECRET)
        .arg(file.path())
        .assert()
        .success()
        .stdout("Signature valid: event type contact_created\n");
}

#[test]
fn a_wrong_signature_exits_1_with_the_reason() {
    let file = file_with(BODY);
    verify(&signature(), "whsec_other")
        .arg(file.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("signature_mismatch"))
        .stderr(predicate::str::contains("matches none of the 1 secret(s)"));
}

#[test]
fn a_malformed_signature_is_named_as_such() {
    let file = file_with(BODY);
    verify("abc", SECRET)
        .arg(file.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("malformed_signature"));
}

#[test]
fn the_delivery_can_come_from_stdin() {
    verify(&signature(), SECRET)
        .arg("-")
        .write_stdin(BODY)
        .assert()
        .success();
}

#[test]
fn several_secrets_come_comma_separated_from_the_environment() {
    leat()
        .env("LEAT_WEBHOOK_SECRET", format!("whsec_old, {SECRET}"))
        .args(["webhooks", "verify", "--signature", &signature()])
        .write_stdin(BODY)
        .assert()
        .success();
}

#[test]
fn any_of_several_secret_flags_may_match() {
    leat()
        .args(["webhooks", "verify", "--signature", &signature()])
        .args(["--secret", "whsec_old", "--secret", SECRET])
        .write_stdin(BODY)
        .assert()
        .success();
}

#[test]
fn json_output_has_the_event() {
    let output = leat()
        .args([
            "-o",
            "json",
            "webhooks",
            "verify",
            "--signature",
            &signature(),
            "--secret",
            SECRET,
        ])
        .write_stdin(BODY)
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["valid"], true);
    assert_eq!(document["data"]["contact"]["uuid"], "c1");
}

#[test]
fn without_a_secret_it_is_a_usage_error() {
    leat()
        .args(["webhooks", "verify", "--signature", &signature()])
        .write_stdin(BODY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("LEAT_WEBHOOK_SECRET"));
}

#[test]
fn help_and_readme_say_a_missing_secret_exits_2() {
    let help = leat()
        .args(["webhooks", "verify", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("2 when there is no secret to verify with"),
        "{help}"
    );
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        readme.contains("exit 2 when there is no secret to verify with"),
        "README.md does not say what `leat webhooks verify` does without a secret"
    );
}

#[test]
fn a_signed_body_that_is_not_an_event_exits_1_naming_why() {
    let body = r#"["contact_created",{}]"#;
    verify(&leat::webhooks::sign(body.as_bytes(), SECRET), SECRET)
        .write_stdin(body)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not_an_event"))
        .stderr(predicate::str::contains("a JSON array"));
}

#[test]
fn an_unreadable_file_is_a_usage_error() {
    verify(&signature(), SECRET)
        .arg("/nonexistent/delivery.json")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/delivery.json"));
}
