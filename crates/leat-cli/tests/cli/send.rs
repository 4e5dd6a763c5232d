//! `leat webhooks send`: a signed delivery to a real local receiver that verifies it with
//! the core, retries, and bad input.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{closed_url, file_with, leat, stderr_of, stdout_of, Receiver, WEBHOOK_SECRET};

fn send(receiver: &Receiver) -> assert_cmd::Command {
    let mut command = leat();
    command
        .env("LEAT_WEBHOOK_SECRET", WEBHOOK_SECRET)
        .args(["webhooks", "send", &receiver.url]);
    command
}

#[test]
fn send_posts_a_signed_delivery_the_receiver_verifies() {
    let receiver = Receiver::start();
    let output = send(&receiver)
        .args([
            "--event-type",
            "voucher_redeemed",
            "--data",
            r#"{"voucher": {"uuid": "v-1"}}"#,
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let delivery = &received[0];
    assert_eq!(delivery.content_type.as_deref(), Some("application/json"));
    let event = leat::webhooks::construct_event(
        &delivery.body,
        delivery.signature.as_deref().unwrap(),
        &[WEBHOOK_SECRET],
    )
    .unwrap();
    assert_eq!(event.event_type, leat::EventType::VoucherRedeemed);
    assert_eq!(event.data["voucher"]["uuid"], "v-1");
    let body: Value = serde_json::from_slice(&delivery.body).unwrap();
    assert_eq!(
        body.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["type", "data"],
        "Leat's order"
    );
    let stdout = stdout_of(&output);
    assert!(stdout.contains("attempt 1: HTTP 200 OK"), "{stdout}");
    assert!(stdout.contains("accepted voucher_redeemed"), "{stdout}");
}

#[test]
fn the_body_sent_is_payload_bytes_and_the_signature_is_its_hmac() {
    let receiver = Receiver::start();
    send(&receiver)
        .args([
            "--event-type",
            "contact_created",
            "--data",
            r#"{"contact": {"uuid": "c1"}}"#,
        ])
        .assert()
        .success();
    let delivery = &receiver.received()[0];
    let expected = leat_cli::payload_bytes(
        "contact_created",
        &serde_json::json!({"contact": {"uuid": "c1"}}),
    );
    assert_eq!(delivery.body.as_ref(), expected.as_slice());
    assert_eq!(
        delivery.signature.as_deref(),
        Some(leat::webhooks::sign(&expected, WEBHOOK_SECRET).as_str())
    );
}

#[test]
fn without_data_a_sample_for_the_event_type_is_sent() {
    let receiver = Receiver::start();
    send(&receiver)
        .args(["--event-type", "referral_completed"])
        .assert()
        .success();
    let body: Value = serde_json::from_slice(&receiver.received()[0].body).unwrap();
    assert_eq!(body["type"], "referral_completed");
    assert!(body["data"]["referral"]["uuid"].is_string(), "{body}");
}

#[test]
fn data_can_come_from_a_file() {
    let receiver = Receiver::start();
    let file = file_with(r#"{"contact": {"uuid": "from-file"}}"#);
    send(&receiver)
        .args(["--event-type", "contact_created", "--data"])
        .arg(format!("@{}", file.path().display()))
        .assert()
        .success();
    let body: Value = serde_json::from_slice(&receiver.received()[0].body).unwrap();
    assert_eq!(body["data"]["contact"]["uuid"], "from-file");
}

#[test]
fn a_refused_delivery_is_retried_until_the_receiver_accepts() {
    let receiver = Receiver::refusing_first(2);
    let output = send(&receiver)
        .args([
            "--event-type",
            "contact_created",
            "--retries",
            "3",
            "--backoff",
            "0.01",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(receiver.received().len(), 3);
    let stdout = stdout_of(&output);
    assert!(
        stdout.contains("attempt 1: HTTP 500 Internal Server Error"),
        "{stdout}"
    );
    assert!(stdout.contains("retrying in 0.0 s"), "{stdout}");
    assert!(stdout.contains("attempt 3: HTTP 200 OK"), "{stdout}");
}

#[test]
fn a_delivery_the_receiver_refuses_exits_1() {
    let receiver = Receiver::start();
    leat()
        .args([
            "webhooks",
            "send",
            &receiver.url,
            "--event-type",
            "contact_created",
        ])
        .args(["--secret", "not-the-receiver-s-secret"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("HTTP 400 Bad Request"))
        .stdout(predicate::str::contains("signature_mismatch"))
        .stderr(predicate::str::contains("answered HTTP 400"));
}

#[test]
fn more_than_five_retries_is_a_usage_error() {
    let receiver = Receiver::start();
    send(&receiver)
        .args(["--event-type", "contact_created", "--retries", "6"])
        .assert()
        .code(2);
    assert!(receiver.received().is_empty());
}

#[test]
fn a_receiver_that_cannot_be_reached_exits_3() {
    leat()
        .args(["webhooks", "send", &format!("{}/webhooks", closed_url())])
        .args([
            "--event-type",
            "contact_created",
            "--secret",
            WEBHOOK_SECRET,
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("could not deliver"));
}

#[test]
fn json_output_reports_each_attempt() {
    let receiver = Receiver::refusing_first(1);
    let output = send(&receiver)
        .args([
            "--event-type",
            "contact_created",
            "--retries",
            "1",
            "--backoff",
            "0",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["delivered"], true);
    assert_eq!(document["status"], 200);
    assert_eq!(document["attempts"][0]["status"], 500);
    assert_eq!(document["response_body"], "accepted contact_created");
}

#[test]
fn bad_json_in_data_is_a_usage_error_and_nothing_is_sent() {
    let receiver = Receiver::start();
    send(&receiver)
        .args(["--event-type", "contact_created", "--data", "{not json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--data is not valid JSON"));
    assert!(receiver.received().is_empty());
}

#[test]
fn data_can_come_from_stdin() {
    let receiver = Receiver::start();
    send(&receiver)
        .args(["--event-type", "voucher_redeemed", "--data", "@-"])
        .write_stdin(r#"{"voucher": {"uuid": "from-stdin"}}"#)
        .assert()
        .success();
    let received = receiver.received();
    let body: Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(body["data"]["voucher"]["uuid"], "from-stdin");
}

#[test]
fn an_unreadable_data_file_is_a_usage_error() {
    let receiver = Receiver::start();
    send(&receiver)
        .args([
            "--event-type",
            "contact_created",
            "--data",
            "@/nonexistent/data.json",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/data.json"));
    assert!(receiver.received().is_empty());
}

#[test]
fn an_unknown_event_type_needs_data() {
    let receiver = Receiver::start();
    send(&receiver)
        .args(["--event-type", "brand_new_event"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--data"));
    send(&receiver)
        .args(["--event-type", "brand_new_event", "--data", "{}"])
        .assert()
        .success();
}

#[test]
fn without_a_secret_nothing_is_sent() {
    let receiver = Receiver::start();
    leat()
        .args([
            "webhooks",
            "send",
            &receiver.url,
            "--event-type",
            "contact_created",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("LEAT_WEBHOOK_SECRET"));
    assert!(receiver.received().is_empty());
}
