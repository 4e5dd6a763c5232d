//! The command line itself: help, version, completions, colour, and usage errors.

use predicates::prelude::*;

use crate::common::{leat, Mock};

#[test]
fn version_prints_the_crate_version() {
    leat()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("leat {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_lists_the_exit_statuses() {
    leat()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status:"))
        .stdout(predicate::str::contains("3    connection failure"))
        .stdout(predicate::str::contains("130  stopped by Ctrl-C"));
}

#[test]
fn every_command_s_help_shows_an_example() {
    let commands: [&[&str]; 15] = [
        &["subscriptions"],
        &["subscriptions", "list"],
        &["subscriptions", "get"],
        &["subscriptions", "create"],
        &["subscriptions", "update"],
        &["subscriptions", "delete"],
        &["subscriptions", "apply"],
        &["webhooks"],
        &["webhooks", "send"],
        &["webhooks", "verify"],
        &["mock"],
        &["completions"],
        &["operations"],
        &["contacts"],
        &["contacts", "find-one-by"],
    ];
    for command in commands {
        leat()
            .args(command)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn an_unknown_command_exits_2_with_a_suggestion() {
    leat()
        .args(["subscription", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unrecognized subcommand 'subscription'",
        ))
        .stderr(predicate::str::contains("subscriptions"));
}

#[test]
fn a_missing_flag_exits_2_naming_it() {
    leat()
        .args([
            "subscriptions",
            "create",
            "--name",
            "x",
            "--url",
            "https://example.com",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--event-type <TYPE>"));
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_leat()"),
        ("zsh", "#compdef leat"),
        ("fish", "complete -c leat"),
    ] {
        leat()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker))
            // The commands of Leat's operations, and their flags, are completed too.
            .stdout(predicate::str::contains("find-one-by"))
            .stdout(predicate::str::contains("contact-identifier-value"));
    }
}

#[test]
fn colour_is_used_only_when_asked_for_and_never_with_no_color() {
    let mock = Mock::start();
    mock.seed(
        "New members",
        "contact_created",
        "https://example.com/hooks",
    );
    let escape = predicate::str::contains("\u{1b}[");
    // Off a terminal, no colour.
    mock.leat()
        .env_remove("NO_COLOR")
        .args(["subscriptions", "list"])
        .assert()
        .success()
        .stdout(escape.clone().not());
    // Forced on, colour...
    mock.leat()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["subscriptions", "list"])
        .assert()
        .success()
        .stdout(escape.clone());
    // ...unless NO_COLOR is set.
    mock.leat()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["subscriptions", "list"])
        .assert()
        .success()
        .stdout(escape.not());
}
