//! `leat mock`: the mock Leat API as a command, its credentials printed for scripts, stopped
//! by Ctrl-C.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::leat;

#[test]
fn mock_prints_its_credentials_serves_the_api_and_stops_on_ctrl_c() {
    // A port that was free a moment ago.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_leat"))
        .args(["mock", "--output", "json", "--api-key", "cli-mock-key"])
        .args(["--port", &port])
        .stdout(Stdio::piped())
        .spawn()
        .expect("leat mock starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let started: Value = serde_json::from_str(&first_line).expect(&first_line);
    assert_eq!(started["api_key"], "cli-mock-key");
    let url = started["url"].as_str().unwrap();
    assert!(
        url.ends_with(&format!(":{port}")),
        "{url} is on port {port}"
    );
    for field in ["url", "client_id", "client_secret", "webhook_secret"] {
        assert!(started[field].is_string(), "{field}: {started}");
    }
    leat()
        .env("LEAT_BASE_URL", started["url"].as_str().unwrap())
        .env("LEAT_CLIENT_ID", started["client_id"].as_str().unwrap())
        .env(
            "LEAT_CLIENT_SECRET",
            started["client_secret"].as_str().unwrap(),
        )
        .args(["subscriptions", "list"])
        .assert()
        .success();
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

/// Starts `leat mock` with `args` on a free port; the child and its first (JSON) line.
fn start_mock(args: &[&str]) -> (std::process::Child, Value) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_leat"))
        .args(["mock", "--output", "json", "--port", &port])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("leat mock starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let started: Value = serde_json::from_str(&first_line).expect(&first_line);
    (child, started)
}

fn stop(mut child: std::process::Child) {
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn mock_serves_the_account_of_its_state_file_with_seeded_uuids() {
    let account = format!(
        "{}/../../examples/mock-account.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = || {
        let (child, started) = start_mock(&["--seed", "1", "--state", &account]);
        let call = |args: &[&str]| {
            let output = leat()
                .env("LEAT_BASE_URL", started["url"].as_str().unwrap())
                .env("LEAT_API_KEY", started["api_key"].as_str().unwrap())
                .args(args)
                .output()
                .unwrap();
            assert!(output.status.success(), "{args:?}: {output:?}");
            serde_json::from_slice::<Value>(&output.stdout).unwrap()
        };
        // Jane, with the 120 credits the file gives her.
        let balance = call(&[
            "contacts",
            "get-credit-balance",
            "8a1f0f6e-2b7c-4d3e-9f10-000000000006",
        ]);
        assert_eq!(balance["balance"], 120, "{balance}");
        let made = call(&[
            "contacts",
            "find-or-create",
            "--email",
            "seeded@example.com",
        ]);
        stop(child);
        made["uuid"].as_str().unwrap().to_owned()
    };
    // The same seed makes the same uuid in another process.
    assert_eq!(run(), run());
}

#[test]
fn mock_refuses_a_state_file_that_is_not_an_account_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("account.json");
    std::fs::write(
        &file,
        r#"{"rewards": [{"title": "Free", "required_credits": -1}]}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_leat"))
        .args(["mock", "--port", "0", "--state"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("rewards[0].required_credits is -1"),
        "{stderr}"
    );
}
