//! `leat subscriptions apply FILE`: the plan, carrying it out, running it again, and
//! finishing after a failure half-way without duplicates.

use leat_mock::Fault;
use predicates::prelude::*;
use serde_json::Value;

use crate::common::{examples, file_with, stderr_of, stdout_of, text, Mock};

const THREE: &str = r#"
[[subscription]]
name = "New members"
event_type = "contact_created"
url = "https://example.com/hooks/members"

[[subscription]]
name = "Vouchers"
event_type = "voucher_redeemed"
url = "https://example.com/hooks/vouchers"

[[subscription]]
name = "Referrals"
event_type = "referral_completed"
url = "https://example.com/hooks/referrals"
status = "INACTIVE"
"#;

fn wanted_names() -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = [
        ("New members", "contact_created"),
        ("Referrals", "referral_completed"),
        ("Vouchers", "voucher_redeemed"),
    ]
    .iter()
    .map(|(n, e)| (n.to_string(), e.to_string()))
    .collect();
    names.sort();
    names
}

fn apply(mock: &Mock, file: &tempfile::NamedTempFile, extra: &[&str]) -> std::process::Output {
    mock.leat()
        .args(["subscriptions", "apply"])
        .arg(file.path())
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn apply_creates_what_is_missing_as_the_file_says() {
    let mock = Mock::start();
    let file = file_with(THREE);
    let output = apply(&mock, &file, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    assert_eq!(stdout.matches("+ create").count(), 3, "{stdout}");
    assert!(
        stdout.contains("Done: 3 created, 0 updated, 0 deleted, 0 unchanged."),
        "{stdout}"
    );
    assert_eq!(mock.names(), wanted_names());
    let referrals = mock
        .subscriptions()
        .into_iter()
        .find(|s| text(s, "name") == "Referrals")
        .unwrap();
    assert_eq!(text(&referrals, "status"), "INACTIVE");
}

#[test]
fn applying_twice_changes_nothing_the_second_time() {
    let mock = Mock::start();
    let file = file_with(THREE);
    assert!(apply(&mock, &file, &[]).status.success());
    mock.server.clear_requests();
    let output = apply(&mock, &file, &[]);
    assert!(output.status.success());
    let stdout = stdout_of(&output);
    assert_eq!(stdout.matches("= unchanged").count(), 3, "{stdout}");
    assert!(
        stdout.contains("Nothing to change: 3 unchanged."),
        "{stdout}"
    );
    let changes: Vec<String> = mock
        .server
        .requests()
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(changes, ["GET"], "only the listing is sent");
}

#[test]
fn a_dry_run_prints_the_plan_and_changes_nothing() {
    let mock = Mock::start();
    let file = file_with(THREE);
    let output = apply(&mock, &file, &["--dry-run"]);
    assert!(output.status.success());
    let stdout = stdout_of(&output);
    assert_eq!(stdout.matches("+ create").count(), 3, "{stdout}");
    assert!(
        stdout.contains("Dry run, nothing was changed: 3 to create"),
        "{stdout}"
    );
    assert!(mock.subscriptions().is_empty());
    let methods: Vec<String> = mock
        .server
        .requests()
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(methods, ["GET"]);
}

#[test]
fn a_changed_url_and_status_are_one_update() {
    let mock = Mock::start();
    let uuid = mock.seed(
        "Vouchers",
        "voucher_redeemed",
        "https://old.example.com/hooks",
    );
    let file = file_with(
        r#"
[[subscription]]
name = "Vouchers"
event_type = "voucher_redeemed"
url = "https://new.example.com/hooks"
status = "INACTIVE"
"#,
    );
    let output = apply(&mock, &file, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    assert!(
        stdout.contains(&format!("~ update    \"Vouchers\" voucher_redeemed {uuid}")),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("url \"https://old.example.com/hooks\" -> \"https://new.example.com/hooks\""),
        "{stdout}"
    );
    let stored = &mock.subscriptions()[0];
    assert_eq!(text(stored, "url"), "https://new.example.com/hooks");
    assert_eq!(text(stored, "status"), "INACTIVE");
    assert_eq!(mock.requests("PUT").len(), 1);
}

#[test]
fn without_prune_unlisted_subscriptions_stay() {
    let mock = Mock::start();
    mock.seed("Old hook", "contact_created", "https://example.com/old");
    let file = file_with(THREE);
    let output = apply(&mock, &file, &[]);
    assert!(!stdout_of(&output).contains("- delete"));
    assert_eq!(mock.subscriptions().len(), 4);
}

#[test]
fn prune_deletes_what_the_file_does_not_list() {
    let mock = Mock::start();
    let old = mock.seed("Old hook", "contact_created", "https://example.com/old");
    let file = file_with(THREE);
    let output = apply(&mock, &file, &["--prune"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    assert!(
        stdout.contains(&format!("- delete    \"Old hook\" contact_created {old}")),
        "{stdout}"
    );
    assert_eq!(mock.names(), wanted_names());
}

#[test]
fn duplicates_at_leat_are_reported_and_left_alone() {
    let mock = Mock::start();
    let first = mock.seed("Vouchers", "voucher_redeemed", "https://example.com/a");
    let second = mock.seed("Vouchers", "voucher_redeemed", "https://example.com/b");
    let file = file_with(THREE);
    let output = apply(&mock, &file, &["--prune"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    assert!(stdout.contains("! duplicate"), "{stdout}");
    assert!(
        stdout.contains(&first) && stdout.contains(&second),
        "{stdout}"
    );
    let urls: Vec<String> = mock
        .subscriptions()
        .iter()
        .filter(|s| text(s, "name") == "Vouchers")
        .map(|s| text(s, "url"))
        .collect();
    assert_eq!(urls, ["https://example.com/a", "https://example.com/b"]);
}

#[test]
fn an_event_type_leat_cannot_change_is_reported_and_a_new_subscription_made() {
    let mock = Mock::start();
    let old = mock.seed(
        "New members",
        "contact_updated",
        "https://example.com/hooks/members",
    );
    let file = file_with(THREE);
    let output = apply(&mock, &file, &[]);
    let stdout = stdout_of(&output);
    assert!(stdout.contains("! event type"), "{stdout}");
    assert!(
        stdout.contains(&format!("{old} (contact_updated)")),
        "{stdout}"
    );
    assert!(
        stdout.contains("Leat cannot change the event type"),
        "{stdout}"
    );
    assert_eq!(
        mock.subscriptions().len(),
        4,
        "the old one stays without --prune"
    );
}

#[test]
fn a_secret_for_an_existing_subscription_is_reported_as_not_checked() {
    let mock = Mock::start();
    mock.seed(
        "New members",
        "contact_created",
        "https://example.com/hooks/members",
    );
    let file = file_with(
        r#"
[[subscription]]
name = "New members"
event_type = "contact_created"
url = "https://example.com/hooks/members"
secret_env = "LEAT_WHSEC_MEMBERS"
"#,
    );
    let output = apply(&mock, &file, &[]);
    let stdout = stdout_of(&output);
    assert!(stdout.contains("= unchanged"), "{stdout}");
    assert!(stdout.contains("! secret"), "{stdout}");
    assert!(
        stdout.contains("cannot change it after creation"),
        "{stdout}"
    );
}

#[test]
fn a_new_subscription_gets_the_secret_from_the_named_variable_which_is_never_printed() {
    let mock = Mock::start();
    let file = file_with(
        r#"
[[subscription]]
name = "New members"
event_type = "contact_created"
url = "https://example.com/hooks/members"
secret_env = "LEAT_WHSEC_MEMBERS"
"#,
    );
    let output = mock
        .leat()
        .env("LEAT_WHSEC_MEMBERS", "whsec_from_env_77")
        .args(["subscriptions", "apply"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(
        mock.requests("POST")[0].json().unwrap()["secret"],
        "whsec_from_env_77"
    );
    let printed = format!("{}{}", stdout_of(&output), stderr_of(&output));
    assert!(!printed.contains("whsec_from_env_77"), "{printed}");
}

#[test]
fn a_missing_secret_variable_stops_the_run_before_anything_changes() {
    let mock = Mock::start();
    let file = file_with(&format!(
        "{THREE}\n[[subscription]]\nname = \"Secret\"\nevent_type = \"contact_created\"\n\
         url = \"https://example.com/s\"\nsecret_env = \"LEAT_WHSEC_MEMBERS\"\n"
    ));
    apply_assert(&mock, &file)
        .code(2)
        .stderr(predicate::str::contains(
            "LEAT_WHSEC_MEMBERS, which is not set",
        ));
    assert!(mock.subscriptions().is_empty());
}

/// A valid first entry, then `second`: the first must not be created when the second is bad.
fn valid_then(second: &str) -> tempfile::NamedTempFile {
    file_with(&format!(
        "[[subscription]]\nname = \"New members\"\nevent_type = \"contact_created\"\n\
         url = \"https://example.com/hooks/members\"\n\n[[subscription]]\n{second}"
    ))
}

#[test]
fn a_bad_url_in_a_later_entry_stops_the_run_before_the_first_is_created() {
    let mock = Mock::start();
    let file = valid_then(
        "name = \"Vouchers\"\nevent_type = \"voucher_redeemed\"\nurl = \"ftp://example.com/v\"\n",
    );
    apply_assert(&mock, &file)
        .code(2)
        .stderr(predicate::str::contains("\"Vouchers\" at line 6"))
        .stderr(predicate::str::contains("ftp://example.com/v"));
    assert!(mock.requests("POST").is_empty());
    assert!(mock.subscriptions().is_empty());
}

#[test]
fn every_value_the_core_refuses_stops_the_run_before_anything_is_sent() {
    let mock = Mock::start();
    for (second, named) in [
        ("name = \" \"\nevent_type = \"voucher_redeemed\"\nurl = \"https://e.com/v\"\n", "`name`"),
        ("name = \"V\"\nevent_type = \"\"\nurl = \"https://e.com/v\"\n", "`event_type`"),
        ("name = \"V\"\nevent_type = \"voucher_redeemed\"\nurl = \"https:///v\"\n", "`url`"),
        ("name = \"V\"\nevent_type = \"voucher_redeemed\"\nurl = \"e.com/v\"\n", "`url`"),
        (
            "name = \"V\"\nevent_type = \"contact_updated\"\nurl = \"https://e.com/v\"\nattributes = [\"\"]\n",
            "`attributes`",
        ),
        (
            "name = \"V\"\nevent_type = \"voucher_redeemed\"\nurl = \"https://e.com/v\"\nstatus = \"paused\"\n",
            "status",
        ),
    ] {
        apply_assert(&mock, &valid_then(second))
            .code(2)
            .stderr(predicate::str::contains(named));
    }
    assert!(mock.server.requests().is_empty());
}

#[test]
fn an_unknown_event_type_stops_the_run_unless_allowed() {
    let mock = Mock::start();
    let second = "name = \"Typo\"\nevent_type = \"contact_craeted\"\nurl = \"https://e.com/t\"\n";
    apply_assert(&mock, &valid_then(second))
        .code(2)
        .stderr(predicate::str::contains("\"contact_craeted\""))
        .stderr(predicate::str::contains("--allow-unknown-event-types"));
    assert!(mock.server.requests().is_empty());
    let file = valid_then(second);
    let output = apply(&mock, &file, &["--allow-unknown-event-types", "--dry-run"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("contact_craeted"));
}

#[test]
fn a_contact_updated_step_without_attributes_to_send_stops_the_run_before_anything_changes() {
    let mock = Mock::start();
    // Created, then switched off: that update needs attributes, and the entry has none.
    let file = valid_then(
        "name = \"Name changes\"\nevent_type = \"contact_updated\"\n\
         url = \"https://e.com/n\"\nstatus = \"INACTIVE\"\n",
    );
    apply_assert(&mock, &file)
        .code(2)
        .stderr(predicate::str::contains(
            "\"Name changes\" (contact_updated)",
        ))
        .stderr(predicate::str::contains("attributes = ["))
        .stderr(predicate::str::contains("nothing was changed"));
    assert!(mock.requests("POST").is_empty());
    // An existing one watching nothing, whose URL the file changes.
    mock.seed("Name changes", "contact_updated", "https://e.com/old");
    mock.server.clear_requests();
    let file = valid_then(
        "name = \"Name changes\"\nevent_type = \"contact_updated\"\nurl = \"https://e.com/n\"\n",
    );
    apply_assert(&mock, &file).code(2);
    assert!(mock.requests("POST").is_empty() && mock.requests("PUT").is_empty());
}

fn apply_assert(mock: &Mock, file: &tempfile::NamedTempFile) -> assert_cmd::assert::Assert {
    mock.leat()
        .args(["subscriptions", "apply"])
        .arg(file.path())
        .assert()
}

#[test]
fn an_inline_secret_is_refused_before_anything_is_sent() {
    let mock = Mock::start();
    let file = file_with(&format!("{THREE}secret = \"whsec_inline\"\n"));
    apply_assert(&mock, &file)
        .code(2)
        .stderr(predicate::str::contains("inline secret"))
        .stderr(predicate::str::contains("secret_env"))
        .stderr(predicate::str::contains("whsec_inline").not());
    assert!(mock.server.requests().is_empty());
}

#[test]
fn a_file_that_is_not_toml_is_a_usage_error_with_its_line() {
    let mock = Mock::start();
    let file = file_with("[[subscription]]\nname = \"x\n");
    apply_assert(&mock, &file)
        .code(2)
        .stderr(predicate::str::contains("not a valid subscriptions file"))
        .stderr(predicate::str::contains("line 2"));
    assert!(mock.server.requests().is_empty());
}

#[test]
fn an_unreadable_file_is_a_usage_error_naming_it() {
    let mock = Mock::start();
    mock.leat()
        .args(["subscriptions", "apply", "/nonexistent/subscriptions.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "could not read the file /nonexistent/subscriptions.toml",
        ));
}

#[test]
fn after_a_refused_create_the_next_run_finishes_without_duplicates() {
    let mock = Mock::start();
    // The first create goes through; the second is refused without Leat acting.
    mock.server.script(vec![
        Fault::delay(std::time::Duration::ZERO).on_method("POST"),
        Fault::status(500).on_method("POST"),
    ]);
    let file = file_with(THREE);
    let first = apply(&mock, &file, &[]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr_of(&first));
    assert!(
        stderr_of(&first).contains("Run apply again to finish"),
        "{}",
        stderr_of(&first)
    );
    assert_eq!(mock.subscriptions().len(), 1);
    let second = apply(&mock, &file, &[]);
    assert!(second.status.success(), "{}", stderr_of(&second));
    let stdout = stdout_of(&second);
    assert_eq!(stdout.matches("= unchanged").count(), 1, "{stdout}");
    assert_eq!(stdout.matches("+ create").count(), 2, "{stdout}");
    assert_eq!(mock.names(), wanted_names());
}

#[test]
fn after_a_dropped_connection_the_next_run_finishes_without_duplicates() {
    let mock = Mock::start();
    mock.server.script(vec![
        Fault::delay(std::time::Duration::ZERO).on_method("POST"),
        Fault::drop_connection().on_method("POST"),
    ]);
    let file = file_with(THREE);
    assert_eq!(apply(&mock, &file, &[]).status.code(), Some(3));
    assert_eq!(mock.subscriptions().len(), 1);
    assert!(apply(&mock, &file, &[]).status.success());
    assert_eq!(mock.names(), wanted_names());
}

#[test]
fn after_a_create_whose_answer_was_lost_the_next_run_does_not_create_it_again() {
    let mock = Mock::start();
    // The second create is carried out, but its answer cannot be read: its outcome is
    // unknown to the first run, which stops; the next run finds it at Leat.
    mock.server.script(vec![
        Fault::delay(std::time::Duration::ZERO).on_method("POST"),
        Fault::malformed_body().on_method("POST"),
    ]);
    let file = file_with(THREE);
    let first = apply(&mock, &file, &[]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr_of(&first));
    assert_eq!(mock.subscriptions().len(), 2);
    let second = apply(&mock, &file, &[]);
    assert!(second.status.success(), "{}", stderr_of(&second));
    assert_eq!(stdout_of(&second).matches("+ create").count(), 1);
    assert_eq!(mock.names(), wanted_names());
}

#[test]
fn json_output_is_one_document_with_the_plan_and_what_was_done() {
    let mock = Mock::start();
    let file = file_with(THREE);
    let output = apply(&mock, &file, &["--output", "json"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["applied"], true);
    assert_eq!(document["summary"]["create"], 3);
    let steps = document["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    for step in steps {
        assert_eq!(step["action"], "create");
        assert_eq!(step["done"], true);
        assert!(step["uuid"].is_string(), "{step}");
    }
    assert_eq!(steps[2]["changes"][0]["to"], "INACTIVE");
}

#[test]
fn the_example_file_applies_and_then_is_unchanged() {
    let mock = Mock::start();
    let file = examples().join("subscriptions.toml");
    let run = || {
        mock.leat()
            .env("LEAT_WHSEC_MEMBERS", "whsec_example")
            .args(["subscriptions", "apply"])
            .arg(&file)
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    let again = run();
    assert!(
        stdout_of(&again).contains("Nothing to change: 4 unchanged"),
        "{}",
        stdout_of(&again)
    );
}
