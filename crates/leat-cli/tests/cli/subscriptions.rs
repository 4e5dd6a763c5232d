//! `leat subscriptions list|get|create|update|delete`, in table and JSON output, and how
//! failures show.

use leat::CreateParams;
use predicates::prelude::*;
use serde_json::Value;

use crate::common::{closed_url, leat, stderr_of, stdout_of, text, Mock};

const URL: &str = "https://example.com/hooks";

#[test]
fn list_prints_a_table_with_a_header_and_one_row_each() {
    let mock = Mock::start();
    let uuid = mock.seed("New members", "contact_created", URL);
    mock.seed("Vouchers", "voucher_redeemed", URL);
    let output = mock
        .leat()
        .args(["subscriptions", "list"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with("UUID"), "{stdout}");
    assert!(lines[0].contains("EVENT TYPE"), "{stdout}");
    assert!(lines[1].starts_with(&uuid), "{stdout}");
    assert!(
        lines[1].contains("New members") && lines[1].contains("ACTIVE"),
        "{stdout}"
    );
    assert!(lines[2].contains("voucher_redeemed"), "{stdout}");
}

#[test]
fn list_with_json_output_prints_leat_s_objects() {
    let mock = Mock::start();
    let uuid = mock.seed("New members", "contact_created", URL);
    let output = mock
        .leat()
        .args(["subscriptions", "list", "--output", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let listed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let first = &listed[0];
    assert_eq!(text(first, "uuid"), uuid);
    assert_eq!(text(first, "event_type"), "contact_created");
    assert_eq!(text(first, "status"), "ACTIVE");
    assert!(first["created_at"].is_string());
}

#[test]
fn list_filters_by_event_type_and_status() {
    let mock = Mock::start();
    mock.seed("New members", "contact_created", URL);
    mock.seed("Vouchers", "voucher_redeemed", URL);
    let output = mock
        .leat()
        .args([
            "subs",
            "ls",
            "--event-type",
            "voucher_redeemed",
            "--status",
            "ACTIVE",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| text(s, "name"))
        .collect();
    assert_eq!(names, ["Vouchers"]);
    let query = mock.requests("GET")[0].query.clone().unwrap_or_default();
    assert!(query.contains("event_type=voucher_redeemed") && query.contains("status=ACTIVE"));
}

#[test]
fn an_empty_account_lists_as_a_sentence() {
    let mock = Mock::start();
    mock.leat()
        .args(["subscriptions", "list"])
        .assert()
        .success()
        .stdout("No webhook subscriptions.\n");
}

#[test]
fn get_shows_every_field_by_leat_s_name() {
    let mock = Mock::start();
    let uuid = mock.seed("New members", "contact_created", URL);
    let output = mock
        .leat()
        .args(["subscriptions", "get", &uuid])
        .output()
        .unwrap();
    let stdout = stdout_of(&output);
    for field in [
        "uuid",
        "name",
        "event_type",
        "url",
        "status",
        "properties",
        "version",
        "created_at",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(field)),
            "{field} missing: {stdout}"
        );
    }
    assert!(stdout.contains(&uuid) && stdout.contains(URL), "{stdout}");
}

#[test]
fn get_shows_fields_leat_added_after_the_known_ones() {
    let mock = Mock::start();
    let answer = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/responses/get_extra_fields.json"
    ))
    .unwrap();
    mock.server
        .script(vec![leat_mock::Fault::status(200).body(answer)]);
    let output = mock
        .leat()
        .args([
            "subscriptions",
            "get",
            "59165ef0-1afd-4baf-b1f7-ffee287aff32",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    let names: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        [
            "uuid",
            "name",
            "event_type",
            "url",
            "properties",
            "status",
            "version",
            "created_at",
            "updated_at",
            "retries"
        ],
        "{stdout}"
    );
    assert!(stdout.contains(r#"{"max":5}"#), "{stdout}");
}

#[test]
fn get_of_an_unknown_uuid_exits_1_with_leat_s_code_and_message() {
    let mock = Mock::start();
    mock.leat()
        .args([
            "subscriptions",
            "get",
            "0b5e9e2e-0000-4000-8000-000000000000",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("NotFoundError"))
        .stderr(predicate::str::contains("code 80300"))
        .stderr(predicate::str::contains("Webhook subscription not found"));
}

#[test]
fn an_api_error_with_json_output_is_a_json_document_on_stderr() {
    let mock = Mock::start();
    let output = mock
        .leat()
        .args([
            "-o",
            "json",
            "subscriptions",
            "get",
            "0b5e9e2e-0000-4000-8000-000000000000",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stderr).unwrap();
    let error = &document["error"];
    assert_eq!(error["class"], "NotFoundError");
    assert_eq!(error["code"], 80300);
    assert_eq!(error["status_code"], 400);
    assert!(error["request_id"].is_string(), "{document}");
}

#[test]
fn create_prints_the_new_subscription() {
    let mock = Mock::start();
    let output = mock
        .leat()
        .args(["subscriptions", "create", "--name", "New members"])
        .args([
            "--event-type",
            "contact_created",
            "--url",
            URL,
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let created: Value = serde_json::from_slice(&output.stdout).unwrap();
    let stored = mock.subscriptions();
    assert_eq!(stored.len(), 1);
    assert_eq!(text(&created, "uuid"), text(&stored[0], "uuid"));
    assert_eq!(text(&created, "name"), "New members");
}

#[test]
fn create_sends_the_secret_and_attributes_but_never_prints_the_secret() {
    let mock = Mock::start();
    let output = mock
        .leat()
        .args([
            "subscriptions",
            "create",
            "--name",
            "Names",
            "--event-type",
            "contact_updated",
        ])
        .args(["--url", URL, "--secret", "whsec_hidden_42"])
        .args(["--attribute", "firstname", "--attribute", "lastname"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let sent = mock.requests("POST")[0].json().unwrap();
    assert_eq!(sent["secret"], "whsec_hidden_42");
    assert_eq!(
        sent["attributes"],
        serde_json::json!(["firstname", "lastname"])
    );
    let printed = format!("{}{}", stdout_of(&output), stderr_of(&output));
    assert!(!printed.contains("whsec_hidden_42"), "{printed}");
    assert!(printed.contains("firstname, lastname"), "{printed}");
}

#[test]
fn a_value_the_core_refuses_is_a_usage_error_and_nothing_is_sent() {
    let mock = Mock::start();
    mock.leat()
        .args([
            "subscriptions",
            "create",
            "--name",
            "x",
            "--event-type",
            "contact_created",
        ])
        .args(["--url", "not a url"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ValidationError"))
        .stderr(predicate::str::contains("url"));
    assert!(mock.requests("POST").is_empty());
}

#[test]
fn update_changes_what_is_given() {
    let mock = Mock::start();
    let uuid = mock.seed("New members", "contact_created", URL);
    mock.leat()
        .args(["subscriptions", "update", &uuid, "--status", "INACTIVE"])
        .assert()
        .success()
        .stdout(predicate::str::contains("INACTIVE"));
    assert_eq!(text(&mock.subscriptions()[0], "status"), "INACTIVE");
    assert_eq!(
        mock.requests("PUT")[0].json().unwrap(),
        serde_json::json!({"status": "INACTIVE"})
    );
}

#[test]
fn update_of_contact_updated_without_attributes_sends_the_current_ones_again() {
    let mock = Mock::start();
    let uuid = mock.seed_params(
        CreateParams::new("Name changes", "contact_updated", URL)
            .attributes(["firstname", "lastname"]),
    );
    mock.leat()
        .args(["subscriptions", "update", &uuid, "--name", "Renamed"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Renamed"));
    assert_eq!(
        mock.requests("PUT")[0].json().unwrap(),
        serde_json::json!({"name": "Renamed", "attributes": ["firstname", "lastname"]})
    );
    let updated = &mock.subscriptions()[0];
    assert_eq!(text(updated, "name"), "Renamed");
    assert_eq!(
        updated["properties"],
        serde_json::json!(["firstname", "lastname"])
    );
}

#[test]
fn update_of_contact_updated_with_attributes_sends_only_those() {
    let mock = Mock::start();
    let uuid = mock.seed_params(
        CreateParams::new("Name changes", "contact_updated", URL).attributes(["firstname"]),
    );
    mock.leat()
        .args(["subscriptions", "update", &uuid, "--attribute", "email"])
        .assert()
        .success();
    assert!(mock.requests("GET").is_empty());
    assert_eq!(
        mock.requests("PUT")[0].json().unwrap(),
        serde_json::json!({"attributes": ["email"]})
    );
}

#[test]
fn update_of_contact_updated_watching_nothing_is_refused_before_changing_it() {
    let mock = Mock::start();
    let uuid = mock.seed("Name changes", "contact_updated", URL);
    mock.leat()
        .args(["subscriptions", "update", &uuid, "--name", "Renamed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--attribute"))
        .stderr(predicate::str::contains("nothing was changed"));
    assert!(mock.requests("PUT").is_empty());
}

#[test]
fn update_help_says_the_current_attributes_are_read_and_sent_again() {
    leat()
        .args(["subscriptions", "update", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "reads the subscription first and sends its current ones again",
        ));
}

#[test]
fn update_without_a_change_is_a_usage_error() {
    let mock = Mock::start();
    mock.leat()
        .args([
            "subscriptions",
            "update",
            "0b5e9e2e-0000-4000-8000-000000000000",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--name"));
    assert!(mock.requests("PUT").is_empty());
}

#[test]
fn a_status_leat_does_not_accept_is_a_usage_error() {
    leat()
        .args(["subscriptions", "list", "--status", "PAUSED"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ACTIVE").and(predicate::str::contains("INACTIVE")));
}

#[test]
fn delete_with_yes_deletes() {
    let mock = Mock::start();
    let uuid = mock.seed("New members", "contact_created", URL);
    mock.leat()
        .args(["subscriptions", "delete", &uuid, "--yes"])
        .assert()
        .success()
        .stdout(format!("Deleted subscription {uuid}.\n"));
    assert!(mock.subscriptions().is_empty());
}

#[test]
fn delete_off_a_terminal_without_yes_refuses_and_keeps_it() {
    let mock = Mock::start();
    let uuid = mock.seed("New members", "contact_created", URL);
    mock.leat()
        .args(["subscriptions", "delete", &uuid])
        .write_stdin("y\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert_eq!(mock.subscriptions().len(), 1);
}

#[test]
fn oauth_client_credentials_come_from_the_environment() {
    let mock = Mock::start();
    leat()
        .env("LEAT_BASE_URL", mock.server.url())
        .env("LEAT_CLIENT_ID", mock.server.client_id())
        .env("LEAT_CLIENT_SECRET", mock.server.client_secret())
        .args(["subscriptions", "list"])
        .assert()
        .success();
    assert_eq!(mock.server.token_requests(), 1);
}

#[test]
fn oauth_client_credentials_come_from_the_flags() {
    let mock = Mock::start();
    leat()
        .env("LEAT_BASE_URL", mock.server.url())
        .args(["subscriptions", "list"])
        .args(["--client-id", mock.server.client_id()])
        .args(["--client-secret", mock.server.client_secret()])
        .assert()
        .success();
    assert_eq!(mock.server.token_requests(), 1);
}

#[test]
fn a_credential_on_the_command_line_wins_over_the_environment() {
    let mock = Mock::start();
    leat()
        .env("LEAT_BASE_URL", mock.server.url())
        .env("LEAT_API_KEY", "not-the-key")
        .env("LEAT_CLIENT_ID", "1")
        .args(["subscriptions", "list", "--api-key", mock.server.api_key()])
        .assert()
        .success();
}

#[test]
fn a_wrong_key_exits_1_as_an_authentication_error() {
    let mock = Mock::start();
    mock.leat()
        .env("LEAT_API_KEY", "wrong-key")
        .args(["subscriptions", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("AuthenticationError"))
        .stderr(predicate::str::contains("wrong-key").not());
}

#[test]
fn no_credentials_is_a_usage_error_naming_the_options() {
    leat()
        .args(["subscriptions", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ConfigurationError"))
        .stderr(predicate::str::contains("--api-key"))
        .stderr(predicate::str::contains("LEAT_CLIENT_ID"));
}

#[test]
fn an_unreachable_leat_exits_3() {
    leat()
        .env("LEAT_API_KEY", "key")
        .args([
            "subscriptions",
            "list",
            "--base-url",
            &closed_url(),
            "--timeout",
            "5",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("APIConnectionError"));
}

#[test]
fn a_call_that_runs_out_of_time_exits_3() {
    let mock = Mock::start();
    mock.server.script(vec![leat_mock::Fault::delay(
        std::time::Duration::from_secs(3),
    )]);
    mock.leat()
        .args(["subscriptions", "list", "--timeout", "0.5"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("APITimeoutError"));
}
